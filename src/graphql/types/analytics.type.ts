/**
 * The analysts' aggregate and the validation summary (issue 4 items 5, 6; planned surface
 * helpers/rollup-api.graphql).
 */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AggregateDimension } from '../../db/api';
import type { FormatId, Severity } from '../../domain/catalogue';
import type { AgencyKind } from '../../domain/checks/types';
import type { ReportStatus } from '../../domain/interchange';
import { AgencyKindEnum, FormatIdEnum, ReportStatusEnum, SeverityEnum } from '../enums';
import { Agency } from './agency.type';
import { PageInfo } from './common.type';
import { Coverage } from './rollup.type';

export const GroupDimensionEnum: { readonly [K in AggregateDimension]: K } = Object.freeze({
  YEAR: 'YEAR', AGENCY: 'AGENCY', PARENT: 'PARENT', KIND: 'KIND', CODE: 'CODE', ROW: 'ROW', COLUMN: 'COLUMN', TABLE: 'TABLE', FORMAT: 'FORMAT',
});
registerEnumType(GroupDimensionEnum, {
  name: 'GroupDimension',
  description: 'How aggregate rows are grouped: AGENCY and PARENT (in the report’s year) by code, ROW as `<table>.<row>`, TABLE and COLUMN by their codes.',
});

@InputType('AggregateFilter', { description: 'Which facts an aggregate reads; every given filter applies. Only OWN-scope reports are read.' })
export class AggregateFilterInput {
  @Field(() => [ID], { nullable: true })
  agencyCodes?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The agency and its descendants in the tree of each report’s year.' })
  subtreeOf?: string | null;

  @Field(() => [AgencyKindEnum], { nullable: true })
  kinds?: AgencyKind[] | null;

  @Field(() => [Int], { nullable: true })
  years?: number[] | null;

  @Field(() => [FormatIdEnum], { nullable: true })
  formats?: FormatId[] | null;

  @Field(() => [String], { nullable: true, description: 'Cell codes, all counts or all amounts; default: every count cell.' })
  codes?: string[] | null;

  @Field(() => ReportStatusEnum, { nullable: true, description: 'Default PUBLISHED; DRAFT needs a token.' })
  status?: ReportStatus | null;
}

@ObjectType({ simpleResolvers: true })
export class GroupKey {
  @Field(() => GroupDimensionEnum)
  dimension: AggregateDimension;

  @Field(() => String, { description: 'The key: year, agency code, kind, format, cell code…; empty for the PARENT of a root.' })
  value: string;

  @Field(() => String, { nullable: true, description: 'Agency name, or the catalogue’s Chinese label of a cell, row, column or table.' })
  label: string | null;
}

@ObjectType({ simpleResolvers: true })
export class AggregateRow {
  @Field(() => [GroupKey])
  keys: readonly GroupKey[];

  @Field(() => String, { description: 'Exact sum: counts as integers, amounts in 万元.' })
  value: string;

  @Field(() => Int, { description: 'Reports in the group (grouped by cell dimensions: those with a non-zero value in it).' })
  reports: number;
}

@ObjectType({ simpleResolvers: true })
export class AggregateResult {
  @Field(() => [AggregateRow])
  rows: readonly AggregateRow[];

  @Field(() => Int, { description: 'Groups over all pages.' })
  totalCount: number;

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'The estimate checked against MAX_AGGREGATE_COST: agencies × years × cells.' })
  estimatedCost: number;
}

@ObjectType({ simpleResolvers: true, description: 'How many reports under the node fail a rule, and which agencies to chase.' })
export class RuleFailureCount {
  @Field(() => String, { description: 'Rule id of FORMATS.md: A1…, X1…, H1, H2.' })
  rule: string;

  @Field(() => SeverityEnum)
  severity: Severity;

  @Field(() => Int)
  reports: number;

  @Field(() => [Agency], { description: 'Agencies failing the rule, by code (at most 100); for H1 the agencies without a report.' })
  agencies: readonly Agency[];
}

@ObjectType({ simpleResolvers: true, description: 'Data quality across a subtree for a year: stored check failures (within reports and X1–X4), H1 coverage, H2 region reports.' })
export class ValidationSummary {
  @Field(() => Agency)
  agency: Agency;

  @Field(() => Int)
  year: number;

  @Field(() => Int, { description: 'Reports of the subtree that year (OWN and REGION).' })
  reportsChecked: number;

  @Field(() => [RuleFailureCount])
  failures: readonly RuleFailureCount[];

  @Field(() => Coverage)
  coverage: Coverage;
}
