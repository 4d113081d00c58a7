/**
 * A bulk load in several calls: reports added to years whose rollups are already materialised are
 * added to them (not rebuilt), and the rollups stay exactly what a rebuild from the facts gives and
 * what one write at a time gives: drafts and REGION reports counted nowhere, absent cells counted,
 * opposite signed figures cancelling a stored sum to zero, an agency moved between parents.
 */
import { openStorage, plainRollup, type RollupRecord, type Storage, type SubmitReportCommand } from '../../src/db';
import { describeEachEngine } from '../support/databases';
import { makeDocument } from './report-fixtures';

const AGENCIES = [
  { code: 'D', name: '区', kind: 'DISTRICT' as const },
  { code: 'S1', name: '街道一', kind: 'SUBDISTRICT' as const },
  { code: 'S2', name: '街道二', kind: 'SUBDISTRICT' as const },
  { code: 'C1', name: '社区一', kind: 'COMMUNITY' as const },
  { code: 'C2', name: '社区二', kind: 'COMMUNITY' as const },
  { code: 'C3', name: '社区三', kind: 'COMMUNITY' as const },
];
const LINKS = [
  { childCode: 'S1', parentCode: 'D', fromYear: 2020, toYear: null },
  { childCode: 'S2', parentCode: 'D', fromYear: 2020, toYear: null },
  { childCode: 'C1', parentCode: 'S1', fromYear: 2020, toYear: null },
  { childCode: 'C2', parentCode: 'S1', fromYear: 2020, toYear: 2021 },
  { childCode: 'C2', parentCode: 'S2', fromYear: 2022, toYear: null },
  { childCode: 'C3', parentCode: 'S2', fromYear: 2021, toYear: null },
];
const SIGNED = 'proactive.admin_licensing.change';

const report = (agencyCode: string, year: number, options: Parameters<typeof makeDocument>[0] & { publish?: boolean } = {}): SubmitReportCommand => ({
  agencyCode, submittedBy: 'loader', sourceName: null, publish: options.publish ?? true, document: makeDocument({ year, ...options }),
});

/** Four calls; every call after the first adds to years the earlier ones materialised. */
const CALLS: SubmitReportCommand[][] = [
  [report('D', 2021, { received: 3 }), report('C1', 2021, { format: 'F2019', cells: { [SIGNED]: 5 } }), report('C1', 2022, { received: 2 })],
  [
    report('C2', 2021, { format: 'F2019', cells: { [SIGNED]: -5 } }), // cancels C1's sum at S1 and D to zero
    report('C2', 2022, { received: 4, cells: { 'appeals.review.total': undefined } }), // an absent cell, under S2 now
    report('S1', 2022, { received: 1, publish: false }), // a draft: counted nowhere
  ],
  [report('S2', 2021, { received: 7, scope: 'REGION' }), report('C3', 2021, { received: 1 }), report('C3', 2022, { format: 'F2019', received: 2, cells: { 'proactive.gov_central_procurement.amount': '1.5' } })],
  [report('S1', 2021, { received: 2, cells: { 'appeals.review.total': undefined } }), report('D', 2022, { received: 9 }), report('C1', 2023, { received: 1 })],
];

describeEachEngine('bulk loads in several calls', (engine) => {
  let bulk: Storage;
  let oneByOne: Storage;
  beforeAll(async () => {
    [bulk, oneByOne] = [await openStorage({ url: await engine.url() }), await openStorage({ url: await engine.url() })];
    await bulk.loadAgencies({ agencies: AGENCIES, links: LINKS });
    for (const call of CALLS) await bulk.loadReports(call);
    await oneByOne.loadAgencies({ agencies: AGENCIES, links: LINKS });
    for (const command of CALLS.flat()) await oneByOne.submitReport(command);
  });
  afterAll(async () => {
    await bulk.close();
    await oneByOne.close();
  });

  const everyKey = async (storage: Storage) =>
    (await storage.agenciesByCode(AGENCIES.map((a) => a.code))).flatMap((a) => [2020, 2021, 2022, 2023].map((year) => ({ agencyId: a!.id, year })));
  const strip = (rollups: readonly RollupRecord[]) => rollups.map((r) => ({ ...plainRollup(r), agencyId: 0 }));

  it('keeps the rollups equal to a rebuild from the facts and to one write at a time', async () => {
    expect(await bulk.verifyRollups()).toEqual({ differences: [] });
    const rollups = strip(await bulk.rollups(await everyKey(bulk)));
    expect(rollups).toEqual(strip(await oneByOne.rollups(await everyKey(oneByOne))));
    await bulk.rebuildRollups();
    expect(strip(await bulk.rollups(await everyKey(bulk)))).toEqual(rollups);
  });

  it('drops a sum that opposite figures cancel and counts the absent cell', async () => {
    const [d, s1, s2] = await bulk.agenciesByCode(['D', 'S1', 'S2']);
    const [d2021, s12021, s22022] = await bulk.rollups([{ agencyId: d!.id, year: 2021 }, { agencyId: s1!.id, year: 2021 }, { agencyId: s2!.id, year: 2022 }]);
    expect(d2021.sums[SIGNED]).toBe(0);
    expect(s12021.sums[SIGNED]).toBe(0);
    expect(s22022.cellReporters['appeals.review.total']).toBe(s22022.reported - 1);
    expect(s22022.reported).toBe(2);
  });
});
