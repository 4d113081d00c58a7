import { describeEachEngine } from '../support/databases';
import { makeAgency, startTestApi, type TestApi } from './api-client';

const PAGE = /* GraphQL */ `
  query Page($parent: ID, $year: Int, $first: Int, $after: String, $kind: AgencyKind) {
    agencies(parentCode: $parent, year: $year, first: $first, after: $after, kind: $kind) {
      totalCount
      nodes { code }
      edges { cursor node { code } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

describeEachEngine('agency queries', (engine) => {
  let api: TestApi;
  const subdistricts = ['D01-S1', 'D01-S2', 'D01-S3', 'D01-S4', 'D01-S5'];

  beforeAll(async () => {
    api = await startTestApi(await engine.url());
    await makeAgency(api, 'D01', 'DISTRICT');
    for (const code of subdistricts) await makeAgency(api, code, 'SUBDISTRICT', 'D01');
    await makeAgency(api, 'D01-C1', 'COMMUNITY', 'D01-S1');
  });
  afterAll(() => api?.close());

  it('finds an agency by code, with its parent and children in a year', async () => {
    const result = await api.anonymous(
      `{ agency(code: "D01-S1") { code name kind aliases parent(year: 2020) { code } children(year: 2020) { code kind } nameHistory { name } } }`,
    );
    expect(result).toEqual({
      status: 200,
      data: {
        agency: {
          code: 'D01-S1',
          name: '机关D01-S1',
          kind: 'SUBDISTRICT',
          aliases: [],
          parent: { code: 'D01' },
          children: [{ code: 'D01-C1', kind: 'COMMUNITY' }],
          nameHistory: [{ name: '机关D01-S1' }],
        },
      },
    });
  });

  it('answers null for an unknown code', async () => {
    expect(await api.anonymous(`{ agency(code: "NOPE") { code } }`)).toEqual({ status: 200, data: { agency: null } });
  });

  it('pages through the children of a node with opaque cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const pages: { count: number; total: number; hasNext: boolean }[] = [];
    do {
      const result: any = await api.anonymous(PAGE, { parent: 'D01', year: 2020, first: 2, after });
      const page = result.data.agencies;
      expect(page.edges.map((e: any) => e.node.code)).toEqual(page.nodes.map((n: any) => n.code));
      seen.push(...page.nodes.map((n: any) => n.code));
      pages.push({ count: page.nodes.length, total: page.totalCount, hasNext: page.pageInfo.hasNextPage });
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(subdistricts);
    expect(pages).toEqual([
      { count: 2, total: 5, hasNext: true },
      { count: 2, total: 5, hasNext: true },
      { count: 1, total: 5, hasNext: false },
    ]);
  });

  it('filters by kind', async () => {
    const result = await api.anonymous(PAGE, { kind: 'COMMUNITY' });
    expect(result.data.agencies.nodes).toEqual([{ code: 'D01-C1' }]);
  });

  it('refuses a page size above the cap, naming the field', async () => {
    const result = await api.anonymous(PAGE, { first: 501 });
    expect(result.errors?.map((e) => e.extensions)).toEqual([
      { code: 'VALIDATION_FAILED', field: 'first', expected: 'a page size from 0 to 500', received: '501' },
    ]);
  });

  it('refuses a cursor it did not issue', async () => {
    const result = await api.anonymous(PAGE, { after: 'not-a-cursor' });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
  });

  it('refuses an impossible year, naming the field', async () => {
    const result = await api.anonymous(`{ agency(code: "D01") { children(year: 1800) { code } } }`);
    expect(result.errors?.map((e) => e.extensions)).toEqual([
      { code: 'VALIDATION_FAILED', field: 'year', expected: 'a report year from 2008 to 2100', received: '1800' },
    ]);
  });

  it('refuses an unknown kind as a bad user input', async () => {
    const result = await api.anonymous(PAGE, { kind: 'CASTLE' });
    expect(result.status).toBe(400);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses agency writes without a token', async () => {
    const result = await api.anonymous(`mutation { upsertAgency(input: { code: "X", name: "X", kind: OTHER }) { code } }`);
    expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'UNAUTHENTICATED' }]);
    expect(await api.anonymous(`{ agency(code: "X") { code } }`)).toEqual({ status: 200, data: { agency: null } });
  });
});
