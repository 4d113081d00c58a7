/**
 * The dated hierarchy (DESIGN.md §2): parent links valid for a range of years, and the closure table
 * derived from them so that "all descendants of X in year Y" is one indexed range query.
 */
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `child_id` sits under `parent_id` for from_year..to_year (inclusive, to_year NULL = open).
 * A NULL parent_id is an explicit root span. The spans of one child never overlap, hence the key.
 */
@Entity({ name: 'parent_link' })
@Index('ix_parent_link_parent', ['parentId'])
export class ParentLinkEntity {
  @PrimaryColumn({ name: 'child_id', type: 'int' })
  childId: number;

  @PrimaryColumn({ name: 'from_year', type: 'int' })
  fromYear: number;

  @Column({ name: 'parent_id', type: 'int', nullable: true })
  parentId: number | null;

  @Column({ name: 'to_year', type: 'int', nullable: true })
  toYear: number | null;
}

/**
 * `ancestor_id` is an ancestor (depth 0: itself) of `descendant_id` for from_year..to_year.
 * to_year is never NULL here: an open span is stored as OPEN_YEAR (9999) so that the range
 * condition `from_year <= Y AND to_year >= Y` uses the index on every engine.
 */
@Entity({ name: 'agency_closure' })
@Index('ix_closure_ancestor_years', ['ancestorId', 'fromYear', 'toYear', 'descendantId'])
@Index('ix_closure_descendant_years', ['descendantId', 'fromYear', 'toYear', 'ancestorId'])
export class AgencyClosureEntity {
  @PrimaryColumn({ name: 'ancestor_id', type: 'int' })
  ancestorId: number;

  @PrimaryColumn({ name: 'descendant_id', type: 'int' })
  descendantId: number;

  @PrimaryColumn({ name: 'from_year', type: 'int' })
  fromYear: number;

  @Column({ name: 'to_year', type: 'int' })
  toYear: number;

  @Column({ type: 'int' })
  depth: number;
}
