/**
 * Rollups, series and comparisons (issue 4 items 1–4; planned surface helpers/rollup-api.graphql).
 * The resolver root of `Rollup` is a RollupView (a storage RollupRecord with its agency and mode);
 * tables, cells, rates and coverage are field resolvers of RollupResolver.
 */
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AgencyRecord, HierarchyMode, RollupRecord } from '../../db/api';
import type { FormatId } from '../../domain/catalogue';
import { Agency } from './agency.type';

export const HierarchyModeEnum = { YEAR: 'YEAR', CURRENT: 'CURRENT' } as const;
export const SortOrderEnum = { ASC: 'ASC', DESC: 'DESC' } as const;
export type SortOrder = keyof typeof SortOrderEnum;

/** GraphQL RateId → the id of the rate in src/domain/rollup RATES. */
export const RateIdEnum = {
  GRANTED_SHARE: 'granted_share',
  DENIED_SHARE: 'denied_share',
  UNABLE_SHARE: 'unable_share',
  REVIEW_CORRECTION_RATE: 'review_correction_rate',
  LITIGATION_LOSS_RATE: 'litigation_loss_rate',
} as const;
export type RateIdValue = (typeof RateIdEnum)[keyof typeof RateIdEnum];

registerEnumType(HierarchyModeEnum, { name: 'HierarchyMode', description: 'YEAR: the tree as it was that year (default); CURRENT: today’s tree (restated).' });
registerEnumType(SortOrderEnum, { name: 'SortOrder' });
registerEnumType(RateIdEnum, { name: 'RateId', description: 'Rates computed from rolled-up numerator and denominator (never averaged).' });

/** What a Rollup field resolves from. */
export interface RollupView {
  readonly agency: AgencyRecord;
  readonly year: number;
  readonly hierarchy: HierarchyMode;
  readonly includeDrafts: boolean;
  readonly record: RollupRecord;
}

/** What a Coverage field resolves from: the counts, and the rollup key to list the missing agencies. */
export interface CoverageView {
  readonly expected: number;
  readonly reported: number;
  readonly ratio: number | null;
  readonly missingCount: number;
  readonly agencyId: number;
  readonly year: number;
  readonly hierarchy: HierarchyMode;
  readonly includeDrafts: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'Rule H1: agencies active in the subtree that year, and how many of them reported.' })
export class Coverage {
  @Field(() => Int, { description: 'Agencies active in the subtree that year (the node included).' })
  expected: number;

  @Field(() => Int, { description: 'Of those, how many have a report counted in the rollup.' })
  reported: number;

  @Field(() => Float, { nullable: true, description: 'reported / expected; null when nothing is expected.' })
  ratio: number | null;

  @Field(() => Int)
  missingCount: number;
}

@ObjectType({ simpleResolvers: true, description: 'One cell of a rollup.' })
export class RollupCell {
  @Field(() => String)
  code: string;

  @Field(() => String, { nullable: true, description: 'Exact decimal text (amounts in 万元); null when no reporter had the cell (a format without it), never 0.' })
  value: string | null;

  @Field(() => Int, { description: 'How many reporters had the cell (present in their format and document, blank included).' })
  reporters: number;

  @Field(() => String, { nullable: true, description: 'Row label › column label, in Chinese.' })
  label: string | null;

  @Field(() => Boolean, { description: 'True when (part of) the value is derived from another format’s cells (F2021 other_* for other_handling).' })
  derived: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'A rate from rolled-up parts.' })
export class Rate {
  @Field(() => RateIdEnum)
  id: RateIdValue;

  @Field(() => String)
  label: string;

  @Field(() => String)
  labelEn: string;

  @Field(() => Float, { nullable: true, description: 'numerator / denominator; null when the denominator is 0.' })
  value: number | null;

  @Field(() => String)
  numerator: string;

  @Field(() => String)
  denominator: string;

  @Field(() => Boolean, { description: 'Fewer than 10 cases in the denominator: the rate says little.' })
  smallDenominator: boolean;
}

@ObjectType({ simpleResolvers: true })
export class FormatCount {
  @Field(() => String)
  format: FormatId;

  @Field(() => Int)
  reporters: number;
}

@ObjectType({ simpleResolvers: true, description: 'Rule H2: a REGION report compared with the rollup of the node (its subordinates’ OWN reports).' })
export class RegionCheck {
  @Field(() => Boolean)
  passed: boolean;

  @Field(() => [String], { description: 'One line per differing cell: code, region figure, rollup figure.' })
  differences: readonly string[];
}

@ObjectType({ simpleResolvers: true, description: 'The totals of a node for a year: its OWN report plus its descendants’, with coverage (rule H1).' })
export class Rollup {
  @Field(() => Agency)
  agency: Agency;

  @Field(() => Int)
  year: number;

  @Field(() => HierarchyModeEnum)
  hierarchy: HierarchyMode;

  @Field(() => Boolean)
  includeDrafts: boolean;
}

@ObjectType({ simpleResolvers: true })
export class SeriesPoint {
  @Field(() => Int)
  year: number;

  @Field(() => String, { nullable: true, description: 'The format of the year’s reporters when they share one; null when mixed or none.' })
  format: FormatId | null;

  @Field(() => [RollupCell], { description: 'Comparable across formats: F2019 other_handling in F2021 years is the sum of the three other_* rows.' })
  cells: readonly RollupCell[];

  @Field(() => Coverage)
  coverage: Coverage;

  @Field(() => [Rate])
  rates: readonly Rate[];
}

@ObjectType({ simpleResolvers: true })
export class SeriesChange {
  @Field(() => String)
  code: string;

  @Field(() => Int)
  year: number;

  @Field(() => String, { nullable: true })
  value: string | null;

  @Field(() => String, { nullable: true })
  previous: string | null;

  @Field(() => String, { nullable: true, description: 'value − previous.' })
  delta: string | null;

  @Field(() => Float, { nullable: true, description: 'delta / previous; null when previous is 0.' })
  ratio: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A node over a range of years.' })
export class Series {
  @Field(() => Agency)
  agency: Agency;

  @Field(() => Int)
  fromYear: number;

  @Field(() => Int)
  toYear: number;

  @Field(() => [SeriesPoint])
  points: readonly SeriesPoint[];

  @Field(() => [RollupCell], { description: 'Each cell over the range: flows summed, stocks taken at the start (上年) or end (结转, 现行有效) of the range.' })
  total: readonly RollupCell[];

  @Field(() => [Rate], { description: 'Rates over the range: parts summed over the years first, then divided.' })
  totalRates: readonly Rate[];

  @Field(() => [SeriesChange])
  changes: readonly SeriesChange[];
}

@ObjectType({ simpleResolvers: true, description: 'A child of the compared node with its rollup and rank.' })
export class CompareRow {
  @Field(() => Int, { nullable: true, description: '1 for the first; ties share a rank; null when the value is null.' })
  rank: number | null;

  @Field(() => Agency)
  agency: Agency;

  @Field(() => Rollup)
  rollup: Rollup;

  @Field(() => String, { nullable: true, description: 'The ranked cell value (when ranking by a cell).' })
  value: string | null;

  @Field(() => Rate, { nullable: true, description: 'The ranked rate (when ranking by a rate).' })
  rate: Rate | null;
}

@ObjectType({ simpleResolvers: true, description: 'The children of a node side by side, ranked.' })
export class Comparison {
  @Field(() => Agency)
  parent: Agency;

  @Field(() => Int)
  year: number;

  @Field(() => String, { description: 'The cell code or RateId ranked by.' })
  by: string;

  @Field(() => SortOrderEnum)
  order: SortOrder;

  @Field(() => [CompareRow])
  rows: readonly CompareRow[];
}
