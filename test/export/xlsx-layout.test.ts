/**
 * The national table layout as .xlsx, read back with exceljs: the official Chinese labels in the
 * official places, merged header cells like the printed tables, English labels and cell codes in
 * notes, and the seed's figures (19 items, 42.21 万元 of central procurement).
 */
import ExcelJS from 'exceljs';
import { cellsOf } from '../../src/domain/catalogue';
import { reportXlsx, rollupXlsx } from '../../src/export';
import { makeAgency, makeReport, makeRollup, SEED_AGENCY, seedReport } from './export-fixtures';

async function firstSheet(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

/** The row number of the first cell in column `col` whose text is `text`. */
function rowOf(sheet: ExcelJS.Worksheet, col: number, text: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, col).value === text) return r;
  throw new Error(`no cell ${JSON.stringify(text)} in column ${col}`);
}

const rangeOf = (sheet: ExcelJS.Worksheet, row: number, col: number) => {
  const cell = sheet.getCell(row, col);
  const merges = (sheet.model as unknown as { merges: string[] }).merges;
  return merges.find((m) => m.split(':')[0] === cell.address) ?? cell.address;
};

describe('a report in the national layout (.xlsx)', () => {
  let sheet: ExcelJS.Worksheet;
  beforeAll(async () => {
    sheet = await firstSheet(await reportXlsx(SEED_AGENCY, seedReport(), { createdAt: new Date(0) }));
  });

  it('starts with the report title, English in its note', () => {
    expect(sheet.getCell('A1').value).toBe('咸丰路街道办事处2019年政府信息公开工作年度报告');
    expect(String(sheet.getCell('A1').note)).toContain('Annual report on government information disclosure 2019');
  });

  it('prints the procurement row of F2019 with 19 items and 42.21 万元, under its article header', () => {
    const row = rowOf(sheet, 1, '政府集中采购');
    expect([sheet.getCell(row, 2).value, sheet.getCell(row, 3).value]).toEqual([19, 42.21]);
    expect(rangeOf(sheet, row, 3)).toBe(`C${row}:D${row}`);
    expect(sheet.getCell(row, 3).numFmt).toBe('0.00####');
    expect([sheet.getCell(row - 1, 1).value, sheet.getCell(row - 1, 2).value, sheet.getCell(row - 1, 3).value]).toEqual(['信息内容', '采购项目数量', '采购总金额']);
    expect(sheet.getCell(row - 2, 1).value).toBe('第二十条第（九）项');
    expect(rangeOf(sheet, row - 2, 1)).toBe(`A${row - 2}:D${row - 2}`);
    expect(String(sheet.getCell(row, 1).note)).toBe('central government procurement [proactive.gov_central_procurement]');
  });

  it('prints the five F2019 proactive sub-tables in order, with the three-column headers of 第二十条第（一）项', () => {
    const articles = ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '第二十条第（九）项'].map((a) => rowOf(sheet, 1, a));
    expect([...articles].sort((a, b) => a - b)).toEqual(articles);
    const header = articles[0] + 1;
    expect([1, 2, 3, 4].map((c) => sheet.getCell(header, c).value)).toEqual(['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量']);
    expect([1, 2, 3, 4].map((c) => sheet.getCell(header + 1, c).value)).toEqual(['规章', 0, 0, 0]);
  });

  it('draws the applications table with the official merged header and label columns', () => {
    const top = rowOf(sheet, 1, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(sheet.getCell(top - 1, 1).value).toBe('三、收到和处理政府信息公开申请情况');
    expect(rangeOf(sheet, top, 1)).toBe(`A${top}:C${top + 2}`);
    expect(rangeOf(sheet, top, 4)).toBe(`D${top}:J${top}`);
    expect(sheet.getCell(top, 4).value).toBe('申请人情况');
    expect(rangeOf(sheet, top + 1, 5)).toBe(`E${top + 1}:I${top + 1}`);
    expect([4, 5, 6, 7, 8, 9, 10].map((c) => sheet.getCell(c === 4 || c === 10 ? top + 1 : top + 2, c).value)).toEqual([
      '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计',
    ]);
    expect(sheet.getCell(top + 3, 1).value).toBe('一、本年新收政府信息公开申请数量');
    expect(rangeOf(sheet, top + 3, 1)).toBe(`A${top + 3}:C${top + 3}`);
    const results = rowOf(sheet, 1, '三、本年度办理结果');
    expect(rangeOf(sheet, results, 1)).toBe(`A${results}:A${results + 19}`); // F2019: 20 result rows, granted … total_handled
    const denied = rowOf(sheet, 2, '（三）不予公开');
    expect(rangeOf(sheet, denied, 2)).toBe(`B${denied}:B${denied + 7}`);
    expect(sheet.getCell(denied + 2, 3).value).toBe('3.危及“三安全一稳定”');
    expect(sheet.getCell(rowOf(sheet, 2, '（六）其他处理'), 4).value).toBe(0);
    expect(String(sheet.getCell(denied + 2, 3).note)).toBe('endangers security or stability [applications.denied_security_stability]');
  });

  it('draws the appeals table as one row of fifteen under its two-level header', () => {
    const top = rowOf(sheet, 1, '行政复议');
    expect(rangeOf(sheet, top, 6)).toBe(`F${top}:O${top}`);
    expect(sheet.getCell(top, 6).value).toBe('行政诉讼');
    expect([sheet.getCell(top + 1, 6).value, sheet.getCell(top + 1, 11).value]).toEqual(['未经复议直接起诉', '复议后起诉']);
    expect(Array.from({ length: 15 }, (_, i) => sheet.getCell(i < 5 ? top + 1 : top + 2, i + 1).value)).toEqual(
      Array.from({ length: 3 }, () => ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']).flat(),
    );
    expect(Array.from({ length: 15 }, (_, i) => sheet.getCell(top + 3, i + 1).value)).toEqual(Array(15).fill(0));
  });

  it('ends with the signature: the agency and the date', () => {
    expect([sheet.getCell(sheet.rowCount - 1, 1).value, sheet.getCell(sheet.rowCount, 1).value]).toEqual(['咸丰路街道办事处', '2020年1月13日']);
  });
});

describe('an F2021 report in its own layout', () => {
  it('has four proactive sub-tables, one-column rows spanning three grid columns, and no procurement', async () => {
    const cells = Object.fromEntries(cellsOf('F2021').map((c) => [c.code, c.unit === 'amount' ? '1.5' : 3]));
    const agency = makeAgency('dh', '东湖街道办事处');
    const report = makeReport(agency, { format: 'F2021', year: 2023, agencyName: agency.name, agencyCode: agency.code, publishedOn: '2024-01-20', cells, text: {}, statedFigures: {}, diagnostics: [] });
    const sheet = await firstSheet(await reportXlsx(agency, report));
    const fees = rowOf(sheet, 1, '行政事业性收费');
    expect([sheet.getCell(fees - 1, 2).value, sheet.getCell(fees, 2).value, rangeOf(sheet, fees, 2)]).toEqual(['本年收费金额（单位：万元）', 1.5, `B${fees}:D${fees}`]);
    expect(() => rowOf(sheet, 1, '政府集中采购')).toThrow();
    expect(sheet.getCell(rowOf(sheet, 1, '第二十条第（一）项') + 1, 2).value).toBe('本年制发件数');
    const other = rowOf(sheet, 2, '（六）其他处理');
    expect([1, 2, 3].map((i) => sheet.getCell(other + i - 1, 3).value)).toEqual([
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      '3.其他',
    ]);
    // Long labels wrap: their rows are made tall enough for two lines; short ones keep Excel's default.
    expect([sheet.getRow(other).height, sheet.getRow(other + 2).height]).toEqual([30, undefined]);
  });
});

describe('a rollup in the national layout', () => {
  it('prints the sums in the layout of most reporters and lists the other format’s cells after the tables', async () => {
    const agency = makeAgency('d1', '和平区', 'DISTRICT');
    const record = makeRollup(2021, {
      'applications.new_received.total': 12,
      'applications.other_misc.total': 2,
      'applications.other_handling.total': 1,
      'proactive.admin_fees.amount': 2_500_000,
    }, { reportersByFormat: { F2019: 1, F2021: 3 }, expected: 5, reported: 4 });
    const sheet = await firstSheet(await rollupXlsx(agency, record));
    expect(sheet.name).toBe('数据汇总');
    expect(sheet.getCell('A1').value).toBe('和平区2021年政府信息公开工作年度报告数据汇总');
    expect(sheet.getCell(rowOf(sheet, 1, '行政事业性收费'), 2).value).toBe(2.5);
    expect(sheet.getCell(rowOf(sheet, 1, '一、本年新收政府信息公开申请数量'), 10).value).toBe(12);
    expect(sheet.getCell(rowOf(sheet, 1, '一、本年新收政府信息公开申请数量'), 4).value).toBeNull();
    const texts = Array.from({ length: sheet.rowCount }, (_, i) => String(sheet.getCell(i + 1, 1).value ?? ''));
    expect(texts).toContain('应报机关 5 个，已报 4 个；F2019 格式 1 份，F2021 格式 3 份。空白单元格表示没有机关填报该项；金额单位：万元。');
    expect(texts).toContain('三、本年度办理结果 › （六）其他处理 › 总计 [applications.other_handling.total]：1（1）');
  });
});
