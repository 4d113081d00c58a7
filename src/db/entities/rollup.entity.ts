/**
 * Materialised default rollups (DESIGN.md §4): PUBLISHED, OWN-scope reports over that year's tree.
 *
 * Compact: a `rollup` row exists only where the sum is non-zero or some reporter lacks the cell.
 * How many reporters had a cell is derived, not stored per cell:
 *   cellReporters(code) = Σ over formats having the code of reporters_<format> − absent_reporters(code).
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'rollup' })
export class RollupEntity {
  @PrimaryColumn({ name: 'agency_id', type: 'int' })
  agencyId: number;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @PrimaryColumn({ name: 'code_id', type: 'smallint' })
  codeId: number;

  /** Sum of the cell over the counted reports (blank read as 0); amounts in 分. */
  @Column({ name: 'value_sum', type: 'bigint' })
  valueSum: string | number;

  /** Counted reporters whose format has the cell but whose document did not contain it. */
  @Column({ name: 'absent_reporters', type: 'int' })
  absentReporters: number;
}

/** Coverage of a node in a year: agencies expected (active in the subtree) and reported, by format. */
@Entity({ name: 'rollup_node' })
export class RollupNodeEntity {
  @PrimaryColumn({ name: 'agency_id', type: 'int' })
  agencyId: number;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  expected: number;

  @Column({ type: 'int' })
  reported: number;

  @Column({ name: 'reporters_f2019', type: 'int' })
  reportersF2019: number;

  @Column({ name: 'reporters_f2021', type: 'int' })
  reportersF2021: number;

  /**
   * The node's rollup rows packed: "codeId,sum,absent,…" ascending by code id ('' or NULL: none), so
   * that reading a node's rollup is one row (DESIGN.md §7). Kept equal to the rollup rows by every write.
   */
  @Column({ type: 'text', nullable: true })
  cells: string | null;
}

/** The years whose rollups are materialised (every year that has at least one report). */
@Entity({ name: 'rollup_year' })
export class RollupYearEntity {
  @PrimaryColumn({ type: 'int' })
  year: number;
}
