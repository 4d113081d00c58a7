import { countRows, openStorage, plainRollup, type RollupRecord, type Storage, type SubmitReportCommand } from '../../src/db';
import { describeEachEngine } from '../support/databases';
import { makeDocument } from './report-fixtures';

const AGENCIES = [
  { code: 'S1', name: '街道一', kind: 'SUBDISTRICT' as const },
  { code: 'S2', name: '街道二', kind: 'SUBDISTRICT' as const, aliases: ['二街'] },
  { code: 'C1', name: '社区一', kind: 'COMMUNITY' as const },
  { code: 'C2', name: '社区二', kind: 'COMMUNITY' as const },
];
const LINKS = [
  { childCode: 'S1', parentCode: 'D', fromYear: 2020, toYear: null },
  { childCode: 'S2', parentCode: 'D', fromYear: 2020, toYear: null },
  { childCode: 'C1', parentCode: 'S1', fromYear: 2020, toYear: null },
  { childCode: 'C2', parentCode: 'S1', fromYear: 2020, toYear: 2021 },
  { childCode: 'C2', parentCode: 'S2', fromYear: 2022, toYear: null },
];
const REPORTS: SubmitReportCommand[] = ['D', 'S1', 'S2', 'C1', 'C2'].flatMap((agencyCode, i) =>
  [2021, 2022].map((year) => ({
    agencyCode, submittedBy: 'loader', sourceName: null, publish: agencyCode !== 'C1',
    document: makeDocument({ year, received: (i + 1) * year, cells: { 'proactive.admin_fees.amount': `${i}.5`, 'appeals.review.total': year === 2022 ? undefined : 0 } }),
  })),
);

describeEachEngine('bulk loads', (engine) => {
  let bulk: Storage;
  let oneByOne: Storage;
  beforeAll(async () => {
    [bulk, oneByOne] = [await openStorage({ url: await engine.url() }), await openStorage({ url: await engine.url() })];
    for (const storage of [bulk, oneByOne]) await storage.upsertAgency({ code: 'D', name: '区', kind: 'DISTRICT' });
    await bulk.loadAgencies({ agencies: AGENCIES, links: LINKS });
    await bulk.loadReports(REPORTS);
    for (const a of AGENCIES) await oneByOne.upsertAgency(a);
    for (const l of LINKS) await oneByOne.setParent(l);
    for (const r of REPORTS) await oneByOne.submitReport(r);
  });
  afterAll(async () => {
    await bulk.close();
    await oneByOne.close();
  });

  const everyKey = async (storage: Storage) => {
    const agencies = await storage.agenciesByCode(['D', 'S1', 'S2', 'C1', 'C2']);
    return agencies.flatMap((a) => [2019, 2020, 2021, 2022, 2023].map((year) => ({ agencyId: a!.id, year })));
  };

  it('stores the same agencies, reports and rollups as one write at a time', async () => {
    const [bulkKeys, keys] = [await everyKey(bulk), await everyKey(oneByOne)];
    const strip = (rollups: readonly RollupRecord[]) => rollups.map((r) => ({ ...plainRollup(r), agencyId: 0 }));
    expect(strip(await bulk.rollups(bulkKeys))).toEqual(strip(await oneByOne.rollups(keys)));
    expect(strip(await bulk.rollups(bulkKeys, { includeDrafts: true }))).toEqual(strip(await oneByOne.rollups(keys, { includeDrafts: true })));
    const reportsOf = async (storage: Storage, k: typeof keys) =>
      (await storage.reportsByAgencyYear(k)).map((r) => r && { code: r.agencyCode, year: r.year, cells: r.cells, status: r.status, checks: r.checks, hash: r.provenance.contentHash });
    expect(await reportsOf(bulk, bulkKeys)).toEqual(await reportsOf(oneByOne, keys));
    expect((await bulk.agenciesByCode(['S2']))[0]!.aliases).toEqual(['二街']);
    expect(await bulk.verifyRollups()).toEqual({ differences: [] });
  });

  it('re-checks a stored report of the year after the one it loads (X1–X4), as submitReport does', async () => {
    // E carries 5 applications over into 2022; its 2021 report, loaded after, carries none forward: X1.
    const e2022: SubmitReportCommand = {
      agencyCode: 'E', submittedBy: null, sourceName: null,
      document: makeDocument({ year: 2022, received: 3, cells: { 'applications.carried_over.natural_person': 5, 'applications.carried_over.total': 5 } }),
    };
    const e2021: SubmitReportCommand = { agencyCode: 'E', submittedBy: null, sourceName: null, publish: true, document: makeDocument({ year: 2021, received: 2 }) };
    const failuresOf2022 = async (storage: Storage) => {
      const [e] = await storage.agenciesByCode(['E']);
      const [report] = await storage.reportsByAgencyYear([{ agencyId: e!.id, year: 2022 }]);
      return report!.checks.filter((c) => !c.passed).map((c) => `${c.rule} ${c.message}`);
    };
    for (const storage of [bulk, oneByOne]) await storage.upsertAgency({ code: 'E', name: '机关E', kind: 'DEPARTMENT' });
    await bulk.loadReports([e2022]);
    await oneByOne.submitReport(e2022);
    expect((await failuresOf2022(bulk)).some((f) => f.startsWith('X1'))).toBe(false);
    await bulk.loadReports([e2021]);
    await oneByOne.submitReport(e2021);
    const afterBulk = await failuresOf2022(bulk);
    expect(afterBulk.some((f) => f.startsWith('X1'))).toBe(true);
    expect(afterBulk).toEqual(await failuresOf2022(oneByOne));
  });

  it('fails whole, writing nothing, on an existing report, a repeated key or a cycle', async () => {
    const before = await countRows(bulk);
    const fresh = { ...REPORTS[0], document: makeDocument({ year: 2023 }) };
    await expect(bulk.loadReports([fresh, REPORTS[1]])).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(bulk.loadReports([fresh, fresh])).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'reports[1]' } });
    await expect(bulk.loadReports([{ ...fresh, document: { ...fresh.document, year: 1800 } }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'reports[0].document.year' } });
    await expect(bulk.loadAgencies({
      agencies: [{ code: 'X', name: 'x', kind: 'OTHER' }, { code: 'Y', name: 'y', kind: 'OTHER' }],
      links: [{ childCode: 'X', parentCode: 'Y', fromYear: 2020, toYear: null }, { childCode: 'Y', parentCode: 'X', fromYear: 2020, toYear: null }],
    })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'links' } });
    await expect(bulk.loadAgencies({ agencies: [{ code: 'C1', name: 'again', kind: 'OTHER' }], links: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await countRows(bulk)).toEqual(before);
    expect(await bulk.agenciesByCode(['X', 'Y'])).toEqual([null, null]);
  });
});
