/**
 * GET /export/… over a real server on a real database: CSV streamed with the right figures, the
 * .xlsx of a report that our importer reads back, and coded JSON errors (400, 401, 404) with the
 * same limits as the GraphQL API.
 */
import { collectRows, parseExportRequest, runExport } from '../../src/export';
import { readCsv } from '../../src/import/csv';
import { parseDocument } from '../../src/ingest';
import { startTestApi, type TestApi } from '../api/api-client';
import { describeEachEngine } from '../support/databases';
import { loadDistrict, seedDocument } from './export-fixtures';

/** CSV rows as objects keyed by the header. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = readCsv(text).records.map((r) => r.fields);
  return rows.map((fields) => Object.fromEntries(header.map((key, i) => [key, fields[i]])));
}

describeEachEngine('HTTP exports', (engine) => {
  let api: TestApi;
  const get = (path: string) => fetch(`${api.url}${path}`);
  const errorOf = async (path: string) => {
    const response = await get(path);
    return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
  };

  beforeAll(async () => {
    api = await startTestApi(await engine.url(), { MAX_QUERY_COST: '500', MAX_AGGREGATE_COST: '100' });
    await loadDistrict(api.storage);
  });
  afterAll(() => api.close());

  it('streams a rollup as CSV, amounts exact in 万元, with a BOM when asked', async () => {
    const response = await get('/export/rollup.csv?agency=d1&year=2019&codes=proactive.gov_central_procurement.items,proactive.gov_central_procurement.amount&bom=1');
    expect([response.status, response.headers.get('content-type'), response.headers.get('content-disposition')]).toEqual([
      200, 'text/csv; charset=utf-8', 'attachment; filename="rollup-d1-2019.csv"',
    ]);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(records(text).map((r) => [r.code, r.value, r.reporters, r.expected, r.reported, r.label_zh])).toEqual([
      ['proactive.gov_central_procurement.items', '20', '2', '3', '2', '第二十条第（九）项 › 政府集中采购 › 采购项目数量'],
      ['proactive.gov_central_procurement.amount', '42.71', '2', '3', '2', '第二十条第（九）项 › 政府集中采购 › 采购总金额'],
    ]);
  });

  it('names the download with an ASCII fallback and the exact UTF-8 name (RFC 6266)', async () => {
    await api.storage.upsertAgency({ code: '清河区-甲', name: '清河区甲街道', kind: 'SUBDISTRICT' });
    const response = await get(`/export/rollup.csv?agency=${encodeURIComponent('清河区-甲')}&year=2019`);
    expect([response.status, response.headers.get('content-disposition')]).toEqual([
      200, `attachment; filename="rollup-_-_-2019.csv"; filename*=UTF-8''${encodeURIComponent('rollup-清河区-甲-2019.csv')}`,
    ]);
    expect(records(await response.text())).toEqual([]);
  });

  it('lists the children of a node with their rollups', async () => {
    const response = await get('/export/children.csv?parent=d1&year=2019&codes=proactive.gov_central_procurement.amount');
    expect(records(await response.text()).map((r) => [r.agency_code, r.agency_name, r.kind, r.value])).toEqual([
      ['s1', '咸丰路街道办事处', 'SUBDISTRICT', '42.21'],
      ['s2', '东湖街道办事处', 'SUBDISTRICT', '0.5'],
    ]);
  });

  it('mirrors the GraphQL aggregate: grouped sums with labels', async () => {
    const response = await get('/export/aggregate.csv?groupBy=AGENCY&codes=proactive.gov_central_procurement.amount&years=2019&order=DESC');
    expect(records(await response.text())).toEqual([
      { agency: 's1', agency_name: '咸丰路街道办事处', value: '42.21', unit: 'amount', reports: '1' },
      { agency: 's2', agency_name: '东湖街道办事处', value: '0.5', unit: 'amount', reports: '1' },
    ]);
  });

  it('serves a report in the national layout that the importer reads back', async () => {
    const response = await get('/export/report.xlsx?agency=s1&year=2019');
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const parsed = await parseDocument(Buffer.from(await response.arrayBuffer()), 'report.xlsx');
    expect(parsed.ok && parsed.document.cells).toEqual(seedDocument().cells);
  });

  it('answers a bad parameter with 400 and a VALIDATION_FAILED error naming it', async () => {
    expect(await errorOf('/export/rollup.csv?agency=d1&year=20x9')).toEqual({
      status: 400,
      type: 'application/json; charset=utf-8',
      body: { errors: [{ message: 'year: expected a report year from 2008 to 2100, received "20x9"', extensions: { code: 'VALIDATION_FAILED', field: 'year', expected: 'a report year from 2008 to 2100', received: '"20x9"' } }] },
    });
    expect((await errorOf('/export/rollup.csv?agency=d1&year=2019&codes=applications.nope.total')).body.errors[0].extensions).toEqual({
      code: 'VALIDATION_FAILED', field: 'codes', expected: 'cell codes of the catalogue such as "applications.granted.total"', received: '"applications.nope.total"',
    });
    expect((await errorOf('/export/children.csv?parent=d1&year=2019&yaer=2019')).body.errors[0].extensions.field).toBe('yaer');
    expect((await errorOf('/export/children.xlsx?parent=d1&year=2019')).body.errors[0].extensions).toEqual({ code: 'VALIDATION_FAILED', field: 'format', expected: 'one of csv', received: '"xlsx"' });
  });

  it('answers unknown agencies, missing reports and unknown exports with 404 NOT_FOUND', async () => {
    const unknown = await errorOf('/export/rollup.csv?agency=nobody&year=2019');
    expect([unknown.status, unknown.body.errors[0].extensions.code, unknown.body.errors[0].extensions.field]).toEqual([404, 'NOT_FOUND', 'agency']);
    const noReport = await errorOf('/export/report.csv?agency=d1&year=2019');
    expect([noReport.status, noReport.body.errors[0].message]).toEqual([404, 'year: d1 has no published report for 2019']);
    expect((await errorOf('/export/everything.csv')).status).toBe(404);
  });

  it('refuses drafts (401 UNAUTHENTICATED) and what costs more than the limits (400 TOO_COSTLY)', async () => {
    const drafts = await errorOf('/export/rollup.csv?agency=d1&year=2019&includeDrafts=true');
    expect([drafts.status, drafts.body.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const series = await errorOf('/export/series.csv?agency=d1&from=2019&to=2021');
    expect([series.status, series.body.errors[0].extensions.code, series.body.errors[0].extensions.maxCost]).toEqual([400, 'TOO_COSTLY', 500]);
    const aggregate = await errorOf('/export/aggregate.csv?groupBy=YEAR');
    expect([aggregate.status, aggregate.body.errors[0].extensions.code, aggregate.body.errors[0].extensions.maxCost]).toEqual([400, 'TOO_COSTLY', 100]);
  });

  it('reads every page of an aggregate, one storage page at a time, into the same rows', async () => {
    const paged = await runExport(api.storage, parseExportRequest('aggregate', { groupBy: 'CODE,AGENCY', agencyCodes: 's1,s2' }), { maxCost: null, maxAggregateCost: 1e9, publishedOnly: true, aggregatePageSize: 1 });
    const whole = await runExport(api.storage, parseExportRequest('aggregate', { groupBy: 'CODE,AGENCY', agencyCodes: 's1,s2' }), { maxCost: null, maxAggregateCost: 1e9, publishedOnly: true });
    if (paged.kind !== 'csv' || whole.kind !== 'csv') throw new Error('expected CSV');
    const rows = await collectRows(paged.table);
    expect(rows).toEqual(await collectRows(whole.table));
    expect(rows.map((r) => [r[0], r[3], r[5]])).toEqual([
      ['proactive.gov_central_procurement.items', 's1', 19],
      ['proactive.gov_central_procurement.items', 's2', 1],
    ]);
  });
});
