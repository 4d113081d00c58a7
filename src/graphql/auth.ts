/**
 * Who is asking, and what they may do (DESIGN.md §6).
 *
 * Bearer tokens come from two places: the bootstrap ADMIN_TOKEN of the configuration, and tokens
 * stored hashed in the database (Storage.createToken; `npm run tokens`), each with a role:
 *   ADMIN   everything, tokens included;
 *   EDITOR  bound to one agency: writes that agency and every agency below it, reads drafts;
 *   READER  reads drafts and revisions, writes nothing.
 * An EDITOR's subtree is taken over ANY year (an agency that was below its agency in some year of the
 * dated hierarchy): the write checks know the agency but not always one year (upsertAgency, setParent
 * spans), and reports from before a move stay correctable by the editor who filed them. The set of
 * codes is read once per request when the token is verified, so the checks below stay synchronous.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Storage, TokenRole } from '../db/api';
import { AppError } from '../errors';

export type Role = TokenRole;

/** Record<Role, …> makes the compiler insist on every role. */
const ROLE_SET: Readonly<Record<Role, true>> = { ADMIN: true, EDITOR: true, READER: true };
export const ROLES: readonly Role[] = Object.freeze(Object.keys(ROLE_SET) as Role[]);

export type TokenViewer =
  | { readonly kind: 'token'; readonly role: 'ADMIN' | 'READER'; readonly subject: string; readonly agencyCode: null }
  | {
      readonly kind: 'token';
      readonly role: 'EDITOR';
      readonly subject: string;
      readonly agencyCode: string;
      /** The codes of its agency and of every agency below it in any year. */
      readonly writableCodes: ReadonlySet<string>;
    };

export type Viewer =
  | { readonly kind: 'anonymous' }
  /** A request whose bearer token matched nothing (or was revoked): treated as anonymous, but writes say why they fail. */
  | { readonly kind: 'invalid-token' }
  | TokenViewer;

export const ANONYMOUS: Viewer = Object.freeze({ kind: 'anonymous' });

/** Turns a presented bearer token into a viewer, or null when it is not valid. */
export interface TokenVerifier {
  verify(token: string): Promise<Viewer | null>;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** The bootstrap ADMIN token; compared in constant time (digests have equal length whatever the input). */
export function adminTokenVerifier(adminToken: string | null): TokenVerifier {
  const expected = adminToken === null ? null : digest(adminToken);
  const admin: Viewer = Object.freeze({ kind: 'token', role: 'ADMIN', subject: 'admin-token', agencyCode: null } as const);
  return {
    async verify(token) {
      if (expected === null) return null;
      return timingSafeEqual(digest(token), expected) ? admin : null;
    },
  };
}

/**
 * Tokens stored by `storage` (hashed; revoked ones refused). The subject recorded as author of writes
 * is `token:<id>`; an EDITOR's writable codes are read here, once per request.
 */
export function storedTokenVerifier(storage: Pick<Storage, 'verifyToken' | 'subtreeCodes'>): TokenVerifier {
  return {
    async verify(token) {
      const found = await storage.verifyToken(token);
      if (!found) return null;
      const subject = `token:${found.id}`;
      switch (found.role) {
        case 'ADMIN':
        case 'READER':
          return Object.freeze({ kind: 'token', role: found.role, subject, agencyCode: null } as const);
        case 'EDITOR':
          // An EDITOR row always has an agency (createToken insists); without one it may write nothing.
          if (found.agencyCode === null) return null;
          return Object.freeze({
            kind: 'token', role: 'EDITOR', subject, agencyCode: found.agencyCode,
            writableCodes: new Set(await storage.subtreeCodes(found.agencyCode)),
          } as const);
        default:
          return unreachable(found.role);
      }
    },
  };
}

/** Asks each verifier in turn; the first viewer found wins. */
export function firstOfVerifiers(...verifiers: readonly TokenVerifier[]): TokenVerifier {
  return {
    async verify(token) {
      for (const verifier of verifiers) {
        const viewer = await verifier.verify(token);
        if (viewer) return viewer;
      }
      return null;
    },
  };
}

/** What the server uses: the bootstrap ADMIN_TOKEN (checked first, no query), then the stored tokens. */
export function defaultTokenVerifier(storage: Pick<Storage, 'verifyToken' | 'subtreeCodes'>, adminToken: string | null): TokenVerifier {
  return firstOfVerifiers(adminTokenVerifier(adminToken), storedTokenVerifier(storage));
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
 * Throws unless the viewer may write the agency's data: ADMIN anything; EDITOR its agency and the
 * agencies below it in any year; READER nothing. `agencyCode` null: an operation on the whole
 * database (rebuildRollups, …), ADMIN only.
 * @throws AppError UNAUTHENTICATED without a valid token, FORBIDDEN for a role that may not write it.
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
          if (agencyCode === null) throw needsAdmin('this operation', viewer.role);
          if (viewer.writableCodes.has(agencyCode)) return;
          throw new AppError('FORBIDDEN', `role EDITOR of ${viewer.agencyCode} may write ${viewer.agencyCode} and the agencies below it, not ${agencyCode}`, {
            field: 'agencyCode',
            expected: `${viewer.agencyCode} or an agency below it`,
            received: agencyCode,
          });
        case 'READER':
          throw new AppError('FORBIDDEN', 'role READER may read drafts but not write: writing needs role ADMIN, or EDITOR of the agency', {
            expected: 'ADMIN or EDITOR',
            received: 'READER',
          });
        default:
          return unreachable(viewer);
      }
    default:
      return unreachable(viewer);
  }
}

/**
 * Throws unless the viewer holds an ADMIN token (token management, whole-database operations).
 * @param operation what is refused, for the message ("createToken").
 * @throws AppError UNAUTHENTICATED without a valid token, FORBIDDEN naming the role needed for other roles.
 */
export function requireAdmin(viewer: Viewer, operation: string): void {
  switch (viewer.kind) {
    case 'anonymous':
      throw new AppError('UNAUTHENTICATED', `${operation} needs a bearer token of role ADMIN (Authorization: Bearer <token>)`);
    case 'invalid-token':
      throw new AppError('UNAUTHENTICATED', 'the bearer token is not valid');
    case 'token':
      if (viewer.role === 'ADMIN') return;
      throw needsAdmin(operation, viewer.role);
    default:
      return unreachable(viewer);
  }
}

function needsAdmin(operation: string, role: Role): AppError {
  return new AppError('FORBIDDEN', `${operation} needs role ADMIN; this token has role ${role}`, { expected: 'ADMIN', received: role });
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
