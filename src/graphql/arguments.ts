/**
 * Checks of arguments at the API boundary (STYLE.md principle 1): each returns the clean value or
 * throws a VALIDATION_FAILED AppError naming the field, what was expected and what arrived.
 */
import { ALL_CELL_CODES } from '../domain/catalogue';
import { AppError, invalid } from '../errors';

/** The first year reports exist for: the 条例 took effect on 2008-05-01. */
export const FIRST_REPORT_YEAR = 2008;
export const LAST_REPORT_YEAR = 2100;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
const MAX_CODE_LENGTH = 64;

export function parseYear(field: string, year: number): number {
  if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > LAST_REPORT_YEAR) {
    throw invalid(field, `a report year from ${FIRST_REPORT_YEAR} to ${LAST_REPORT_YEAR}`, year);
  }
  return year;
}

export function parseOptionalYear(field: string, year: number | null | undefined): number | null {
  return year === null || year === undefined ? null : parseYear(field, year);
}

/** An agency code: non-empty, no surrounding spaces, at most 64 characters. */
export function parseAgencyCode(field: string, code: string): string {
  if (code.length === 0 || code.length > MAX_CODE_LENGTH || code.trim() !== code) {
    throw invalid(field, `an agency code of 1 to ${MAX_CODE_LENGTH} characters without surrounding spaces`, code);
  }
  return code;
}

export function parseFirst(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) throw invalid('first', `a page size from 0 to ${MAX_PAGE_SIZE}`, first);
  return first;
}

const CURSOR_PREFIX = 'offset:';

/** Cursors are opaque to clients; inside they are the offset of the item after which to continue. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64');
}

/** The offset of the first item after `after` (0 without a cursor). */
export function offsetAfter(after: string | null | undefined): number {
  if (after === null || after === undefined) return 0;
  const text = Buffer.from(after, 'base64').toString('utf8');
  const offset = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 0) throw invalid('after', 'a cursor returned by a previous page (edges.cursor or pageInfo.endCursor)', after);
  return offset + 1;
}

/** Built once: a dashboard request checks the codes of every rollup it shows (~40 times). */
const KNOWN_CELL_CODES: ReadonlySet<string> = new Set(ALL_CELL_CODES);

/** Cell codes asked for by a client: each must be a code of some format of the catalogue. */
export function parseCellCodes(field: string, codes: readonly string[] | null | undefined): ReadonlySet<string> | null {
  if (codes === null || codes === undefined) return null;
  const unknown = codes.filter((c) => !KNOWN_CELL_CODES.has(c));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', `${field}: unknown cell code ${JSON.stringify(unknown[0])}; expected codes of the catalogue such as "applications.granted.total"`, {
      field,
      expected: 'cell codes of the catalogue (query catalogue { cells(format) })',
      received: JSON.stringify(unknown[0]),
      unknown,
    });
  }
  return new Set(codes);
}

/** Rule ids listed in acceptFailures: upper-case ids such as "A2". */
export function parseRuleIds(field: string, ids: readonly string[] | null | undefined): readonly string[] {
  const list = ids ?? [];
  const bad = list.find((id) => !/^[A-Z][0-9]+$/.test(id));
  if (bad !== undefined) throw invalid(field, 'rule ids such as "A2"', bad);
  return [...new Set(list)];
}

export function parseExpectedRevision(revision: number | null | undefined): number | null {
  if (revision === null || revision === undefined) return null;
  if (!Number.isInteger(revision) || revision < 0) throw invalid('expectedRevision', 'a revision number (0 or more)', revision);
  return revision;
}
