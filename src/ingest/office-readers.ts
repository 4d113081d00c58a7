/**
 * .docx (through mammoth's HTML, which maps merged cells to colspan/rowspan, then the HTML reader)
 * and .xlsx (through exceljs: one row per sheet row, a merged range read once at its top-left cell).
 */
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { BREAK, cellToken, type TextLine, type Token, type TokenisedDocument } from './tokens';

export async function docxToHtml(bytes: Buffer): Promise<string> {
  const result = await mammoth.convertToHtml({ buffer: bytes });
  return result.value;
}

export async function tokeniseXlsx(bytes: Buffer): Promise<TokenisedDocument> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const tokens: Token[] = [];
  const lines: TextLine[] = [];
  let line = 0;
  workbook.eachSheet((sheet) => {
    // Every row is read to the sheet's last used column: exceljs stops a row at its last written cell,
    // and a blank 总计 at the end of a row is a cell (null), not nothing.
    const width = sheet.columnCount;
    sheet.eachRow({ includeEmpty: true }, (row) => {
      line++;
      const texts: string[] = [];
      for (let col = 1; col <= Math.max(width, row.cellCount); col++) {
        const cell = row.getCell(col);
        // A merged range is one cell: read at its master (top-left), skipped elsewhere.
        if (cell.isMerged && cell.master.address !== cell.address) continue;
        texts.push(cellText(cell.value));
      }
      const filled = texts.filter((t) => t.trim() !== '');
      // A row of written empty strings is a row of blank cells (an appeals row left empty); a row
      // with no cells at all is spacing.
      if (filled.length === 0 && !row.hasValues) return;
      // Rows that carry running text (title, headings, paragraphs, signature) are text lines too.
      if (filled.length === 1) lines.push({ text: filled[0], line });
      tokens.push(BREAK, ...texts.map((t) => cellToken(t, line)), BREAK);
    });
  });
  return { tokens, lines };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value && value.result !== undefined) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return '';
}
