/**
 * Data quality across a subtree for a year (issue 4 item 6; FORMATS.md "Checks"), as the district
 * chases it: the reports failing each stored check (within the report, and X1–X4 against the year
 * before, as of their last write), the agencies without a report (H1), and the REGION reports that
 * differ from the rollup of their subtree (H2). One function for the API's `validation` and the
 * `validation` export, over whatever reads Storage (the API passes its per-request loaders).
 */
import type { AgencyRecord, HierarchyMode, ReportRecord, RollupKey, RollupRecord, Storage, ValidationRecord } from '../db/api';
import { ruleDef, type Severity } from '../domain/catalogue';
import { regionDifferences } from '../domain/rollup';

/** What the summary reads: Storage's batch readers, or loaders over them. */
export interface ValidationReader {
  validationSummaries(keys: readonly RollupKey[], options: ValidationOptions & { readonly agenciesPerRule: number }): Promise<readonly ValidationRecord[]>;
  rollups(keys: readonly RollupKey[], options: ValidationOptions): Promise<readonly RollupRecord[]>;
  /** The agencies without a counted report under the key, by code, at most `limit`. */
  missingReporters(key: RollupKey, options: ValidationOptions & { readonly limit: number }): Promise<readonly AgencyRecord[]>;
  reportsByAgencyYear(keys: readonly RollupKey[]): Promise<readonly (ReportRecord | null)[]>;
  agenciesById(ids: readonly number[]): Promise<readonly (AgencyRecord | null)[]>;
}

/** The reads straight from Storage (the export, the CLI). */
export function storageValidationReader(storage: Storage): ValidationReader {
  return {
    validationSummaries: (keys, options) => storage.validationSummaries(keys, options),
    rollups: (keys, options) => storage.rollups(keys, options),
    missingReporters: async (key, options) => (await storage.missingReportersMany([key], options))[0] ?? [],
    reportsByAgencyYear: (keys) => storage.reportsByAgencyYear(keys),
    agenciesById: (ids) => storage.agenciesById(ids),
  };
}

export interface ValidationOptions {
  readonly hierarchy: HierarchyMode;
  readonly includeDrafts: boolean;
}

export interface RuleFailures {
  readonly rule: string;
  readonly severity: Severity;
  /** Reports failing the rule (H1: agencies without a report; H2: REGION reports that differ). */
  readonly reports: number;
  /** The agencies to chase, by code, at most `agenciesPerRule` of them. */
  readonly agencies: readonly AgencyRecord[];
}

export interface ValidationOutcome {
  readonly reportsChecked: number;
  /** By rule id (A1, A2, …, H1, H2, …, X4), numeric parts in order. */
  readonly failures: readonly RuleFailures[];
  readonly rollup: RollupRecord;
}

export async function validationOf(
  reader: ValidationReader, agency: AgencyRecord, year: number, options: ValidationOptions, limits: { readonly agenciesPerRule: number },
): Promise<ValidationOutcome> {
  const key = { agencyId: agency.id, year };
  const [[summary], [rollup]] = await Promise.all([
    reader.validationSummaries([key], { ...options, agenciesPerRule: limits.agenciesPerRule }),
    reader.rollups([key], options),
  ]);
  const failing = new Map<number, AgencyRecord>();
  for (const a of await reader.agenciesById([...new Set(summary.failures.flatMap((f) => f.agencyIds))])) if (a) failing.set(a.id, a);
  const failures: RuleFailures[] = summary.failures.map((f) => ({
    rule: f.rule, severity: f.severity, reports: f.reports, agencies: f.agencyIds.flatMap((id) => failing.get(id) ?? []),
  }));

  const missingCount = Math.max(0, rollup.expected - rollup.reported);
  if (missingCount > 0) {
    const missing = await reader.missingReporters(key, { ...options, limit: limits.agenciesPerRule });
    failures.push({ rule: 'H1', severity: ruleDef('H1').severity, reports: missingCount, agencies: missing });
  }
  if (summary.regionAgencyIds.length > 0) {
    const regionKeys = summary.regionAgencyIds.map((agencyId) => ({ agencyId, year }));
    const [reports, rollups] = await Promise.all([reader.reportsByAgencyYear(regionKeys), reader.rollups(regionKeys, options)]);
    const differing = regionKeys.filter((_, i) => reports[i] !== null && regionDifferences(reports[i]!.cells, rollups[i]!).length > 0);
    if (differing.length > 0) {
      const agencies = (await reader.agenciesById(differing.map((k) => k.agencyId))).filter((a): a is AgencyRecord => a !== null);
      failures.push({ rule: 'H2', severity: ruleDef('H2').severity, reports: differing.length, agencies: agencies.slice(0, limits.agenciesPerRule) });
    }
  }
  failures.sort((a, b) => a.rule.localeCompare(b.rule, 'en', { numeric: true }));
  return { reportsChecked: summary.reportsChecked, failures, rollup };
}
