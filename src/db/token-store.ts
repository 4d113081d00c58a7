/**
 * Bearer tokens (DESIGN.md §6 "Tokens are stored hashed, carry a role … and can be revoked").
 *
 * A secret is `xxgk_` + 32 random bytes in base64url (256 bits: guessing is hopeless, so a fast hash
 * is enough; no salt or slow KDF is needed for random secrets). Only its sha256 is stored, in a unique
 * column: a presented secret is found by one index look-up on its digest, never by comparing secrets.
 * Revoked tokens verify as null. The last use is written at most once a minute per token, by a
 * conditional UPDATE run only when the row read says it is stale.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError, invalid } from '../errors';
import { TOKEN_ROLES } from './entities/api-token.entity';
import { nowIso, type Executor } from './sql';
import type { CreateTokenInput, TokenRecord, VerifiedToken } from './token-api';
import {
  insertToken, selectAgencyIdByCode, selectSubtreeCodes, selectTokenByHash, selectTokenById, selectTokens, type TokenRow,
  updateLastUsed, updateRevoked,
} from './token.queries';

export const TOKEN_PREFIX = 'xxgk_';
const SECRET_BYTES = 32;
/** The shape of every secret createToken makes; anything else is refused without a query. */
const SECRET_PATTERN = /^xxgk_[A-Za-z0-9_-]{43}$/;
const MAX_LABEL_LENGTH = 200;
/** Uses closer together than this are not recorded again. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const digestHex = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

function toRecord(row: TokenRow): TokenRecord {
  return Object.freeze({
    id: row.id,
    role: row.role,
    agencyId: row.agencyId,
    agencyCode: row.agencyCode,
    label: row.label,
    createdAt: new Date(row.createdAt),
    revokedAt: row.revokedAt === null ? null : new Date(row.revokedAt),
    lastUsedAt: row.lastUsedAt === null ? null : new Date(row.lastUsedAt),
  });
}

/** @throws AppError VALIDATION_FAILED naming the field, NOT_FOUND for an unknown agency. */
export async function createTokenIn(db: Executor, input: CreateTokenInput): Promise<{ readonly token: TokenRecord; readonly secret: string }> {
  if (!TOKEN_ROLES.includes(input.role)) throw invalid('role', TOKEN_ROLES.join(', '), input.role);
  const label = input.label === null ? null : input.label.trim() || null;
  if (label !== null && label.length > MAX_LABEL_LENGTH) throw invalid('label', `at most ${MAX_LABEL_LENGTH} characters`, `${label.length} characters`);
  const agencyId = await agencyOfRole(db, input.role, input.agencyCode);
  const secret = TOKEN_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
  const id = await insertToken(db, { tokenHash: digestHex(secret), role: input.role, agencyId, label, createdAt: nowIso() });
  const row = await selectTokenById(db, id);
  if (!row) throw new Error(`createToken: token ${id} vanished after its insert`);
  return Object.freeze({ token: toRecord(row), secret });
}

/** EDITOR tokens are bound to an existing agency; ADMIN and READER tokens to none. */
async function agencyOfRole(db: Executor, role: CreateTokenInput['role'], agencyCode: string | null): Promise<number | null> {
  switch (role) {
    case 'EDITOR': {
      if (agencyCode === null || agencyCode.trim() === '') throw invalid('agencyCode', 'the code of the agency an EDITOR token may write', agencyCode);
      const id = await selectAgencyIdByCode(db, agencyCode.trim());
      if (id === null) {
        throw new AppError('NOT_FOUND', `agencyCode: no agency has the code ${JSON.stringify(agencyCode)}`, {
          field: 'agencyCode', expected: 'the code of an existing agency', received: agencyCode,
        });
      }
      return id;
    }
    case 'ADMIN':
    case 'READER':
      if (agencyCode !== null) throw invalid('agencyCode', `null: only EDITOR tokens are bound to an agency, not ${role}`, agencyCode);
      return null;
    default: {
      const unreachable: never = role;
      throw new Error(`unreachable role ${String(unreachable)}`);
    }
  }
}

/**
 * The valid (not revoked) token of this secret, or null; records its use when the last one recorded
 * is older than LAST_USED_RESOLUTION_MS.
 */
export async function verifyTokenIn(db: Executor, secret: string, now: Date = new Date()): Promise<VerifiedToken | null> {
  if (!SECRET_PATTERN.test(secret)) return null;
  const digest = digestHex(secret);
  const row = await selectTokenByHash(db, digest);
  // The look-up already matched the digest; the constant-time comparison keeps it so should the query change.
  if (!row || !timingSafeEqual(Buffer.from(row.tokenHash, 'utf8'), Buffer.from(digest, 'utf8')) || row.revokedAt !== null) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();
  if (row.lastUsedAt === null || row.lastUsedAt < staleBefore) await updateLastUsed(db, row.id, now.toISOString(), staleBefore);
  return Object.freeze({ id: row.id, role: row.role, agencyId: row.agencyId, agencyCode: row.agencyCode });
}

export async function listTokensIn(db: Executor): Promise<readonly TokenRecord[]> {
  return Object.freeze((await selectTokens(db)).map(toRecord));
}

/** @throws AppError NOT_FOUND when no token has that id. */
export async function revokeTokenIn(db: Executor, id: number): Promise<TokenRecord> {
  const found = await selectTokenById(db, id);
  if (!found) throw new AppError('NOT_FOUND', `id: no token has the id ${id}`, { field: 'id', expected: 'the id of an existing token', received: String(id) });
  await updateRevoked(db, id, nowIso());
  const row = await selectTokenById(db, id);
  return toRecord(row ?? found);
}

export async function subtreeCodesIn(db: Executor, agencyCode: string): Promise<readonly string[]> {
  return Object.freeze(await selectSubtreeCodes(db, agencyCode));
}
