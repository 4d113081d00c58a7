/**
 * Test-input generator: renders a report's figures into any layout of shared/spec/LAYOUTS.md with
 * any combination of quirks, and says exactly what a careful reader must read back.
 *
 *   renderReport(input, 'L6', quirks)            // text layouts L1–L8, synchronous
 *   await renderReportAsync(input, 'docx', quirks) // every layout, including .docx and .xlsx
 *
 * Pure and deterministic: the same input gives the same content (the .xlsx is the same workbook,
 * though exceljs may stamp its zip entries with the current time).
 */
import * as iconv from 'iconv-lite';
import { findCell, tableDef, type RowDef } from '../../../src/domain/catalogue';
import type { InterchangeCellValue } from '../../../src/domain/interchange';
import { buildBlocks } from './document';
import { serialiseDocx, serialiseHtml, serialiseXlsx } from './markup-layouts';
import { expectedCells } from './table-model';
import { serialiseText } from './text-layouts';
import type { ExpectedReading, LayoutId, QuirkSet, RenderedReport, RenderInput } from './types';

export * from './types';
export { buildBlocks, chineseDate, titleOf } from './document';
export { expectedCells, extensionRowCode, EXTRA_LOCAL_ROW, valueText, wanToYuanText } from './table-model';

/** Layouts whose text dump loses empty cells (L1b: "empty cells vanish entirely"; L7: PDF text). */
export const LAYOUTS_DROPPING_EMPTY_CELLS: readonly LayoutId[] = ['L1b', 'L7'];

/**
 * The quirks as they can occur in `layout`; the rest are switched off so that the expected reading
 * stays exact:
 * - pipes padding only where rows are pipe-joined (L4, L5); the broken row 一 only where a row is a
 *   line or a block (L4–L7);
 * - header words split by newlines, group and row labels broken over two lines, only where cell
 *   boundaries survive a line break (L1, L2, L3, L8, docx, xlsx); elsewhere spaces / no break;
 * - GB18030 only for text layouts (L1–L7 as .txt);
 * - in L1b and L7 empty cells vanish, so continuation cells never print (groupStyle 'inline').
 */
export function effectiveQuirks(layout: LayoutId, quirks: QuirkSet): QuirkSet {
  const textLayout = !['L8', 'docx', 'xlsx'].includes(layout);
  const newlinesSurvive = ['L1', 'L2', 'L3', 'L8', 'docx', 'xlsx'].includes(layout);
  return {
    ...quirks,
    paddedPipes: quirks.paddedPipes && (layout === 'L4' || layout === 'L5'),
    splitFirstRow: quirks.splitFirstRow && ['L4', 'L5', 'L6', 'L7'].includes(layout),
    headerSplit: quirks.headerSplit === 'newlines' && !newlinesSurvive ? 'spaces' : quirks.headerSplit,
    groupLabelBreak: quirks.groupLabelBreak && newlinesSurvive,
    labelWrap: quirks.labelWrap && newlinesSurvive,
    encoding: textLayout ? quirks.encoding : 'utf8',
    groupStyle: LAYOUTS_DROPPING_EMPTY_CELLS.includes(layout) ? 'inline' : quirks.groupStyle,
    // Table structure is explicit in markup: there is no dump of continuation cells to vary.
    ...(textLayout ? {} : { groupStyle: 'spanned' as const }),
  };
}

/**
 * The input as `layout` can carry it. Where empty cells vanish (L1b, L7) a careful reader can still
 * tell a wholly blank row (a label followed directly by the next label), but not which cells of a
 * partly blank row were blank: such blanks become 0 here, so that only readable documents are
 * generated. (A wholly blank appeals row is the table's only data row and stays readable too.)
 */
export function readableIn(layout: LayoutId, input: RenderInput): RenderInput {
  if (!LAYOUTS_DROPPING_EMPTY_CELLS.includes(layout)) return input;
  const cells: Record<string, InterchangeCellValue> = { ...input.cells };
  for (const table of ['proactive', 'applications', 'appeals'] as const) {
    const def = tableDef(input.format, table);
    const rowsOf: RowDef[][] = table === 'appeals' ? [def.rows.slice()] : def.rows.map((r) => [r]);
    for (const rows of rowsOf) {
      const codes = rows.flatMap((r) => r.columns.map((c) => `${table}.${r.code}.${c}`));
      const present = codes.filter((code) => code in cells);
      if (present.length === 0) continue;
      const blank = codes.filter((code) => cells[code] === null || cells[code] === undefined);
      const allBlank = blank.length === codes.length;
      // zero as the interchange writes it: 0 for counts, "0" for amounts (FORMATS.md)
      if (!allBlank) for (const code of blank) cells[code] = findCell(input.format, code)!.unit === 'amount' ? '0' : 0;
      else for (const code of codes) cells[code] = null;
    }
  }
  return { ...input, cells };
}

function expectedReading(input: RenderInput, quirks: QuirkSet): ExpectedReading {
  return {
    format: input.format,
    year: quirks.titleWithoutYear ? null : input.year,
    agencyName: input.agencyName,
    publishedOn: input.publishedOn,
    cells: expectedCells(input, quirks),
    statedFigures: {
      proactiveItems: input.statedFigures?.proactiveItems ?? null,
      applicationsReceived: input.statedFigures?.applicationsReceived ?? null,
    },
  };
}

const EXTENSIONS: Record<LayoutId, string> = {
  L1: 'txt', L1b: 'txt', L2: 'txt', L3: 'txt', L4: 'txt', L5: 'txt', L6: 'txt', L7: 'txt', L8: 'html', docx: 'docx', xlsx: 'xlsx',
};

function filenameOf(input: RenderInput, layout: LayoutId): string {
  return `${input.year}-${input.agencyName}-${layout}.${EXTENSIONS[layout]}`;
}

/**
 * Renders a text or HTML layout synchronously. For 'docx' and 'xlsx' use renderReportAsync.
 * @throws Error for 'docx' and 'xlsx'.
 */
export function renderReport(input: RenderInput, layout: LayoutId, quirks: QuirkSet): RenderedReport {
  const q = effectiveQuirks(layout, quirks);
  const blocks = buildBlocks(input, q);
  const base = { filename: filenameOf(input, layout), layout, quirks: q, expected: expectedReading(input, q) };
  switch (layout) {
    case 'L1':
    case 'L1b':
    case 'L2':
    case 'L3':
    case 'L4':
    case 'L5':
    case 'L6':
    case 'L7': {
      const text = serialiseText(layout, blocks, q);
      return { ...base, content: q.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : text };
    }
    case 'L8':
      return { ...base, content: serialiseHtml(blocks) };
    case 'docx':
    case 'xlsx':
      throw new Error(`renderReport: layout ${layout} is binary and built asynchronously; call renderReportAsync`);
    default: {
      const unreachable: never = layout;
      throw new Error(`unknown layout ${String(unreachable)}`);
    }
  }
}

/** Renders any layout, including a real .docx (JSZip) and .xlsx (exceljs). */
export async function renderReportAsync(input: RenderInput, layout: LayoutId, quirks: QuirkSet): Promise<RenderedReport> {
  if (layout !== 'docx' && layout !== 'xlsx') return renderReport(input, layout, quirks);
  const q = effectiveQuirks(layout, quirks);
  const blocks = buildBlocks(input, q);
  const content = layout === 'docx' ? await serialiseDocx(blocks) : await serialiseXlsx(blocks);
  return { filename: filenameOf(input, layout), content, layout, quirks: q, expected: expectedReading(input, q) };
}
