/**
 * The test-input generator itself: its layouts have the shapes LAYOUTS.md describes, and its
 * L6 rendering of the seed's figures reproduces the seed's tables line for line.
 */
import { readFileSync } from 'fs';
import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import * as OpenCC from 'opencc-js';
import { cellsOf, type FormatId } from '../../../src/domain/catalogue';
import type { InterchangeCellValue } from '../../../src/domain/interchange';
import { reportArb, quirkSetArb } from '../arbitraries';
import {
  LAYOUT_IDS,
  NO_QUIRKS,
  readableIn,
  renderReport,
  renderReportAsync,
  TEXT_LAYOUT_IDS,
  valueText,
  wanToYuanText,
  type QuirkSet,
  type RenderInput,
} from './index';

const SEED = readFileSync(`${__dirname}/../../fixtures/ingest/seed-f2019-l6.txt`, 'utf8');

function makeReport(format: FormatId, overrides: Record<string, InterchangeCellValue> = {}): RenderInput {
  const cells: Record<string, InterchangeCellValue> = {};
  for (const c of cellsOf(format)) cells[c.code] = 0;
  return { format, year: format === 'F2019' ? 2019 : 2021, agencyName: '咸丰路街道办事处', publishedOn: '2020-01-13', cells: { ...cells, ...overrides } };
}

const text = (input: RenderInput, layout: (typeof TEXT_LAYOUT_IDS)[number] | 'L8', quirks: Partial<QuirkSet> = {}) =>
  String(renderReport(input, layout, { ...NO_QUIRKS, ...quirks }).content);

/** The lines of the seed from the first table heading to the end of the last table. */
function tableLines(doc: string): string[] {
  const lines = doc.split('\n');
  const from = lines.findIndex((l) => l.startsWith('二、'));
  const to = lines.findIndex((l) => l.startsWith('五、'));
  return lines.slice(from, to).map((l) => l.replace(/\s+$/, (m) => (m.includes('\t') ? '\t' : ''))).filter((l, i, all) => !(l === '' && all[i - 1] === ''));
}

describe('the renderer', () => {
  it('renders the seed figures in L6 with exactly the seed tables (split row 一, 釆购, 42.21万元, split header words)', () => {
    const seedLike = makeReport('F2019', { 'proactive.gov_central_procurement.items': 19, 'proactive.gov_central_procurement.amount': '42.21' });
    const rendered = text(seedLike, 'L6', { splitFirstRow: true, amountUnit: 'wan', headerSplit: 'spaces' });
    const ours = tableLines(rendered.replace('政府集中采购', '政府集中釆购'));
    const seed = tableLines(SEED.replace('， 等于', '，等于'))
      // the seed splits only the applicant and appeal headers; ours also splits the proactive ones
      .map((l) => l.replace(/ /g, ''));
    expect(ours.map((l) => l.replace(/ /g, ''))).toEqual(seed);
  });

  it('writes one L4 line per table row with as many pipes as the row has cells', () => {
    const doc = text(makeReport('F2019'), 'L4', { groupStyle: 'spanned' });
    const line = (label: string) => doc.split('\n').find((l) => l.startsWith(label))!;
    expect(line('规章 |')).toBe('规章 | 0 | 0 | 0 |');
    expect(line('一、本年新收')).toBe('一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    expect(line('三、本年度办理结果')).toBe('三、本年度办理结果 | （一）予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    expect(doc).toContain('\n | （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n');
    expect(doc).toContain('\n |  | 2.其他法律行政法规禁止公开 | 0 |');
  });

  it('pads sub-table headers with pipes in L5 and drops continuation cells when group labels are inline', () => {
    const doc = text(makeReport('F2021'), 'L5', { paddedPipes: true, groupStyle: 'inline' });
    expect(doc).toContain('\n| 第二十条第（一）项 | |||\n');
    expect(doc).toContain('\n| 2.其他法律行政法规禁止公开 | 0 |');
    expect(doc).toContain('\n| （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 |');
  });

  it('writes L1b without blank lines and without empty cells', () => {
    const doc = text(makeReport('F2019', { 'proactive.regulations.new_made': null, 'proactive.regulations.new_published': null, 'proactive.regulations.total_published': null }), 'L1b');
    expect(doc).toContain('\n规章\n规范性文件\n0\n0\n0\n第二十条第（五）项\n');
  });

  it('writes L2 cells ending in " |" and L3 cells between lines holding only "|"', () => {
    expect(text(makeReport('F2019'), 'L2')).toContain('\n规章 |\n0 |\n0 |\n0 |\n');
    expect(text(makeReport('F2019'), 'L3')).toContain('\n规章\n|\n0\n|\n0\n|\n0\n|\n');
  });

  it('writes L7 rows on one line with space-separated numbers and vertical header characters', () => {
    const doc = text(makeReport('F2019', { 'applications.carried_forward.total': 3, 'proactive.admin_fees.change': -8 }), 'L7');
    expect(doc).toContain('\n四、结转下年度继续办理 0 0 0 0 0 0 3\n');
    expect(doc).toContain('\n行政事业性收费 0 -8\n');
    expect(doc).toContain('\n商\n业\n企\n业\n');
    expect(doc).toContain('\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n');
  });

  it('writes L8 as an HTML table with colspan, rowspan and &nbsp; for blank cells', () => {
    const doc = text(makeReport('F2019', { 'appeals.review.upheld': null }), 'L8');
    expect(doc).toContain('<td colspan="3">一、本年新收政府信息公开申请数量</td><td>0</td>');
    expect(doc).toMatch(/<td rowspan="\d+">三、本年度办理结果<\/td><td colspan="2">（一）予以公开<\/td>/);
    expect(doc).toContain('<tr><td>&nbsp;</td><td>0</td>');
  });

  it('writes values with the value quirks and amounts in 元 exactly', () => {
    const q = (over: Partial<QuirkSet>) => ({ ...NO_QUIRKS, ...over });
    expect(valueText(12, 'count', q({ fullWidthDigits: true }))).toBe('１２');
    expect(valueText(0, 'count', q({ zeroAs: '—' }))).toBe('—');
    expect(valueText(-8, 'signed', q({ valuePadding: 'nbsp' }))).toBe('\u00a0-8');
    expect(valueText('25.1', 'amount', q({ amountUnit: 'yuan' }))).toBe('251000元');
    expect(valueText('7.90001', 'amount', q({ amountUnit: 'yuan' }))).toBe('79000.1元');
    expect(valueText('42.21', 'amount', q({ amountUnit: 'wan' }))).toBe('42.21万元');
    expect(valueText(null, 'count', q({ zeroAs: '-' }))).toBe('');
    expect(wanToYuanText('0.000001')).toBe('0.01');
  });

  it('writes the signature date in each date style', () => {
    const input = { ...makeReport('F2021'), publishedOn: '2022-01-20' };
    const last = (style: QuirkSet['dateStyle']) => text(input, 'L4', { dateStyle: style }).trimEnd().split('\n').pop();
    expect(last('plain')).toBe('2022年1月20日');
    expect(last('padded')).toBe('2022年01月20日');
    expect(last('iso')).toBe('2022-01-20');
    expect(last('hanzi')).toBe('二〇二二年一月二十日');
    expect(text({ ...input, publishedOn: '2023-03-13' }, 'L4', { dateStyle: 'hanzi' })).toContain('\n二〇二三年三月十三日\n');
  });

  it('expects null for blanks, 0 for dashes, and leaves out sub-tables the document does not contain', () => {
    const input = makeReport('F2021', { 'proactive.admin_fees.amount': null });
    const cells = { ...input.cells };
    delete cells['proactive.regulations.issued'];
    for (const row of ['admin_licensing', 'admin_penalty', 'admin_coercion']) delete cells[`proactive.${row}.decisions`];
    const rendered = renderReport({ ...input, cells }, 'L4', { ...NO_QUIRKS, zeroAs: '-' });
    expect(rendered.expected.cells['proactive.regulations.issued']).toBeNull(); // absent in a rendered row: blank
    expect(rendered.expected.cells['proactive.admin_fees.amount']).toBeNull();
    expect('proactive.admin_licensing.decisions' in rendered.expected.cells).toBe(false);
    expect(rendered.expected.cells['applications.granted.total']).toBe(0);
    expect(String(rendered.content)).not.toContain('第二十条第（五）项');
  });

  it('makes partly blank rows readable where empty cells vanish, and keeps wholly blank rows blank', () => {
    const input = makeReport('F2019', {
      'proactive.regulations.new_made': null,
      'applications.granted.natural_person': null,
      'proactive.gov_central_procurement.amount': null,
    });
    for (const c of cellsOf('F2019')) if (c.code.startsWith('applications.carried_over.')) (input.cells as Record<string, InterchangeCellValue>)[c.code] = null;
    const readable = readableIn('L1b', input);
    expect(readable.cells['proactive.regulations.new_made']).toBe(0);
    expect(readable.cells['applications.granted.natural_person']).toBe(0);
    expect(readable.cells['applications.carried_over.total']).toBeNull();
    expect(readable.cells['proactive.gov_central_procurement.amount']).toBe('0');
    expect(readableIn('L4', input)).toBe(input);
  });

  it('encodes GB18030 text as bytes that decode back to the same document', () => {
    const input = makeReport('F2019');
    const bytes = renderReport(input, 'L6', { ...NO_QUIRKS, encoding: 'gb18030', valuePadding: 'nbsp' }).content as Buffer;
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(iconv.decode(bytes, 'gb18030')).toBe(text(input, 'L6', { valuePadding: 'nbsp' }));
  });

  it('renders traditional labels that convert back to the official simplified labels', () => {
    const doc = text(makeReport('F2019'), 'L4', { traditionalLabels: true });
    expect(doc).toContain('規範性文件');
    const back = OpenCC.Converter({ from: 'tw', to: 'cn' })(doc);
    expect(back).toBe(text(makeReport('F2019'), 'L4'));
  });

  it('builds a .docx whose table XML carries gridSpan and vMerge', async () => {
    const rendered = await renderReportAsync(makeReport('F2021'), 'docx', NO_QUIRKS);
    const zip = await JSZip.loadAsync(rendered.content as Buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:gridSpan w:val="3"/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:vMerge/>');
    expect(rendered.filename.endsWith('.docx')).toBe(true);
  });

  it('builds an .xlsx with merged cells and the figures in place', async () => {
    const input = makeReport('F2019', { 'applications.new_received.total': 821 });
    const rendered = await renderReportAsync(input, 'xlsx', NO_QUIRKS);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(rendered.content as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const row = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === '一、本年新收政府信息公开申请数量')!;
    expect(row.getCell(10).value).toBe(821);
    expect((sheet.model as { merges: string[] }).merges.length).toBeGreaterThan(10);
  });

  it('is deterministic for every text layout and any quirks', () => {
    fc.assert(
      fc.property(reportArb(), quirkSetArb, fc.constantFrom(...LAYOUT_IDS.filter((l) => l !== 'docx' && l !== 'xlsx')), (report, quirks, layout) => {
        const a = renderReport(report, layout, quirks);
        const b = renderReport(report, layout, quirks);
        expect(a).toEqual(b);
      }),
      { numRuns: 50 },
    );
  });
});
