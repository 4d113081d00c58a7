/**
 * Rollups, series and comparisons (issue 4 items 1–4, 7). Resolvers parse arguments, load through
 * the per-request loaders (one Storage.rollups call per mode per tick, whatever the number of
 * children or years) and map; arithmetic is src/domain/rollup's.
 */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AgencyRecord, HierarchyMode, RollupRecord } from '../../db/api';
import { ALL_CELL_CODES, type TableId } from '../../domain/catalogue';
import {
  comparableMeasure, computeRate, computeRateOverYears, RATES, rateDef, regionDifferences, totalOverYears, yearOverYear, type YearSums,
} from '../../domain/rollup';
import { AppError, invalid } from '../../errors';
import { parseAgencyCode, parseCellCodes, parseYear } from '../arguments';
import { canReadDrafts, canSeeReport, requireWriter } from '../auth';
import type { GraphqlContext } from '../context';
import { MISSING_LIMIT, primeAgencies } from '../loaders';
import {
  cellLabel, comparableCells, coverageOf, figureText, rateShape, ratesOf, reportersByFormatOf, rollupCells, rollupTableValues, singleFormatOf,
  type RateShape, type RollupCellShape,
} from '../rollup-mappers';
import { Agency } from '../types/agency.type';
import { AppealsTable, ApplicationsTable, ProactiveTable, type TableValues } from '../types/report-tables.type';
import {
  Comparison, Coverage, type CoverageView, FormatCount, HierarchyModeEnum, Rate, RateIdEnum, type RateIdValue, RegionCheck, Rollup, RollupCell,
  type RollupView, Series, SortOrderEnum, type SortOrder,
} from '../types/rollup.type';

/** Year ranges of series (issue 4: "bad year ranges give clear coded errors"). */
export const RANGE_FIRST_YEAR = 1990;
export const RANGE_LAST_YEAR = 2100;
export const MAX_RANGE_YEARS = 30;
const MAX_COMPARE_ROWS = 500;
/** Ranking without `by` or `rate`: applications received (the dashboard's headline figure). */
export const DEFAULT_COMPARE_CODE = 'applications.new_received.total';
/** Children of the CURRENT tree: links still open (closure to_year = 9999). */
const OPEN_YEAR = 9999;

/**
 * fromYear..toYear: whole years from 1990 to 2100, fromYear ≤ toYear, at most 30 years.
 * @throws AppError VALIDATION_FAILED naming the argument, what was expected and what arrived.
 */
export function parseYearRange(fromYear: number, toYear: number): { from: number; to: number } {
  for (const [field, year] of [['fromYear', fromYear], ['toYear', toYear]] as const) {
    if (!Number.isInteger(year) || year < RANGE_FIRST_YEAR || year > RANGE_LAST_YEAR) throw invalid(field, `a year from ${RANGE_FIRST_YEAR} to ${RANGE_LAST_YEAR}`, year);
  }
  if (fromYear > toYear) throw invalid('fromYear', `a year not after toYear (${toYear})`, fromYear);
  if (toYear - fromYear + 1 > MAX_RANGE_YEARS) throw invalid('toYear', `at most ${MAX_RANGE_YEARS} years from fromYear (${fromYear}), i.e. up to ${fromYear + MAX_RANGE_YEARS - 1}`, toYear);
  return { from: fromYear, to: toYear };
}

/** Drafts are not public (DESIGN.md §6): includeDrafts needs a token. */
export function requireDraftReader(context: GraphqlContext, includeDrafts: boolean): void {
  if (!includeDrafts || canReadDrafts(context.viewer)) return;
  throw new AppError('UNAUTHENTICATED', 'includeDrafts: reading drafts needs a bearer token (Authorization: Bearer <token>)', {
    field: 'includeDrafts', expected: 'false without a token', received: 'true',
  });
}

/**
 * The hierarchy and drafts arguments every rollup-reading field takes, with their defaults (the tree
 * of that year, published reports only); includeDrafts needs a token.
 */
export function rollupMode(
  context: GraphqlContext,
  hierarchyArg: HierarchyMode | null,
  includeDraftsArg: boolean | null,
): { readonly hierarchy: HierarchyMode; readonly includeDrafts: boolean } {
  const includeDrafts = includeDraftsArg ?? false;
  requireDraftReader(context, includeDrafts);
  return { hierarchy: hierarchyArg ?? 'YEAR', includeDrafts };
}

export async function agencyOrThrow(context: GraphqlContext, field: string, code: string): Promise<AgencyRecord> {
  const agency = await context.loaders.agenciesByCode.load(parseAgencyCode(field, code));
  if (!agency) throw new AppError('NOT_FOUND', `${field}: no agency has the code ${JSON.stringify(code)}`, { field, expected: 'the code of an existing agency', received: JSON.stringify(code) });
  return agency;
}

export async function loadRollupView(context: GraphqlContext, agency: AgencyRecord, year: number, hierarchy: HierarchyMode, includeDrafts: boolean): Promise<RollupView> {
  const record = await context.loaders.rollups.load({ agencyId: agency.id, year, hierarchy, includeDrafts });
  return { agency, year, hierarchy, includeDrafts, record };
}

/** The requested codes, checked against the catalogue, in the order asked (VALIDATION_FAILED names an unknown one). */
function parseCodeList(field: string, codes: readonly string[] | null | undefined): readonly string[] | null {
  if (codes === null || codes === undefined) return null;
  parseCellCodes(field, codes);
  return [...new Set(codes)];
}

/** Memoises a computation that only some selections need. */
function lazily<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/**
 * A Series whose parts are computed when the query selects them (getters read by GraphQL's default
 * resolver): the dashboard asks only for the points' cells and coverage, not the totals, changes or
 * rates. graphql-jit reads a getter several times per selection (five for a point's cells), so every
 * part is memoised: computed at most once, and only when selected.
 */
function seriesOf(
  agency: AgencyRecord, range: { from: number; to: number }, records: readonly RollupRecord[], asked: readonly string[] | null,
  hierarchy: HierarchyMode, includeDrafts: boolean,
) {
  const shown = lazily(() => asked ?? ALL_CELL_CODES.filter((code) => records.some((r) => comparableMeasure(r, code).value !== null)));
  const perCode = lazily(() => shown().map((code) => ({ code, values: records.map((r) => ({ year: r.year, ...comparableMeasure(r, code) })) })));
  const total = lazily(() => perCode().map(({ code, values }): RollupCellShape => ({
    code,
    value: figureText(code, totalOverYears(code, values)),
    reporters: values.reduce((n, v) => n + v.reporters, 0),
    label: cellLabel(code),
    derived: values.some((v) => v.derived),
  })));
  const totalRates = lazily(() => {
    const perYear: YearSums[] = records.map((r) => ({ year: r.year, sums: r.sums, ...(singleFormatOf(r) ? { format: singleFormatOf(r)! } : {}) }));
    return RATES.map((def) => rateShape(def, computeRateOverYears(def, perYear)));
  });
  const changes = lazily(() => perCode().flatMap(({ code, values }) =>
    yearOverYear(values).map((c) => ({
      code, year: c.year, value: figureText(code, c.value), previous: figureText(code, c.previous), delta: figureText(code, c.delta), ratio: c.ratio,
    })),
  ));
  return {
    agency,
    fromYear: range.from,
    toYear: range.to,
    points: records.map((r) => {
      const cells = lazily(() => comparableCells(r, shown()));
      const coverage = lazily(() => coverageOf(r, hierarchy, includeDrafts));
      const rates = lazily(() => ratesOf(r));
      return {
        year: r.year,
        format: singleFormatOf(r),
        get cells(): RollupCellShape[] {
          return cells();
        },
        get coverage(): CoverageView {
          return coverage();
        },
        get rates(): RateShape[] {
          return rates();
        },
      };
    }),
    get total(): RollupCellShape[] {
      return total();
    },
    get totalRates(): RateShape[] {
      return totalRates();
    },
    get changes() {
      return changes();
    },
  };
}

@Resolver(() => Rollup)
export class RollupResolver {
  @Query(() => Rollup, { description: 'The rollup of a node for a year (NOT_FOUND for an unknown agency; includeDrafts needs a token).' })
  async rollup(
    @Arg('agencyCode', () => ID) agencyCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('hierarchy', () => HierarchyModeEnum, { nullable: true, defaultValue: 'YEAR' }) hierarchyArg: HierarchyMode | null,
    @Arg('includeDrafts', () => Boolean, { nullable: true, defaultValue: false }) includeDraftsArg: boolean | null,
    @Ctx() context: GraphqlContext,
  ): Promise<RollupView> {
    const checkedYear = parseYear('year', year);
    const { hierarchy, includeDrafts } = rollupMode(context, hierarchyArg, includeDraftsArg);
    const agency = await agencyOrThrow(context, 'agencyCode', agencyCode);
    return loadRollupView(context, agency, checkedYear, hierarchy, includeDrafts);
  }

  @FieldResolver(() => Coverage)
  coverage(@Root() view: RollupView): CoverageView {
    return coverageOf(view.record, view.hierarchy, view.includeDrafts);
  }

  @FieldResolver(() => [FormatCount])
  reportersByFormat(@Root() view: RollupView) {
    return reportersByFormatOf(view.record);
  }

  @FieldResolver(() => ProactiveTable, { nullable: true, description: '二、主动公开政府信息情况, summed; a cell no reporter had is null.' })
  proactive(@Root() view: RollupView): TableValues {
    return rollupTableValues(view.record, 'proactive' satisfies TableId);
  }

  @FieldResolver(() => ApplicationsTable, { nullable: true, description: '三、收到和处理政府信息公开申请情况, summed.' })
  applications(@Root() view: RollupView): TableValues {
    return rollupTableValues(view.record, 'applications');
  }

  @FieldResolver(() => AppealsTable, { nullable: true, description: '四、政府信息公开行政复议、行政诉讼情况, summed.' })
  appeals(@Root() view: RollupView): TableValues {
    return rollupTableValues(view.record, 'appeals');
  }

  @FieldResolver(() => [RollupCell], { description: 'The cells `codes` in that order (VALIDATION_FAILED for an unknown code), else every cell some reporter had.' })
  cells(@Root() view: RollupView, @Arg('codes', () => [String], { nullable: true }) codes: string[] | null): RollupCellShape[] {
    return rollupCells(view.record, parseCodeList('codes', codes));
  }

  @FieldResolver(() => [Rate], { description: 'The rates `ids` in that order (each computed from its own numerator and denominator only), else every rate.' })
  rates(@Root() view: RollupView, @Arg('ids', () => [RateIdEnum], { nullable: true }) ids: RateIdValue[] | null): RateShape[] {
    if (ids === null || ids === undefined) return ratesOf(view.record);
    return [...new Set(ids)].map((id) => {
      const def = rateDef(id);
      return rateShape(def, computeRate(def, view.record));
    });
  }

  @FieldResolver(() => RegionCheck, { nullable: true, description: 'Rule H2 when the node’s own report that year has scope REGION; null otherwise.' })
  async regionCheck(@Root() view: RollupView, @Ctx() { loaders, viewer }: GraphqlContext) {
    const report = await loaders.reportsByAgencyYear.load({ agencyId: view.agency.id, year: view.year });
    if (!report || report.scope !== 'REGION' || !canSeeReport(viewer, report) || (report.status === 'DRAFT' && !view.includeDrafts)) return null;
    const differences = regionDifferences(report.cells, view.record).map(
      (d) => `${d.code}: region report ${figureText(d.code, d.region)}, rollup ${figureText(d.code, d.rollup)}`,
    );
    return { passed: differences.length === 0, differences };
  }

  @Query(() => Series, { description: 'A node over fromYear..toYear (at most 30 years, 1990–2100): per-year rollups, totals by flow/stock rule, year-over-year changes.' })
  async series(
    @Arg('agencyCode', () => ID) agencyCode: string,
    @Arg('fromYear', () => Int) fromYear: number,
    @Arg('toYear', () => Int) toYear: number,
    @Arg('codes', () => [String], { nullable: true }) codes: string[] | null,
    @Arg('hierarchy', () => HierarchyModeEnum, { nullable: true, defaultValue: 'YEAR' }) hierarchyArg: HierarchyMode | null,
    @Arg('includeDrafts', () => Boolean, { nullable: true, defaultValue: false }) includeDraftsArg: boolean | null,
    @Ctx() context: GraphqlContext,
  ) {
    const range = parseYearRange(fromYear, toYear);
    const asked = parseCodeList('codes', codes);
    const { hierarchy, includeDrafts } = rollupMode(context, hierarchyArg, includeDraftsArg);
    const agency = await agencyOrThrow(context, 'agencyCode', agencyCode);
    const years = Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i);
    const records = await Promise.all(years.map((year) => context.loaders.rollups.load({ agencyId: agency.id, year, hierarchy, includeDrafts })));
    return seriesOf(agency, range, records, asked, hierarchy, includeDrafts);
  }

  @Query(() => Comparison, {
    description: 'The children of a node that year side by side with their rollups, ranked by a cell (`by`, default applications received) or a rate; nulls last, ties share a rank.',
  })
  async compare(
    @Arg('parentCode', () => ID) parentCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('by', () => String, { nullable: true }) by: string | null,
    @Arg('rate', () => RateIdEnum, { nullable: true }) rate: RateIdValue | null,
    @Arg('order', () => SortOrderEnum, { nullable: true, defaultValue: 'DESC' }) orderArg: SortOrder | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) firstArg: number | null,
    @Arg('hierarchy', () => HierarchyModeEnum, { nullable: true, defaultValue: 'YEAR' }) hierarchyArg: HierarchyMode | null,
    @Arg('includeDrafts', () => Boolean, { nullable: true, defaultValue: false }) includeDraftsArg: boolean | null,
    @Ctx() context: GraphqlContext,
  ) {
    const first = firstArg ?? 50;
    const order = orderArg ?? 'DESC';
    const checkedYear = parseYear('year', year);
    if (by != null && rate != null) throw invalid('rate', 'either `by` (a cell code) or `rate`, not both', rate);
    const code = rate == null ? (parseCodeList('by', [by ?? DEFAULT_COMPARE_CODE])![0]) : null;
    if (!Number.isInteger(first) || first < 0 || first > MAX_COMPARE_ROWS) throw invalid('first', `a number of rows from 0 to ${MAX_COMPARE_ROWS}`, first);
    const { hierarchy, includeDrafts } = rollupMode(context, hierarchyArg, includeDraftsArg);
    const parent = await agencyOrThrow(context, 'parentCode', parentCode);
    const children = await context.loaders.childrenOf.load({ agencyId: parent.id, year: hierarchy === 'CURRENT' ? OPEN_YEAR : checkedYear });
    primeAgencies(context.loaders, children);
    const views = await Promise.all(children.map((child) => loadRollupView(context, child, checkedYear, hierarchy, includeDrafts)));
    const scored = views.map((view) => {
      if (code !== null) {
        const value = view.record.reportersOf(code) > 0 ? (view.record.sumOf(code) ?? 0) : null;
        return { view, score: value, value: figureText(code, value), rate: null };
      }
      const def = rateDef(rate!);
      const shape = rateShape(def, computeRate(def, view.record));
      return { view, score: shape.value, value: null, rate: shape };
    });
    const sign = order === 'ASC' ? 1 : -1;
    scored.sort((a, b) => {
      if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? a.view.agency.code.localeCompare(b.view.agency.code) : 1) : -1;
      return a.score !== b.score ? sign * (a.score - b.score) : a.view.agency.code.localeCompare(b.view.agency.code);
    });
    let rank = 0;
    const rows = scored.map((s, i) => {
      if (s.score !== null && (i === 0 || scored[i - 1].score !== s.score)) rank = i + 1;
      return { rank: s.score === null ? null : rank, agency: s.view.agency, rollup: s.view, value: s.value, rate: s.rate };
    });
    return { parent, year: checkedYear, by: code ?? Object.entries(RateIdEnum).find(([, v]) => v === rate)![0], order, rows: rows.slice(0, first) };
  }

  @Mutation(() => Int, { description: 'ADMIN: recomputes the derived data (the hierarchy closure from the parent links, then every materialised rollup from the facts); returns the number of rollup rows.' })
  async rebuildRollups(@Ctx() { storage, viewer }: GraphqlContext): Promise<number> {
    requireWriter(viewer, null);
    return (await storage.rebuildRollups()).rows;
  }

  @Mutation(() => [String], { description: 'ADMIN: compares the derived data with the facts (the closure with the parent links, the rollups with the reports); one line per difference (empty: all right).' })
  async verifyRollups(@Ctx() { storage, viewer }: GraphqlContext): Promise<readonly string[]> {
    requireWriter(viewer, null);
    return (await storage.verifyRollups()).differences;
  }
}

@Resolver(() => Coverage)
export class CoverageResolver {
  @FieldResolver(() => [Agency], { description: 'Agencies active in the subtree that year without a counted report (rule H1), by code; batched over every rollup of the request.' })
  async missing(@Root() coverage: CoverageView, @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) firstArg: number | null, @Ctx() { loaders }: GraphqlContext) {
    const first = firstArg ?? 100;
    if (!Number.isInteger(first) || first < 0 || first > MISSING_LIMIT) throw invalid('first', `a number of agencies from 0 to ${MISSING_LIMIT}`, first);
    if (coverage.missingCount === 0 || first === 0) return [];
    const missing = await loaders.missingReporters.load({ agencyId: coverage.agencyId, year: coverage.year, hierarchy: coverage.hierarchy, includeDrafts: coverage.includeDrafts });
    primeAgencies(loaders, missing);
    return missing.slice(0, first);
  }
}

/** `Agency.rollup(year, hierarchy, includeDrafts)`: batched with every other rollup of the request. */
@Resolver(() => Agency)
export class AgencyRollupResolver {
  @FieldResolver(() => Rollup, { description: 'The rollup of this agency’s subtree for a year.' })
  async rollup(
    @Root() agency: AgencyRecord,
    @Arg('year', () => Int) year: number,
    @Arg('hierarchy', () => HierarchyModeEnum, { nullable: true, defaultValue: 'YEAR' }) hierarchyArg: HierarchyMode | null,
    @Arg('includeDrafts', () => Boolean, { nullable: true, defaultValue: false }) includeDraftsArg: boolean | null,
    @Ctx() context: GraphqlContext,
  ): Promise<RollupView> {
    const checkedYear = parseYear('year', year);
    const { hierarchy, includeDrafts } = rollupMode(context, hierarchyArg, includeDraftsArg);
    return loadRollupView(context, agency, checkedYear, hierarchy, includeDrafts);
  }
}

export const ROLLUP_RESOLVERS = [RollupResolver, CoverageResolver, AgencyRollupResolver] as const;
