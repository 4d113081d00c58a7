/**
 * Shapes shared by the synthetic district and province: agencies with their active years, reports,
 * and how a synthetic report becomes the subject of the checks.
 */
import type { FormatId } from '../catalogue';
import type { AgencyKind, CheckSubject } from '../checks';
import type { ReportScope, ReportStatus, StatedFigures } from '../interchange';
import type { CellValues } from '../report-values';
import { tableDef } from '../catalogue';
import type { Rng } from './random';
import { isZeroTemplate } from './report-values.synthetic';

export interface SyntheticAgency {
  readonly code: string;
  readonly name: string;
  readonly kind: AgencyKind;
  /** The years the agency exists (inclusive); toYear null = still exists. */
  readonly fromYear: number;
  readonly toYear: number | null;
  /** For a DEPARTMENT: the kind of the government it belongs to (rule S1). */
  readonly governmentKind?: AgencyKind;
}

export interface SyntheticReport {
  readonly agencyCode: string;
  readonly year: number;
  readonly format: FormatId;
  readonly scope: ReportScope;
  readonly status: ReportStatus;
  /** ISO date */
  readonly publishedOn: string;
  readonly cells: CellValues;
  readonly statedFigures: StatedFigures;
}

/** The format a report of `year` is meant to use (FORMATS.md: F2019 for 2019–2020, F2021 from 2021). */
export function intendedFormat(year: number): FormatId {
  return year <= 2020 ? 'F2019' : 'F2021';
}

/** The subject of the checks for a synthetic report of a synthetic agency. */
export function subjectOf(report: SyntheticReport, agency: SyntheticAgency): CheckSubject {
  return {
    format: report.format,
    year: report.year,
    agencyKind: agency.kind,
    publishedOn: report.publishedOn,
    cells: report.cells,
    statedFigures: report.statedFigures,
    ...(agency.governmentKind ? { governmentKind: agency.governmentKind } : {}),
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A publication date within the deadline of D1: January of the next year for most agencies, up to
 * 31 March for county-level-and-above governments.
 */
export function onTimePublication(rng: Rng, kind: AgencyKind, year: number): string {
  const government = kind === 'PROVINCE' || kind === 'CITY' || kind === 'DISTRICT';
  const month = government ? rng.int(1, 3) : 1;
  return `${year + 1}-${pad2(month)}-${pad2(rng.int(month === 1 ? 5 : 1, month === 2 ? 28 : 31))}`;
}

/**
 * What the text of a synthetic report states: the applications received (as the table says, T1)
 * and the items disclosed proactively (the documents of the table plus news, notices and the like).
 */
export function statedFiguresOf(rng: Rng, format: FormatId, cells: CellValues): StatedFigures {
  const documents = documentCodes(format).reduce((sum, code) => sum + (cells[code] ?? 0), 0);
  return {
    proactiveItems: documents + rng.int(5, 400),
    applicationsReceived: cells['applications.new_received.total'] ?? 0,
  };
}

const DOCUMENT_CODES = new Map<FormatId, readonly string[]>();
/** The table's documents published this year (F2019 new_published, F2021 issued): what T1 compares with. */
function documentCodes(format: FormatId): readonly string[] {
  let codes = DOCUMENT_CODES.get(format);
  if (!codes) {
    const column = format === 'F2019' ? 'new_published' : 'issued';
    codes = tableDef(format, 'proactive').rows.filter((r) => r.columns.includes(column)).map((r) => `proactive.${r.code}.${column}`);
    DOCUMENT_CODES.set(format, codes);
  }
  return codes;
}

/** True when a report's figures equal last year's and some are non-zero (what X4 calls a copied report). */
export function looksCopied(cells: CellValues, previous: CellValues | undefined): boolean {
  if (!previous || isZeroTemplate(cells)) return false;
  let nonZero = false;
  for (const code in cells) {
    const value = cells[code] ?? 0;
    if (value !== (previous[code] ?? 0)) return false;
    if (value !== 0) nonZero = true;
  }
  if (!nonZero) return false;
  for (const code in previous) if (!(code in cells) && (previous[code] ?? 0) !== 0) return false;
  return true;
}
