/**
 * The packed form of a node's rollup cells in rollup_node.cells (DESIGN.md §4 "Materialised rollups"):
 * "codeId,sum,absent;codeId,sum,absent;…", one triple per rollup row (sum ≠ 0 or some reporter lacks
 * the cell), ascending code ids, '' when none. Triples are separated by ';' and numbers by ',', so a
 * cell is found by a binary search over the triples without parsing the rest: a dashboard screen
 * reads ~40 nodes of up to ~200 cells for a handful of cells each (DESIGN.md §7).
 * Every number is an exact safe integer both ways (sums are BIGINT 分).
 */
import { toSafeInteger } from './sql';

export interface PackedTriple {
  readonly codeId: number;
  readonly valueSum: number;
  readonly absentReporters: number;
}

export function packCells(rows: readonly PackedTriple[]): string {
  return [...rows]
    .sort((a, b) => a.codeId - b.codeId)
    .map((r) => `${toSafeInteger(r.codeId, 'code_id')},${toSafeInteger(r.valueSum, 'value_sum')},${toSafeInteger(r.absentReporters, 'absent_reporters')}`)
    .join(';');
}

/** What is wrong with a packed text, for the error of a corrupt row. */
function corrupt(where: string, what: string): Error {
  return new Error(`rollup_node.cells of ${where}: expected codeId,sum,absent triples separated by ';', ${what}`);
}

/**
 * Reads the integer starting at `from` up to the next ',' or ';' (or the end), character by
 * character: exact while below 2^53, and past it the value stays past it and is refused.
 * Returns the value and where the next number starts; -1 as `next` at the end of the text.
 */
function readInteger(text: string, from: number, where: string, out: { value: number; next: number }): void {
  let value = 0;
  let digits = 0;
  let negative = false;
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
    } else if (c === 45 && digits === 0 && !negative) {
      negative = true;
    } else if (c === 44 || c === 59) {
      break;
    } else {
      throw corrupt(where, `received the character ${JSON.stringify(text[i])} at ${i}`);
    }
  }
  if (digits === 0) throw corrupt(where, `received ${i < text.length ? JSON.stringify(text[i]) : 'the end'} where an integer was due at ${from}`);
  if (!Number.isSafeInteger(value)) throw corrupt(where, `received ${text.slice(from, i)} at ${from}, not a safe integer`);
  out.value = negative ? -value : value;
  out.next = i < text.length ? i + 1 : -1;
}

/** Calls `each` for every triple, in order. */
export function forEachPackedCell(text: string, where: string, each: (codeId: number, valueSum: number, absentReporters: number) => void): void {
  if (text === '') return;
  const cursor = { value: 0, next: 0 };
  let previous = -Infinity;
  while (cursor.next >= 0) {
    const start = cursor.next;
    readInteger(text, start, where, cursor);
    const codeId = cursor.value;
    // findPackedCell's binary search needs ascending ids; verifyRollups reads every row through here.
    if (codeId <= previous) throw corrupt(where, `received code ids out of ascending order at ${start}`);
    previous = codeId;
    if (cursor.next < 0 || text.charCodeAt(cursor.next - 1) !== 44) throw corrupt(where, `received an incomplete triple at ${start}`);
    readInteger(text, cursor.next, where, cursor);
    const valueSum = cursor.value;
    if (cursor.next < 0 || text.charCodeAt(cursor.next - 1) !== 44) throw corrupt(where, `received an incomplete triple at ${start}`);
    readInteger(text, cursor.next, where, cursor);
    if (cursor.next >= 0 && text.charCodeAt(cursor.next - 1) !== 59) throw corrupt(where, `received a fourth number in the triple at ${start}`);
    each(codeId, valueSum, cursor.value);
  }
}

export function unpackCells(text: string, where: string): PackedTriple[] {
  const out: PackedTriple[] = [];
  forEachPackedCell(text, where, (codeId, valueSum, absentReporters) => out.push({ codeId, valueSum, absentReporters }));
  return out;
}

/** findPackedCell's reading position: one for the module (the search is synchronous), not one per look-up (a screen makes ~800). */
const SEARCH_CURSOR = { value: 0, next: 0 };

/**
 * The sum and absent count of one cell id, found by binary search over the triples (they are in
 * ascending code ids): O(log n) short reads instead of parsing every triple. False when the text
 * has none (the rollup has no row for the cell: sum 0, nobody absent).
 */
export function findPackedCell(text: string, codeId: number, where: string, out: { sum: number; absent: number }): boolean {
  const cursor = SEARCH_CURSOR;
  // lo is always the start of a triple, hi the start of a triple or the end of the text.
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = mid === lo ? lo : text.lastIndexOf(';', mid - 1) + 1;
    readInteger(text, start, where, cursor);
    if (cursor.next < 0) throw corrupt(where, `received an incomplete triple at ${start}`);
    if (cursor.value === codeId) {
      readInteger(text, cursor.next, where, cursor);
      out.sum = cursor.value;
      if (cursor.next < 0) throw corrupt(where, `received an incomplete triple at ${start}`);
      readInteger(text, cursor.next, where, cursor);
      out.absent = cursor.value;
      return true;
    }
    if (cursor.value < codeId) {
      const end = text.indexOf(';', cursor.next);
      lo = end < 0 ? text.length : end + 1;
    } else {
      hi = start;
    }
  }
  return false;
}
