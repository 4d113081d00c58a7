/**
 * The three tables as the official forms draw them: physical rows of cells with their column and
 * row spans, exactly as a .docx holds them (a vertically merged cell continues as an empty cell in
 * the rows below; a horizontally merged cell appears once). Every layout is a serialisation of
 * this model, so all layouts agree on what a careful reader reads back.
 */
import * as OpenCC from 'opencc-js';
import { tableDef, type ColumnDef, type FormatId, type RowDef, type TableId } from '../../../src/domain/catalogue';
import type { InterchangeCellValue } from '../../../src/domain/interchange';
import { wanToMinor } from '../../../src/domain/money';
import type { QuirkSet, RenderInput } from './types';

export type CellRole = 'header' | 'label' | 'value' | 'note';

export interface PhysicalCell {
  readonly text: string;
  readonly role: CellRole;
  readonly colspan: number;
  readonly rowspan: number;
  /** The continuation of a vertically merged cell above (prints as an empty cell, or not at all). */
  readonly continuation: boolean;
}

export type RowKind = 'article' | 'header' | 'data' | 'stray';

export interface PhysicalRow {
  readonly kind: RowKind;
  readonly cells: readonly PhysicalCell[];
  /** Set on row 一 when quirk splitFirstRow applies: the row breaks after this many values. */
  readonly breakAfterValues?: number;
}

export interface TableModel {
  readonly id: TableId;
  /** Grid columns of the official form. */
  readonly width: number;
  readonly rows: readonly PhysicalRow[];
}

const cell = (text: string, role: CellRole, colspan = 1, rowspan = 1): PhysicalCell => ({ text, role, colspan, rowspan, continuation: false });
const continuation = (colspan = 1): PhysicalCell => ({ text: '', role: 'label', colspan, rowspan: 1, continuation: true });

// --------------------------------------------------------------------------------------------
// Labels
// --------------------------------------------------------------------------------------------

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';

/** Local notes seen in published reports (LAYOUTS.md "labels with long local notes in brackets"). */
function noteFor(label: string, year: number): string | undefined {
  if (label === '规章') return '（设区的市、自治州人民政府应提供相关数据）';
  if (label === '本年增/减') return `（指${year}年增加或减少的事项数，减用负值表示，如-8）`;
  if (label === '行政事业性收费') return '（不含涉企收费）';
  return undefined;
}

export interface LabelContext {
  readonly quirks: QuirkSet;
  readonly year: number;
}

/** Applies the label quirks to one official label or group label. */
export function labelText(official: string, aliases: readonly string[] | undefined, ctx: LabelContext, kind: 'row' | 'column' | 'group'): string {
  const q = ctx.quirks;
  let text = q.labelVariants && aliases && aliases.length > 0 ? aliases[0] : official;
  if (kind === 'column' && q.headerSplit !== 'none') text = splitWords(text, q.headerSplit === 'spaces' ? ' ' : '\n');
  if (q.bracketNotes) text += noteFor(official, ctx.year) ?? '';
  if (q.pinyinNoise && kind === 'group' && text.startsWith('第二十条')) text = text.replace(/项$/, '项(xiàng)');
  if (q.groupLabelBreak && kind === 'group') text = text.replace(/^（([三四五六])）/, '（$1）\n');
  if (q.extraSpaces && kind !== 'column') text = text.replace(/^（([一二三四五六七])）/, '（$1） ').replace(/^第二十条第/, '第二十条  第');
  if (q.traditionalLabels) text = toTraditional(text);
  if (q.asciiBrackets) text = text.replace(/（/g, '(').replace(/）/g, ')');
  if (q.labelWrap && kind === 'row' && [...text].length > 12) {
    const chars = [...text];
    const middle = Math.ceil(chars.length / 2);
    text = `${chars.slice(0, middle).join('')}\n${chars.slice(middle).join('')}`;
  }
  return text;
}

/** Where published reports break header words (LAYOUTS.md "header words split": 商业 企业, 总 计, 本年新\n制作数量). */
const WORD_BREAKS: Readonly<Record<string, readonly string[]>> = {
  商业企业: ['商业', '企业'],
  科研机构: ['科研', '机构'],
  社会公益组织: ['社会', '公益', '组织'],
  法律服务机构: ['法律', '服务', '机构'],
  法人或其他组织: ['法人或', '其他组织'],
  申请人情况: ['申请人', '情况'],
  总计: ['总', '计'],
  结果维持: ['结果', '维持'],
  结果纠正: ['结果', '纠正'],
  其他结果: ['其他', '结果'],
  尚未审结: ['尚未', '审结'],
  未经复议直接起诉: ['未经复议', '直接起诉'],
  本年新制作数量: ['本年新', '制作数量'],
  本年新公开数量: ['本年新', '公开数量'],
  对外公开总数量: ['对外公开', '总数量'],
  上一年项目数量: ['上一年', '项目数量'],
  处理决定数量: ['处理决定', '数量'],
  采购项目数量: ['采购项目', '数量'],
  采购总金额: ['采购', '总金额'],
  本年制发件数: ['本年', '制发件数'],
  本年废止件数: ['本年', '废止件数'],
  现行有效件数: ['现行', '有效件数'],
  本年处理决定数量: ['本年处理', '决定数量'],
};

function splitWords(text: string, separator: string): string {
  const parts = WORD_BREAKS[text];
  return parts ? parts.join(separator) : text;
}

// --------------------------------------------------------------------------------------------
// Values
// --------------------------------------------------------------------------------------------

/** 万元 decimal string → 元 decimal string, exactly (1 分 = 1e-6 万元 = 0.01 元). */
export function wanToYuanText(wan: string): string {
  const minor = wanToMinor(wan); // 分
  const whole = Math.trunc(minor / 100);
  const cents = String(minor % 100).padStart(2, '0').replace(/0+$/, '');
  return cents ? `${whole}.${cents}` : String(whole);
}

/** How one value is written in the document under the value quirks. Blank and absent print as ''. */
export function valueText(value: InterchangeCellValue | undefined, unit: ColumnDef['unit'], q: QuirkSet): string {
  if (value === null || value === undefined) return '';
  let text: string;
  const isZero = unit === 'amount' ? wanToMinor(String(value)) === 0 : value === 0;
  if (isZero && q.zeroAs !== 'digit') {
    text = q.zeroAs;
  } else if (unit === 'amount') {
    const wan = String(value);
    text = q.amountUnit === 'wan' ? `${wan}万元` : q.amountUnit === 'yuan' ? `${wanToYuanText(wan)}元` : wan;
  } else {
    text = String(value);
  }
  if (q.fullWidthDigits) text = text.replace(/[0-9]/g, (d) => FULL_WIDTH_DIGITS[Number(d)]);
  if (q.valuePadding === 'spaces') text = `  ${text}`;
  if (q.valuePadding === 'nbsp') text = `\u00a0${text}`;
  if (q.valuePadding === 'question') text = `?${text}`;
  return text;
}

/** The local row of quirk extraLocalRow: fixed figures, under 第二十条第（一）项. */
export const EXTRA_LOCAL_ROW = { label: '其他主动公开文件', values: [3, 0, 12] } as const;

/**
 * The row code the importer gives an extension row (src/ingest/extension-cells.ts, documented
 * contract): `ext_` + the label's code points in lowercase hex joined by `_`.
 */
export function extensionRowCode(label: string): string {
  return 'ext_' + [...label].map((ch) => ch.codePointAt(0)!.toString(16)).join('_');
}

// --------------------------------------------------------------------------------------------
// Tables
// --------------------------------------------------------------------------------------------

interface Builder {
  readonly input: RenderInput;
  readonly ctx: LabelContext;
}

function rowValues(b: Builder, table: TableId, row: RowDef): PhysicalCell[] {
  const columns = tableDef(b.input.format, table).columns;
  return row.columns.map((code) => {
    const unit = columns.find((c) => c.code === code)!.unit;
    return cell(valueText(b.input.cells[`${table}.${row.code}.${code}`], unit, b.ctx.quirks), 'value');
  });
}

function hasAny(input: RenderInput, codes: readonly string[]): boolean {
  return codes.some((code) => code in input.cells);
}

/** Proactive: one sub-table per article header (FORMATS.md table proactive). Width 4. */
function proactiveTable(b: Builder): TableModel | undefined {
  const def = tableDef(b.input.format, 'proactive');
  const width = 4;
  const groups: { header: string; rows: RowDef[] }[] = [];
  for (const row of def.rows) {
    const header = row.group!.zh;
    const last = groups[groups.length - 1];
    if (last && last.header === header) last.rows.push(row);
    else groups.push({ header, rows: [row] });
  }
  const rows: PhysicalRow[] = [];
  let first = true;
  for (const group of groups) {
    const codes = group.rows.flatMap((r) => r.columns.map((c) => `proactive.${r.code}.${c}`));
    if (!hasAny(b.input, codes)) continue; // a sub-table left out of the document
    rows.push({ kind: 'article', cells: [cell(labelText(group.header, undefined, b.ctx, 'group'), 'header', width)] });
    const columnCodes = group.rows[0].columns;
    const headerCells = columnCodes.map((code, i) => {
      const column = def.columns.find((c) => c.code === code)!;
      const span = i === columnCodes.length - 1 ? width - columnCodes.length : 1;
      return cell(labelText(column.label.zh, column.aliases, b.ctx, 'column'), 'header', span);
    });
    const info = b.ctx.quirks.infoContentOnce && !first ? '' : '信息内容';
    rows.push({ kind: 'header', cells: [cell(info, 'header'), ...headerCells] });
    for (const row of group.rows) {
      const values = rowValues(b, 'proactive', row);
      const spanned = values.map((v, i) => (i === values.length - 1 ? { ...v, colspan: width - values.length } : v));
      rows.push({ kind: 'data', cells: [cell(labelText(row.label.zh, row.aliases, b.ctx, 'row'), 'label'), ...spanned] });
      if (row.code === 'normative_documents' && b.ctx.quirks.extraLocalRow) {
        const values = EXTRA_LOCAL_ROW.values.map((v) => cell(valueText(v, 'count', b.ctx.quirks), 'value'));
        rows.push({ kind: 'data', cells: [cell(labelText(EXTRA_LOCAL_ROW.label, undefined, b.ctx, 'row'), 'label'), ...values] });
      }
    }
    first = false;
  }
  return rows.length > 0 ? { id: 'proactive', width, rows } : undefined;
}

/** Applications: three label columns (group, sub-group, item) then seven applicant columns. Width 10. */
function applicationsTable(b: Builder): TableModel | undefined {
  const def = tableDef(b.input.format, 'applications');
  if (!hasAny(b.input, def.rows.flatMap((r) => r.columns.map((c) => `applications.${r.code}.${c}`)))) return undefined;
  const header = (zh: string, colspan = 1, rowspan = 1) => cell(labelText(zh, undefined, b.ctx, 'column'), 'header', colspan, rowspan);
  const rows: PhysicalRow[] = [
    {
      kind: 'header',
      cells: [cell('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 'note', 3, 3), header('申请人情况', 7)],
    },
    { kind: 'header', cells: [continuation(3), header('自然人', 1, 2), header('法人或其他组织', 5), header('总计', 1, 2)] },
    {
      kind: 'header',
      cells: [continuation(3), continuation(), ...['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((t) => header(t)), continuation()],
    },
  ];
  const results = def.rows.filter((r) => r.group);
  const subgroupOf = (r: RowDef): string | undefined => r.group!.zh.split(' › ')[1];
  let previousSubgroup: string | undefined;
  for (const row of def.rows) {
    const label = labelText(row.label.zh, row.aliases, b.ctx, 'row');
    const values = rowValues(b, 'applications', row);
    if (!row.group) {
      rows.push({ kind: 'data', cells: [cell(label, 'label', 3), ...values], ...(row.code === 'new_received' && b.ctx.quirks.splitFirstRow ? { breakAfterValues: 1 } : {}) });
      continue;
    }
    const lead: PhysicalCell[] = [];
    lead.push(row === results[0] ? cell(labelText(row.group.zh.split(' › ')[0], undefined, b.ctx, 'group'), 'label', 1, results.length) : continuation());
    const subgroup = subgroupOf(row);
    if (subgroup) {
      const members = results.filter((r) => subgroupOf(r) === subgroup);
      lead.push(subgroup !== previousSubgroup ? cell(labelText(subgroup, undefined, b.ctx, 'group'), 'label', 1, members.length) : continuation());
      lead.push(cell(label, 'label'));
    } else {
      lead.push(cell(label, 'label', 2));
    }
    previousSubgroup = subgroup;
    rows.push({ kind: 'data', cells: [...lead, ...values] });
  }
  return { id: 'applications', width: 10, rows };
}

/** Appeals: two header rows over 15 columns, one row of values (FORMATS.md table appeals). Width 15. */
function appealsTable(b: Builder): TableModel | undefined {
  const def = tableDef(b.input.format, 'appeals');
  if (!hasAny(b.input, def.rows.flatMap((r) => r.columns.map((c) => `appeals.${r.code}.${c}`)))) return undefined;
  const header = (zh: string, colspan = 1, rowspan = 1) => cell(labelText(zh, undefined, b.ctx, 'column'), 'header', colspan, rowspan);
  const blockHeaders = () => def.columns.map((c) => header(c.label.zh));
  return {
    id: 'appeals',
    width: 15,
    rows: [
      { kind: 'header', cells: [header('行政复议', 5), header('行政诉讼', 10)] },
      { kind: 'header', cells: [...def.columns.map((c) => header(c.label.zh, 1, 2)), header('未经复议直接起诉', 5), header('复议后起诉', 5)] },
      { kind: 'header', cells: [...def.columns.map(() => continuation()), ...blockHeaders(), ...blockHeaders()] },
      { kind: 'data', cells: def.rows.flatMap((r) => rowValues(b, 'appeals', r)) },
    ],
  };
}

export function buildTables(input: RenderInput, quirks: QuirkSet): Partial<Record<TableId, TableModel>> {
  const b: Builder = { input, ctx: { quirks, year: input.year } };
  const withStray = (t: TableModel | undefined): TableModel | undefined =>
    t && quirks.strayEmptyCells ? { ...t, rows: [...t.rows, { kind: 'stray', cells: [cell('', 'value'), cell('', 'value'), cell('', 'value')] }] } : t;
  return { proactive: withStray(proactiveTable(b)), applications: withStray(applicationsTable(b)), appeals: withStray(appealsTable(b)) };
}

/**
 * The cells a careful reader reads back from the rendered tables: every cell of every rendered
 * (sub-)table, the given value or null when blank or absent inside a rendered row; `-`, `—`, `/`
 * are zeros (FORMATS.md "Blank cells"); amounts in 元 or 万元 are the same 万元 value.
 */
export function expectedCells(input: RenderInput, quirks?: QuirkSet): Record<string, InterchangeCellValue> {
  const format: FormatId = input.format;
  const out: Record<string, InterchangeCellValue> = {};
  for (const table of ['proactive', 'applications', 'appeals'] as const) {
    const def = tableDef(format, table);
    const units: RowDef[][] =
      table === 'proactive' ? Object.values(groupBy(def.rows, (r) => r.group!.zh)) : [def.rows.slice()];
    for (const rows of units) {
      const codes = rows.flatMap((r) => r.columns.map((c) => `${table}.${r.code}.${c}`));
      if (!hasAny(input, codes)) continue;
      for (const code of codes) out[code] = input.cells[code] ?? null;
      if (quirks?.extraLocalRow && rows.some((r) => r.code === 'normative_documents')) {
        const columns = rows[0].columns;
        columns.forEach((c, i) => (out[`proactive.${extensionRowCode(EXTRA_LOCAL_ROW.label)}.${c}`] = EXTRA_LOCAL_ROW.values[i]));
      }
    }
  }
  return out;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const item of items) (out[key(item)] ??= []).push(item);
  return out;
}
