/**
 * Who is asking, and what they may do (DESIGN.md §6).
 *
 * Today one bearer token exists: ADMIN_TOKEN from the configuration, granting ADMIN. The `Viewer`
 * already carries a role and an optional agency binding so that hashed, revocable tokens (ADMIN;
 * EDITOR of an agency's subtree; READER of drafts) slot in as another `TokenVerifier` without
 * touching resolvers: they only ask `requireWriter` / `canReadDrafts`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors';

export type Role = 'ADMIN' | 'EDITOR' | 'READER';

export type Viewer =
  | { readonly kind: 'anonymous' }
  /** A request whose bearer token matched nothing: treated as anonymous, but writes say why they fail. */
  | { readonly kind: 'invalid-token' }
  | { readonly kind: 'token'; readonly role: Role; readonly subject: string; readonly agencyCode: string | null };

export const ANONYMOUS: Viewer = Object.freeze({ kind: 'anonymous' });

/** Turns a presented bearer token into a viewer, or null when it is not valid. */
export interface TokenVerifier {
  verify(token: string): Promise<Viewer | null>;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** The bootstrap ADMIN token; compared in constant time (digests have equal length whatever the input). */
export function adminTokenVerifier(adminToken: string | null): TokenVerifier {
  const expected = adminToken === null ? null : digest(adminToken);
  const admin: Viewer = Object.freeze({ kind: 'token', role: 'ADMIN', subject: 'admin-token', agencyCode: null });
  return {
    async verify(token) {
      if (expected === null) return null;
      return timingSafeEqual(digest(token), expected) ? admin : null;
    },
  };
}

/** Reads `Authorization: Bearer <token>`; no header is anonymous, anything else must verify. */
export async function viewerFromAuthorization(header: string | undefined, verifier: TokenVerifier): Promise<Viewer> {
  if (header === undefined || header.trim() === '') return ANONYMOUS;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { kind: 'invalid-token' };
  return (await verifier.verify(match[1])) ?? { kind: 'invalid-token' };
}

/** The name recorded as author of a write ("submittedBy"). */
export function actorOf(viewer: Viewer): string | null {
  return viewer.kind === 'token' ? viewer.subject : null;
}

/**
 * Throws unless the viewer may write the agency's data.
 * @throws AppError UNAUTHENTICATED without a valid token, FORBIDDEN for a role that may not write.
 */
export function requireWriter(viewer: Viewer, agencyCode: string | null): void {
  switch (viewer.kind) {
    case 'anonymous':
      throw new AppError('UNAUTHENTICATED', 'this operation needs a bearer token (Authorization: Bearer <token>)');
    case 'invalid-token':
      throw new AppError('UNAUTHENTICATED', 'the bearer token is not valid');
    case 'token':
      switch (viewer.role) {
        case 'ADMIN':
          return;
        case 'EDITOR':
          // Subtree rights arrive with stored tokens; until then an editor writes its own agency only.
          if (agencyCode !== null && viewer.agencyCode === agencyCode) return;
          throw new AppError('FORBIDDEN', `role EDITOR of ${viewer.agencyCode ?? 'no agency'} may not write ${agencyCode ?? 'this'}`, {
            field: 'agencyCode',
            expected: viewer.agencyCode ?? 'none',
            received: agencyCode ?? 'null',
          });
        case 'READER':
          throw new AppError('FORBIDDEN', 'role READER may not write');
        default:
          return unreachable(viewer.role);
      }
    default:
      return unreachable(viewer);
  }
}

/** Drafts, revisions and other unpublished data: any valid token may read them (DESIGN.md §6 READER). */
export function canReadDrafts(viewer: Viewer): boolean {
  return viewer.kind === 'token';
}

function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}

/** Published reports are public; drafts only for viewers who may read drafts. */
export function canSeeReport(viewer: Viewer, report: { readonly status: 'DRAFT' | 'PUBLISHED' }): boolean {
  return report.status === 'PUBLISHED' || canReadDrafts(viewer);
}
