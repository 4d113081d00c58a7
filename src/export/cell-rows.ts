/**
 * Export tables built from storage records, one row per cell (long, "tidy" form: what pivot tables
 * and data frames read best), every row naming its cell by code and by its Chinese and English
 * catalogue labels. Pure: records in, tables out. Amounts leave as exact decimal strings of 万元.
 */
import type { AgencyRecord, AggregateDimension, AggregateKeyRecord, AggregateRowRecord, ReportRecord, RollupRecord } from '../db/api';
import type { RuleFailures } from '../analytics/validation';
import { ALL_CELL_CODES, anyCell, cellsOf, FORMATS, ruleDef, type CellDef, type Label } from '../domain/catalogue';
import { minorToWan } from '../domain/money';
import { AGENCY_KIND_LABELS } from '../domain/checks/types';
import { cellValue, comparableMeasure, totalOverYears, yearAggregationOf } from '../domain/rollup';
import { column, tableOf, type ExportColumn, type ExportRow, type ExportTable, type ExportValue } from './table';

/** An exact figure: amounts (分) as 万元 text, counts as integers, null stays null. */
export function figure(code: string, value: number | null): ExportValue {
  if (value === null) return null;
  return anyCell(code)?.unit === 'amount' ? minorToWan(value) : value;
}

/** `group › row › column`, as the official table reads a cell (FORMATS.md labels). */
export function cellLabel(def: CellDef, language: keyof Label): string {
  return [def.group?.[language], def.rowLabel[language], def.columnLabel[language]].filter((part) => part !== undefined).join(' › ');
}

const CELL_COLUMNS: readonly ExportColumn[] = [
  column('code', '单元格代码', 'cell code'),
  column('table', '表', 'table'),
  column('row', '行', 'row'),
  column('column', '列', 'column'),
  column('label_zh', '中文名称', 'Chinese label'),
  column('label_en', '英文名称', 'English label'),
  column('unit', '单位', 'unit (amount: 万元)'),
];

/** The descriptive fields of a cell code (extension or unknown codes keep their parts, labels empty). */
function describeCell(code: string): ExportRow {
  const def = anyCell(code);
  if (def) return [code, def.table, def.row, def.column, cellLabel(def, 'zh'), cellLabel(def, 'en'), def.unit];
  const [table = null, row = null, col = null] = code.split('.');
  return [code, table, row, col, null, null, 'count'];
}

const AGENCY_COLUMNS: readonly ExportColumn[] = [column('agency_code', '机关代码', 'agency code'), column('agency_name', '机关名称', 'agency name')];
const YEAR_COLUMN = column('year', '年度', 'year');
const VALUE_COLUMN = column('value', '数值', 'value (amounts in 万元)');
const COVERAGE_COLUMNS = [column('expected', '应报机关数', 'agencies expected'), column('reported', '已报机关数', 'agencies reported')];
const REPORTERS_COLUMN = column('reporters', '填报该项的机关数', 'reporters of the cell');

/** Where a report's cell stands: a figure, written blank, or not in the document at all (FORMATS.md "Blank cells"). */
export type CellState = 'filled' | 'blank' | 'absent';

/**
 * A report, one row per cell of its format (then any extension cell it holds), blank and absent
 * cells included with an empty value and their state.
 */
export function reportTable(agency: AgencyRecord, report: ReportRecord): ExportTable {
  const columns = [
    ...AGENCY_COLUMNS, YEAR_COLUMN,
    column('format', '格式', 'format'), column('status', '状态', 'status'), column('scope', '范围', 'scope'),
    ...CELL_COLUMNS, VALUE_COLUMN, column('state', '填报情况', 'state (filled, blank, absent)'),
  ];
  const known = cellsOf(report.format).map((c) => c.code);
  const extra = Object.keys(report.cells).filter((code) => !known.includes(code)).sort();
  const rows = [...known, ...extra].map((code): ExportRow => {
    const present = code in report.cells;
    const value = report.cells[code] ?? null;
    const state: CellState = !present ? 'absent' : value === null ? 'blank' : 'filled';
    return [agency.code, agency.name, report.year, report.format, report.status, report.scope, ...describeCell(code), figure(code, value), state];
  });
  return tableOf(columns, rows);
}


/** The codes some reporter of any of the records had, in catalogue order. */
export function codesReported(records: readonly RollupRecord[]): string[] {
  return ALL_CELL_CODES.filter((code) => records.some((r) => cellValue(r, code) !== null));
}

const rollupRow = (agency: AgencyRecord, record: RollupRecord, code: string): ExportRow => [
  agency.code, agency.name, record.year, record.expected, record.reported,
  ...describeCell(code), figure(code, cellValue(record, code)), record.reportersOf(code),
];

const ROLLUP_COLUMNS: readonly ExportColumn[] = [...AGENCY_COLUMNS, YEAR_COLUMN, ...COVERAGE_COLUMNS, ...CELL_COLUMNS, VALUE_COLUMN, REPORTERS_COLUMN];

/** A node's rollup, one row per cell (`codes` in that order, else every cell some reporter had). */
export function rollupTable(agency: AgencyRecord, record: RollupRecord, codes: readonly string[] | null = null): ExportTable {
  return tableOf(ROLLUP_COLUMNS, (codes ?? codesReported([record])).map((code) => rollupRow(agency, record, code)));
}

/** The children of a node with their rollups: one row per child and cell (`codes`, else every cell some child had). */
export function childrenTable(children: readonly { readonly agency: AgencyRecord; readonly rollup: RollupRecord }[], codes: readonly string[] | null = null): ExportTable {
  const shown = codes ?? codesReported(children.map((c) => c.rollup));
  const columns = [...AGENCY_COLUMNS, column('kind', '机关类别', 'agency kind'), ...ROLLUP_COLUMNS.slice(2)];
  const rows = children.flatMap(({ agency, rollup }) =>
    shown.map((code) => {
      const row = rollupRow(agency, rollup, code);
      return [row[0], row[1], agency.kind, ...row.slice(2)];
    }),
  );
  return tableOf(columns, rows);
}

/**
 * A node over years (the dashboard's trend as a sheet): one row per cell, one column per year and the
 * total over the range by the catalogue's rule (flows summed, stock_start the first year, stock_end the
 * last). Values are comparable across formats: F2019 other_handling in an F2021 year is the sum of
 * the three other_* rows (FORMATS.md table applications).
 */
export function seriesTable(agency: AgencyRecord, records: readonly RollupRecord[], codes: readonly string[] | null = null): ExportTable {
  const ordered = [...records].sort((a, b) => a.year - b.year);
  const shown = codes ?? ALL_CELL_CODES.filter((code) => ordered.some((r) => comparableMeasure(r, code).value !== null));
  const columns = [
    ...AGENCY_COLUMNS, ...CELL_COLUMNS,
    column('year_aggregation', '跨年汇总方式', 'over years (flow, stock_start, stock_end)'),
    ...ordered.map((r) => column(String(r.year), `${r.year}年`, String(r.year))),
    column('total', '区间合计', 'total over the range'),
    column('derived', '含跨格式换算', 'derived across formats'),
  ];
  const rows = shown.map((code): ExportRow => {
    const measures = ordered.map((r) => ({ year: r.year, ...comparableMeasure(r, code) }));
    return [
      agency.code, agency.name, ...describeCell(code), yearAggregationOf(code),
      ...measures.map((m) => figure(code, m.value)),
      figure(code, totalOverYears(code, measures)),
      measures.some((m) => m.derived) ? 'yes' : 'no',
    ];
  });
  return tableOf(columns, rows);
}

// ---------------------------------------------------------------------------------------------
// The analysts' aggregate
// ---------------------------------------------------------------------------------------------

const DIMENSION_LABELS: Readonly<Record<AggregateDimension, Label>> = {
  YEAR: { zh: '年度', en: 'year' },
  AGENCY: { zh: '机关', en: 'agency' },
  PARENT: { zh: '上级机关', en: 'parent agency' },
  KIND: { zh: '机关类别', en: 'agency kind' },
  CODE: { zh: '单元格', en: 'cell' },
  ROW: { zh: '行', en: 'row' },
  COLUMN: { zh: '列', en: 'column' },
  TABLE: { zh: '表', en: 'table' },
  FORMAT: { zh: '格式', en: 'format' },
};

/** What a key's dimension adds beside its value: the agency's name, or catalogue labels of a cell part. */
function labelColumnsOf(dimension: AggregateDimension): readonly ExportColumn[] {
  const key = dimension.toLowerCase();
  const label = DIMENSION_LABELS[dimension];
  switch (dimension) {
    case 'AGENCY':
    case 'PARENT':
      return [column(`${key}_name`, `${label.zh}名称`, `${label.en} name`)];
    case 'CODE':
    case 'ROW':
    case 'COLUMN':
    case 'TABLE':
    case 'KIND':
      return [column(`${key}_label_zh`, `${label.zh}中文名称`, `${label.en} (Chinese label)`), column(`${key}_label_en`, `${label.zh}英文名称`, `${label.en} (English label)`)];
    case 'YEAR':
    case 'FORMAT':
      return [];
    default: {
      const unreachable: never = dimension;
      throw new Error(`unknown dimension ${String(unreachable)}`);
    }
  }
}

/** The catalogue's label of a table, row (`<table>.<row>`) or column code, in the first format that has it. */
function catalogueLabel(dimension: 'ROW' | 'COLUMN' | 'TABLE', value: string): Label | null {
  const tables = FORMATS.flatMap((f) => f.tables);
  switch (dimension) {
    case 'TABLE':
      return tables.find((t) => t.id === value)?.label ?? null;
    case 'ROW': {
      const [table, row] = value.split('.');
      return tables.filter((t) => t.id === table).flatMap((t) => t.rows).find((r) => r.code === row)?.label ?? null;
    }
    case 'COLUMN':
      return tables.flatMap((t) => t.columns).find((c) => c.code === value)?.label ?? null;
    default: {
      const unreachable: never = dimension;
      throw new Error(`unknown dimension ${String(unreachable)}`);
    }
  }
}

function keyFields(key: AggregateKeyRecord): ExportRow {
  switch (key.dimension) {
    case 'AGENCY':
    case 'PARENT':
      return [key.value, key.name];
    case 'CODE': {
      const def = anyCell(key.value);
      return [key.value, def ? cellLabel(def, 'zh') : null, def ? cellLabel(def, 'en') : null];
    }
    case 'ROW':
    case 'COLUMN':
    case 'TABLE': {
      const label = catalogueLabel(key.dimension, key.value);
      return [key.value, label?.zh ?? null, label?.en ?? null];
    }
    case 'KIND': {
      const label = (AGENCY_KIND_LABELS as Readonly<Record<string, Label>>)[key.value];
      return [key.value, label?.zh ?? null, label?.en ?? null];
    }
    case 'YEAR':
      return [Number(key.value)];
    case 'FORMAT':
      return [key.value];
    default: {
      const unreachable: never = key.dimension;
      throw new Error(`unknown dimension ${String(unreachable)}`);
    }
  }
}

/** The columns of an aggregate export: per dimension its key (and labels), then the sum, its unit and the reports counted. */
export function aggregateColumns(groupBy: readonly AggregateDimension[]): ExportColumn[] {
  return [
    ...groupBy.flatMap((d) => [column(d.toLowerCase(), DIMENSION_LABELS[d].zh, DIMENSION_LABELS[d].en), ...labelColumnsOf(d)]),
    column('value', '合计', 'sum (amounts in 万元)'),
    column('unit', '单位', 'unit (count or amount in 万元)'),
    column('reports', '报告数', 'reports in the group'),
  ];
}

/** Aggregate rows as export rows; `unit` is the storage result's (amounts are 分 there, 万元 here). */
export function aggregateRows(rows: readonly AggregateRowRecord[], unit: 'count' | 'amount'): ExportRow[] {
  return rows.map((row) => [
    ...row.keys.flatMap(keyFields),
    unit === 'amount' ? minorToWan(row.value) : row.value,
    unit,
    row.reports,
  ]);
}

// ---------------------------------------------------------------------------------------------
// The validation summary: one row per failing rule and agency to chase
// ---------------------------------------------------------------------------------------------

const VALIDATION_COLUMNS: readonly ExportColumn[] = [
  column('rule', '规则', 'rule'),
  column('rule_label_zh', '规则说明', 'rule (Chinese)'),
  column('rule_label_en', '规则说明（英文）', 'rule (English)'),
  column('severity', '级别', 'severity (ERROR, WARNING, INFO, as the API)'),
  column('reports', '该规则报告数', 'reports failing the rule (H1: agencies without a report)'),
  ...AGENCY_COLUMNS,
  column('kind', '机关类别', 'agency kind'),
  column('kind_label_zh', '机关类别中文名称', 'agency kind (Chinese label)'),
];

/** The agencies to chase under a node that year, rule by rule (the API's `validation`, every agency listed). */
export function validationTable(failures: readonly RuleFailures[]): ExportTable {
  return tableOf(VALIDATION_COLUMNS, failures.flatMap((f) => {
    const rule = ruleDef(f.rule);
    return f.agencies.map((agency): ExportRow => [
      f.rule, rule.label.zh, rule.label.en, f.severity.toUpperCase(), f.reports, agency.code, agency.name, agency.kind, AGENCY_KIND_LABELS[agency.kind].zh,
    ]);
  }));
}
