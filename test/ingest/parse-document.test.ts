/**
 * parseDocument over every file kind: .docx built here with JSZip (mammoth reads it, it cannot write
 * one), .xlsx built with exceljs, the interchange JSON, text encodings, and the failures with their
 * stable codes.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import * as iconv from 'iconv-lite';
import JSZip from 'jszip';
import { join } from 'path';
import { extensionRowCode, extensionRowLabel, parseDocument, parseText, type ParseResult } from '../../src/ingest';
import { appealsGrid, applicationsGrid, proactiveGrid, type Grid } from '../fixtures/ingest/report-grid';

const FIXTURES = join(__dirname, '../fixtures/ingest');
const seedText = readFileSync(join(FIXTURES, 'seed-f2019-l6.txt'), 'utf8');
const seedExpected = JSON.parse(readFileSync(join(FIXTURES, 'seed-f2019-l6.expected.json'), 'utf8'));

const documentOf = (result: ParseResult) => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.document;
};
const codesOf = (result: ParseResult) => documentOf(result).diagnostics.map((d) => d.code);

const FIGURES = {
  'proactive.gov_central_procurement.items': '19',
  'proactive.gov_central_procurement.amount': '42.21万元',
  'applications.new_received.natural_person': '5',
  'applications.new_received.total': '5',
  'applications.granted.natural_person': '5',
  'applications.granted.total': '5',
  'applications.total_handled.natural_person': '5',
  'applications.total_handled.total': '5',
  'appeals.review.upheld': '1',
  'appeals.review.total': '1',
};
const TITLE = '2019年度咸丰路街道办事处信息公开工作年度报告';

/** A minimal .docx: paragraphs and tables in word/document.xml; a merged cell uses gridSpan. */
async function makeDocx(blocks: readonly (string | Grid)[]): Promise<Buffer> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`;
  const table = (grid: Grid) =>
    `<w:tbl>${grid.map((row) => `<w:tr>${row.map((c, i) => `<w:tc>${i === 0 && row.length === 1 ? '<w:tcPr><w:gridSpan w:val="4"/></w:tcPr>' : ''}${para(c)}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;
  const body = blocks.map((b) => (typeof b === 'string' ? para(b) : table(b))).join('');
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer' });
}

const reportBlocks = (): (string | Grid)[] => [
  TITLE,
  '一、总体情况',
  '2019年，街道办主动公开政府信息241条。2019年，我办共收到政府信息公开申请5件。',
  '二、主动公开政府信息情况',
  proactiveGrid('F2019', FIGURES),
  '三、收到和处理政府信息公开申请情况',
  applicationsGrid('F2019', FIGURES),
  '四、政府信息公开行政复议、行政诉讼情况',
  appealsGrid(FIGURES),
  '五、存在的主要问题及改进情况',
  '公开不够及时。',
  '咸丰路街道办事处',
  '2020年1月13日',
];

const expectedCells = () => {
  const cells: Record<string, number | string> = {};
  for (const [code, v] of Object.entries(FIGURES)) cells[code] = code.endsWith('.amount') ? '42.21' : Number(v);
  return cells;
};

describe('.docx', () => {
  it('is converted by mammoth and read by the HTML reader, merged cells included', async () => {
    const result = await parseDocument(await makeDocx(reportBlocks()), 'report.docx');
    const doc = documentOf(result);
    expect({ format: doc.format, year: doc.year, agencyName: doc.agencyName, publishedOn: doc.publishedOn, statedFigures: doc.statedFigures }).toEqual({
      format: 'F2019', year: 2019, agencyName: '咸丰路街道办事处', publishedOn: '2020-01-13', statedFigures: { proactiveItems: 241, applicationsReceived: 5 },
    });
    expect(Object.keys(doc.cells)).toHaveLength(198);
    expect(Object.fromEntries(Object.entries(doc.cells).filter(([, v]) => v !== 0))).toEqual(expectedCells());
    expect(doc.diagnostics).toEqual([]);
  });

  it('is recognised from its bytes when the name has no extension', async () => {
    const result = await parseDocument(await makeDocx(reportBlocks()), 'download');
    expect(documentOf(result).format).toBe('F2019');
  });
});

describe('.xlsx', () => {
  it('is read row by row like the national tables, a merged range once', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('年度报告');
    for (const block of reportBlocks()) {
      if (typeof block === 'string') sheet.addRow([block]);
      else for (const row of block) sheet.addRow(row.map((c) => (/^\d+$/.test(c) ? Number(c) : c)));
    }
    sheet.mergeCells('A1:H1');
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const doc = documentOf(await parseDocument(bytes, 'report.xlsx'));
    expect(doc.format).toBe('F2019');
    expect(doc.year).toBe(2019);
    expect(Object.keys(doc.cells)).toHaveLength(198);
    expect(Object.fromEntries(Object.entries(doc.cells).filter(([, v]) => v !== 0))).toEqual(expectedCells());
  });
});

describe('the interchange JSON', () => {
  it('is taken as it is, amounts canonicalised', async () => {
    const json = JSON.stringify({ ...seedExpected.document, cells: { ...seedExpected.document.cells, 'proactive.gov_central_procurement.amount': '42.210' } });
    const doc = documentOf(await parseDocument(Buffer.from(json), 'seed.json'));
    expect(doc).toEqual(seedExpected.document);
  });

  it('is refused with INVALID_INTERCHANGE when a cell is not a number', async () => {
    const result = await parseDocument(Buffer.from(JSON.stringify({ format: 'F2019', year: 2019, cells: { 'applications.granted.total': 'x' } })), 'bad.json');
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_INTERCHANGE', message: 'not an interchange document: cells.applications.granted.total: expected a whole number or null, received "x"' },
      diagnostics: [],
    });
  });
});

describe('text encodings', () => {
  it('reads UTF-8 with a BOM like UTF-8', async () => {
    const result = await parseDocument(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seedText)]), 'seed.txt');
    expect(result).toEqual(seedExpected);
  });

  it('reads GB18030 when the bytes are not UTF-8, and says so', async () => {
    const result = await parseDocument(iconv.encode(seedText, 'gb18030'), 'seed.txt');
    const doc = documentOf(result);
    expect(doc.cells).toEqual(seedExpected.document.cells);
    expect(codesOf(result)).toEqual(['ENCODING_DETECTED', 'SPLIT_ROW_MERGED']);
  });
});

describe('failures have stable codes and never throw', () => {
  it.each([
    ['UNSUPPORTED_FILE', 'report.pdf', Buffer.from('%PDF-1.4 …')],
    ['EMPTY_DOCUMENT', 'empty.txt', Buffer.alloc(0)],
    ['EMPTY_DOCUMENT', 'blank.txt', Buffer.from(' \n\t\n')],
    ['NO_TABLE_FOUND', 'mojibake.txt', Buffer.from('锟斤拷烫烫烫\n屯屯屯锟斤拷\n')],
    ['NO_TABLE_FOUND', 'images.html', Buffer.from('<html><body><h1>2020年报告</h1><img src="table.png"></body></html>')],
    ['UNREADABLE_FILE', 'broken.docx', Buffer.from('PK\u0003\u0004 not really a zip')],
  ])('%s for %s', async (code, name, bytes) => {
    const result = await parseDocument(bytes, name);
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
  });

  it('TOO_LARGE above 20 MB', async () => {
    const result = await parseDocument(Buffer.alloc(20 * 1024 * 1024 + 1, 0x20), 'huge.txt');
    expect(result.ok ? 'ok' : result.error.code).toBe('TOO_LARGE');
  });
});

describe('cell values', () => {
  const withProcurement = (amount: string) => seedText.replace('\t42.21万元', `\t${amount}`);
  it.each([
    ['42.21万元', '42.21', []],
    ['251000元', '25.1', ['UNIT_CONVERTED']],
    ['79000.1元', '7.90001', ['UNIT_CONVERTED']],
    ['42.21', '42.21', ['UNIT_ASSUMED']],
    ['—', '0', ['DASH_AS_ZERO']],
    ['', null, ['BLANK_AS_NULL']],
  ])('procurement amount %j is read as %j', (written, value, codes) => {
    const result = parseText(withProcurement(written));
    expect(documentOf(result).cells['proactive.gov_central_procurement.amount']).toBe(value);
    expect(codesOf(result).filter((c) => c !== 'SPLIT_ROW_MERGED')).toEqual(codes);
  });

  it('keeps a local row as an extension cell whose code gives its label back', () => {
    const code = extensionRowCode('其他主动公开文件');
    expect(code).toBe('ext_5176_4ed6_4e3b_52a8_516c_5f00_6587_4ef6');
    expect(extensionRowLabel(code)).toBe('其他主动公开文件');
  });
});
