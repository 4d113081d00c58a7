/**
 * The contract between the storage layer (src/db) and its callers (src/graphql, scripts).
 * Records here are plain, frozen domain values: no TypeORM entity leaves src/db.
 *
 * Every "many" function takes a list of keys and returns results aligned with it (one entry per key,
 * in the same order), so that a DataLoader can call it once per batch.
 */
import type { FormatId, Severity } from '../domain/catalogue';
import type { AgencyKind, CheckResult } from '../domain/checks/types';
import type { Diagnostic, InterchangeDocument, ReportScope, ReportStatus, ReportText, StatedFigures } from '../domain/interchange';
import type { CellValues } from '../domain/report-values';
import type { CellTotals } from '../domain/rollup';
import type { AnalyticsStorage } from './analytics-api';
import type { TokenStorage } from './token-api';

export type * from './analytics-api';
export type * from './token-api';

export interface AgencyRecord {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly kind: AgencyKind;
  /** Other names the agency is known by (former names included), for matching documents. */
  readonly aliases: readonly string[];
}

export interface AgencyNameRecord {
  readonly name: string;
  /** First report year the name applies to, when known. */
  readonly fromYear: number | null;
  readonly recordedAt: Date;
}

/** One dated parent link: `childId` sits under `parentId` for the years fromYear..toYear (inclusive; null = open). */
export interface ParentLinkRecord {
  readonly childId: number;
  readonly parentId: number;
  readonly fromYear: number;
  readonly toYear: number | null;
}

export interface Provenance {
  readonly sourceName: string | null;
  /** sha256 of the canonical content; re-submitting identical content is a no-op. */
  readonly contentHash: string;
  readonly submittedBy: string | null;
  readonly submittedAt: Date;
}

export interface ReportRecord {
  readonly id: number;
  readonly agencyId: number;
  readonly agencyCode: string;
  readonly year: number;
  readonly format: FormatId;
  readonly status: ReportStatus;
  readonly scope: ReportScope;
  readonly publishedOn: string | null;
  readonly text: ReportText;
  readonly statedFigures: StatedFigures;
  /** Every cell the document had: integer, amounts in 分, null for blank. Absent cells have no key. */
  readonly cells: CellValues;
  /** Increments with every change; optimistic concurrency compares it. */
  readonly revision: number;
  readonly provenance: Provenance;
  /** Check results stored at the last write (within-report and cross-year). */
  readonly checks: readonly CheckResult[];
  /** Rule ids whose ERROR failures someone accepted when publishing, kept on record. */
  readonly acceptedFailures: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface RevisionRecord {
  readonly reportId: number;
  readonly revision: number;
  readonly status: ReportStatus;
  readonly format: FormatId;
  readonly cells: CellValues;
  readonly contentHash: string;
  readonly changedBy: string | null;
  readonly changedAt: Date;
  /** "submitted", "published", "updated", … */
  readonly action: string;
}

export interface SubmitReportCommand {
  readonly agencyCode: string;
  readonly document: InterchangeDocument;
  readonly submittedBy: string | null;
  readonly sourceName: string | null;
  /** When given, the write fails with CONFLICT unless the stored revision equals it. */
  readonly expectedRevision?: number | null;
  /** Publish at once when no ERROR check fails (or its failure is accepted). Default: keep DRAFT. */
  readonly publish?: boolean;
  readonly acceptFailures?: readonly string[];
}

export type SubmitOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED';

export interface SubmitReportResult {
  readonly outcome: SubmitOutcome;
  readonly report: ReportRecord;
}

export interface PublishReportCommand {
  readonly agencyCode: string;
  readonly year: number;
  readonly publishedBy: string | null;
  /** ERROR rule ids the caller accepts; publishing fails while an unaccepted ERROR check fails. */
  readonly acceptFailures: readonly string[];
  readonly expectedRevision?: number | null;
}

export interface AgencyFilter {
  readonly kind?: AgencyKind | null;
  readonly nameContains?: string | null;
  /** Direct children of this agency in `year` (or in any year when year is null). */
  readonly parentCode?: string | null;
  readonly year?: number | null;
}

export interface Page<T> {
  readonly nodes: readonly T[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
}

export type HierarchyMode = 'YEAR' | 'CURRENT';

export interface RollupKey {
  readonly agencyId: number;
  readonly year: number;
}

/**
 * The totals of a node for a year: its own OWN report plus the OWN reports of every descendant in
 * that year's tree. Sums are per cell code; a code no reporter had is absent. Read a few cells with
 * sumOf / reportersOf (CellTotals): `sums` and `cellReporters` build every cell's entry on first use.
 */
export interface RollupRecord extends CellTotals {
  readonly agencyId: number;
  readonly year: number;
  /** Sum per cell code (blank read as 0), amounts in 分. */
  readonly sums: Readonly<Record<string, number>>;
  /** How many reporters had each cell (present in their format and document, blank included). */
  readonly cellReporters: Readonly<Record<string, number>>;
  /** Reporters by format. */
  readonly reportersByFormat: Readonly<Record<FormatId, number>>;
  /** Agencies active in the subtree that year (the node included). */
  readonly expected: number;
  /** Of those, how many have a report counted here. */
  readonly reported: number;
}

/**
 * Past this many agency-years, a write is told as "anything may have changed" rather than named one by
 * one: in change_log (one row instead of hundreds) and by the response cache (dropping everything
 * is then cheaper than looking up every agency's ancestors).
 */
export const MAX_NAMED_CHANGES = 200;

/**
 * One committed write in change_log order: the agency-year of a report it changed, or neither
 * (null, null) when anything may have changed (hierarchy, bulk load, rollup rebuild, more than
 * MAX_NAMED_CHANGES agency-years).
 */
export interface ChangeRecord {
  readonly seq: number;
  readonly agencyCode: string | null;
  readonly year: number | null;
}

/** A rollup as plain data, without its cell-by-cell readers (what an oracle in a test builds). */
export type PlainRollup = Omit<RollupRecord, keyof CellTotals>;

/** Every field of a rollup as own data: for deep comparisons (a record's `sums` may be a prototype getter). */
export function plainRollup(record: RollupRecord): PlainRollup {
  const { agencyId, year, sums, cellReporters, reportersByFormat, expected, reported } = record;
  return { agencyId, year, sums, cellReporters, reportersByFormat, expected, reported };
}

/** How many reports under a node failed a rule at their last write (validation summary). */
export interface RuleFailureCount {
  readonly rule: string;
  readonly severity: Severity;
  readonly reports: number;
}

export interface RollupOptions {
  readonly hierarchy?: HierarchyMode;
  readonly includeDrafts?: boolean;
}

/**
 * What src/db offers. `openStorage(config)` (src/db/index.ts) returns one; every write is one
 * transaction (all-or-nothing) that also keeps the materialised rollups right.
 * Errors: throws `AppError` (src/errors.ts) with codes NOT_FOUND, VALIDATION_FAILED, CONFLICT,
 * PUBLISH_BLOCKED; anything else is a bug.
 */
export interface Storage extends AnalyticsStorage, TokenStorage {
  readonly engine: 'sqlite' | 'mysql';
  close(): Promise<void>;

  // agencies and the dated hierarchy
  upsertAgency(input: { code: string; name: string; kind: AgencyKind; aliases?: readonly string[]; nameFromYear?: number | null }): Promise<AgencyRecord>;
  /** Makes childCode sit under parentCode (null: a root) for fromYear..toYear, closing or splitting overlapping links. */
  setParent(input: { childCode: string; parentCode: string | null; fromYear: number; toYear: number | null }): Promise<readonly ParentLinkRecord[]>;
  /**
   * Ends an agency after lastYear (merged away, dissolved): inactive from lastYear + 1, so coverage (H1)
   * no longer expects it; its remaining children must be moved with setParent. Returns its links.
   */
  endAgency(input: { code: string; lastYear: number }): Promise<readonly ParentLinkRecord[]>;
  /**
   * Bulk load (demo data, benchmarks, first imports): creates NEW agencies and places them with dated
   * links (links may only place agencies of the call; parents may exist already), in one transaction
   * of multi-row inserts. Fails whole: VALIDATION_FAILED, CONFLICT (a code exists), NOT_FOUND (parent).
   */
  loadAgencies(input: {
    agencies: readonly { code: string; name: string; kind: AgencyKind; aliases?: readonly string[]; nameFromYear?: number | null }[];
    links: readonly { childCode: string; parentCode: string | null; fromYear: number; toYear: number | null }[];
  }): Promise<{ readonly created: number }>;
  /**
   * Bulk load of NEW reports with the validation and checks of submitReport, in one transaction of
   * multi-row inserts; rollups of the years touched are rebuilt set-based. Fails whole: NOT_FOUND,
   * VALIDATION_FAILED, CONFLICT (a report exists: use submitReport), PUBLISH_BLOCKED.
   */
  loadReports(commands: readonly SubmitReportCommand[]): Promise<{ readonly created: number }>;
  agenciesByCode(codes: readonly string[]): Promise<readonly (AgencyRecord | null)[]>;
  agenciesById(ids: readonly number[]): Promise<readonly (AgencyRecord | null)[]>;
  /** Exact name or recorded alias; null when none or several agencies match. */
  agencyByName(name: string): Promise<AgencyRecord | null>;
  findAgencies(filter: AgencyFilter, page: { first: number; offset: number }): Promise<Page<AgencyRecord>>;
  nameHistory(agencyIds: readonly number[]): Promise<readonly (readonly AgencyNameRecord[])[]>;
  parentsOf(keys: readonly RollupKey[]): Promise<readonly (AgencyRecord | null)[]>;
  childrenOf(keys: readonly RollupKey[]): Promise<readonly (readonly AgencyRecord[])[]>;
  parentLinks(agencyIds: readonly number[]): Promise<readonly (readonly ParentLinkRecord[])[]>;
  /** The agencies and all their ancestors in any year (each once): what a report write may change (response-cache invalidation). */
  selfAndAncestorIds(agencyIds: readonly number[]): Promise<readonly number[]>;

  // reports
  submitReport(command: SubmitReportCommand): Promise<SubmitReportResult>;
  publishReport(command: PublishReportCommand): Promise<ReportRecord>;
  reportsByAgencyYear(keys: readonly RollupKey[]): Promise<readonly (ReportRecord | null)[]>;
  reportsOfAgencies(agencyIds: readonly number[]): Promise<readonly (readonly ReportRecord[])[]>;
  revisionsOf(reportIds: readonly number[]): Promise<readonly (readonly RevisionRecord[])[]>;

  // rollups (issue 4 extends this part)
  rollups(keys: readonly RollupKey[], options?: RollupOptions): Promise<readonly RollupRecord[]>;
  /** Agencies active under the node in that year that have no (counted) report. */
  missingReporters(key: RollupKey, options?: RollupOptions): Promise<readonly AgencyRecord[]>;
  /**
   * Validation summary per (node, year): reports of the node and its descendants that year (OWN and
   * REGION; drafts only with includeDrafts) failing each rule, ordered by rule. One GROUP BY per chunk of keys.
   */
  checkFailures(keys: readonly RollupKey[], options?: RollupOptions): Promise<readonly (readonly RuleFailureCount[])[]>;
  /** Recomputes the derived data in one transaction: the closure from the parent links, then every materialised rollup from the reports; returns the rollup rows. */
  rebuildRollups(): Promise<{ readonly rows: number }>;
  /**
   * Writes committed after `seq` (by any process), in seq order; `oldestKept` is the oldest seq the
   * log still has (older rows are pruned: a reader whose next seq is gone missed changes), `newest`
   * the last one (null: nothing was ever written).
   */
  changesAfter(seq: number): Promise<{ readonly changes: readonly ChangeRecord[]; readonly oldestKept: number | null; readonly newest: number | null }>;
  /** Compares the derived data with a fresh computation (the closure with the links, the rollups with the reports); one line per difference. */
  verifyRollups(): Promise<{ readonly differences: readonly string[] }>;

  /** SQL statements run since the counter was last reset (tests count them; never used for logic). */
  readonly statements: { count(): number; reset(): void };
}
