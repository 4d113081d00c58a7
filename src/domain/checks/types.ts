/**
 * The contract of the checks (FORMATS.md "Checks"): pure functions over a report's values that
 * return one result per rule and per place it applies, each with the cells and the numbers involved.
 */
import type { FormatId, Label, Severity } from '../catalogue';
import type { StatedFigures } from '../interchange';
import type { CellValues } from '../report-values';

export type AgencyKind =
  | 'PROVINCE' | 'CITY' | 'DISTRICT' | 'SUBDISTRICT' | 'TOWN' | 'COMMUNITY' | 'VILLAGE' | 'DEPARTMENT' | 'OTHER';
export const AGENCY_KINDS: readonly AgencyKind[] = [
  'PROVINCE', 'CITY', 'DISTRICT', 'SUBDISTRICT', 'TOWN', 'COMMUNITY', 'VILLAGE', 'DEPARTMENT', 'OTHER',
];

/** What users read for each kind (DESIGN.md §2): the usual Chinese word, and English. */
export const AGENCY_KIND_LABELS: Readonly<Record<AgencyKind, Label>> = Object.freeze({
  PROVINCE: { zh: '省', en: 'province' },
  CITY: { zh: '市', en: 'city' },
  DISTRICT: { zh: '区县', en: 'district' },
  SUBDISTRICT: { zh: '街道', en: 'sub-district' },
  TOWN: { zh: '乡镇', en: 'town' },
  COMMUNITY: { zh: '社区', en: 'community' },
  VILLAGE: { zh: '村', en: 'village' },
  DEPARTMENT: { zh: '部门', en: 'department' },
  OTHER: { zh: '其他', en: 'other' },
});

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
