/**
 * The shapes of the catalogue: the official report formats as typed data.
 *
 * Everything else (importer, checks, storage, GraphQL types, exports, dashboard labels) reads these
 * values instead of repeating the formats in code. Source of truth: shared/spec/FORMATS.md.
 */

/** Format ids of the national office's notices (FORMATS.md, "So far there are two formats"). */
export type FormatId = 'F2019' | 'F2021';
export const FORMAT_IDS: readonly FormatId[] = ['F2019', 'F2021'];

export type TableId = 'proactive' | 'applications' | 'appeals';
export const TABLE_IDS: readonly TableId[] = ['proactive', 'applications', 'appeals'];

/**
 * count: non-negative integer; signed: integer that may be negative (本年增/减);
 * amount: money in 万元 as an exact decimal (never a float).
 */
export type Unit = 'count' | 'signed' | 'amount';

/**
 * How a cell adds up over a range of years (DESIGN.md §2 "flows add up; stocks do not").
 * - flow: the sum of the years;
 * - stock_start: an opening balance (上一年项目数量, 上年结转): the value of the first year;
 * - stock_end: a closing balance (现行有效件数, 对外公开总数量, 结转下年度): the value of the last year.
 * Over any agencies, every kind adds up.
 */
export type YearAggregation = 'flow' | 'stock_start' | 'stock_end';

export interface Label {
  readonly zh: string;
  readonly en: string;
}

export interface ColumnDef {
  readonly code: string;
  readonly label: Label;
  readonly unit: Unit;
  readonly yearAggregation: YearAggregation;
  /** Variant spellings seen in published reports (LAYOUTS.md "typos and variants"). */
  readonly aliases?: readonly string[];
}

export interface RowDef {
  readonly code: string;
  readonly label: Label;
  /**
   * The group a row belongs to, where the official table prints one (三、本年度办理结果 › （三）不予公开),
   * or the article header of a proactive sub-table (第二十条第（一）项).
   */
  readonly group?: Label;
  /** Codes of this row's columns, in the table's order. */
  readonly columns: readonly string[];
  /** Overrides the row's year aggregation for all its columns (e.g. carried_over is an opening stock). */
  readonly yearAggregation?: YearAggregation;
  readonly aliases?: readonly string[];
}

export interface TableDef {
  readonly id: TableId;
  /** The section heading the table sits under (二、主动公开政府信息情况 …). */
  readonly label: Label;
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly RowDef[];
}

export interface FormatDef {
  readonly id: FormatId;
  readonly label: Label;
  /** The notice that fixed the format. */
  readonly notice: string;
  /** The report years the format was issued for (a report of another year is valid, with a warning). */
  readonly intendedYears: { readonly from: number; readonly to: number | null };
  /** Labels whose presence identifies the format (FORMATS.md "Detect the format from the labels"). */
  readonly markers: readonly string[];
  readonly tables: readonly TableDef[];
}

/** One cell of one format, flattened: what storage, checks and the API work with. */
export interface CellDef {
  /** `<table>.<row>.<column>` */
  readonly code: string;
  readonly format: FormatId;
  readonly table: TableId;
  readonly row: string;
  readonly column: string;
  readonly unit: Unit;
  readonly yearAggregation: YearAggregation;
  readonly rowLabel: Label;
  readonly columnLabel: Label;
  readonly group?: Label;
}

/**
 * A measure that one format lacks but can compute from its own cells, so that a time series across
 * a format change compares like with like (FORMATS.md: F2019 other_handling = sum of F2021 other_*).
 */
export interface CrossFormatDerivation {
  readonly code: string;
  readonly format: FormatId;
  readonly sumOf: readonly string[];
}

export type Severity = 'error' | 'warning' | 'info';

/** Where a rule looks: inside one report, across the years of one agency, or across the hierarchy. */
export type RuleScope = 'report' | 'cross_year' | 'hierarchy';

export interface RuleDef {
  readonly id: string;
  readonly severity: Severity;
  readonly scope: RuleScope;
  readonly label: Label;
  /** Formats the rule applies to. */
  readonly formats: readonly FormatId[];
  /** Cell codes the rule reads, per format (validated against the catalogue by a test). */
  readonly cells: (format: FormatId) => readonly string[];
}
