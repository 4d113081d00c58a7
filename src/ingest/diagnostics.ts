/**
 * The diagnostic codes the importer emits (stable: tests, the import CLI and the API name them),
 * and a small collector. Every repair or doubt becomes one diagnostic with its location
 * (STYLE.md principle 4: readers collect diagnostics and decide once).
 */
import type { Severity } from '../domain/catalogue';
import type { Diagnostic, DiagnosticLocation } from '../domain/interchange';

export const DIAGNOSTIC_CODES = {
  /** A bare number in a money column whose header states no unit: taken as 万元 (FORMATS.md, procurement). */
  UNIT_ASSUMED: 'warning',
  /** An amount written in 元 converted exactly to 万元. */
  UNIT_CONVERTED: 'info',
  /** A label matched a catalogue label only approximately (typo, variant character, traditional script). */
  LABEL_FUZZY_MATCH: 'info',
  /** A row broken in two (a label-less line of values) merged back into the row before it. */
  SPLIT_ROW_MERGED: 'warning',
  /** The format read from the labels is not the one issued for the report's year. */
  FORMAT_YEAR_MISMATCH: 'warning',
  /** No marker label decided the format: the format that placed more cells was chosen. */
  FORMAT_INFERRED: 'warning',
  /** A local row the format does not have, kept as an extension cell. */
  EXTENSION_ROW: 'warning',
  /** An empty cell, kept as null (the document said nothing). */
  BLANK_AS_NULL: 'info',
  /** `-`, `—` or `/` read as 0 (FORMATS.md, "Blank cells"). */
  DASH_AS_ZERO: 'info',
  /** A value that belongs to no row. */
  VALUE_UNPLACED: 'warning',
  /** A value that is not a number of the column's unit; the cell is left out. */
  VALUE_INVALID: 'error',
  /** A row or a table with fewer cells than the format has; the missing cells are left out. */
  TABLE_INCOMPLETE: 'warning',
  /** A table whose labels are printed but which holds no figure at all. */
  TABLE_EMPTY: 'warning',
  /** Without row ends (L1–L3), empty cells right before a grouped row may be that row's empty group cell. */
  BLANK_POSITION_UNCERTAIN: 'warning',
  /** A row printed twice; the first one is kept. */
  DUPLICATE_ROW: 'warning',
  /** The bytes were not UTF-8 and were read as GB18030 (or another detected encoding). */
  ENCODING_DETECTED: 'info',
  /** The title states no year. */
  YEAR_MISSING: 'warning',
} as const satisfies Record<string, Severity>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Failure codes of a document that could not be read at all. */
export type ParseErrorCode =
  | 'NO_TABLE_FOUND'
  | 'UNSUPPORTED_FILE'
  | 'UNREADABLE_ENCODING'
  | 'EMPTY_DOCUMENT'
  | 'TOO_LARGE'
  | 'INVALID_INTERCHANGE'
  | 'UNREADABLE_FILE';

export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  add(code: DiagnosticCode, message: string, where: { cell?: string; location?: DiagnosticLocation } = {}): void {
    this.items.push({
      severity: DIAGNOSTIC_CODES[code],
      code,
      ...(where.cell ? { cell: where.cell } : {}),
      message,
      ...(where.location ? { location: where.location } : {}),
    });
  }
}
