import { describeEachEngine } from '../support/databases';
import { startTestApi, type TestApi } from './api-client';
import { outcomesDocument } from './rollup-fixtures';

const CHILDREN_WITH_ROLLUPS = /* GraphQL */ `
  query Screen($code: ID!) {
    agency(code: $code) {
      children(year: 2021) {
        code
        rollup(year: 2021) { cells(codes: ["applications.new_received.total"]) { value reporters } coverage { expected reported missingCount missing(first: 5) { code } } rates { id value } }
      }
    }
    compare(parentCode: $code, year: 2021, rate: GRANTED_SHARE) {
      rows { rank agency { code name } rollup { cells(codes: ["applications.granted.total"]) { value } reportersByFormat { reporters } } }
    }
  }
`;

const TREND = /* GraphQL */ `
  query Trend($code: ID!, $to: Int!) {
    series(agencyCode: $code, fromYear: 2019, toYear: $to, codes: ["applications.new_received.total", "applications.other_handling.total"]) {
      points { year format cells { value } coverage { expected reported } rates { value } }
      total { value } changes { delta }
    }
    draftSeries: series(agencyCode: $code, fromYear: 2019, toYear: $to, codes: ["applications.granted.total"], includeDrafts: true) { points { cells { value } } }
  }
`;

/** A district with `count` sub-districts, each with a published 2021 report and one community reporting 2019–2025. */
async function makeDistrict(api: TestApi, code: string, count: number) {
  const { storage } = api;
  await storage.upsertAgency({ code, name: `区${code}`, kind: 'DISTRICT' });
  for (let i = 1; i <= count; i++) {
    const child = `${code}-${i}`;
    await storage.upsertAgency({ code: child, name: `街道${child}`, kind: 'SUBDISTRICT' });
    await storage.setParent({ childCode: child, parentCode: code, fromYear: 2019, toYear: null });
    await storage.submitReport({ agencyCode: child, document: outcomesDocument('F2021', 2021, { granted: i, denied: 1 }), submittedBy: null, sourceName: null, publish: true });
  }
  for (let year = 2019; year <= 2025; year++) {
    const format = year < 2021 ? 'F2019' : 'F2021';
    await storage.submitReport({ agencyCode: `${code}-1`, document: outcomesDocument(format, year, { granted: year - 2000, other: 1 }), submittedBy: null, sourceName: null, publish: true });
  }
}

describeEachEngine('rollup batching', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(await engine.url());
    await makeDistrict(api, 'SMALL', 3);
    await makeDistrict(api, 'LARGE', 30);
  });
  afterAll(() => api?.close());

  async function statements(query: string, variables: Record<string, unknown>, admin = false) {
    api.storage.statements.reset();
    const result = admin ? await api.admin(query, variables) : await api.anonymous(query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return { count: api.storage.statements.count(), data: result.data };
  }

  it('reads 30 children with their rollups, compared and ranked, in as many SQL statements as 3', async () => {
    const small = await statements(CHILDREN_WITH_ROLLUPS, { code: 'SMALL' });
    const large = await statements(CHILDREN_WITH_ROLLUPS, { code: 'LARGE' });
    expect([small.data.agency.children.length, large.data.agency.children.length, large.data.compare.rows.length]).toEqual([3, 30, 30]);
    // LARGE-30: 30 granted of 31 handled ranks first on the share granted.
    expect(large.data.compare.rows[0]).toEqual({ rank: 1, agency: { code: 'LARGE-30', name: '街道LARGE-30' }, rollup: { cells: [{ value: '30' }], reportersByFormat: [{ reporters: 0 }, { reporters: 1 }] } });
    expect(large.data.agency.children[0].rollup.coverage).toEqual({ expected: 1, reported: 1, missingCount: 0, missing: [] });
    expect(large.count).toBe(small.count);
  });

  it('reads a 7-year trend in as many SQL statements as a 2-year one', async () => {
    const two = await statements(TREND, { code: 'SMALL', to: 2020 }, true);
    const seven = await statements(TREND, { code: 'SMALL', to: 2025 }, true);
    expect(seven.data.series.points.map((p: { year: number; cells: { value: string | null }[] }) => [p.year, p.cells[0].value, p.cells[1].value])).toEqual([
      [2019, '20', '1'], [2020, '21', '1'], [2021, '29', '1'], // SMALL-1 22 (its 2021 report replaced) + SMALL-2 3 + SMALL-3 4
      [2022, '23', '1'], [2023, '24', '1'], [2024, '25', '1'], [2025, '26', '1'],
    ]);
    expect(seven.count).toBe(two.count);
  });
});
