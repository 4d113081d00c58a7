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
}
