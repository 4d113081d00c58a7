/**
 * The interchange JSON itself (FORMATS.md "The interchange document"), as written by other tools
 * or by us for bulk loads: the shape is checked, cells are kept as given (amounts canonicalised).
 */
import { FORMAT_IDS, anyCell, findCell, isCellCodeShape, type FormatId } from '../domain/catalogue';
import type { InterchangeCellValue, InterchangeDocument, ReportScope, ReportStatus } from '../domain/interchange';
import { AmountError, canonicalWan } from '../domain/money';
import { failure, type ParseResult } from './parse-result';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function readInterchangeJson(source: string): ParseResult {
  let parsed: Json;
  try {
    parsed = JSON.parse(source) as Json;
  } catch (error) {
    return failure('INVALID_INTERCHANGE', `not valid JSON: ${(error as Error).message}`);
  }
  const problems: string[] = [];
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return failure('INVALID_INTERCHANGE', 'expected a JSON object with "format", "year" and "cells"');
  }
  const obj = parsed;
  const format = obj.format ?? null;
  if (format !== null && !(typeof format === 'string' && (FORMAT_IDS as readonly string[]).includes(format))) {
    problems.push(`format: expected one of ${FORMAT_IDS.join(', ')} or null, received ${JSON.stringify(format)}`);
  }
  const nullableString = (key: string): string | null => {
    const v = obj[key] ?? null;
    if (v !== null && typeof v !== 'string') problems.push(`${key}: expected a string or null, received ${JSON.stringify(v)}`);
    return typeof v === 'string' ? v : null;
  };
  const year = obj.year ?? null;
  if (year !== null && !(typeof year === 'number' && Number.isInteger(year) && year >= 1990 && year <= 2100)) {
    problems.push(`year: expected a whole year such as 2019, received ${JSON.stringify(year)}`);
  }
  const agencyName = nullableString('agencyName');
  const agencyCode = nullableString('agencyCode');
  const publishedOn = nullableString('publishedOn');
  if (publishedOn !== null && !/^\d{4}-\d{2}-\d{2}$/.test(publishedOn)) problems.push(`publishedOn: expected YYYY-MM-DD, received ${JSON.stringify(publishedOn)}`);
  const scope = obj.scope;
  if (scope !== undefined && scope !== 'OWN' && scope !== 'REGION') problems.push(`scope: expected "OWN" or "REGION", received ${JSON.stringify(scope)}`);
  const status = obj.status;
  if (status !== undefined && status !== 'DRAFT' && status !== 'PUBLISHED') problems.push(`status: expected "DRAFT" or "PUBLISHED", received ${JSON.stringify(status)}`);

  const rawCells = obj.cells;
  const cells: Record<string, InterchangeCellValue> = {};
  if (typeof rawCells !== 'object' || rawCells === null || Array.isArray(rawCells)) {
    problems.push('cells: expected an object of cell code → value');
  } else {
    for (const [code, value] of Object.entries(rawCells)) {
      if (!isCellCodeShape(code)) {
        problems.push(`cells.${code}: expected a code shaped <table>.<row>.<column>`);
        continue;
      }
      const def = (typeof format === 'string' ? findCell(format as FormatId, code) : undefined) ?? anyCell(code);
      if (value === null) {
        cells[code] = null;
      } else if (def?.unit === 'amount') {
        try {
          if (typeof value !== 'string' && typeof value !== 'number') throw new AmountError('a decimal string', JSON.stringify(value));
          cells[code] = canonicalWan(String(value));
        } catch (error) {
          if (!(error instanceof AmountError)) throw error;
          problems.push(`cells.${code}: expected an amount in 万元 as a decimal string such as "42.21", received ${JSON.stringify(value)}`);
        }
      } else if (typeof value === 'number' && Number.isSafeInteger(value)) {
        cells[code] = value;
      } else if (typeof value === 'string' && def === undefined) {
        cells[code] = value;
      } else {
        problems.push(`cells.${code}: expected a whole number or null, received ${JSON.stringify(value)}`);
      }
    }
  }
  if (problems.length) return failure('INVALID_INTERCHANGE', `not an interchange document: ${problems.join('; ')}`);

  const text = typeof obj.text === 'object' && obj.text !== null && !Array.isArray(obj.text) ? obj.text : {};
  const figures = typeof obj.statedFigures === 'object' && obj.statedFigures !== null && !Array.isArray(obj.statedFigures) ? obj.statedFigures : {};
  const str = (v: Json | undefined) => (typeof v === 'string' ? v : null);
  const int = (v: Json | undefined) => (typeof v === 'number' && Number.isInteger(v) ? v : null);
  const document: InterchangeDocument = {
    format: format as FormatId | null,
    year: year as number | null,
    agencyName,
    agencyCode,
    publishedOn,
    ...(scope ? { scope: scope as ReportScope } : {}),
    ...(status ? { status: status as ReportStatus } : {}),
    cells,
    text: { overview: str(text.overview), problems: str(text.problems), other: str(text.other) },
    statedFigures: { proactiveItems: int(figures.proactiveItems), applicationsReceived: int(figures.applicationsReceived) },
    diagnostics: Array.isArray(obj.diagnostics) ? (obj.diagnostics as unknown as InterchangeDocument['diagnostics']) : [],
  };
  return { ok: true, document };
}
