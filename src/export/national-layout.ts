/**
 * The national table layout (国办公开办函〔2019〕60号 and 〔2021〕30号) as a grid of placed cells:
 * title, section headings, the three official tables with their merged header cells and row
 * labels from the catalogue, and the signature. Pure; xlsx.ts writes the grid to a workbook.
 *
 * Each format has its own layout, driven by its TableDef (FORMATS.md): F2019 has five proactive
 * sub-tables of three or two columns, F2021 four sub-tables of three or one; the applications table
 * (three label columns, seven applicant columns, the group labels spanning their rows) and the
 * appeals table (one row of 15 under a two-level header) are shared. English labels and cell codes
 * go in each label cell's note, so that the sheet itself reads exactly like the official table (and
 * our own importer reads it back: test/export/xlsx-roundtrip.test.ts).
 */
import { tableDef, type FormatId, type Label, type RowDef, type TableId } from '../domain/catalogue';
import type { ReportText } from '../domain/interchange';
import { minorToWan } from '../domain/money';

export type LayoutRole = 'title' | 'heading' | 'text' | 'header' | 'label' | 'value' | 'signature';

/** A cell placed on the sheet grid (1-based row and column, as spreadsheets count). */
export interface LayoutCell {
  readonly row: number;
  readonly col: number;
  readonly rowspan: number;
  readonly colspan: number;
  /** Text, or a number for a figure; null leaves the cell empty (a blank or absent figure). */
  readonly value: string | number | null;
  readonly role: LayoutRole;
  /** English label and cell code, shown as the cell's note. */
  readonly note?: string;
  /** The figure's cell code (value cells). */
  readonly code?: string;
  /** True for amounts (万元), which get a decimal number format. */
  readonly amount?: boolean;
}

export interface NationalLayout {
  readonly format: FormatId;
  /** Grid columns used (the appeals table's 15). */
  readonly width: number;
  readonly height: number;
  readonly cells: readonly LayoutCell[];
}

/** A figure as stored: an integer (amounts in 分), null when written blank, undefined when absent. */
export type FigureLookup = (code: string) => number | null | undefined;

export interface NationalLayoutInput {
  readonly format: FormatId;
  /** The report's title line (政府信息公开工作年度报告 …), and its English in the title's note. */
  readonly title: Label;
  readonly figures: FigureLookup;
  /**
   * Leave out a proactive sub-table, or a whole table, none of whose cells is present, as the
   * document it came from did (a report); false prints every table (a rollup).
   */
  readonly omitAbsentParts: boolean;
  /** The report's free-text sections under 一、五、六 (printed when given). */
  readonly text?: ReportText | null;
  /** Lines printed after the tables (a rollup's coverage and what its layout leaves out). */
  readonly notes?: readonly string[];
  /** The signature: the agency and the date (YYYY-MM-DD) it published the report. */
  readonly signature?: { readonly agencyName: string; readonly publishedOn: string | null } | null;
}

const WIDTH = 15;
const TEXT_WIDTH = 10;

/** Section headings, both formats (FORMATS.md "Sections, same order in both"). */
const SECTION_HEADINGS = {
  overview: { zh: '一、总体情况', en: 'I. Overview' },
  problems: { zh: '五、存在的主要问题及改进情况', en: 'V. Main problems and improvements' },
  other: { zh: '六、其他需要报告的事项', en: 'VI. Other matters' },
} as const;

/** The note the official applications table prints in its top-left cell (rule A2). */
export const APPLICATIONS_IDENTITY_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** "2020-01-13" → "2020年1月13日", as signatures print dates. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * An amount as a sheet value: a number when the number prints back as the same decimal (every
 * amount of up to 15 significant digits), else the exact text; never a rounded float.
 */
export function amountCellValue(minor: number): string | number {
  const text = minorToWan(minor);
  return String(Number(text)) === text ? Number(text) : text;
}

/** The text after the last ` / ` of a catalogue label (`法人或其他组织 / 商业企业` → 商业企业). */
const leaf = (text: string) => text.split(' / ').pop()!;

class Grid {
  readonly cells: LayoutCell[] = [];
  row = 1;

  /** Places a cell; spans default to 1, and optional fields are left out rather than set to undefined. */
  put(row: number, col: number, value: LayoutCell['value'], role: LayoutRole, extra: Partial<Omit<LayoutCell, 'row' | 'col' | 'value' | 'role'>> = {}): void {
    const { rowspan = 1, colspan = 1, ...optional } = extra;
    const defined = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
    this.cells.push({ row, col, rowspan, colspan, value, role, ...defined });
  }

  /** A line of text across the text width, on its own row. */
  line(text: string, role: LayoutRole, note?: string): void {
    this.put(this.row, 1, text, role, { colspan: TEXT_WIDTH, note });
    this.row += 1;
  }
}

interface TableContext {
  readonly input: NationalLayoutInput;
  readonly grid: Grid;
}

const present = (ctx: TableContext, codes: readonly string[]) => codes.some((code) => ctx.input.figures(code) !== undefined);
const codesOfRows = (table: TableId, rows: readonly RowDef[]) => rows.flatMap((r) => r.columns.map((c) => `${table}.${r.code}.${c}`));

/** The value cell of one figure. */
function putFigure(ctx: TableContext, row: number, col: number, table: TableId, rowDef: RowDef, columnCode: string, colspan = 1): void {
  const code = `${table}.${rowDef.code}.${columnCode}`;
  const unit = tableDef(ctx.input.format, table).columns.find((c) => c.code === columnCode)!.unit;
  const value = ctx.input.figures(code);
  const shown = value === null || value === undefined ? null : unit === 'amount' ? amountCellValue(value) : value;
  ctx.grid.put(row, col, shown, 'value', { colspan, code, ...(unit === 'amount' ? { amount: true } : {}) });
}

const labelNote = (label: Label, code?: string) => (code ? `${label.en} [${code}]` : label.en);

/** 二、主动公开政府信息情况: a sub-table per article (第二十条第（X）项), 4 grid columns. */
function proactiveTable(ctx: TableContext): boolean {
  const def = tableDef(ctx.input.format, 'proactive');
  const groups: { header: Label; rows: RowDef[] }[] = [];
  for (const row of def.rows) {
    const last = groups[groups.length - 1];
    if (last && last.header.zh === row.group!.zh) last.rows.push(row);
    else groups.push({ header: row.group!, rows: [row] });
  }
  const width = 4;
  const { grid } = ctx;
  let printed = false;
  for (const group of groups) {
    if (ctx.input.omitAbsentParts && !present(ctx, codesOfRows('proactive', group.rows))) continue;
    printed = true;
    grid.put(grid.row, 1, group.header.zh, 'header', { colspan: width, note: group.header.en });
    grid.row += 1;
    const columns = group.rows[0].columns;
    grid.put(grid.row, 1, '信息内容', 'header', { note: 'item' });
    columns.forEach((code, i) => {
      const column = def.columns.find((c) => c.code === code)!;
      grid.put(grid.row, 2 + i, column.label.zh, 'header', { colspan: i === columns.length - 1 ? width - columns.length : 1, note: labelNote(column.label, code) });
    });
    grid.row += 1;
    for (const row of group.rows) {
      grid.put(grid.row, 1, row.label.zh, 'label', { note: labelNote(row.label, `proactive.${row.code}`) });
      row.columns.forEach((code, i) => putFigure(ctx, grid.row, 2 + i, 'proactive', row, code, i === row.columns.length - 1 ? width - row.columns.length : 1));
      grid.row += 1;
    }
  }
  return printed;
}

/** 三、收到和处理政府信息公开申请情况: three label columns, seven applicant columns, a three-row header. */
function applicationsTable(ctx: TableContext): boolean {
  const def = tableDef(ctx.input.format, 'applications');
  if (ctx.input.omitAbsentParts && !present(ctx, codesOfRows('applications', def.rows))) return false;
  const { grid } = ctx;
  const top = grid.row;
  const header = (row: number, col: number, zh: string, en: string, span: { rowspan?: number; colspan?: number } = {}) =>
    grid.put(row, col, zh, 'header', { ...span, note: en });
  grid.put(top, 1, APPLICATIONS_IDENTITY_NOTE, 'header', { colspan: 3, rowspan: 3, note: 'rule A2: I + II = III + IV in every column' });
  header(top, 4, '申请人情况', 'applicants', { colspan: 7 });
  const columnLabel = (code: string) => def.columns.find((c) => c.code === code)!.label;
  const applicantHeader = (row: number, col: number, code: string, span: { rowspan?: number } = {}) =>
    header(row, col, leaf(columnLabel(code).zh), labelNote(columnLabel(code), code), span);
  applicantHeader(top + 1, 4, 'natural_person', { rowspan: 2 });
  header(top + 1, 5, '法人或其他组织', 'legal persons or other organisations', { colspan: 5 });
  applicantHeader(top + 1, 10, 'total', { rowspan: 2 });
  ['commercial', 'research', 'social_welfare', 'legal_service', 'other_org'].forEach((code, i) => applicantHeader(top + 2, 5 + i, code));
  grid.row = top + 3;

  const results = def.rows.filter((r) => r.group);
  const subgroupOf = (r: RowDef): Label | undefined => {
    const [, zh] = r.group!.zh.split(' › ');
    const [, en] = r.group!.en.split(' › ');
    return zh === undefined ? undefined : { zh, en: en ?? zh };
  };
  let previousSubgroup: string | undefined;
  for (const row of def.rows) {
    const note = labelNote(row.label, `applications.${row.code}`);
    if (!row.group) {
      grid.put(grid.row, 1, row.label.zh, 'label', { colspan: 3, note });
    } else {
      if (row === results[0]) {
        const [zh] = row.group.zh.split(' › ');
        const [en] = row.group.en.split(' › ');
        grid.put(grid.row, 1, zh, 'label', { rowspan: results.length, note: en });
      }
      const subgroup = subgroupOf(row);
      if (subgroup) {
        if (subgroup.zh !== previousSubgroup) {
          const members = results.filter((r) => subgroupOf(r)?.zh === subgroup.zh).length;
          grid.put(grid.row, 2, subgroup.zh, 'label', { rowspan: members, note: subgroup.en });
        }
        grid.put(grid.row, 3, row.label.zh, 'label', { note });
      } else {
        grid.put(grid.row, 2, row.label.zh, 'label', { colspan: 2, note });
      }
      previousSubgroup = subgroup?.zh;
    }
    row.columns.forEach((code, i) => putFigure(ctx, grid.row, 4 + i, 'applications', row, code));
    grid.row += 1;
  }
  return true;
}

/** 四、政府信息公开行政复议、行政诉讼情况: 行政复议 (5) | 行政诉讼: 未经复议直接起诉 (5) + 复议后起诉 (5). */
function appealsTable(ctx: TableContext): boolean {
  const def = tableDef(ctx.input.format, 'appeals');
  if (ctx.input.omitAbsentParts && !present(ctx, codesOfRows('appeals', def.rows))) return false;
  const { grid } = ctx;
  const top = grid.row;
  const [review, direct, afterReview] = def.rows;
  const rowNote = (row: RowDef) => labelNote(row.label, `appeals.${row.code}`);
  grid.put(top, 1, leaf(review.label.zh), 'header', { colspan: 5, note: rowNote(review) });
  grid.put(top, 6, direct.group!.zh, 'header', { colspan: 10, note: direct.group!.en });
  def.columns.forEach((c, i) => grid.put(top + 1, 1 + i, c.label.zh, 'header', { rowspan: 2, note: labelNote(c.label, c.code) }));
  grid.put(top + 1, 6, leaf(direct.label.zh), 'header', { colspan: 5, note: rowNote(direct) });
  grid.put(top + 1, 11, leaf(afterReview.label.zh), 'header', { colspan: 5, note: rowNote(afterReview) });
  [direct, afterReview].forEach((_, block) =>
    def.columns.forEach((c, i) => grid.put(top + 2, 6 + block * 5 + i, c.label.zh, 'header', { note: labelNote(c.label, c.code) })),
  );
  def.rows.forEach((row, block) => row.columns.forEach((code, i) => putFigure(ctx, top + 3, 1 + block * 5 + i, 'appeals', row, code)));
  grid.row = top + 4;
  return true;
}

const TABLE_BUILDERS: readonly [TableId, (ctx: TableContext) => boolean][] = [
  ['proactive', proactiveTable],
  ['applications', applicationsTable],
  ['appeals', appealsTable],
];

/** The whole sheet of one report or rollup in its format's official layout. */
export function nationalLayout(input: NationalLayoutInput): NationalLayout {
  const grid = new Grid();
  const ctx: TableContext = { input, grid };
  grid.line(input.title.zh, 'title', input.title.en);
  const textSection = (key: keyof typeof SECTION_HEADINGS, text: string | null | undefined) => {
    if (!text || text.trim() === '') return;
    grid.line(SECTION_HEADINGS[key].zh, 'heading', SECTION_HEADINGS[key].en);
    for (const paragraph of text.split(/\r?\n/)) if (paragraph.trim() !== '') grid.line(paragraph.trim(), 'text');
  };
  textSection('overview', input.text?.overview);
  for (const [id, build] of TABLE_BUILDERS) {
    const label = tableDef(input.format, id).label;
    grid.line(label.zh, 'heading', label.en);
    if (!build(ctx)) grid.line('本年度无相关情况。', 'text');
    grid.row += 1; // a blank row after each table, as documents space them
  }
  textSection('problems', input.text?.problems);
  textSection('other', input.text?.other);
  for (const note of input.notes ?? []) grid.line(note, 'text');
  if (input.signature) {
    grid.line(input.signature.agencyName, 'signature');
    if (input.signature.publishedOn) grid.line(chineseDate(input.signature.publishedOn), 'signature');
  }
  return { format: input.format, width: WIDTH, height: grid.row - 1, cells: grid.cells };
}
