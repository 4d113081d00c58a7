/**
 * The checks across the years of one agency (FORMATS.md "Checks", "Across years, same agency"):
 * X1, X2, X3, X4, comparing a report with the same agency's report of the year before.
 *
 * Same conventions as report.checks.ts: one result per place (column, row, report), passed or
 * failed; nothing when there is no previous report, when `previous` is not of the year just before,
 * when the rule does not apply to the pair of formats (X2 F2019→F2019, X3 F2021→F2021, X4 same
 * format), or when a place's cells are absent from either report. Blank and absent read as 0.
 */
import { tableDef } from '../catalogue';
import { anyPresent, applicationColumns, read, resultOf } from './check-result';
import type { CheckResult, CheckSubject } from './types';

export type CrossYearRuleId = 'X1' | 'X2' | 'X3' | 'X4';

/**
 * X1: carried_over(Y) = carried_forward(Y−1), per applicant column. Both formats have the same seven
 * columns on both rows, so every column compares across the F2019 → F2021 change too.
 */
export function checkX1(current: CheckSubject, previous: CheckSubject): CheckResult[] {
  const results: CheckResult[] = [];
  for (const column of applicationColumns(current.format)) {
    const overCode = `applications.carried_over.${column.code}`;
    const forwardCode = `applications.carried_forward.${column.code}`;
    if (!anyPresent(current.cells, [overCode]) || !anyPresent(previous.cells, [forwardCode])) continue;
    const over = read(current.cells, overCode);
    const forward = read(previous.cells, forwardCode);
    const ok = over === forward;
    results.push(resultOf('X1', ok, `applications.*.${column.code}`, [overCode, forwardCode],
      `${overCode} ${over} in ${current.year} ${ok ? '=' : '≠'} ${forwardCode} ${forward} in ${previous.year}`));
  }
  return results;
}

/** X2 (F2019 → F2019): prev_year_items(Y) = prev_year_items(Y−1) + change(Y−1), per row. */
export function checkX2(current: CheckSubject, previous: CheckSubject): CheckResult[] {
  if (current.format !== 'F2019' || previous.format !== 'F2019') return [];
  const results: CheckResult[] = [];
  for (const row of tableDef('F2019', 'proactive').rows) {
    if (!row.columns.includes('prev_year_items') || !row.columns.includes('change')) continue;
    const place = `proactive.${row.code}`;
    const itemsCode = `${place}.prev_year_items`;
    const changeCode = `${place}.change`;
    if (!anyPresent(current.cells, [itemsCode]) || !anyPresent(previous.cells, [itemsCode, changeCode])) continue;
    const now = read(current.cells, itemsCode);
    const before = read(previous.cells, itemsCode);
    const change = read(previous.cells, changeCode);
    const expected = before + change;
    const ok = now === expected;
    results.push(resultOf('X2', ok, place, [itemsCode, changeCode],
      `${itemsCode} ${now} in ${current.year} ${ok ? '=' : '≠'} ${before} + (${change}) = ${expected} in ${previous.year}`));
  }
  return results;
}

/** X3 (F2021 → F2021): in_force(Y) = in_force(Y−1) + issued(Y) − repealed(Y), per row. */
export function checkX3(current: CheckSubject, previous: CheckSubject): CheckResult[] {
  if (current.format !== 'F2021' || previous.format !== 'F2021') return [];
  const results: CheckResult[] = [];
  for (const row of tableDef('F2021', 'proactive').rows) {
    if (!row.columns.includes('in_force')) continue;
    const place = `proactive.${row.code}`;
    const [inForce, issued, repealed] = ['in_force', 'issued', 'repealed'].map((c) => `${place}.${c}`) as [string, string, string];
    if (!anyPresent(current.cells, [inForce, issued, repealed]) || !anyPresent(previous.cells, [inForce])) continue;
    const now = read(current.cells, inForce);
    const before = read(previous.cells, inForce);
    const plus = read(current.cells, issued);
    const minus = read(current.cells, repealed);
    const expected = before + plus - minus;
    const ok = now === expected;
    results.push(resultOf('X3', ok, place, [inForce, issued, repealed],
      `${inForce} ${now} ${ok ? '=' : '≠'} ${before} in ${previous.year} + issued ${plus} − repealed ${minus} = ${expected}`));
  }
  return results;
}

/** X4: every figure identical to last year's, with some non-zero figure (a copied report). Same format only. */
export function checkX4(current: CheckSubject, previous: CheckSubject): CheckResult[] {
  if (current.format !== previous.format) return [];
  const codes = [...new Set([...Object.keys(current.cells), ...Object.keys(previous.cells)])];
  if (codes.length === 0) return [];
  const identical = codes.every((code) => read(current.cells, code) === read(previous.cells, code));
  const nonZero = codes.filter((code) => read(current.cells, code) !== 0);
  const copied = identical && nonZero.length > 0;
  return [resultOf('X4', !copied, 'report', copied ? nonZero : [],
    copied
      ? `all ${codes.length} figures of ${current.year} are identical to ${previous.year}, including ${nonZero.length} non-zero (${nonZero.slice(0, 3).map((c) => `${c} ${read(current.cells, c)}`).join(', ')}${nonZero.length > 3 ? ', …' : ''})`
      : identical
        ? `the figures of ${current.year} equal ${previous.year}'s but are all 0`
        : `the figures of ${current.year} differ from ${previous.year}'s`)];
}

export const CROSS_YEAR_CHECKS: readonly {
  readonly rule: CrossYearRuleId;
  readonly run: (current: CheckSubject, previous: CheckSubject) => CheckResult[];
}[] = Object.freeze([
  { rule: 'X1', run: checkX1 },
  { rule: 'X2', run: checkX2 },
  { rule: 'X3', run: checkX3 },
  { rule: 'X4', run: checkX4 },
]);

/**
 * X1–X4 between a report and the same agency's report of the year before. Returns nothing when
 * `previous` is null or is not of year `current.year − 1` (the rules compare consecutive years).
 */
export function checkAcrossYears(current: CheckSubject, previous: CheckSubject | null): CheckResult[] {
  if (previous === null || previous.year !== current.year - 1) return [];
  return CROSS_YEAR_CHECKS.flatMap((check) => check.run(current, previous));
}
