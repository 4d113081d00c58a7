/**
 * The part of the storage contract (api.ts) that keeps bearer tokens (DESIGN.md §6 "Tokens are stored
 * hashed, carry a role … and can be revoked"). Secrets leave the storage exactly once, from createToken;
 * only their sha256 is stored.
 */

/** ADMIN: everything; EDITOR: writes its agency and everything below it; READER: reads drafts and revisions. */
export type TokenRole = 'ADMIN' | 'EDITOR' | 'READER';

export interface TokenRecord {
  readonly id: number;
  readonly role: TokenRole;
  /** The agency an EDITOR is bound to; null for ADMIN and READER. */
  readonly agencyId: number | null;
  readonly agencyCode: string | null;
  /** Who or what the token is for ("区政务办 张三", "nightly import"). */
  readonly label: string | null;
  readonly createdAt: Date;
  /** Null while the token is valid. */
  readonly revokedAt: Date | null;
  /** Last accepted use, recorded at most once a minute. */
  readonly lastUsedAt: Date | null;
}

/** What a valid secret stands for. */
export interface VerifiedToken {
  readonly id: number;
  readonly role: TokenRole;
  readonly agencyId: number | null;
  readonly agencyCode: string | null;
}

export interface CreateTokenInput {
  readonly role: TokenRole;
  /** Required for EDITOR, refused for ADMIN and READER. */
  readonly agencyCode: string | null;
  readonly label: string | null;
}

export interface TokenStorage {
  /**
   * Creates a token with a fresh random secret and returns the secret (its only appearance: it is
   * stored as a sha256 digest).
   * @throws AppError VALIDATION_FAILED (agency missing for EDITOR or given for another role, label too
   *   long), NOT_FOUND (no agency with that code).
   */
  createToken(input: CreateTokenInput): Promise<{ readonly token: TokenRecord; readonly secret: string }>;
  /** The token a secret belongs to, or null when none or revoked; records the use (at most once a minute). */
  verifyToken(secret: string): Promise<VerifiedToken | null>;
  /** Every token, revoked ones included, by id. */
  listTokens(): Promise<readonly TokenRecord[]>;
  /**
   * Revokes the token (idempotent: revoking again keeps the first revokedAt).
   * @throws AppError NOT_FOUND when no token has that id.
   */
  revokeToken(id: number): Promise<TokenRecord>;
  /**
   * The codes of the agency and of every agency below it in any year's tree (what an EDITOR bound to
   * it may write); empty when no agency has that code.
   */
  subtreeCodes(agencyCode: string): Promise<readonly string[]>;
}
