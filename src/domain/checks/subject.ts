/**
 * From a report's figures to the subject of the checks, and the full set of checks of one report:
 * what storage, the importer and the API all need, written once.
 */
import type { FormatId } from '../catalogue';
import type { StatedFigures } from '../interchange';
import type { CellValues } from '../report-values';
import { checkAcrossYears } from './cross-year.checks';
import { checkReport } from './report.checks';
import type { AgencyKind, CheckResult, CheckSubject } from './types';

/** The figures of a report that the checks read (a stored report, an imported document, …). */
export interface CheckedFigures {
  readonly format: FormatId;
  readonly year: number;
  readonly publishedOn: string | null;
  readonly cells: CellValues;
  readonly statedFigures: StatedFigures;
}

/** `governmentKind`: for a DEPARTMENT, the kind of the government it belongs to (rule S1). */
export function subjectOfReport(report: CheckedFigures, agencyKind: AgencyKind, governmentKind: AgencyKind | null = null): CheckSubject {
  return {
    format: report.format,
    year: report.year,
    agencyKind,
    publishedOn: report.publishedOn,
    cells: report.cells,
    statedFigures: report.statedFigures,
    ...(governmentKind ? { governmentKind } : {}),
  };
}

/** Every check of a report: within it, and (X1–X4) against the agency's report of the year before when there is one. */
export function checkWithPreviousYear(subject: CheckSubject, previous: CheckSubject | null): CheckResult[] {
  return [...checkReport(subject), ...checkAcrossYears(subject, previous)];
}
