/**
 * CSV rendering of export tables (RFC 4180): a field is quoted when it holds a comma, a quote, a
 * line break or leading/trailing spaces; a quote inside is doubled; records end in CRLF. An optional
 * UTF-8 byte-order mark makes Excel read the Chinese labels as UTF-8 (without it, Excel on a Chinese
 * Windows assumes GBK). Pure.
 */
import type { ExportTable, ExportValue } from './table';

export interface CsvOptions {
  /** Start with U+FEFF (UTF-8 BOM) for Excel. Default false (pipes and scripts do not want it). */
  readonly bom?: boolean;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
const BOM = '\ufeff';
const RECORD_END = '\r\n';
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field: integers as digits, null as empty, text quoted when needed. */
export function csvField(value: ExportValue): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record with its CRLF. */
export function csvRecord(values: readonly ExportValue[]): string {
  return values.map(csvField).join(',') + RECORD_END;
}

/** The header record: the columns' keys (stable, machine-readable names). */
export function csvHeader(table: Pick<ExportTable, 'columns'>): string {
  return csvRecord(table.columns.map((c) => c.key));
}

/**
 * The table as chunks of CSV text (header first), for streaming: one chunk per batch of rows, so a
 * slow reader applies back-pressure and a large export never sits whole in memory.
 */
export async function* csvChunks(table: ExportTable, options: CsvOptions = {}): AsyncGenerator<string> {
  yield (options.bom ? BOM : '') + csvHeader(table);
  for await (const batch of table.batches) {
    if (batch.length > 0) yield batch.map(csvRecord).join('');
  }
}

/** The whole table as one CSV text. */
export async function csvText(table: ExportTable, options: CsvOptions = {}): Promise<string> {
  let text = '';
  for await (const chunk of csvChunks(table, options)) text += chunk;
  return text;
}
