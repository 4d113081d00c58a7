/**
 * The catalogue: formats, tables, rows, columns and cells as data, plus lookups built once.
 * Public surface of src/domain/catalogue.
 */
import { FORMATS } from './formats';
import { RULES } from './rules';
import type { CellDef, CrossFormatDerivation, FormatDef, FormatId, RuleDef, TableDef, TableId } from './types';

export * from './types';
export { FORMATS, F2019, F2021 } from './formats';
export { RULES } from './rules';

export function formatDef(id: FormatId): FormatDef {
  const found = FORMATS.find((f) => f.id === id);
  if (!found) throw new Error(`unknown format "${id}": expected one of ${FORMATS.map((f) => f.id).join(', ')}`);
  return found;
}

export function tableDef(format: FormatId, table: TableId): TableDef {
  return formatDef(format).tables.find((t) => t.id === table)!;
}

function flatten(format: FormatDef): CellDef[] {
  return format.tables.flatMap((table) =>
    table.rows.flatMap((row) =>
      row.columns.map((columnCode): CellDef => {
        const column = table.columns.find((c) => c.code === columnCode);
        if (!column) throw new Error(`catalogue: row ${table.id}.${row.code} names unknown column ${columnCode}`);
        return {
          code: `${table.id}.${row.code}.${column.code}`,
          format: format.id,
          table: table.id,
          row: row.code,
          column: column.code,
          unit: column.unit,
          yearAggregation: row.yearAggregation ?? column.yearAggregation,
          rowLabel: row.label,
          columnLabel: column.label,
          ...(row.group ? { group: row.group } : {}),
        };
      }),
    ),
  );
}

const CELLS_BY_FORMAT: ReadonlyMap<FormatId, readonly CellDef[]> = new Map(FORMATS.map((f) => [f.id, Object.freeze(flatten(f))]));
const CELL_INDEX: ReadonlyMap<FormatId, ReadonlyMap<string, CellDef>> = new Map(
  FORMATS.map((f) => [f.id, new Map(CELLS_BY_FORMAT.get(f.id)!.map((c) => [c.code, c]))]),
);

/** Every cell of a format, in the order of the official tables. */
export function cellsOf(format: FormatId): readonly CellDef[] {
  return CELLS_BY_FORMAT.get(format)!;
}

/** The cell of a format, or undefined when the format has no such cell. */
export function findCell(format: FormatId, code: string): CellDef | undefined {
  return CELL_INDEX.get(format)!.get(code);
}

/** Every cell code of any format, without repeats, F2019 order first then F2021's additions. */
export const ALL_CELL_CODES: readonly string[] = Object.freeze([
  ...new Set(FORMATS.flatMap((f) => CELLS_BY_FORMAT.get(f.id)!.map((c) => c.code))),
]);

/** The definition of a code in whichever format has it first (labels, unit, aggregation agree where both have it). */
export function anyCell(code: string): CellDef | undefined {
  for (const f of FORMATS) {
    const found = findCell(f.id, code);
    if (found) return found;
  }
  return undefined;
}

/**
 * Cells whose code exists in both formats with the same meaning, so that figures compare across the
 * 2020 → 2021 format change. Identical codes in this catalogue mean identical content: where a
 * format changed a column's meaning it also changed its code (new_made → issued).
 */
export const COMPARABLE_CELL_CODES: readonly string[] = Object.freeze(
  ALL_CELL_CODES.filter((code) => FORMATS.every((f) => findCell(f.id, code))),
);

const APPLICANT_COLUMN_CODES = tableDef('F2019', 'applications').columns.map((c) => c.code);

/**
 * FORMATS.md table applications: "F2019 other_handling corresponds to the sum of F2021's three
 * other_* rows: a time series across 2020→2021 must use that sum".
 */
export const DERIVATIONS: readonly CrossFormatDerivation[] = Object.freeze(
  APPLICANT_COLUMN_CODES.map((column) => ({
    code: `applications.other_handling.${column}`,
    format: 'F2021' as const,
    sumOf: ['other_overdue_correction', 'other_unpaid_fee', 'other_misc'].map((row) => `applications.${row}.${column}`),
  })),
);

/** How `code` is obtained in `format`: the cell itself, a sum of other cells, or not at all. */
export function resolveMeasure(format: FormatId, code: string): { kind: 'cell' } | { kind: 'sum'; of: readonly string[] } | { kind: 'absent' } {
  if (findCell(format, code)) return { kind: 'cell' };
  const derived = DERIVATIONS.find((d) => d.format === format && d.code === code);
  return derived ? { kind: 'sum', of: derived.sumOf } : { kind: 'absent' };
}

export function ruleDef(id: string): RuleDef {
  const found = RULES.find((r) => r.id === id);
  if (!found) throw new Error(`unknown rule "${id}"`);
  return found;
}

const CODE_PATTERN = /^(proactive|applications|appeals)\.[a-z0-9_]+\.[a-z0-9_]+$/;

/** True when `code` is shaped like a cell code (`<table>.<row>.<column>`), known or not (extension cells). */
export function isCellCodeShape(code: string): boolean {
  return CODE_PATTERN.test(code);
}
