/**
 * Reports and their cells (DESIGN.md §2 "Report", "Cells"; issue 4 item 7: compact cells).
 *
 * A report's cells are stored long but compact: `report_cell` holds only NON-ZERO values; the report
 * row lists the catalogue cells that are blank (`blank_codes`) and absent (`absent_codes`) as
 * comma-separated cell_code ids. Every other cell of the report's format is present and 0.
 */
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Dictionary of cell codes (seeded by a migration from the catalogue); ids are stable forever. */
@Entity({ name: 'cell_code' })
export class CellCodeEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Index('uq_cell_code_code', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  code: string;
}

@Entity({ name: 'report' })
@Index('uq_report_agency_year', ['agencyId', 'year'], { unique: true })
@Index('ix_report_year_status', ['year', 'status', 'scope'])
export class ReportEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'agency_id', type: 'int' })
  agencyId: number;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 8 })
  format: string;

  @Column({ type: 'simple-enum', enum: ['DRAFT', 'PUBLISHED'] })
  status: 'DRAFT' | 'PUBLISHED';

  @Column({ type: 'simple-enum', enum: ['OWN', 'REGION'] })
  scope: 'OWN' | 'REGION';

  @Column({ name: 'published_on', type: 'varchar', length: 10, nullable: true })
  publishedOn: string | null;

  @Column({ name: 'text_overview', type: 'text', nullable: true })
  textOverview: string | null;

  @Column({ name: 'text_problems', type: 'text', nullable: true })
  textProblems: string | null;

  @Column({ name: 'text_other', type: 'text', nullable: true })
  textOther: string | null;

  /** JSON of StatedFigures. */
  @Column({ name: 'stated_figures', type: 'text' })
  statedFigures: string;

  /** JSON of the importer's Diagnostic[]. */
  @Column({ type: 'text' })
  diagnostics: string;

  /** Comma-separated cell_code ids of blank (null) cells. */
  @Column({ name: 'blank_codes', type: 'text' })
  blankCodes: string;

  /** Comma-separated cell_code ids of the format's cells the document did not contain. */
  @Column({ name: 'absent_codes', type: 'text' })
  absentCodes: string;

  /** Comma-separated rule ids whose ERROR failures were accepted on publishing. */
  @Column({ name: 'accepted_failures', type: 'varchar', length: 200 })
  acceptedFailures: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ name: 'source_name', type: 'varchar', length: 500, nullable: true })
  sourceName: string | null;

  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash: string;

  @Column({ name: 'submitted_by', type: 'varchar', length: 200, nullable: true })
  submittedBy: string | null;

  @Column({ name: 'submitted_at', type: 'varchar', length: 24 })
  submittedAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 24 })
  updatedAt: string;
}

/** One non-zero cell value: integer count, or amount in 分 (money.ts). */
@Entity({ name: 'report_cell' })
export class ReportCellEntity {
  @PrimaryColumn({ name: 'report_id', type: 'int' })
  reportId: number;

  @PrimaryColumn({ name: 'code_id', type: 'smallint' })
  codeId: number;

  @Column({ type: 'bigint' })
  value: string | number;
}

/** A failing check at the report's last write, so a subtree's validation summary is one GROUP BY. */
@Entity({ name: 'report_check_failure' })
@Index('ix_check_failure_rule', ['ruleId'])
export class ReportCheckFailureEntity {
  @PrimaryColumn({ name: 'report_id', type: 'int' })
  reportId: number;

  @PrimaryColumn({ type: 'smallint' })
  seq: number;

  @Column({ name: 'rule_id', type: 'varchar', length: 16 })
  ruleId: string;

  @Column({ type: 'varchar', length: 8 })
  severity: string;

  /** JSON array of cell codes. */
  @Column({ type: 'text' })
  cells: string;

  @Column({ type: 'text' })
  message: string;
}

/** Every change of a report makes one revision; nothing is overwritten without trace. */
@Entity({ name: 'report_revision' })
export class ReportRevisionEntity {
  @PrimaryColumn({ name: 'report_id', type: 'int' })
  reportId: number;

  @PrimaryColumn({ type: 'int' })
  revision: number;

  @Column({ type: 'simple-enum', enum: ['DRAFT', 'PUBLISHED'] })
  status: 'DRAFT' | 'PUBLISHED';

  @Column({ type: 'varchar', length: 8 })
  format: string;

  /** Compact JSON snapshot of the cells: {"n": [[code id, value]…] non-zero, "b": blank ids, "a": absent ids}. */
  @Column({ type: 'text' })
  cells: string;

  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash: string;

  @Column({ name: 'changed_by', type: 'varchar', length: 200, nullable: true })
  changedBy: string | null;

  @Column({ name: 'changed_at', type: 'varchar', length: 24 })
  changedAt: string;

  @Column({ type: 'varchar', length: 32 })
  action: string;
}
