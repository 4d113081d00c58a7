/**
 * Agencies, their name history and aliases (DESIGN.md §2 "Agency"). Timestamps are ISO-8601 UTC
 * strings in VARCHAR(24): identical on every engine, no driver time-zone conversion.
 */
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { AGENCY_KINDS, type AgencyKind } from '../../domain/checks/types';

@Entity({ name: 'agency' })
export class AgencyEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('uq_agency_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'simple-enum', enum: AGENCY_KINDS as AgencyKind[] })
  kind: AgencyKind;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;
}

/** One row per name an agency has carried; `from_year` is the first report year it applies to, when known. */
@Entity({ name: 'agency_name' })
@Index('ix_agency_name_agency', ['agencyId'])
export class AgencyNameEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'agency_id', type: 'int' })
  agencyId: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'from_year', type: 'int', nullable: true })
  fromYear: number | null;

  @Column({ name: 'recorded_at', type: 'varchar', length: 24 })
  recordedAt: string;
}

/** Names an agency is known by besides its current one (former names included), for matching documents. */
@Entity({ name: 'agency_alias' })
@Index('ix_agency_alias_alias', ['alias'])
export class AgencyAliasEntity {
  @PrimaryColumn({ name: 'agency_id', type: 'int' })
  agencyId: number;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  alias: string;
}
