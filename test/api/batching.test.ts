import { describeEachEngine } from '../support/databases';
import { makeAgency, seedCells, startTestApi, submit, type TestApi } from './api-client';

const CHILDREN_WITH_REPORTS = /* GraphQL */ `
  query Children($code: ID!) {
    agency(code: $code) {
      code
      children(year: 2019) {
        code name
        parent(year: 2019) { code }
        report(year: 2019) { status proactive { govCentralProcurement { items amount } } agency { code } }
      }
    }
  }
`;

/** A node with `count` sub-districts, each with a published seed report for 2019. */
async function makeNodeWithReportingChildren(api: TestApi, code: string, count: number) {
  await makeAgency(api, code, 'DISTRICT');
  for (let i = 1; i <= count; i++) {
    const child = `${code}-${String(i).padStart(2, '0')}`;
    await makeAgency(api, child, 'SUBDISTRICT', code);
    await submit(api, { agencyCode: child, cells: seedCells(), publishedOn: '2020-01-13', publish: true });
  }
}

describeEachEngine('batching', (engine) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(await engine.url());
    await makeNodeWithReportingChildren(api, 'SMALL', 3);
    await makeNodeWithReportingChildren(api, 'LARGE', 30);
  });
  afterAll(() => api?.close());

  async function statementsFor(code: string) {
    api.storage.statements.reset();
    const result = await api.anonymous(CHILDREN_WITH_REPORTS, { code });
    return { statements: api.storage.statements.count(), children: result.data.agency.children };
  }

  it("reads an agency's 30 children with their reports in as many SQL statements as 3 children", async () => {
    const small = await statementsFor('SMALL');
    const large = await statementsFor('LARGE');
    expect(small.children).toHaveLength(3);
    expect(large.children).toHaveLength(30);
    expect(large.children[29]).toEqual({
      code: 'LARGE-30',
      name: '机关LARGE-30',
      parent: { code: 'LARGE' },
      report: { status: 'PUBLISHED', proactive: { govCentralProcurement: { items: 19, amount: '42.21' } }, agency: { code: 'LARGE-30' } },
    });
    expect(large.statements).toBe(small.statements);
  });
});
