/**
 * The analysts' aggregate and validation summaries over the facts (issue 4 items 5, 6): filters are
 * checked and resolved to ids here, the cost is estimated from cheap counts before the GROUP BY
 * runs (DESIGN.md §6 "cost limit (priced by agencies × years × cells)").
 */
import { ALL_CELL_CODES, anyCell, type Severity } from '../domain/catalogue';
import { AppError } from '../errors';
import type {
  AggregateCost, AggregateFilter, AggregateQuery, AggregateResultRecord, RuleFailureDetail, ValidationRecord,
} from './analytics-api';
import type { AgencyRecord, RollupKey, RollupOptions } from './api';
import { agenciesByIdIn } from './agency-store';
import { countAggregateGroups, type FactFilter, selectAggregateCounts, selectAggregatePage, selectFailures, selectMissingMany, selectValidationReports, selectValidationReportsMaterialised } from './analytics.queries';
import type { RollupContext } from './rollup-store';
import { type Executor, groupBy } from './sql';

type UnitKind = 'count' | 'amount';
const unitKindOf = (code: string): UnitKind | null => {
  const unit = anyCell(code)?.unit;
  return unit === undefined ? null : unit === 'amount' ? 'amount' : 'count';
};

/** Every count cell of the catalogue: what an aggregate without `codes` reads. */
const COUNT_CODES: readonly string[] = ALL_CELL_CODES.filter((code) => unitKindOf(code) === 'count');

/**
 * The filter's codes, checked: known to the catalogue and all of one unit kind.
 * @throws AppError VALIDATION_FAILED naming the first bad code and what was expected.
 */
function checkedCodes(codes: readonly string[] | null | undefined): { codes: readonly string[]; unit: UnitKind } {
  if (codes === null || codes === undefined) return { codes: COUNT_CODES, unit: 'count' };
  const unknown = codes.find((c) => unitKindOf(c) === null);
  if (unknown !== undefined) {
    throw new AppError('VALIDATION_FAILED', `filter.codes: unknown cell code ${JSON.stringify(unknown)}; expected codes of the catalogue such as "applications.granted.total"`, {
      field: 'filter.codes', expected: 'cell codes of the catalogue', received: JSON.stringify(unknown),
    });
  }
  const units = new Set(codes.map((c) => unitKindOf(c)!));
  if (units.size > 1) {
    const amount = codes.find((c) => unitKindOf(c) === 'amount')!;
    throw new AppError('VALIDATION_FAILED', `filter.codes: ${JSON.stringify(amount)} is an amount (万元) and cannot be added to counts; ask for amounts and counts in separate aggregates`, {
      field: 'filter.codes', expected: 'codes that are all counts or all amounts', received: JSON.stringify(amount),
    });
  }
  return { codes: [...new Set(codes)], unit: units.size === 0 ? 'count' : [...units][0] };
}

function factFilterOf(ctx: RollupContext, filter: AggregateFilter): { fact: FactFilter; unit: UnitKind } {
  const { codes, unit } = checkedCodes(filter.codes);
  return {
    unit,
    fact: {
      agencyIds: filter.agencyIds ? [...new Set(filter.agencyIds)] : null,
      subtreeOf: filter.subtreeOf ?? null,
      kinds: filter.kinds ? [...new Set(filter.kinds)] : null,
      years: filter.years ? [...new Set(filter.years)] : null,
      formats: filter.formats ? [...new Set(filter.formats)] : null,
      codeIds: codes.map((c) => ctx.dictionary.idOf(c)),
      status: filter.status ?? 'PUBLISHED',
    },
  };
}

export async function estimateAggregateIn(db: Executor, ctx: RollupContext, filter: AggregateFilter): Promise<AggregateCost> {
  const { fact } = factFilterOf(ctx, filter);
  const counts = await selectAggregateCounts(db, fact);
  const cells = fact.codeIds.length;
  return Object.freeze({ agencies: counts.agencies, years: counts.years, cells, cost: counts.agencies * counts.years * cells });
}

/**
 * Estimates, refuses above maxCost, then runs the page and the group count.
 * @throws AppError TOO_COSTLY (extensions: cost, maxCost, agencies, years, cells), VALIDATION_FAILED.
 */
export async function aggregateIn(db: Executor, ctx: RollupContext, query: AggregateQuery, limits: { maxCost: number }): Promise<AggregateResultRecord> {
  const { fact, unit } = factFilterOf(ctx, query.filter);
  const cost = await estimateAggregateIn(db, ctx, query.filter);
  if (cost.cost > limits.maxCost) {
    throw new AppError(
      'TOO_COSTLY',
      `the aggregate would read about ${cost.cost} cells (${cost.agencies} agencies × ${cost.years} years × ${cost.cells} cells), above the limit of ${limits.maxCost}; narrow it with subtreeOf, kinds, years or codes`,
      { field: 'filter', expected: `an estimated cost up to ${limits.maxCost}`, received: String(cost.cost), cost: cost.cost, maxCost: limits.maxCost, agencies: cost.agencies, years: cost.years, cells: cost.cells },
    );
  }
  const dims = [...new Set(query.groupBy)];
  const rows = await selectAggregatePage(db, ctx.engine, fact, dims, query.order, query.first, query.offset);
  const totalCount = await countAggregateGroups(db, ctx.engine, fact, dims);
  return Object.freeze({
    rows: Object.freeze(rows.map((r) => Object.freeze({
      keys: Object.freeze(r.keys.map((k, i) => Object.freeze({ dimension: dims[i], value: k.value ?? '', name: k.name }))),
      value: r.value,
      reports: r.reports,
    }))),
    totalCount,
    unit,
    cost,
  });
}

/** Validation summaries per key: one statement for reports and REGION reports, one for failure counts and the agencies to chase. */
export async function validationSummariesIn(
  db: Executor, keys: readonly RollupKey[], options: RollupOptions & { agenciesPerRule?: number } = {},
): Promise<ValidationRecord[]> {
  if (keys.length === 0) return [];
  const hierarchy = options.hierarchy ?? 'YEAR';
  const includeDrafts = options.includeDrafts ?? false;
  // The default rollup is materialised: its reporters need no walk over the subtree.
  const { counts, regions } = hierarchy === 'YEAR' && !includeDrafts
    ? await selectValidationReportsMaterialised(db, keys)
    : await selectValidationReports(db, keys, hierarchy, includeDrafts);
  const { counts: failures, agencies } = await selectFailures(db, keys, hierarchy, includeDrafts, options.agenciesPerRule ?? 100);
  const countByIndex = new Map(counts.map((c) => [c.keyIndex, c.reports]));
  const regionsByIndex = groupBy(regions, (r) => r.keyIndex);
  const failuresByKey = groupBy(failures, (f) => `${f.agencyId}:${f.year}`);
  const agenciesByRule = groupBy(agencies, (a) => `${a.agencyId}:${a.year}:${a.rule}`);
  return keys.map((key, i) => {
    // One entry per rule: a rule failing at two severities (never, today) keeps the worst.
    const byRule = new Map<string, RuleFailureDetail>();
    for (const f of failuresByKey.get(`${key.agencyId}:${key.year}`) ?? []) {
      const known = byRule.get(f.rule);
      const severity = (known && known.severity === 'error' ? 'error' : f.severity) as Severity;
      byRule.set(f.rule, Object.freeze({
        rule: f.rule,
        severity,
        reports: Math.max(known?.reports ?? 0, f.reports),
        agencyIds: Object.freeze((agenciesByRule.get(`${key.agencyId}:${key.year}:${f.rule}`) ?? []).map((a) => a.reportAgencyId)),
      }));
    }
    return Object.freeze({
      reportsChecked: countByIndex.get(i) ?? 0,
      failures: Object.freeze([...byRule.values()]),
      regionAgencyIds: Object.freeze((regionsByIndex.get(i) ?? []).map((r) => r.agencyId)),
    });
  });
}

/** Missing reporters (H1) of many nodes, aligned with the keys: two statements per chunk of keys. */
export async function missingReportersManyIn(
  db: Executor, keys: readonly RollupKey[], options: RollupOptions & { limit?: number } = {},
): Promise<(readonly AgencyRecord[])[]> {
  if (keys.length === 0) return [];
  const rows = await selectMissingMany(db, keys, options.hierarchy ?? 'YEAR', options.includeDrafts ?? false, options.limit ?? 1000);
  const agencies = new Map<number, AgencyRecord>();
  for (const agency of await agenciesByIdIn(db, [...new Set(rows.map((r) => r.agencyId))])) if (agency) agencies.set(agency.id, agency);
  const byIndex = groupBy(rows, (r) => r.keyIndex);
  return keys.map((_, i) => Object.freeze((byIndex.get(i) ?? []).flatMap((r) => agencies.get(r.agencyId) ?? [])));
}
