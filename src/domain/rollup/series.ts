/**
 * Rollups side by side over years (issue 4 item 2): a measure made comparable across formats, its
 * total over a range by the catalogue's flow/stock rule, and year-over-year changes. Pure.
 */
import { DERIVATIONS, type CrossFormatDerivation } from '../catalogue';
import { yearAggregationOf } from './rollup';

/**
 * What a rollup (or a report) says about its cells, read cell by cell: a stored rollup answers from
 * its packed figures without building a ~200-key object per node (DESIGN.md §7: a dashboard screen
 * reads ~40 rollups for a handful of cells each).
 */
export interface CellTotals {
  /** The sum of the cell (blank read as 0); undefined when no reporter had it and nothing was summed. */
  sumOf(code: string): number | undefined;
  /** How many reporters had the cell (present in their format and document, blank included). */
  reportersOf(code: string): number;
}

/** CellTotals over plain records (a sum of reports: sumReports, mergeRollups). */
export function cellTotalsOf(totals: { readonly sums: Readonly<Record<string, number>>; readonly cellReporters: Readonly<Record<string, number>> }): CellTotals {
  return {
    sumOf: (code) => totals.sums[code],
    reportersOf: (code) => totals.cellReporters[code] ?? 0,
  };
}

/** The value of a cell as a rollup shows it: its sum when some reporter had it (or something was summed), else null. */
export function cellValue(totals: CellTotals, code: string): number | null {
  const sum = totals.sumOf(code);
  return sum !== undefined ? sum : totals.reportersOf(code) > 0 ? 0 : null;
}

export interface MeasureValue {
  /** Null when no reporter had the cell (nor, for a derived measure, any of its parts). */
  readonly value: number | null;
  readonly reporters: number;
  /** True when some of the value comes from another format's parts (F2021 other_* for other_handling). */
  readonly derived: boolean;
}

/**
 * The value of `code` in a rollup, comparable across formats (FORMATS.md table applications: F2019
 * `other_handling` = the sum of F2021's three `other_*` rows). A rollup of a year mixing formats
 * holds the code from one format's reporters and the parts from the other's; they add up, never
 * overlap (the parts exist only in the other format).
 */
export function comparableMeasure(totals: CellTotals, code: string): MeasureValue {
  let value = cellValue(totals, code);
  let reporters = totals.reportersOf(code);
  let derived = false;
  for (const derivation of DERIVATIONS_BY_CODE.get(code) ?? NONE) {
    let partReporters = 0;
    for (const part of derivation.sumOf) partReporters = Math.max(partReporters, totals.reportersOf(part));
    if (partReporters === 0) continue;
    let partSum = 0;
    for (const part of derivation.sumOf) partSum += totals.sumOf(part) ?? 0;
    value = (value ?? 0) + partSum;
    reporters += partReporters;
    derived = true;
  }
  return { value, reporters, derived };
}

/** The derivations of each derived code: a series reads ~200 measures per screen, of which one or two are derived. */
const DERIVATIONS_BY_CODE: ReadonlyMap<string, readonly CrossFormatDerivation[]> = DERIVATIONS.reduce((byCode, derivation) => {
  byCode.set(derivation.code, [...(byCode.get(derivation.code) ?? []), derivation]);
  return byCode;
}, new Map<string, CrossFormatDerivation[]>());
const NONE: readonly CrossFormatDerivation[] = [];

export interface YearValue {
  readonly year: number;
  readonly value: number | null;
}

/**
 * A measure over a range of years by the catalogue's year aggregation (DESIGN.md §2: flows add up,
 * stocks do not): `flow` sums the years that have it; `stock_start` is the earliest year's value,
 * `stock_end` the latest's. Null when no year (or not the year that matters) has it.
 */
export function totalOverYears(code: string, values: readonly YearValue[]): number | null {
  if (values.length === 0) return null;
  const ordered = [...values].sort((a, b) => a.year - b.year);
  const aggregation = yearAggregationOf(code);
  switch (aggregation) {
    case 'flow':
      return ordered.reduce<number | null>((total, v) => (v.value === null ? total : (total ?? 0) + v.value), null);
    case 'stock_start':
      return ordered[0]!.value;
    case 'stock_end':
      return ordered[ordered.length - 1]!.value;
    default: {
      const unreachable: never = aggregation;
      throw new Error(`unknown year aggregation ${String(unreachable)}`);
    }
  }
}

export interface YearChange {
  readonly year: number;
  readonly value: number | null;
  readonly previous: number | null;
  /** value − previous; null when either is null. */
  readonly delta: number | null;
  /** delta / previous; null when previous is 0 or either is null. */
  readonly ratio: number | null;
}

/** Year-over-year changes of one measure, from the second year of the range on. */
export function yearOverYear(values: readonly YearValue[]): YearChange[] {
  const ordered = [...values].sort((a, b) => a.year - b.year);
  return ordered.slice(1).map((current, i) => {
    const previous = ordered[i]!.value;
    const delta = current.value === null || previous === null ? null : current.value - previous;
    return { year: current.year, value: current.value, previous, delta, ratio: delta === null || previous === 0 || previous === null ? null : delta / previous };
  });
}
