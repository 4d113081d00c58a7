/** Tiny factories for report documents: all-zero tables of a format, with a few cells changed. */
import { cellsOf, type FormatId } from '../../src/domain/catalogue';
import type { InterchangeCellValue, InterchangeDocument } from '../../src/domain/interchange';

export function zeroCells(format: FormatId): Record<string, InterchangeCellValue> {
  return Object.fromEntries(cellsOf(format).map((c) => [c.code, c.unit === 'amount' ? '0' : 0]));
}

/** A document that passes every ERROR check: `received` natural-person applications, all granted. */
export function makeDocument(options: {
  format?: FormatId;
  year?: number;
  received?: number;
  cells?: Record<string, InterchangeCellValue | undefined>;
  status?: 'DRAFT' | 'PUBLISHED';
  scope?: 'OWN' | 'REGION';
} = {}): InterchangeDocument {
  const format = options.format ?? 'F2021';
  const received = options.received ?? 0;
  const cells: Record<string, InterchangeCellValue> = zeroCells(format);
  for (const row of ['new_received', 'granted', 'total_handled']) {
    cells[`applications.${row}.natural_person`] = received;
    cells[`applications.${row}.total`] = received;
  }
  for (const [code, value] of Object.entries(options.cells ?? {})) {
    if (value === undefined) delete cells[code];
    else cells[code] = value;
  }
  return {
    format,
    year: options.year ?? 2023,
    agencyName: null,
    agencyCode: null,
    publishedOn: null,
    ...(options.scope ? { scope: options.scope } : {}),
    ...(options.status ? { status: options.status } : {}),
    cells,
    text: { overview: '总体情况', problems: null, other: null },
    statedFigures: {},
    diagnostics: [],
  };
}
