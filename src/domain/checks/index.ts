/**
 * The checks of FORMATS.md "Checks" as pure functions: within one report (A1–A3, R1, N1, P1, S1,
 * D1, T1) and across the years of one agency (X1–X4). Hierarchy rules (H1, H2) need rollups and
 * live with them.
 */
export * from './types';
export { checkReport, checkReportFailures, REPORT_CHECKS, publicationDeadline, checkA1, checkA2, checkA3, checkR1, checkN1, checkP1, checkS1, checkD1, checkT1 } from './report.checks';
export type { ReportRuleId } from './report.checks';
export { checkAcrossYears, checkAcrossYearsFailures, CROSS_YEAR_CHECKS, checkX1, checkX2, checkX3, checkX4 } from './cross-year.checks';
export type { CrossYearRuleId } from './cross-year.checks';
export { failingErrors, summarise } from './check-summary';
export { checkWithPreviousYear, subjectOfReport, type CheckedFigures } from './subject';
export type { CheckSummary, RuleTally } from './check-summary';
