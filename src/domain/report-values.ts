/**
 * A report's figures inside the domain: every cell as an integer (amounts in 分, see money.ts), null
 * for a blank cell, and no key for a cell the document did not contain.
 */
import { type CellDef, cellsOf, type FormatId } from './catalogue';
import type { InterchangeCellValue } from './interchange';
import { AmountError, minorToWan, wanToMinor } from './money';

export type CellNumber = number | null;
export type CellValues = Readonly<Record<string, CellNumber>>;

export interface ReportValues {
  readonly format: FormatId;
  readonly cells: CellValues;
}

export interface CellProblem {
  readonly cell: string;
  readonly expected: string;
  readonly received: string;
}

/**
 * Converts interchange cells (JSON integers, decimal strings of 万元) into domain integers.
 * Cells unknown to the format are reported, never dropped silently.
 */
export function cellsFromInterchange(
  format: FormatId,
  cells: Readonly<Record<string, InterchangeCellValue>>,
): { readonly values: CellValues; readonly problems: readonly CellProblem[] } {
  const values: Record<string, CellNumber> = {};
  const problems: CellProblem[] = [];
  let index: ReadonlyMap<string, CellDef> | undefined; // looked up at the first cell, as findCell did
  // Object.keys visits the keys in the order of Object.entries without building the pairs (this runs
  // on every report of a bulk load).
  for (const code of Object.keys(cells)) {
    const raw = cells[code];
    const def = (index ??= cellIndexOf(format)).get(code);
    if (!def) {
      problems.push({ cell: code, expected: `a cell code of format ${format}`, received: code });
      continue;
    }
    if (raw === null) {
      values[code] = null;
      continue;
    }
    if (def.unit === 'amount') {
      try {
        values[code] = wanToMinor(typeof raw === 'number' ? String(raw) : raw);
      } catch (e) {
        const err = e as AmountError;
        problems.push({ cell: code, expected: err.expected ?? 'an amount in 万元', received: JSON.stringify(raw) });
      }
      continue;
    }
    const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
      problems.push({ cell: code, expected: def.unit === 'signed' ? 'an integer' : 'a whole number', received: JSON.stringify(raw) });
      continue;
    }
    values[code] = n;
  }
  return { values, problems };
}

const CELL_INDEX = new Map<FormatId, ReadonlyMap<string, CellDef>>();

/** The format's cells by code, built once per format (findCell's answers, one Map lookup per cell). */
function cellIndexOf(format: FormatId): ReadonlyMap<string, CellDef> {
  let index = CELL_INDEX.get(format);
  if (!index) CELL_INDEX.set(format, (index = new Map(cellsOf(format).map((c) => [c.code, c]))));
  return index;
}

/** The inverse of cellsFromInterchange: counts stay integers, amounts become decimal strings of 万元. */
export function cellsToInterchange(format: FormatId, cells: CellValues): Record<string, InterchangeCellValue> {
  const out: Record<string, InterchangeCellValue> = {};
  let index: ReadonlyMap<string, CellDef> | undefined;
  for (const code in cells) {
    if (!Object.prototype.hasOwnProperty.call(cells, code)) continue;
    const value = cells[code];
    const def = (index ??= cellIndexOf(format)).get(code);
    out[code] = value === null ? null : def?.unit === 'amount' ? minorToWan(value) : value;
  }
  return out;
}

/** Reads a cell as checks and rollups do: blank and absent count as 0. */
export function valueOf(cells: CellValues, code: string): number {
  return cells[code] ?? 0;
}
