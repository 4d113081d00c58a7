/**
 * The analytics part of the storage contract (issue 4 items 5 and 6): the analysts' ad-hoc aggregate
 * (one GROUP BY over facts ⋈ closure, with a cost estimate checked first) and the validation summary
 * of a subtree with the agencies to chase. `Storage` (api.ts) extends it.
 */
import type { FormatId, Severity } from '../domain/catalogue';
import type { AgencyKind } from '../domain/checks/types';
import type { ReportStatus } from '../domain/interchange';
import type { AgencyRecord, RollupKey, RollupOptions } from './api';

/** How rows of the aggregate are grouped. AGENCY/PARENT are codes; ROW is `<table>.<row>`. */
export type AggregateDimension = 'YEAR' | 'AGENCY' | 'PARENT' | 'KIND' | 'CODE' | 'ROW' | 'COLUMN' | 'TABLE' | 'FORMAT';

/**
 * Which facts an aggregate reads. Every given filter applies (AND); null or absent: no restriction.
 * Only OWN-scope reports are read (a REGION report would count its area twice, FORMATS.md H2).
 */
export interface AggregateFilter {
  readonly agencyIds?: readonly number[] | null;
  /** The agency and its descendants, in the tree of each report's year. */
  readonly subtreeOf?: number | null;
  readonly kinds?: readonly AgencyKind[] | null;
  readonly years?: readonly number[] | null;
  readonly formats?: readonly FormatId[] | null;
  /**
   * Cell codes of the catalogue, all of one kind of unit: counts (count, signed) or amounts.
   * Null: every count cell (amounts are 万元 and never added to counts).
   */
  readonly codes?: readonly string[] | null;
  /** Default PUBLISHED. */
  readonly status?: ReportStatus | null;
}

export interface AggregateQuery {
  readonly filter: AggregateFilter;
  readonly groupBy: readonly AggregateDimension[];
  /** By value (ties by the keys); null: by the keys ascending. */
  readonly order: 'ASC' | 'DESC' | null;
  readonly first: number;
  readonly offset: number;
}

/** The estimate of DESIGN.md §6: agencies × years × cells, from cheap counts, before the GROUP BY runs. */
export interface AggregateCost {
  readonly agencies: number;
  readonly years: number;
  readonly cells: number;
  readonly cost: number;
}

export interface AggregateKeyRecord {
  readonly dimension: AggregateDimension;
  /** The key: a year, an agency code, a kind, a format, a cell code…; '' for PARENT of a root. */
  readonly value: string;
  /** The agency's name for AGENCY and PARENT; null otherwise (the API adds catalogue labels). */
  readonly name: string | null;
}

export interface AggregateRowRecord {
  readonly keys: readonly AggregateKeyRecord[];
  /** Sum over the group (blank and zero cells add nothing); amounts in 分. */
  readonly value: number;
  /**
   * Reports in the group. Grouped by report-level dimensions only (YEAR, AGENCY, PARENT, KIND,
   * FORMAT): every report matching the filter, zeros included. Grouped by cell dimensions (CODE,
   * ROW, COLUMN, TABLE): the reports with a non-zero value in the group (facts store non-zero cells
   * only, so a group that is zero everywhere has no row).
   */
  readonly reports: number;
}

export interface AggregateResultRecord {
  readonly rows: readonly AggregateRowRecord[];
  /** Groups over all pages. */
  readonly totalCount: number;
  readonly unit: 'count' | 'amount';
  readonly cost: AggregateCost;
}

export interface RuleFailureDetail {
  readonly rule: string;
  readonly severity: Severity;
  readonly reports: number;
  /** Agencies whose report fails the rule, by code, at most `agenciesPerRule` of them. */
  readonly agencyIds: readonly number[];
}

/** Stored check failures (within-report and X1–X4, as of each report's last write) under a node. */
export interface ValidationRecord {
  /** Reports of the node and its descendants that year (OWN and REGION; drafts only with includeDrafts). */
  readonly reportsChecked: number;
  readonly failures: readonly RuleFailureDetail[];
  /** Agencies of the subtree whose report that year has scope REGION (rule H2 compares them with their rollup). */
  readonly regionAgencyIds: readonly number[];
}

export interface AnalyticsStorage {
  /** The cost estimate of an aggregate: one cheap COUNT statement (agencies and report years). */
  estimateAggregate(filter: AggregateFilter): Promise<AggregateCost>;
  /**
   * Runs the aggregate as one GROUP BY (plus the count of groups) after estimating its cost.
   * @throws AppError TOO_COSTLY when the estimate exceeds maxCost (nothing else runs);
   *   VALIDATION_FAILED for an unknown code or codes mixing counts and amounts.
   */
  aggregate(query: AggregateQuery, limits: { readonly maxCost: number }): Promise<AggregateResultRecord>;
  /** Validation summaries aligned with the keys; a constant number of statements per chunk of keys. */
  validationSummaries(keys: readonly RollupKey[], options?: RollupOptions & { readonly agenciesPerRule?: number }): Promise<readonly ValidationRecord[]>;
  /**
   * missingReporters of many nodes at once (rule H1), aligned with the keys, each list by code and
   * at most `limit` long (default 1000); a constant number of statements per chunk of keys.
   */
  missingReportersMany(keys: readonly RollupKey[], options?: RollupOptions & { readonly limit?: number }): Promise<readonly (readonly AgencyRecord[])[]>;
}
