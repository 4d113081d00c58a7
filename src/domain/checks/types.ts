/**
 * The contract of the checks (FORMATS.md "Checks"): pure functions over a report's values that
 * return one result per rule and per place it applies, each with the cells and the numbers involved.
 */
import type { FormatId, Severity } from '../catalogue';
import type { StatedFigures } from '../interchange';
import type { CellValues } from '../report-values';

export type AgencyKind =
  | 'PROVINCE' | 'CITY' | 'DISTRICT' | 'SUBDISTRICT' | 'TOWN' | 'COMMUNITY' | 'VILLAGE' | 'DEPARTMENT' | 'OTHER';
export const AGENCY_KINDS: readonly AgencyKind[] = [
  'PROVINCE', 'CITY', 'DISTRICT', 'SUBDISTRICT', 'TOWN', 'COMMUNITY', 'VILLAGE', 'DEPARTMENT', 'OTHER',
];

/** What a within-report check needs to know. */
export interface CheckSubject {
  readonly format: FormatId;
  readonly year: number;
  readonly agencyKind: AgencyKind;
  /** ISO date or null when unknown (D1 is then not evaluated). */
  readonly publishedOn: string | null;
  readonly cells: CellValues;
  readonly statedFigures: StatedFigures;
  /**
   * For a DEPARTMENT: the kind of the government it belongs to (DISTRICT for a 区教育局), so that
   * rule S1 can tell a county department from a provincial one. Optional; unknown means "do not flag".
   */
  readonly governmentKind?: AgencyKind;
}

export interface CheckResult {
  /** Rule id of the catalogue (A1 …). */
  readonly rule: string;
  readonly severity: Severity;
  readonly passed: boolean;
  /** The cells the failing (or checked) identity involves. */
  readonly cells: readonly string[];
  /** Plain words with the numbers: "applications.granted: total 5 ≠ 2+1+0+0+0+0 = 3". */
  readonly message: string;
  /**
   * Where in the report the result applies: a row ("applications.granted"), a column
   * ("applications.*.total"), a block ("appeals.review"), a cell, or "report" for the whole report.
   */
  readonly place?: string;
}
