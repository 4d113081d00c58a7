/**
 * The enums of the API, registered once from the domain's own lists so that the two never drift.
 * GraphQL names are UPPER_CASE; where the domain uses lower-case values (severity, unit …) the enum
 * maps the GraphQL name to the domain value, so resolvers pass domain values through unchanged.
 */
import { registerEnumType } from 'type-graphql';
import { FORMAT_IDS, TABLE_IDS, type FormatId, type RuleScope, type Severity, type TableId, type Unit, type YearAggregation } from '../domain/catalogue';
import { AGENCY_KINDS, type AgencyKind } from '../domain/checks/types';
import type { ReportScope, ReportStatus } from '../domain/interchange';

const identity = <T extends string>(values: readonly T[]): { readonly [K in T]: K } =>
  Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as { readonly [K in T]: K };
const upperCased = <T extends string>(values: readonly T[]): Readonly<Record<Uppercase<T>, T>> =>
  Object.freeze(Object.fromEntries(values.map((v) => [v.toUpperCase(), v]))) as Readonly<Record<Uppercase<T>, T>>;

export const AgencyKindEnum = identity<AgencyKind>(AGENCY_KINDS);
export const FormatIdEnum = identity<FormatId>(FORMAT_IDS);
export const ReportStatusEnum = identity<ReportStatus>(['DRAFT', 'PUBLISHED']);
export const ReportScopeEnum = identity<ReportScope>(['OWN', 'REGION']);
export const TableIdEnum = upperCased<TableId>(TABLE_IDS);
export const SeverityEnum = upperCased<Severity>(['error', 'warning', 'info']);
export const UnitEnum = upperCased<Unit>(['count', 'signed', 'amount']);
export const YearAggregationEnum = upperCased<YearAggregation>(['flow', 'stock_start', 'stock_end']);
export const RuleScopeEnum = upperCased<RuleScope>(['report', 'cross_year', 'hierarchy']);
export const SubmitOutcomeEnum = identity(['CREATED', 'UPDATED', 'UNCHANGED'] as const);

registerEnumType(AgencyKindEnum, { name: 'AgencyKind', description: 'What an agency is (DESIGN.md §2).' });
registerEnumType(FormatIdEnum, { name: 'FormatId', description: 'The official report format (FORMATS.md): F2019 (国办公开办函〔2019〕60号) or F2021 (〔2021〕30号).' });
registerEnumType(ReportStatusEnum, { name: 'ReportStatus' });
registerEnumType(ReportScopeEnum, { name: 'ReportScope', description: "OWN: the agency's own work; REGION: a government's consolidated figures for its area." });
registerEnumType(TableIdEnum, { name: 'TableId' });
registerEnumType(SeverityEnum, { name: 'Severity' });
registerEnumType(UnitEnum, { name: 'Unit', description: 'COUNT: non-negative integer; SIGNED: integer; AMOUNT: exact decimal of 万元.' });
registerEnumType(YearAggregationEnum, { name: 'YearAggregation', description: 'How a cell adds up over years: FLOW sums; STOCK_START takes the first year; STOCK_END the last.' });
registerEnumType(RuleScopeEnum, { name: 'RuleScope' });
registerEnumType(SubmitOutcomeEnum, { name: 'SubmitOutcome' });
