/**
 * The national table layout as an .xlsx workbook (DESIGN.md §5 `npm run export`): a report or a
 * rollup on one sheet, laid out by national-layout.ts, written with exceljs. Labels and header
 * cells carry their English label and cell code as a note; figures are numbers (amounts in 万元 with
 * a decimal format, or exact text when a float could not hold them).
 */
import ExcelJS from 'exceljs';
import type { AgencyRecord, HierarchyMode, ReportRecord, RollupRecord } from '../db/api';
import { ALL_CELL_CODES, findCell, FORMATS, type FormatId } from '../domain/catalogue';
import { cellValue } from '../domain/rollup';
import { cellLabel, figure } from './cell-rows';
import { nationalLayout, type LayoutCell, type LayoutRole, type NationalLayout } from './national-layout';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const THIN = { style: 'thin' as const };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const COLUMN_WIDTHS = [22, 18, 34, ...Array.from({ length: 12 }, () => 11)];

const STYLES: Readonly<Record<LayoutRole, Partial<ExcelJS.Style>>> = {
  title: { font: { bold: true, size: 14 }, alignment: { horizontal: 'center', vertical: 'middle' } },
  heading: { font: { bold: true } },
  text: { alignment: { wrapText: false, vertical: 'top' } },
  header: {
    font: { bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: BORDER,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
  },
  label: { alignment: { vertical: 'middle', wrapText: true }, border: BORDER },
  value: { alignment: { horizontal: 'center', vertical: 'middle' }, border: BORDER },
  signature: { alignment: { horizontal: 'right' } },
};

/** Amounts show their decimals (at least two, up to 1 分 = 0.000001 万元). */
const AMOUNT_FORMAT = '0.00####';

export interface WorkbookOptions {
  /** Sheet name (at most 31 characters). Default 年度报告. */
  readonly sheetName?: string;
  /** Stored as the workbook's creation time; fixed values make the bytes reproducible. */
  readonly createdAt?: Date;
  readonly subject?: string;
}

function writeCell(sheet: ExcelJS.Worksheet, cell: LayoutCell): void {
  const target = sheet.getCell(cell.row, cell.col);
  if (cell.value !== null) target.value = cell.value;
  const style = STYLES[cell.role];
  const numFmt = cell.amount && typeof cell.value === 'number' ? AMOUNT_FORMAT : undefined;
  for (let r = cell.row; r < cell.row + cell.rowspan; r++) {
    for (let c = cell.col; c < cell.col + cell.colspan; c++) {
      sheet.getCell(r, c).style = { ...style, ...(numFmt ? { numFmt } : {}) };
    }
  }
  if (cell.rowspan > 1 || cell.colspan > 1) sheet.mergeCells(cell.row, cell.col, cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1);
  if (cell.note) target.note = cell.note;
}

const LINE_HEIGHT = 15;

/** Display width in Excel's character units: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

/**
 * Row heights for wrapped labels and headers: neither Excel nor exceljs fits a row to wrapped text
 * written by a library, so long labels (the F2021 其他处理 rows) would show one clipped line.
 */
function fitRowHeights(sheet: ExcelJS.Worksheet, layout: NationalLayout): void {
  const lines = new Map<number, number>();
  for (const cell of layout.cells) {
    if ((cell.role !== 'label' && cell.role !== 'header') || cell.rowspan > 1 || typeof cell.value !== 'string') continue;
    const width = COLUMN_WIDTHS.slice(cell.col - 1, cell.col - 1 + cell.colspan).reduce((sum, w) => sum + w, 0) - 1;
    const needed = Math.ceil(displayWidth(cell.value) / Math.max(width, 1));
    lines.set(cell.row, Math.max(lines.get(cell.row) ?? 1, needed));
  }
  for (const [row, count] of lines) if (count > 1) sheet.getRow(row).height = count * LINE_HEIGHT;
}

/** One workbook holding the layout on one sheet. */
export async function layoutWorkbook(layout: NationalLayout, options: WorkbookOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'xxgk-stats';
  const created = options.createdAt ?? new Date();
  workbook.created = created;
  workbook.modified = created;
  if (options.subject) workbook.subject = options.subject;
  const sheet = workbook.addWorksheet((options.sheetName ?? '年度报告').slice(0, 31));
  COLUMN_WIDTHS.slice(0, layout.width).forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  for (const cell of layout.cells) writeCell(sheet, cell);
  fitRowHeights(sheet, layout);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Reports and rollups
// ---------------------------------------------------------------------------------------------

/** A report in its own format's layout: what the document said (absent sub-tables left out, blanks blank). */
export function reportLayout(agency: AgencyRecord, report: ReportRecord): NationalLayout {
  return nationalLayout({
    format: report.format,
    title: {
      zh: `${agency.name}${report.year}年政府信息公开工作年度报告`,
      en: `Annual report on government information disclosure ${report.year}: ${agency.name} [${agency.code}], format ${report.format}, ${report.status}`,
    },
    figures: (code) => (code in report.cells ? (report.cells[code] ?? null) : undefined),
    omitAbsentParts: true,
    text: report.text,
    signature: { agencyName: agency.name, publishedOn: report.publishedOn },
  });
}

export async function reportXlsx(agency: AgencyRecord, report: ReportRecord, options: WorkbookOptions = {}): Promise<Buffer> {
  return layoutWorkbook(reportLayout(agency, report), { subject: `${agency.code} ${report.year} ${report.format}`, ...options });
}

export interface RollupLayoutOptions {
  /** The layout to print; default: the format most of the rollup's reporters used (ties: by the year). */
  readonly format?: FormatId | null;
  readonly hierarchy?: HierarchyMode;
  readonly includeDrafts?: boolean;
}

/** The format of most reporters; with none or a tie, the format issued for the year (FORMATS.md). */
export function dominantFormat(record: RollupRecord): FormatId {
  const f2019 = record.reportersByFormat.F2019 ?? 0;
  const f2021 = record.reportersByFormat.F2021 ?? 0;
  if (f2019 !== f2021) return f2019 > f2021 ? 'F2019' : 'F2021';
  return record.year >= 2021 ? 'F2021' : 'F2019';
}

/**
 * A rollup in one format's layout: each cell the sum over the reporters that had it (a cell nobody
 * had stays blank). Figures only the other format has (F2019 procurement in a mixed year, F2021's
 * other_* rows) are listed after the tables, never dropped silently; so are the coverage and the tree.
 */
export function rollupLayout(agency: AgencyRecord, record: RollupRecord, options: RollupLayoutOptions = {}): NationalLayout {
  const format = options.format ?? dominantFormat(record);
  const had = (code: string) => record.reportersOf(code) > 0;
  const byFormat = FORMATS.map((f) => `${f.id} 格式 ${record.reportersByFormat[f.id] ?? 0} 份`).join('，');
  const tree = options.hierarchy === 'CURRENT' ? '现行隶属关系' : `${record.year}年的隶属关系`;
  const notes = [
    `说明：本表为${agency.name}（${agency.code}）及其下级机关${record.year}年度报告数据汇总（${tree}，${options.includeDrafts ? '含草稿' : '仅已发布报告'}）。`,
    `应报机关 ${record.expected} 个，已报 ${record.reported} 个；${byFormat}。空白单元格表示没有机关填报该项；金额单位：万元。`,
  ];
  const elsewhere = ALL_CELL_CODES.filter((code) => !findCell(format, code) && had(code));
  if (elsewhere.length > 0) {
    notes.push(`下列单元格不属于 ${format} 格式，未列入上表（填报机关数）：`);
    for (const code of elsewhere) {
      const def = FORMATS.map((f) => findCell(f.id, code)).find((d) => d !== undefined)!;
      notes.push(`${cellLabel(def, 'zh')} [${code}]：${figure(code, record.sumOf(code) ?? 0)}（${record.reportersOf(code)}）`);
    }
  }
  return nationalLayout({
    format,
    title: {
      zh: `${agency.name}${record.year}年政府信息公开工作年度报告数据汇总`,
      en: `Rollup of the annual reports ${record.year}: ${agency.name} [${agency.code}] and its subordinates, ${format} layout`,
    },
    // A cell some reporter had is its sum (blank read as 0); one nobody had prints blank, never 0.
    figures: (code) => cellValue(record, code),
    omitAbsentParts: false,
    notes,
  });
}

export async function rollupXlsx(agency: AgencyRecord, record: RollupRecord, options: RollupLayoutOptions & WorkbookOptions = {}): Promise<Buffer> {
  return layoutWorkbook(rollupLayout(agency, record, options), { sheetName: '数据汇总', subject: `${agency.code} ${record.year} rollup`, ...options });
}
