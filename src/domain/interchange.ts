/**
 * The interchange document of FORMATS.md: what `npm run parse` prints and what import and
 * `submitReport` accept. Counts are integers, amounts decimal strings in 万元, blanks null, and a cell
 * the document does not contain is left out.
 */
import type { FormatId, Severity } from './catalogue';

export type InterchangeCellValue = number | string | null;

export interface DiagnosticLocation {
  readonly line?: number;
  readonly column?: number;
  /** A human path such as "table 三 › row （三）不予公开 3 › column 总计". */
  readonly path?: string;
}

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable, machine-readable: UNIT_ASSUMED, LABEL_FUZZY_MATCH, SPLIT_ROW_MERGED, FORMAT_YEAR_MISMATCH, … */
  readonly code: string;
  readonly cell?: string;
  readonly message: string;
  readonly location?: DiagnosticLocation;
}

export type ReportScope = 'OWN' | 'REGION';
export type ReportStatus = 'DRAFT' | 'PUBLISHED';

export interface ReportText {
  readonly overview?: string | null;
  readonly problems?: string | null;
  readonly other?: string | null;
}

/** Figures stated in the free text (rule T1 compares them with the tables). */
export interface StatedFigures {
  /** "主动公开政府信息241条" */
  readonly proactiveItems?: number | null;
  /** "共收到政府信息公开申请N件" */
  readonly applicationsReceived?: number | null;
}

export interface InterchangeDocument {
  readonly format: FormatId | null;
  readonly year: number | null;
  readonly agencyName: string | null;
  readonly agencyCode: string | null;
  /** ISO date, YYYY-MM-DD */
  readonly publishedOn: string | null;
  readonly scope?: ReportScope;
  readonly status?: ReportStatus;
  readonly cells: Readonly<Record<string, InterchangeCellValue>>;
  readonly text: ReportText;
  readonly statedFigures: StatedFigures;
  readonly diagnostics: readonly Diagnostic[];
  /** Set by the parse CLI: the file the document was read from. */
  readonly source?: string;
}
