/**
 * The catalogue as the API shows it (DESIGN.md §2 "Catalogue"), so that clients build forms and
 * labels from it. Roots are the catalogue's own values (FormatDef, TableDef, …), mapped as-is.
 */
import { Field, ObjectType } from 'type-graphql';
import type { FormatId, RuleScope, Severity, TableId, Unit, YearAggregation } from '../../domain/catalogue';
import type { AgencyKind } from '../../domain/checks/types';
import { AgencyKindEnum, FormatIdEnum, RuleScopeEnum, SeverityEnum, TableIdEnum, UnitEnum, YearAggregationEnum } from '../enums';
import { CellPlace, Label, YearRange } from './common.type';

@ObjectType({ simpleResolvers: true })
export class CatalogueColumn {
  @Field(() => String)
  code: string;

  @Field(() => Label)
  label: Label;

  @Field(() => UnitEnum)
  unit: Unit;

  @Field(() => YearAggregationEnum)
  yearAggregation: YearAggregation;
}

@ObjectType({ simpleResolvers: true })
export class CatalogueRow {
  @Field(() => String)
  code: string;

  @Field(() => Label)
  label: Label;

  @Field(() => Label, { nullable: true, description: 'The group or article header the row sits under.' })
  group: Label | null;

  @Field(() => [String], { description: "Codes of the row's columns, in the table's order." })
  columns: readonly string[];

  @Field(() => YearAggregationEnum, { nullable: true, description: "Overrides the columns' year aggregation for this row." })
  yearAggregation: YearAggregation | null;
}

@ObjectType({ simpleResolvers: true })
export class CatalogueTable {
  @Field(() => TableIdEnum)
  id: TableId;

  @Field(() => Label)
  label: Label;

  @Field(() => [CatalogueRow])
  rows: readonly CatalogueRow[];

  @Field(() => [CatalogueColumn])
  columns: readonly CatalogueColumn[];
}

@ObjectType({ simpleResolvers: true })
export class CatalogueFormat {
  @Field(() => FormatIdEnum)
  id: FormatId;

  @Field(() => Label)
  label: Label;

  @Field(() => String, { description: 'The notice that fixed the format.' })
  notice: string;

  @Field(() => YearRange, { description: 'The report years the format was issued for.' })
  intendedYears: YearRange;

  @Field(() => [CatalogueTable])
  tables: readonly CatalogueTable[];
}

@ObjectType({ simpleResolvers: true })
export class CatalogueRule {
  @Field(() => String)
  id: string;

  @Field(() => SeverityEnum)
  severity: Severity;

  @Field(() => RuleScopeEnum)
  scope: RuleScope;

  @Field(() => Label)
  label: Label;

  @Field(() => [FormatIdEnum])
  formats: readonly FormatId[];
}

@ObjectType({ simpleResolvers: true, description: 'One cell of one format, flattened.' })
export class CatalogueCell extends CellPlace {
  @Field(() => String)
  code: string;

  @Field(() => FormatIdEnum)
  format: FormatId;

  @Field(() => YearAggregationEnum)
  yearAggregation: YearAggregation;
}

@ObjectType({ simpleResolvers: true, description: 'A kind of agency and its label.' })
export class AgencyKindLabel {
  @Field(() => AgencyKindEnum)
  kind: AgencyKind;

  @Field(() => Label)
  label: Label;
}

@ObjectType({ simpleResolvers: true, description: 'Formats, their tables and cells, the check rules, and the kinds of agency.' })
export class Catalogue {
  @Field(() => [CatalogueFormat])
  formats: readonly CatalogueFormat[];

  @Field(() => [CatalogueRule])
  rules: readonly CatalogueRule[];

  @Field(() => [AgencyKindLabel], { description: 'Every kind of agency with what users read for it, in the order of the enum.' })
  agencyKinds: readonly AgencyKindLabel[];
}
