/**
 * Rollup arithmetic (DESIGN.md §2 "Rollup", §4): sums of reports per cell code, with who reported
 * each cell, and how a measure adds up over a range of years. Pure; the rollup store materialises
 * the same sums in the database.
 */
import { anyCell, resolveMeasure, type FormatId, type YearAggregation } from '../catalogue';
import type { CellValues } from '../report-values';

export interface RollupInput {
  readonly format: FormatId;
  readonly cells: CellValues;
}

export interface RollupSums {
  /** Sum per cell code over the reports that have the cell; blank (null) adds 0. */
  readonly sums: Readonly<Record<string, number>>;
  /**
   * How many reports had each cell (blank included). A cell a report's format lacks, or its
   * document did not contain, is absent: it neither adds 0 nor counts (procurement exists only in
   * F2019, so a 2019–2025 rollup knows how many reports speak about it).
   */
  readonly cellReporters: Readonly<Record<string, number>>;
  /** How many reports of each format went in. */
  readonly reportersByFormat: Readonly<Partial<Record<FormatId, number>>>;
}

export const EMPTY_ROLLUP: RollupSums = Object.freeze({ sums: Object.freeze({}), cellReporters: Object.freeze({}), reportersByFormat: Object.freeze({}) });

/** The sum of a set of reports, cell by cell (over agencies every kind of cell adds up). */
export function sumReports(reports: readonly RollupInput[]): RollupSums {
  const sums: Record<string, number> = {};
  const cellReporters: Record<string, number> = {};
  const reportersByFormat: Partial<Record<FormatId, number>> = {};
  for (const report of reports) {
    reportersByFormat[report.format] = (reportersByFormat[report.format] ?? 0) + 1;
    for (const code in report.cells) {
      sums[code] = (sums[code] ?? 0) + (report.cells[code] ?? 0);
      cellReporters[code] = (cellReporters[code] ?? 0) + 1;
    }
  }
  return { sums, cellReporters, reportersByFormat };
}

/** The rollup of the union of two disjoint sets of reports (what the incremental store adds up). */
export function mergeRollups(a: RollupSums, b: RollupSums): RollupSums {
  const add = <K extends string>(x: Readonly<Partial<Record<K, number>>>, y: Readonly<Partial<Record<K, number>>>) => {
    const out: Partial<Record<K, number>> = { ...x };
    for (const key in y) out[key] = (out[key] ?? 0) + (y[key] ?? 0);
    return out;
  };
  return {
    sums: add(a.sums, b.sums) as Record<string, number>,
    cellReporters: add(a.cellReporters, b.cellReporters) as Record<string, number>,
    reportersByFormat: add(a.reportersByFormat, b.reportersByFormat),
  };
}

/** One year of a rollup (or of one report) as aggregateYears reads it. */
export interface YearSums {
  readonly year: number;
  /**
   * The format of the year's figures when they are all of one format; lets a measure one format
   * lacks be derived (F2021: other_handling = the three other_* rows). Without it, a code missing
   * from `sums` is derived from whatever DERIVATIONS parts are there.
   */
  readonly format?: FormatId;
  readonly sums: Readonly<Record<string, number>>;
}

/** How a code adds up over years: from the catalogue; codes unknown to it (extension cells) are flows. */
export function yearAggregationOf(code: string): YearAggregation {
  return anyCell(code)?.yearAggregation ?? 'flow';
}

/** The value of `code` in one year, derived across formats where needed; null when the year has none. */
export function measureInYear(entry: YearSums, code: string): number | null {
  const direct = entry.sums[code];
  if (direct !== undefined) return direct;
  const formats: readonly FormatId[] = entry.format ? [entry.format] : ['F2019', 'F2021'];
  for (const format of formats) {
    const how = resolveMeasure(format, code);
    if (how.kind !== 'sum') continue;
    const parts = how.of.filter((part) => entry.sums[part] !== undefined);
    if (parts.length > 0) return parts.reduce((sum, part) => sum + entry.sums[part]!, 0);
  }
  return null;
}

/**
 * A measure over a range of years, by the catalogue's year aggregation (DESIGN.md §2: flows add up,
 * stocks do not): `flow` sums the years that have it; `stock_start` (上一年项目数量, 上年结转) is the
 * value of the earliest year given; `stock_end` (现行有效件数, 对外公开总数量, 结转下年度) that of the
 * latest. Null when no year (or, for a stock, not the year that matters) has the measure.
 * Cross-format measures are resolved per year (F2019 other_handling = F2021 sum of other_*).
 */
export function aggregateYears(perYear: readonly YearSums[], code: string): number | null {
  if (perYear.length === 0) return null;
  const ordered = [...perYear].sort((a, b) => a.year - b.year);
  const aggregation = yearAggregationOf(code);
  switch (aggregation) {
    case 'flow': {
      let total: number | null = null;
      for (const entry of ordered) {
        const value = measureInYear(entry, code);
        if (value !== null) total = (total ?? 0) + value;
      }
      return total;
    }
    case 'stock_start':
      return measureInYear(ordered[0]!, code);
    case 'stock_end':
      return measureInYear(ordered[ordered.length - 1]!, code);
    default: {
      const unreachable: never = aggregation;
      throw new Error(`unknown year aggregation ${String(unreachable)}`);
    }
  }
}
