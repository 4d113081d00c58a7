/**
 * The long-form export tables: one row per cell, named by code and by its Chinese and English
 * labels, figures exact (amounts as 万元 text), blank and absent told apart.
 */
import { cellsOf } from '../../src/domain/catalogue';
import { aggregateColumns, aggregateRows, childrenTable, collectRows, reportTable, rollupTable, seriesTable } from '../../src/export';
import { makeAgency, makeReport, makeRollup, SEED_AGENCY, seedDocument, seedReport } from './export-fixtures';

const keysOf = (table: Parameters<typeof collectRows>[0]) => table.columns.map((c) => c.key);

describe('a report as rows', () => {
  it('has one row per cell of its format, the procurement row reading 19 and "42.21"', async () => {
    const table = reportTable(SEED_AGENCY, seedReport());
    const rows = await collectRows(table);
    expect(keysOf(table)).toEqual([
      'agency_code', 'agency_name', 'year', 'format', 'status', 'scope', 'code', 'table', 'row', 'column', 'label_zh', 'label_en', 'unit', 'value', 'state',
    ]);
    expect(rows.map((r) => r[6])).toEqual(cellsOf('F2019').map((c) => c.code));
    expect(rows.filter((r) => r[8] === 'gov_central_procurement')).toEqual([
      ['xianfenglu', '咸丰路街道办事处', 2019, 'F2019', 'PUBLISHED', 'OWN', 'proactive.gov_central_procurement.items', 'proactive', 'gov_central_procurement', 'items',
        '第二十条第（九）项 › 政府集中采购 › 采购项目数量', 'Art. 20 (9): central government procurement › central government procurement › procurement items', 'count', 19, 'filled'],
      ['xianfenglu', '咸丰路街道办事处', 2019, 'F2019', 'PUBLISHED', 'OWN', 'proactive.gov_central_procurement.amount', 'proactive', 'gov_central_procurement', 'amount',
        '第二十条第（九）项 › 政府集中采购 › 采购总金额', 'Art. 20 (9): central government procurement › central government procurement › procurement total (10k yuan)', 'amount', '42.21', 'filled'],
    ]);
  });

  it('tells a blank cell from an absent one', async () => {
    const document = seedDocument();
    const cells = { ...document.cells, 'applications.granted.total': null } as Record<string, number | string | null>;
    delete cells['appeals.review.total'];
    const rows = await collectRows(reportTable(SEED_AGENCY, makeReport(SEED_AGENCY, { ...document, cells })));
    const byCode = new Map(rows.map((r) => [r[6], [r[13], r[14]]]));
    expect([byCode.get('applications.granted.total'), byCode.get('appeals.review.total'), byCode.get('appeals.review.upheld')]).toEqual([
      [null, 'blank'], [null, 'absent'], [0, 'filled'],
    ]);
  });
});

describe('rollups as rows', () => {
  const district = makeAgency('d1', '和平区', 'DISTRICT');

  it('gives each asked cell its sum and reporters, null where nobody reported it', async () => {
    const record = makeRollup(2020, { 'proactive.gov_central_procurement.amount': 84_420_000 }, { expected: 3, reported: 2 });
    const rows = await collectRows(rollupTable(district, record, ['proactive.gov_central_procurement.amount', 'applications.granted.total']));
    expect(rows.map((r) => [r[0], r[2], r[3], r[4], r[5], r[12], r[13]])).toEqual([
      ['d1', 2020, 3, 2, 'proactive.gov_central_procurement.amount', '84.42', 1],
      ['d1', 2020, 3, 2, 'applications.granted.total', null, 0],
    ]);
  });

  it('lists the children with their kind, every cell any child had', async () => {
    const children = [
      { agency: makeAgency('s1', '东湖街道', 'SUBDISTRICT', 2), rollup: makeRollup(2020, { 'applications.granted.total': 4 }) },
      { agency: makeAgency('s2', '青山镇', 'TOWN', 3), rollup: makeRollup(2020, { 'appeals.review.total': 1 }) },
    ];
    const rows = await collectRows(childrenTable(children));
    expect(rows.map((r) => [r[0], r[2], r[6], r[13]])).toEqual([
      ['s1', 'SUBDISTRICT', 'applications.granted.total', 4],
      ['s1', 'SUBDISTRICT', 'appeals.review.total', null],
      ['s2', 'TOWN', 'applications.granted.total', null],
      ['s2', 'TOWN', 'appeals.review.total', 1],
    ]);
  });

  it('puts a series in year columns with the total by the flow/stock rule, other_handling comparable across formats', async () => {
    const records = [
      makeRollup(2020, { 'applications.new_received.total': 5, 'applications.carried_forward.total': 2, 'applications.other_handling.total': 1 }),
      makeRollup(2021, { 'applications.new_received.total': 7, 'applications.carried_forward.total': 3, 'applications.other_misc.total': 2, 'applications.other_unpaid_fee.total': 1 }),
    ];
    const table = seriesTable(district, records, ['applications.new_received.total', 'applications.carried_forward.total', 'applications.other_handling.total']);
    expect(table.columns.map((c) => c.key).slice(-5)).toEqual(['year_aggregation', '2020', '2021', 'total', 'derived']);
    expect((await collectRows(table)).map((r) => [r[2], ...r.slice(-5)])).toEqual([
      ['applications.new_received.total', 'flow', 5, 7, 12, 'no'],
      ['applications.carried_forward.total', 'stock_end', 2, 3, 3, 'no'],
      ['applications.other_handling.total', 'flow', 1, 3, 4, 'yes'],
    ]);
  });
});

describe('aggregate rows', () => {
  it('name each key with its labels and write amounts in 万元', () => {
    expect(aggregateColumns(['YEAR', 'AGENCY', 'CODE']).map((c) => c.key)).toEqual([
      'year', 'agency', 'agency_name', 'code', 'code_label_zh', 'code_label_en', 'value', 'unit', 'reports',
    ]);
    const rows = aggregateRows([{
      keys: [
        { dimension: 'YEAR', value: '2019', name: null },
        { dimension: 'AGENCY', value: 'xianfenglu', name: '咸丰路街道办事处' },
        { dimension: 'CODE', value: 'proactive.gov_central_procurement.amount', name: null },
      ],
      value: 42_210_000,
      reports: 1,
    }], 'amount');
    expect(rows).toEqual([[2019, 'xianfenglu', '咸丰路街道办事处', 'proactive.gov_central_procurement.amount', '第二十条第（九）项 › 政府集中采购 › 采购总金额',
      'Art. 20 (9): central government procurement › central government procurement › procurement total (10k yuan)', '42.21', 'amount', 1]]);
  });

  it('label rows, columns and tables from the catalogue', () => {
    const rows = aggregateRows([{
      keys: [{ dimension: 'ROW', value: 'applications.granted', name: null }, { dimension: 'COLUMN', value: 'total', name: null }, { dimension: 'TABLE', value: 'applications', name: null }],
      value: 9,
      reports: 2,
    }], 'count');
    expect(rows).toEqual([['applications.granted', '（一）予以公开', '(1) granted', 'total', '总计', 'total', 'applications', '三、收到和处理政府信息公开申请情况', 'III. Applications received and handled', 9, 'count', 2]]);
  });

  it('label kinds of agency as the catalogue does', () => {
    expect(aggregateColumns(['KIND']).map((c) => c.key)).toEqual(['kind', 'kind_label_zh', 'kind_label_en', 'value', 'unit', 'reports']);
    const rows = aggregateRows([{ keys: [{ dimension: 'KIND', value: 'SUBDISTRICT', name: null }], value: 12, reports: 3 }], 'count');
    expect(rows).toEqual([['SUBDISTRICT', '街道', 'sub-district', 12, 'count', 3]]);
  });
});
