/**
 * Bearer tokens (DESIGN.md §6). The secret is never stored: `token_hash` is the hex sha256 of it,
 * unique, so a presented secret is found by one index look-up. Timestamps are ISO-8601 UTC strings
 * like every other table.
 */
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TokenRole } from '../token-api';

/** Record<TokenRole, …> makes the compiler insist on every role. */
const ROLE_SET: Readonly<Record<TokenRole, true>> = { ADMIN: true, EDITOR: true, READER: true };
export const TOKEN_ROLES = Object.freeze(Object.keys(ROLE_SET) as TokenRole[]);

@Entity({ name: 'api_token' })
export class ApiTokenEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('uq_api_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'simple-enum', enum: TOKEN_ROLES as TokenRole[] })
  role: TokenRole;

  /** The agency of an EDITOR; NULL for ADMIN and READER. */
  @Column({ name: 'agency_id', type: 'int', nullable: true })
  agencyId: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  label: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 24, nullable: true })
  revokedAt: string | null;

  @Column({ name: 'last_used_at', type: 'varchar', length: 24, nullable: true })
  lastUsedAt: string | null;
}
