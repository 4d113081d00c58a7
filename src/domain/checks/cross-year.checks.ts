/**
 * The checks across the years of one agency (FORMATS.md "Checks", "Across years, same agency"):
 * X1, X2, X3, X4, comparing a report with the same agency's report of the year before.
 *
 * Same conventions as report.checks.ts: one result per place (column, row, report), passed or
 * failed; nothing when there is no previous report, when `previous` is not of the year just before,
 * when the rule does not apply to the pair of formats (X2 F2019→F2019, X3 F2021→F2021, X4 same
 * format), or when a place's cells are absent from either report. Blank and absent read as 0.
 */
import { cellsOf, tableDef } from '../catalogue';
import { anyPresent, applicationColumns, frozenResult, isPresent, perFormat, read, type ResultSink } from './check-result';
import type { CheckResult, CheckSubject } from './types';

export type CrossYearRuleId = 'X1' | 'X2' | 'X3' | 'X4';

// As in report.checks.ts: codes built once per format, messages only for kept results.

const freeze = <T>(items: T[]): readonly T[] => Object.freeze(items);
const full = (): ResultSink => ({ failuresOnly: false, out: [] });

const X1_PLAN = perFormat((format) =>
  freeze(applicationColumns(format).map((column) => {
    const overCode = `applications.carried_over.${column.code}`;
    const forwardCode = `applications.carried_forward.${column.code}`;
    return { overCode, forwardCode, place: `applications.*.${column.code}`, involved: freeze([overCode, forwardCode]) };
  })));

function x1Into(current: CheckSubject, previous: CheckSubject, sink: ResultSink): void {
  for (const { overCode, forwardCode, place, involved } of X1_PLAN(current.format)) {
    if (!isPresent(current.cells, overCode) || !isPresent(previous.cells, forwardCode)) continue;
    const over = read(current.cells, overCode);
    const forward = read(previous.cells, forwardCode);
    const ok = over === forward;
    if (ok && sink.failuresOnly) continue;
    sink.out.push(frozenResult('X1', ok, place, involved,
      `${overCode} ${over} in ${current.year} ${ok ? '=' : '≠'} ${forwardCode} ${forward} in ${previous.year}`));
  }
}

/**
 * X1: carried_over(Y) = carried_forward(Y−1), per applicant column. Both formats have the same seven
 * columns on both rows, so every column compares across the F2019 → F2021 change too.
 */
export function checkX1(current: CheckSubject, previous: CheckSubject): CheckResult[] {
  const sink = full();
  x1Into(current, previous, sink);
  return sink.out;
}

const X2_PLAN = freeze(tableDef('F2019', 'proactive').rows
  .filter((row) => row.columns.includes('prev_year_items') && row.columns.includes('change'))
  .map((row) => {
    const place = `proactive.${row.code}`;
    const itemsCode = `${place}.prev_year_items`;
    const changeCode = `${place}.change`;
    return { place, itemsCode, changeCode, involved: freeze([itemsCode, changeCode]) };
  }));

function x2Into(current: CheckSubject, previous: CheckSubject, sink: ResultSink): void {
  if (current.format !== 'F2019' || previous.format !== 'F2019') return;
  for (const { place, itemsCode, changeCode, involved } of X2_PLAN) {
    if (!isPresent(current.cells, itemsCode) || !anyPresent(previous.cells, involved)) continue;
    const now = read(current.cells, itemsCode);
    const before = read(previous.cells, itemsCode);
    const change = read(previous.cells, changeCode);
    const expected = before + change;
    const ok = now === expected;
    if (ok && sink.failuresOnly) continue;
    sink.out.push(frozenResult('X2', ok, place, involved,
      `${itemsCode} ${now} in ${current.year} ${ok ? '=' : '≠'} ${before} + (${change}) = ${expected} in ${previous.year}`));
  }
}

/** X2 (F2019 → F2019): prev_year_items(Y) = prev_year_items(Y−1) + change(Y−1), per row. */
export function checkX2(current: CheckSubject, previous: CheckSubject): CheckResult[] {
  const sink = full();
  x2Into(current, previous, sink);
  return sink.out;
}

const X3_PLAN = freeze(tableDef('F2021', 'proactive').rows
  .filter((row) => row.columns.includes('in_force'))
  .map((row) => {
    const place = `proactive.${row.code}`;
    const involved = freeze(['in_force', 'issued', 'repealed'].map((c) => `${place}.${c}`));
    return { place, inForce: involved[0]!, issued: involved[1]!, repealed: involved[2]!, involved };
  }));

function x3Into(current: CheckSubject, previous: CheckSubject, sink: ResultSink): void {
  if (current.format !== 'F2021' || previous.format !== 'F2021') return;
  for (const { place, inForce, issued, repealed, involved } of X3_PLAN) {
    if (!anyPresent(current.cells, involved) || !isPresent(previous.cells, inForce)) continue;
    const now = read(current.cells, inForce);
    const before = read(previous.cells, inForce);
    const plus = read(current.cells, issued);
    const minus = read(current.cells, repealed);
    const expected = before + plus - minus;
    const ok = now === expected;
    if (ok && sink.failuresOnly) continue;
    sink.out.push(frozenResult('X3', ok, place, involved,
      `${inForce} ${now} ${ok ? '=' : '≠'} ${before} in ${previous.year} + issued ${plus} − repealed ${minus} = ${expected}`));
  }
}

/** X3 (F2021 → F2021): in_force(Y) = in_force(Y−1) + issued(Y) − repealed(Y), per row. */
export function checkX3(current: CheckSubject, previous: CheckSubject): CheckResult[] {
  const sink = full();
  x3Into(current, previous, sink);
  return sink.out;
}

/** Per format, where identicalFigures last found a difference (a search hint only: never changes a result). */
const lastDifference = new Map<string, number>();

const CATALOGUE_CODES = perFormat((format) => Object.freeze(cellsOf(format).map((c) => c.code)));

/** What comparing two reports on the catalogue codes of their format found. */
interface CatalogueComparison {
  readonly differ: boolean;
  /** Catalogue codes each report contains, and whether the current one has a non-zero figure among them. */
  readonly currentPresent: number;
  readonly previousPresent: number;
  readonly nonZero: boolean;
}

const DIFFER: CatalogueComparison = Object.freeze({ differ: true, currentPresent: 0, previousPresent: 0, nonZero: false });
const own = (cells: CheckSubject['cells'], code: string) => Object.prototype.hasOwnProperty.call(cells, code);

/**
 * Compares two reports (blank and absent read as 0) on the catalogue codes of their format. The
 * scan starts where the last difference of the format was found (successive reports tend to differ
 * in the same cells) and ends at the first difference; the order never changes the answer.
 */
function compareOnCatalogue(current: CheckSubject, previous: CheckSubject): CatalogueComparison {
  const codes = CATALOGUE_CODES(current.format);
  const start = lastDifference.get(current.format) ?? 0;
  let currentPresent = 0;
  let previousPresent = 0;
  let nonZero = false;
  for (let k = 0; k < codes.length; k++) {
    const i = (start + k) % codes.length;
    const code = codes[i]!;
    const now = current.cells[code];
    const before = previous.cells[code];
    if ((now ?? 0) !== (before ?? 0)) {
      lastDifference.set(current.format, i);
      return DIFFER;
    }
    if (now !== undefined || own(current.cells, code)) currentPresent += 1;
    if (before !== undefined || own(previous.cells, code)) previousPresent += 1;
    if ((now ?? 0) !== 0) nonZero = true;
  }
  return { differ: false, currentPresent, previousPresent, nonZero };
}

const NO_CELLS: readonly string[] = freeze([]);

function x4Into(current: CheckSubject, previous: CheckSubject, sink: ResultSink): void {
  if (current.format !== previous.format) return;
  const differ = () => {
    if (!sink.failuresOnly) sink.out.push(frozenResult('X4', true, 'report', NO_CELLS, `the figures of ${current.year} differ from ${previous.year}'s`));
  };
  // Decided first with an early exit (reports nearly always differ); a difference implies some code,
  // so the result exists whenever they differ.
  const comparison = compareOnCatalogue(current, previous);
  if (comparison.differ) return differ();
  const currentCodes = Object.keys(current.cells);
  const previousCodes = Object.keys(previous.cells);
  let nonZeroSeen = comparison.nonZero;
  if (currentCodes.length !== comparison.currentPresent || previousCodes.length !== comparison.previousPresent) {
    // Codes outside the catalogue: every code of either report must read the same too; a non-zero
    // one of the current report makes it a copy (a code only in the previous one reads 0 in both).
    for (const code of currentCodes) {
      const value = read(current.cells, code);
      if (value !== read(previous.cells, code)) return differ();
      if (value !== 0) nonZeroSeen = true;
    }
    for (const code of previousCodes) if (read(current.cells, code) !== read(previous.cells, code)) return differ();
  }
  if (currentCodes.length === 0 && previousCodes.length === 0) return;
  if (!nonZeroSeen && sink.failuresOnly) return;
  const codes = [...new Set([...currentCodes, ...previousCodes])];
  const nonZero = codes.filter((code) => read(current.cells, code) !== 0);
  const copied = nonZero.length > 0;
  sink.out.push(frozenResult('X4', !copied, 'report', copied ? freeze(nonZero) : NO_CELLS,
    copied
      ? `all ${codes.length} figures of ${current.year} are identical to ${previous.year}, including ${nonZero.length} non-zero (${nonZero.slice(0, 3).map((c) => `${c} ${read(current.cells, c)}`).join(', ')}${nonZero.length > 3 ? ', …' : ''})`
      : `the figures of ${current.year} equal ${previous.year}'s but are all 0`));
}

/** X4: every figure identical to last year's, with some non-zero figure (a copied report). Same format only. */
export function checkX4(current: CheckSubject, previous: CheckSubject): CheckResult[] {
  const sink = full();
  x4Into(current, previous, sink);
  return sink.out;
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

const CROSS_YEAR_INTO: readonly ((current: CheckSubject, previous: CheckSubject, sink: ResultSink) => void)[] = Object.freeze([x1Into, x2Into, x3Into, x4Into]);

/**
 * X1–X4 between a report and the same agency's report of the year before. Returns nothing when
 * `previous` is null or is not of year `current.year − 1` (the rules compare consecutive years).
 */
export function checkAcrossYears(current: CheckSubject, previous: CheckSubject | null): CheckResult[] {
  const sink = full();
  if (previous === null || previous.year !== current.year - 1) return sink.out;
  for (const into of CROSS_YEAR_INTO) into(current, previous, sink);
  return sink.out;
}

/** Exactly the failed results of checkAcrossYears, in its order, without building passed messages. */
export function checkAcrossYearsFailures(current: CheckSubject, previous: CheckSubject | null): CheckResult[] {
  const sink: ResultSink = { failuresOnly: true, out: [] };
  if (previous === null || previous.year !== current.year - 1) return sink.out;
  for (const into of CROSS_YEAR_INTO) into(current, previous, sink);
  return sink.out;
}
