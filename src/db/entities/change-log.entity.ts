/**
 * What every committed write changed, in commit order (DESIGN.md §4 "Response cache"; issue 4 item 7):
 * servers follow it to drop cached responses that a write made by another process (the import CLI,
 * a second server) made stale. A row names one report's agency-year (`agency_code`, `year`), or
 * nothing (both NULL): everything may have changed (the hierarchy, a bulk load, a rollup rebuild).
 * Written in the write's own transaction, so a rolled-back write leaves no row; only the newest rows
 * are kept (change-log.queries.ts).
 */
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'change_log' })
export class ChangeLogEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  seq: number;

  @Column({ name: 'agency_code', type: 'varchar', length: 64, nullable: true })
  agencyCode: string | null;

  @Column({ type: 'int', nullable: true })
  year: number | null;

  @Column({ name: 'written_at', type: 'varchar', length: 24 })
  writtenAt: string;
}
