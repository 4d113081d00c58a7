/** SQL of bearer tokens (table api_token). Every function runs one statement. */
import type { TokenRole } from './token-api';
import { type Executor, toOptionalInteger, toSafeInteger } from './sql';

export interface TokenRow {
  readonly id: number;
  readonly tokenHash: string;
  readonly role: TokenRole;
  readonly agencyId: number | null;
  readonly agencyCode: string | null;
  readonly label: string | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

interface RawToken {
  id: unknown;
  token_hash: string;
  role: TokenRole;
  agency_id: unknown;
  agency_code: string | null;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const SELECT_TOKENS = `SELECT t.id, t.token_hash, t.role, t.agency_id, a.code AS agency_code, t.label, t.created_at, t.revoked_at, t.last_used_at
  FROM api_token t LEFT JOIN agency a ON a.id = t.agency_id`;

function toRow(raw: RawToken): TokenRow {
  return {
    id: toSafeInteger(raw.id, 'api_token.id'),
    tokenHash: raw.token_hash,
    role: raw.role,
    agencyId: toOptionalInteger(raw.agency_id, 'api_token.agency_id'),
    agencyCode: raw.agency_code,
    label: raw.label,
    createdAt: raw.created_at,
    revokedAt: raw.revoked_at,
    lastUsedAt: raw.last_used_at,
  };
}

/** Inserts a token and returns its id (found again by its unique hash). */
export async function insertToken(
  db: Executor,
  input: { tokenHash: string; role: TokenRole; agencyId: number | null; label: string | null; createdAt: string },
): Promise<number> {
  await db.query('INSERT INTO api_token (token_hash, role, agency_id, label, created_at) VALUES (?, ?, ?, ?, ?)', [
    input.tokenHash, input.role, input.agencyId, input.label, input.createdAt,
  ]);
  const [row] = await db.query<{ id: unknown }[]>('SELECT id FROM api_token WHERE token_hash = ?', [input.tokenHash]);
  return toSafeInteger(row.id, 'api_token.id');
}

/** The token with this hash (one unique-index look-up), revoked or not. */
export async function selectTokenByHash(db: Executor, tokenHash: string): Promise<TokenRow | null> {
  const rows = await db.query<RawToken[]>(`${SELECT_TOKENS} WHERE t.token_hash = ?`, [tokenHash]);
  return rows.length ? toRow(rows[0]) : null;
}

export async function selectTokenById(db: Executor, id: number): Promise<TokenRow | null> {
  const rows = await db.query<RawToken[]>(`${SELECT_TOKENS} WHERE t.id = ?`, [id]);
  return rows.length ? toRow(rows[0]) : null;
}

export async function selectTokens(db: Executor): Promise<TokenRow[]> {
  return (await db.query<RawToken[]>(`${SELECT_TOKENS} ORDER BY t.id`)).map(toRow);
}

/** Sets revoked_at unless already set (the first revocation time stays). */
export async function updateRevoked(db: Executor, id: number, revokedAt: string): Promise<void> {
  await db.query('UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [revokedAt, id]);
}

/** Records a use unless one was recorded since `staleBefore` (ISO strings compare in time order). */
export async function updateLastUsed(db: Executor, id: number, usedAt: string, staleBefore: string): Promise<void> {
  await db.query('UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)', [usedAt, id, staleBefore]);
}

/**
 * The codes of the agency and of every agency below it in any year: its own row (an agency never
 * placed has no closure row) united with its descendants in the closure table, each once.
 */
export async function selectSubtreeCodes(db: Executor, agencyCode: string): Promise<string[]> {
  const rows = await db.query<{ code: string }[]>(
    `SELECT a.code FROM agency a WHERE a.code = ?
     UNION
     SELECT d.code FROM agency a JOIN agency_closure c ON c.ancestor_id = a.id JOIN agency d ON d.id = c.descendant_id WHERE a.code = ?`,
    [agencyCode, agencyCode],
  );
  return rows.map((r) => r.code);
}

/** The id of the agency with this code, or null. */
export async function selectAgencyIdByCode(db: Executor, code: string): Promise<number | null> {
  const rows = await db.query<{ id: unknown }[]>('SELECT id FROM agency WHERE code = ?', [code]);
  return rows.length ? toSafeInteger(rows[0].id, 'agency.id') : null;
}
