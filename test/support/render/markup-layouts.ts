/**
 * Layouts with explicit cell boundaries: L8 (an HTML page with a <table> using colspan/rowspan and
 * &nbsp; in empty cells), a real .docx (WordprocessingML tables with gridSpan and vMerge, zipped
 * with JSZip) and an .xlsx (exceljs, merged cells). Continuation cells of a vertical merge are
 * omitted in HTML, written as <w:vMerge/> in .docx and covered by the merge range in .xlsx.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Block } from './document';
import type { PhysicalCell, TableModel } from './table-model';

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text of a cell in HTML: line breaks become <br>, NBSP and empties become &nbsp;. */
function htmlCellText(cell: PhysicalCell): string {
  if (cell.text === '') return '&nbsp;';
  return escapeXml(cell.text).replace(/\u00a0/g, '&nbsp;').replace(/\n/g, '<br>');
}

function htmlTable(table: TableModel): string {
  const rows = table.rows.map((row) => {
    const cells = row.cells
      .filter((c) => !c.continuation)
      .map((c) => {
        const attrs = `${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}`;
        return `<td${attrs}>${htmlCellText(c)}</td>`;
      });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table border="1" cellspacing="0" cellpadding="0" style="width:100%">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

export function serialiseHtml(blocks: readonly Block[]): string {
  const title = blocks.find((b) => b.kind === 'title');
  const body = blocks.map((block) => {
    switch (block.kind) {
      case 'chrome':
        return `<div class="crumbs">${escapeXml(block.text)}</div>`;
      case 'title':
        return `<h1 class="article-title">${escapeXml(block.text)}</h1>`;
      case 'heading':
        return `<p><strong>${escapeXml(block.text)}</strong></p>`;
      case 'paragraph':
        return `<p style="text-indent:2em">${escapeXml(block.text)}</p>`;
      case 'signature':
        return `<p style="text-align:right">${escapeXml(block.text)}</p>`;
      case 'table':
        return htmlTable(block.table);
      default: {
        const unreachable: never = block;
        throw new Error(`unknown block ${JSON.stringify(unreachable)}`);
      }
    }
  });
  const pageTitle = title && title.kind !== 'table' ? escapeXml(title.text) : '';
  return `<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>${pageTitle}</title></head>\n<body>\n<div class="article">\n${body.join('\n')}\n</div>\n</body>\n</html>\n`;
}

// --------------------------------------------------------------------------------------------
// .docx
// --------------------------------------------------------------------------------------------

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function wParagraph(text: string, align?: 'center' | 'right'): string {
  const pPr = align ? `<w:pPr><w:jc w:val="${align}"/></w:pPr>` : '';
  if (text === '') return `<w:p>${pPr}</w:p>`;
  return `<w:p>${pPr}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
}

function docxTable(table: TableModel): string {
  const grid = Array.from({ length: table.width }, () => '<w:gridCol w:w="600"/>').join('');
  const rows = table.rows.map((row) => {
    const cells = row.cells.map((c) => {
      const props = [
        c.colspan > 1 ? `<w:gridSpan w:val="${c.colspan}"/>` : '',
        c.continuation ? '<w:vMerge/>' : c.rowspan > 1 ? '<w:vMerge w:val="restart"/>' : '',
      ].join('');
      // A cell's line breaks are separate paragraphs, as Word writes them.
      const paragraphs = c.continuation ? wParagraph('') : c.text.split('\n').map((line) => wParagraph(line)).join('');
      return `<w:tc><w:tcPr><w:tcW w:w="${600 * c.colspan}" w:type="dxa"/>${props}</w:tcPr>${paragraphs}</w:tc>`;
    });
    return `<w:tr>${cells.join('')}</w:tr>`;
  });
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${rows.join('')}</w:tbl>`;
}

export async function serialiseDocx(blocks: readonly Block[]): Promise<Buffer> {
  const body = blocks
    .map((block) => {
      switch (block.kind) {
        case 'chrome':
        case 'heading':
        case 'paragraph':
          return wParagraph(block.text);
        case 'title':
          return wParagraph(block.text, 'center');
        case 'signature':
          return wParagraph(block.text, 'right');
        case 'table':
          // Word always puts a paragraph after a table.
          return docxTable(block.table) + wParagraph('');
        default: {
          const unreachable: never = block;
          throw new Error(`unknown block ${JSON.stringify(unreachable)}`);
        }
      }
    })
    .join('');
  const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W_NS}"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  const zip = new JSZip();
  // A fixed date keeps the bytes a function of the report alone.
  const date = new Date(Date.UTC(2020, 0, 1));
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    { date },
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    { date },
  );
  zip.file(
    'word/_rels/document.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>',
    { date },
  );
  zip.file('word/document.xml', documentXml, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// --------------------------------------------------------------------------------------------
// .xlsx: one sheet, the document's blocks top to bottom in column A, tables with merged cells
// --------------------------------------------------------------------------------------------

/** A numeric-looking value is stored as a number cell (as staff typing figures produce); anything else as text. */
function xlsxValue(text: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(text) && Number.isSafeInteger(Math.trunc(Number(text))) && !/^-?\d+\.\d{7,}$/.test(text) ? Number(text) : text;
}

export async function serialiseXlsx(blocks: readonly Block[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const fixed = new Date(Date.UTC(2020, 0, 1));
  workbook.created = fixed;
  workbook.modified = fixed;
  workbook.creator = 'xxgk-stats test renderer';
  const sheet = workbook.addWorksheet('年度报告');
  let r = 1;
  for (const block of blocks) {
    if (block.kind !== 'table') {
      sheet.getCell(r, 1).value = block.text;
      r += 1;
      continue;
    }
    // Place origin cells on the grid, skipping positions covered by a vertical merge from above.
    const covered = new Set<string>();
    block.table.rows.forEach((row, i) => {
      let c = 1;
      for (const cell of row.cells) {
        if (cell.continuation) continue; // its positions are in `covered`
        while (covered.has(`${r + i},${c}`)) c += 1;
        if (cell.text !== '') sheet.getCell(r + i, c).value = cell.role === 'value' ? xlsxValue(cell.text) : cell.text;
        if (cell.colspan > 1 || cell.rowspan > 1) {
          sheet.mergeCells(r + i, c, r + i + cell.rowspan - 1, c + cell.colspan - 1);
          for (let dr = 1; dr < cell.rowspan; dr += 1) for (let dc = 0; dc < cell.colspan; dc += 1) covered.add(`${r + i + dr},${c + dc}`);
        }
        c += cell.colspan;
      }
    });
    r += block.table.rows.length + 1;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
