/**
 * The analysts' aggregate and the validation summary of a subtree (issue 4 items 5, 6).
 */
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { AggregateDimension, AggregateKeyRecord, AgencyRecord, HierarchyMode, RuleFailureDetail } from '../../db/api';
import { FORMATS, FORMAT_IDS, ruleDef } from '../../domain/catalogue';
import { AGENCY_KINDS } from '../../domain/checks/types';
import { minorToWan } from '../../domain/money';
import { regionDifferences } from '../../domain/rollup';
import { invalid } from '../../errors';
import { encodeCursor, offsetAfter, parseCellCodes, parseFirst, parseYear } from '../arguments';
import type { GraphqlContext } from '../context';
import { primeAgencies } from '../loaders';
import { cellLabel, coverageOf } from '../rollup-mappers';
import { AggregateFilterInput, AggregateResult, GroupDimensionEnum, ValidationSummary } from '../types/analytics.type';
import { HierarchyModeEnum, SortOrderEnum, type SortOrder } from '../types/rollup.type';
import { agencyOrThrow, RANGE_FIRST_YEAR, RANGE_LAST_YEAR, requireDraftReader, rollupMode } from './rollup.resolver';

/** MAX_AGGREGATE_COST's default (config.ts) when the context carries no limits (tests building a bare context). */
const DEFAULT_MAX_AGGREGATE_COST = 50_000_000;
const MAX_FILTER_ITEMS = 1000;

function listOf<T>(field: string, values: readonly T[] | null | undefined): readonly T[] | null {
  if (values === null || values === undefined) return null;
  if (values.length > MAX_FILTER_ITEMS) throw invalid(field, `at most ${MAX_FILTER_ITEMS} values`, `${values.length} values`);
  return [...new Set(values)];
}

/** Catalogue labels of the cell dimensions (Chinese, as printed in the official tables). */
function keyLabel(key: AggregateKeyRecord): string | null {
  switch (key.dimension) {
    case 'AGENCY':
    case 'PARENT':
      return key.name;
    case 'CODE':
      return cellLabel(key.value);
    case 'TABLE':
      return FORMATS.flatMap((f) => f.tables).find((t) => t.id === key.value)?.label.zh ?? null;
    case 'ROW': {
      const [table, row] = key.value.split('.');
      return FORMATS.flatMap((f) => f.tables).filter((t) => t.id === table).flatMap((t) => t.rows).find((r) => r.code === row)?.label.zh ?? null;
    }
    case 'COLUMN':
      return FORMATS.flatMap((f) => f.tables).flatMap((t) => t.columns).find((c) => c.code === key.value)?.label.zh ?? null;
    case 'YEAR':
    case 'KIND':
    case 'FORMAT':
      return null;
    default: {
      const unreachable: never = key.dimension;
      throw new Error(`unknown dimension ${String(unreachable)}`);
    }
  }
}

@Resolver()
export class AnalyticsResolver {
  @Query(() => AggregateResult, {
    description:
      'Ad-hoc sums over the facts of OWN reports, grouped by any dimensions, as one SQL GROUP BY; refused with TOO_COSTLY when agencies × years × cells exceeds MAX_AGGREGATE_COST (narrow the filter).',
  })
  async aggregate(
    @Arg('filter', () => AggregateFilterInput) filter: AggregateFilterInput,
    @Arg('groupBy', () => [GroupDimensionEnum]) groupBy: AggregateDimension[],
    @Arg('orderBy', () => SortOrderEnum, { nullable: true, description: 'By value (ties by the keys); null: by the keys.' }) orderBy: SortOrder | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) firstArg: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: GraphqlContext,
  ): Promise<AggregateResult> {
    const first = firstArg ?? 100;
    const pageSize = parseFirst(first);
    const offset = offsetAfter(after);
    const status = filter.status ?? 'PUBLISHED';
    requireDraftReader(context, status === 'DRAFT');
    const codes = listOf('filter.codes', filter.codes);
    if (codes) parseCellCodes('filter.codes', codes);
    const years = listOf('filter.years', filter.years)?.map((y) => {
      if (!Number.isInteger(y) || y < RANGE_FIRST_YEAR || y > RANGE_LAST_YEAR) throw invalid('filter.years', `years from ${RANGE_FIRST_YEAR} to ${RANGE_LAST_YEAR}`, y);
      return y;
    }) ?? null;
    const kinds = listOf('filter.kinds', filter.kinds);
    const badKind = kinds?.find((k) => !AGENCY_KINDS.includes(k));
    if (badKind !== undefined) throw invalid('filter.kinds', AGENCY_KINDS.join(', '), badKind);
    const formats = listOf('filter.formats', filter.formats);
    const badFormat = formats?.find((f) => !FORMAT_IDS.includes(f));
    if (badFormat !== undefined) throw invalid('filter.formats', FORMAT_IDS.join(', '), badFormat);
    const agencyCodes = listOf('filter.agencyCodes', filter.agencyCodes);
    let agencyIds: number[] | null = null;
    if (agencyCodes) {
      const found = await Promise.all(agencyCodes.map((code) => agencyOrThrow(context, 'filter.agencyCodes', code)));
      agencyIds = found.map((a) => a.id);
    }
    const subtreeOf = filter.subtreeOf == null ? null : (await agencyOrThrow(context, 'filter.subtreeOf', filter.subtreeOf)).id;

    const result = await context.storage.aggregate(
      { filter: { agencyIds, subtreeOf, kinds, years, formats, codes, status }, groupBy, order: orderBy ?? null, first: pageSize, offset },
      { maxCost: context.limits?.maxAggregateCost ?? DEFAULT_MAX_AGGREGATE_COST },
    );
    const last = offset + result.rows.length - 1;
    return {
      rows: result.rows.map((row) => ({
        keys: row.keys.map((key) => ({ dimension: key.dimension, value: key.value, label: keyLabel(key) })),
        value: result.unit === 'amount' ? minorToWan(row.value) : String(row.value),
        reports: row.reports,
      })),
      totalCount: result.totalCount,
      pageInfo: { hasNextPage: offset + result.rows.length < result.totalCount, endCursor: result.rows.length > 0 ? encodeCursor(last) : null },
      estimatedCost: Math.min(result.cost.cost, 2 ** 31 - 1),
    };
  }

  @Query(() => ValidationSummary, {
    description:
      'Data quality across a subtree for a year: reports failing each stored check (within the report and X1–X4 against the year before, as of their last write), H1 agencies without a report, H2 REGION reports that differ from their rollup.',
  })
  async validation(
    @Arg('agencyCode', () => ID) agencyCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('hierarchy', () => HierarchyModeEnum, { nullable: true, defaultValue: 'YEAR' }) hierarchyArg: HierarchyMode | null,
    @Arg('includeDrafts', () => Boolean, { nullable: true, defaultValue: false }) includeDraftsArg: boolean | null,
    @Ctx() context: GraphqlContext,
  ) {
    const checkedYear = parseYear('year', year);
    const { hierarchy, includeDrafts } = rollupMode(context, hierarchyArg, includeDraftsArg);
    const agency = await agencyOrThrow(context, 'agencyCode', agencyCode);
    const { loaders, storage } = context;
    const key = { agencyId: agency.id, year: checkedYear };
    const options = { hierarchy, includeDrafts };
    const [summary] = await storage.validationSummaries([key], options);
    const rollup = await loaders.rollups.load({ ...key, ...options });
    const coverage = coverageOf(rollup, hierarchy, includeDrafts);

    // Every failing agency in one batch.
    const failing = new Map<number, AgencyRecord>();
    const ids = [...new Set(summary.failures.flatMap((f) => f.agencyIds))];
    (await loaders.agenciesById.loadMany(ids)).forEach((a) => {
      if (a !== null && !(a instanceof Error)) failing.set(a.id, a);
    });
    const failures: { rule: string; severity: RuleFailureDetail['severity']; reports: number; agencies: readonly AgencyRecord[] }[] = summary.failures.map((f) => ({
      rule: f.rule, severity: f.severity, reports: f.reports, agencies: f.agencyIds.flatMap((id) => failing.get(id) ?? []),
    }));
    if (coverage.missingCount > 0) {
      const missing = await loaders.missingReporters.load({ ...key, ...options });
      primeAgencies(loaders, missing);
      failures.push({ rule: 'H1', severity: ruleDef('H1').severity, reports: coverage.missingCount, agencies: missing.slice(0, 100) });
    }
    if (summary.regionAgencyIds.length > 0) {
      const regionKeys = summary.regionAgencyIds.map((agencyId) => ({ agencyId, year: checkedYear }));
      const [reports, rollups] = await Promise.all([
        Promise.all(regionKeys.map((k) => loaders.reportsByAgencyYear.load(k))),
        Promise.all(regionKeys.map((k) => loaders.rollups.load({ ...k, ...options }))),
      ]);
      const differing = regionKeys.filter((_, i) => reports[i] !== null && regionDifferences(reports[i]!.cells, rollups[i]).length > 0);
      if (differing.length > 0) {
        const agencies = (await loaders.agenciesById.loadMany(differing.map((k) => k.agencyId))).filter((a): a is AgencyRecord => a !== null && !(a instanceof Error));
        failures.push({ rule: 'H2', severity: ruleDef('H2').severity, reports: differing.length, agencies });
      }
    }
    failures.sort((a, b) => a.rule.localeCompare(b.rule, 'en', { numeric: true }));
    return { agency, year: checkedYear, reportsChecked: summary.reportsChecked, failures, coverage };
  }
}
