/**
 * Cell values: telling a value from a label, and reading a value in its column's unit
 * (FORMATS.md "Units" and "Blank cells"; LAYOUTS.md "Cell values").
 */
import type { ColumnDef } from '../domain/catalogue';
import type { InterchangeCellValue } from '../domain/interchange';
import { AmountError, canonicalWan, yuanToWan } from '../domain/money';
import type { DiagnosticCode } from './diagnostics';

/** blank: empty, spaces, NBSP or a stray `?`; dash: `-`, `—`, `/` (zero or not applicable); number: digits with an optional unit. */
export type ValueKind = 'blank' | 'dash' | 'number';

const STRAY = /[\s\u00a0\u3000?？]+/g;
const DASH = /^(?:-{1,2}|—{1,2}|–|―|─|\/|－|／)$/;
const NUMBER = /^[+-]?\d[\d,]*(?:\.\d+)?(?:万元|万|元|件|条|项|个|次)?$/;

/** The value kind of a cell, or null when the cell is text (a label, a header, a note). */
export function valueKind(cleaned: string): ValueKind | null {
  const bare = cleaned.replace(STRAY, '');
  if (bare === '') return 'blank';
  if (DASH.test(bare)) return 'dash';
  if (NUMBER.test(bare)) return 'number';
  return null;
}

export interface ReadValue {
  /** undefined: the cell is left out (the text is not a value of this unit). */
  readonly value: InterchangeCellValue | undefined;
  readonly notes: readonly { readonly code: DiagnosticCode; readonly message: string }[];
}

const AMOUNT = /^([+-]?\d+(?:\.\d+)?)(万元|万|元)?$/;
const COUNT = /^([+-]?\d+)(?:件|条|项|个|次)?$/;

/** Reads a cleaned cell text as a value of `column`; never invents one. */
export function readValue(cleaned: string, column: ColumnDef): ReadValue {
  const bare = cleaned.replace(STRAY, '').replace(/,/g, '');
  const shown = JSON.stringify(cleaned);
  if (bare === '') return { value: null, notes: [{ code: 'BLANK_AS_NULL', message: 'empty cell kept as null (the document states nothing)' }] };
  if (DASH.test(bare)) {
    return { value: column.unit === 'amount' ? '0' : 0, notes: [{ code: 'DASH_AS_ZERO', message: `${shown} read as 0` }] };
  }
  if (column.unit === 'amount') {
    const m = AMOUNT.exec(bare);
    if (!m) return invalid(shown, 'an amount such as "42.21万元", "251000元" or "42.21"');
    const [, digits, unit] = m;
    try {
      if (unit === '元') {
        const wan = canonicalWan(yuanToWan(digits));
        return { value: wan, notes: [{ code: 'UNIT_CONVERTED', message: `${shown} converted from 元 to ${wan} 万元` }] };
      }
      const wan = canonicalWan(digits);
      // F2021's fee column states 万元 in its header; F2019's procurement column states no unit.
      if (!unit && !column.label.zh.includes('万元')) {
        return { value: wan, notes: [{ code: 'UNIT_ASSUMED', message: `${shown} has no unit; taken as 万元` }] };
      }
      return { value: wan, notes: [] };
    } catch (error) {
      if (error instanceof AmountError) return invalid(shown, `an amount exact to 1 分 (${error.expected})`);
      throw error;
    }
  }
  const m = COUNT.exec(bare);
  if (!m) return invalid(shown, column.unit === 'signed' ? 'a whole number, possibly negative' : 'a whole number');
  const value = Number(m[1]);
  if (!Number.isSafeInteger(value)) return invalid(shown, 'a whole number below 2^53');
  return { value, notes: [] };
}

function invalid(shown: string, expected: string): ReadValue {
  return { value: undefined, notes: [{ code: 'VALUE_INVALID', message: `expected ${expected}, found ${shown}; cell left out` }] };
}
