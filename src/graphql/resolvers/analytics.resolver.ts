/**
 * The analysts' aggregate and the validation summary of a subtree (issue 4 items 5, 6).
 */
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { AggregateDimension, AggregateKeyRecord, AgencyRecord, HierarchyMode } from '../../db/api';
import { FORMATS, FORMAT_IDS } from '../../domain/catalogue';
import { AGENCY_KINDS } from '../../domain/checks/types';
import { minorToWan } from '../../domain/money';
import { invalid } from '../../errors';
import { encodeCursor, offsetAfter, parseCellCodes, parseFirst, parseYear } from '../arguments';
import type { GraphqlContext } from '../context';
import { primeAgencies } from '../loaders';
import { validationOf, type ValidationReader } from '../../analytics/validation';
import { cellLabel, coverageOf } from '../rollup-mappers';
import { AggregateFilterInput, AggregateResult, GroupDimensionEnum, ValidationSummary } from '../types/analytics.type';
import { HierarchyModeEnum, SortOrderEnum, type SortOrder } from '../types/rollup.type';
import { agencyOrThrow, RANGE_FIRST_YEAR, RANGE_LAST_YEAR, requireDraftReader, rollupMode } from './rollup.resolver';

/** Agencies listed per failing rule in the API's summary (the export lists them all). */
const AGENCIES_PER_RULE = 100;

/** The validation summary's reads through the request's loaders (batched with the rest of the screen) and Storage. */
function loaderReader({ loaders, storage }: GraphqlContext): ValidationReader {
  const known = (list: readonly (AgencyRecord | Error | null)[]) => list.map((a) => (a instanceof Error ? null : a));
  return {
    validationSummaries: (keys, options) => storage.validationSummaries(keys, options),
    rollups: (keys, options) => Promise.all(keys.map((k) => loaders.rollups.load({ ...k, ...options }))),
    missingReporters: async (key, options) => {
      const missing = await loaders.missingReporters.load({ ...key, hierarchy: options.hierarchy, includeDrafts: options.includeDrafts });
      primeAgencies(loaders, missing);
      return missing.slice(0, options.limit);
    },
    reportsByAgencyYear: (keys) => Promise.all(keys.map((k) => loaders.reportsByAgencyYear.load(k))),
    agenciesById: async (ids) => known(await loaders.agenciesById.loadMany(ids)),
  };
}

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
    const outcome = await validationOf(loaderReader(context), agency, checkedYear, { hierarchy, includeDrafts }, { agenciesPerRule: AGENCIES_PER_RULE });
    return { agency, year: checkedYear, reportsChecked: outcome.reportsChecked, failures: outcome.failures, coverage: coverageOf(outcome.rollup, hierarchy, includeDrafts) };
  }
}
