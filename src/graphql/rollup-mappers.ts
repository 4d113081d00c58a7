/**
 * Mappers from rollup records to API shapes (STYLE.md principle 10): typed tables over both formats,
 * cells with their reporters, rates, coverage, series points. Arithmetic is the domain's
 * (src/domain/rollup); here only formatting (amounts: integer 分 → decimal text of 万元).
 */
import { ALL_CELL_CODES, anyCell, FORMATS, type FormatId, type TableId } from '../domain/catalogue';
import { minorToWan } from '../domain/money';
import { cellValue, comparableMeasure, computeRate, RATES, type CellTotals, type RateDef, type RateValue } from '../domain/rollup';
import type { HierarchyMode, RollupRecord } from '../db/api';
import { fieldNameOf, type TableValues } from './types/report-tables.type';
import type { CoverageView, RateIdValue } from './types/rollup.type';

/** Codes whose unit is an amount, and every code's "row › column" label: looked up for every cell of every rollup served. */
const AMOUNT_CODES: ReadonlySet<string> = new Set(ALL_CELL_CODES.filter((code) => anyCell(code)?.unit === 'amount'));
const CELL_LABELS: ReadonlyMap<string, string> = new Map(ALL_CELL_CODES.map((code) => {
  const def = anyCell(code)!;
  return [code, `${def.rowLabel.zh} › ${def.columnLabel.zh}`];
}));

/** An exact figure as the API writes it: amounts as 万元 text, everything else as an integer. */
export function figureText(code: string, value: number | null): string | null {
  if (value === null) return null;
  return AMOUNT_CODES.has(code) ? minorToWan(value) : String(value);
}

export function cellLabel(code: string): string | null {
  return CELL_LABELS.get(code) ?? null;
}

/**
 * A rollup's typed table: rows and columns of every format; a cell no reporter had is null, never 0
 * (procurement exists only in F2019 reports).
 */
export function rollupTableValues(record: RollupRecord, table: TableId): TableValues {
  const rows: Record<string, Record<string, number | string | null>> = {};
  for (const format of FORMATS) {
    const def = format.tables.find((t) => t.id === table);
    if (!def) continue;
    for (const row of def.rows) {
      const values = (rows[fieldNameOf(row.code)] ??= {});
      for (const column of row.columns) {
        const code = `${table}.${row.code}.${column}`;
        const value = record.reportersOf(code) > 0 ? (record.sumOf(code) ?? 0) : null;
        values[fieldNameOf(column)] = value === null ? null : anyCell(code)!.unit === 'amount' ? minorToWan(value) : value;
      }
    }
  }
  return rows;
}

export interface RollupCellShape {
  readonly code: string;
  readonly value: string | null;
  readonly reporters: number;
  readonly label: string | null;
  readonly derived: boolean;
}

/**
 * A rollup's cells as stored (no derivation): `codes` in their order when given (read cell by cell),
 * else every cell some reporter had, in catalogue order (F2019's first, then F2021's additions),
 * from the record's whole `sums` / `cellReporters`, built once rather than looked up cell by cell.
 */
export function rollupCells(record: RollupRecord, codes: readonly string[] | null): RollupCellShape[] {
  if (codes === null) {
    const { sums, cellReporters } = record;
    return ALL_CELL_CODES.filter((code) => sums[code] !== undefined).map((code) => (
      { code, value: figureText(code, sums[code]!), reporters: cellReporters[code] ?? 0, label: cellLabel(code), derived: false }
    ));
  }
  return codes.map((code) => ({ code, value: figureText(code, cellValue(record, code)), reporters: record.reportersOf(code), label: cellLabel(code), derived: false }));
}

/** Cells comparable across formats (series): F2019 other_handling in an F2021 year is the sum of other_*. */
export function comparableCells(totals: CellTotals, codes: readonly string[]): RollupCellShape[] {
  return codes.map((code) => {
    const measure = comparableMeasure(totals, code);
    return { code, value: figureText(code, measure.value), reporters: measure.reporters, label: cellLabel(code), derived: measure.derived };
  });
}

export interface RateShape {
  readonly id: RateIdValue;
  readonly label: string;
  readonly labelEn: string;
  readonly value: number | null;
  readonly numerator: string;
  readonly denominator: string;
  readonly smallDenominator: boolean;
}

export function rateShape(def: RateDef, value: RateValue): RateShape {
  return {
    id: def.id as RateIdValue,
    label: def.label.zh,
    labelEn: def.label.en,
    value: value.value,
    numerator: String(value.numerator),
    denominator: String(value.denominator),
    smallDenominator: value.smallDenominator,
  };
}

/** Every rate of src/domain/rollup RATES from the rolled-up parts (never averages). */
export function ratesOf(totals: CellTotals): RateShape[] {
  return RATES.map((def) => rateShape(def, computeRate(def, totals)));
}

export function coverageOf(record: RollupRecord, hierarchy: HierarchyMode, includeDrafts: boolean): CoverageView {
  return {
    expected: record.expected,
    reported: record.reported,
    ratio: record.expected > 0 ? record.reported / record.expected : null,
    missingCount: Math.max(0, record.expected - record.reported),
    agencyId: record.agencyId,
    year: record.year,
    hierarchy,
    includeDrafts,
  };
}

export function reportersByFormatOf(record: RollupRecord): { format: FormatId; reporters: number }[] {
  return FORMATS.map((f) => ({ format: f.id, reporters: record.reportersByFormat[f.id] ?? 0 }));
}

/** The one format of a year's reporters, or null when mixed or none. */
export function singleFormatOf(record: RollupRecord): FormatId | null {
  const used = FORMATS.filter((f) => (record.reportersByFormat[f.id] ?? 0) > 0);
  return used.length === 1 ? used[0].id : null;
}
