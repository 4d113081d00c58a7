/**
 * Quirks of LAYOUTS.md on small inline documents: each test states one quirk and the whole
 * reading of the affected rows.
 */
import { parseText, type ParseResult } from '../../src/ingest';

const documentOf = (result: ParseResult) => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.document;
};
const rowOf = (result: ParseResult, prefix: string) =>
  Object.fromEntries(Object.entries(documentOf(result).cells).filter(([code]) => code.startsWith(prefix)));
const codes = (result: ParseResult) => documentOf(result).diagnostics.map((d) => d.code);

const report = (year: string, body: string[]) =>
  [`${year}政府信息公开工作年度报告`, '一、总体情况', '概况。', ...body, '五、存在的主要问题及改进情况', '无。'].join('\n');

describe('labels', () => {
  it('reads a group label printed inline with its first child row, and a label split over two cells (L4)', () => {
    const result = parseText(report('2019年某局', [
      '三、收到和处理政府信息公开申请情况',
      '三、本年度办理结果 | （一）予以公开 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |',
      ' | (三) | 不予公开 | 1.属于国家秘密 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |',
      ' |  | 5.属于三类内容事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |',
      ' | 第二十条第（九）项 | | | |',
      ' | 政府集中釆购 | 1 | 3万元 |',
      '本年新制作数量 | 本年新公开数量 |',
    ]));
    expect(rowOf(result, 'applications.granted.')).toEqual({
      'applications.granted.natural_person': 2, 'applications.granted.commercial': 1, 'applications.granted.research': 0,
      'applications.granted.social_welfare': 0, 'applications.granted.legal_service': 0, 'applications.granted.other_org': 0, 'applications.granted.total': 3,
    });
    expect(rowOf(result, 'applications.denied_state_secret.')['applications.denied_state_secret.total']).toBe(4);
    expect(rowOf(result, 'applications.denied_internal_affairs.')['applications.denied_internal_affairs.natural_person']).toBe(1);
    expect(rowOf(result, 'proactive.gov_central_procurement.')).toEqual({ 'proactive.gov_central_procurement.items': 1, 'proactive.gov_central_procurement.amount': '3' });
  });

  it('matches a typo of an official label with tolerance and says so', () => {
    const result = parseText(report('2021年某局', ['二、主动公开政府信息情况', '信息内容 | 本年处理决定数量 |', '行政许 可证 | 5 |', '行政处罚 | 2 |']));
    expect(rowOf(result, 'proactive.admin_')).toEqual({ 'proactive.admin_licensing.decisions': 5, 'proactive.admin_penalty.decisions': 2 });
    expect(documentOf(result).diagnostics.filter((d) => d.code === 'LABEL_FUZZY_MATCH')).toEqual([
      { severity: 'info', code: 'LABEL_FUZZY_MATCH', message: '"行政许 可证" read as "行政许可" (variant spelling)', location: { line: 6, path: '二、主动公开政府信息情况' } },
    ]);
  });
});

describe('format and year', () => {
  it('reads an F2021 table in a 2020 report as F2021, with a warning', () => {
    const result = parseText(report('2020年某局', ['二、主动公开政府信息情况', '信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |', '规章 | 0 | 0 | 0 |', '行政规范性文件 | 1 | 0 | 5 |']));
    expect(documentOf(result).format).toBe('F2021');
    expect(codes(result)).toContain('FORMAT_YEAR_MISMATCH');
    expect(rowOf(result, 'proactive.normative_documents')).toEqual({
      'proactive.normative_documents.issued': 1, 'proactive.normative_documents.repealed': 0, 'proactive.normative_documents.in_force': 5,
    });
  });
});

describe('cell values', () => {
  it('reads negative 本年增/减, full-width digits and a stray ?', () => {
    const result = parseText(report('2019年某局', [
      '二、主动公开政府信息情况',
      '信息内容 | 上一年项目数量 | 本年增/减(指2019年增加或减少的事项数,减用负值表示,如-8) | 处理决定数量 |',
      '行政许可 | １２ | -8 | ?4 |',
    ]));
    expect(rowOf(result, 'proactive.admin_licensing')).toEqual({
      'proactive.admin_licensing.prev_year_items': 12, 'proactive.admin_licensing.change': -8, 'proactive.admin_licensing.decisions': 4,
    });
  });

  it('keeps a printed row without values as blank cells (L1b drops empty cells)', () => {
    const result = parseText(report('2019年某局', ['二、主动公开政府信息情况', '第二十条第（一）项', '本年新制作数量', '规章', '规范性文件', '1', '2', '3', '第二十条第（五）项']));
    expect(rowOf(result, 'proactive.regulations')).toEqual({
      'proactive.regulations.new_made': null, 'proactive.regulations.new_published': null, 'proactive.regulations.total_published': null,
    });
    expect(rowOf(result, 'proactive.normative_documents')['proactive.normative_documents.total_published']).toBe(3);
  });
});

describe('page furniture', () => {
  it('reads the seed the same with page chrome, a sentence under a heading and stray empty cells', () => {
    const { readFileSync } = jest.requireActual<typeof import('fs')>('fs');
    const seed = readFileSync(`${__dirname}/../fixtures/ingest/seed-f2019-l6.txt`, 'utf8');
    const furnished = `首页 > 政务公开 > 年度报告\n发布时间：2020-01-14\n${seed}`
      .replace('三、收到和处理政府信息公开申请情况\n', '三、收到和处理政府信息公开申请情况\n该部分以表格形式报告。表格如下：\n')
      .replace('\t0\n\n\n\n四、政府信息公开', '\t0\n\t\n\t\n\n\n四、政府信息公开');
    expect(furnished).toContain('表格如下：\n');
    expect(furnished).toContain('\t0\n\t\n\t\n\n\n四、');
    const plain = documentOf(parseText(seed));
    const read = documentOf(parseText(furnished));
    expect(read.cells).toEqual(plain.cells);
    expect({ year: read.year, agencyName: read.agencyName, publishedOn: read.publishedOn }).toEqual({ year: 2019, agencyName: '咸丰路街道办事处', publishedOn: '2020-01-13' });
    expect(read.diagnostics.map((d) => d.code)).toEqual(['SPLIT_ROW_MERGED']);
  });
});

describe('signature dates', () => {
  it.each([
    ['2020年1月13日', '2020-01-13'],
    ['2020年01月13日', '2020-01-13'],
    ['2020-01-13', '2020-01-13'],
    ['二〇二〇年一月十三日', '2020-01-13'],
    ['二〇二一年十二月三十一日', '2021-12-31'],
    ['2020年2月30日', null],
  ])('reads %s as %s', (written, iso) => {
    const { readFileSync } = jest.requireActual<typeof import('fs')>('fs');
    const seed = readFileSync(`${__dirname}/../fixtures/ingest/seed-f2019-l6.txt`, 'utf8');
    expect(documentOf(parseText(seed.replace('2020年1月13日', written))).publishedOn).toBe(iso);
  });
});

describe('wrapped labels', () => {
  it('joins a long row label wrapped over two lines back together (L1b, L7)', () => {
    for (const layout of ['L1b', 'L7'] as const) {
      const values = ['1', '0', '0', '0', '0', '0', '1'];
      const rows = layout === 'L1b'
        ? ['5.要求行政机关确认或重新', '出具已获取信息', ...values, '（六）其他处理', ...values]
        : ['5.要求行政机关确认或重新', `出具已获取信息 ${values.join(' ')}`, `（六）其他处理 ${values.join(' ')}`, `（七）总计 ${values.join(' ')}`];
      const result = parseText(report('2019年某局', ['三、收到和处理政府信息公开申请情况', ...rows]));
      expect(rowOf(result, 'applications.not_processed_confirm_or_reissue.')).toEqual({
        'applications.not_processed_confirm_or_reissue.natural_person': 1, 'applications.not_processed_confirm_or_reissue.commercial': 0,
        'applications.not_processed_confirm_or_reissue.research': 0, 'applications.not_processed_confirm_or_reissue.social_welfare': 0,
        'applications.not_processed_confirm_or_reissue.legal_service': 0, 'applications.not_processed_confirm_or_reissue.other_org': 0,
        'applications.not_processed_confirm_or_reissue.total': 1,
      });
      expect(codes(result)).not.toContain('EXTENSION_ROW');
    }
  });
});
