/**
 * Operations run by graphql-jit (the default executor, src/graphql/jit-executor.ts) answer exactly
 * as graphql-js's interpreter does: the same status and the same JSON, data and errors alike, over
 * the demo data, for the dashboard's own documents, the schema's introspection, reports, analytics
 * and every kind of refusal.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { loadConfig } from '../../src/config';
import { openStorage, type Storage } from '../../src/db';
import { cellsOf } from '../../src/domain/catalogue';
import { loadDemoData, SEED_AGENCY_CODE } from '../../src/demo';
import { startServer, type RunningServer } from '../../src/server';
import { describeEachEngine } from '../support/databases';

const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** The dashboard's documents, read from the page's own source (src/web/queries.js has no imports). */
function pageQueries(): { BOOT_QUERY: string; SCREEN_QUERY: string; SEARCH_QUERY: string } {
  const source = readFileSync(path.join(__dirname, '../../src/web/queries.js'), 'utf8').replace(/^export /gm, '');
  return (new Function(`${source}\nreturn { BOOT_QUERY, SCREEN_QUERY, SEARCH_QUERY };`) as () => ReturnType<typeof pageQueries>)();
}

const RECEIVED = 'applications.new_received.total';
const HANDLED = 'applications.total_handled.total';

describeEachEngine('the jit executor against the interpreter', (engine) => {
  let storage: Storage;
  let jit: RunningServer;
  let interpreter: RunningServer;
  let rootCode: string;
  let childCode: string;
  beforeAll(async () => {
    const url = await engine.url();
    storage = await openStorage({ url });
    rootCode = (await loadDemoData(storage)).rootCode;
    const [root] = await storage.agenciesByCode([rootCode]);
    childCode = (await storage.childrenOf([{ agencyId: root!.id, year: 2023 }]))[0]![0]!.code;
    const start = (executor: string) =>
      startServer(storage, loadConfig({ DATABASE_URL: url, ADMIN_TOKEN, DEMO_DATA: 'false', NODE_ENV: 'test', RESPONSE_CACHE: 'false', GRAPHQL_EXECUTOR: executor }), {
        port: 0, host: '127.0.0.1', logError: () => undefined,
      });
    jit = await start('jit');
    interpreter = await start('interpreter');
  }, 120_000);
  afterAll(async () => {
    await jit?.close();
    await interpreter?.close();
    await storage?.close();
  });

  const both = async (body: unknown, token: string | null = null) => {
    const ask = async (server: RunningServer) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.text() };
    };
    return { jit: await ask(jit), interpreter: await ask(interpreter) };
  };

  const { BOOT_QUERY, SCREEN_QUERY, SEARCH_QUERY } = pageQueries();
  const trend = [RECEIVED, HANDLED, ...cellsOf('F2021').map((c) => c.code).filter((c) => c.startsWith('applications.') && c.endsWith('.total'))];
  const screen = (code: string, year: number, extra: Record<string, unknown> = {}) => ({
    query: SCREEN_QUERY,
    variables: { code, year, figureCodes: [RECEIVED, HANDLED], trendCodes: [...new Set(trend)], order: 'DESC', fromYear: 2019, toYear: 2025, parentYear: year, ...extra },
  });

  it.each([
    ['the dashboard boot', () => ({ query: BOOT_QUERY })],
    ['a search', () => ({ query: SEARCH_QUERY, variables: { text: '街道' } })],
    ['the screen of the district, 2019', () => screen(rootCode, 2019)],
    ['the screen of the district, 2025, ranked by a rate', () => screen(rootCode, 2025, { rate: 'GRANTED_SHARE', order: 'ASC' })],
    ['the screen of a sub-district, 2021', () => screen(childCode, 2021)],
    ['the screen of the district, 2021, in today’s tree', () => screen(rootCode, 2021, { hierarchy: 'CURRENT', parentYear: 2025 })],
    ['the schema by introspection', () => ({ query: getIntrospectionQuery() })],
    ['a report with its typed tables, checks and revisions', () => ({
      query: `{ agency(code: "${SEED_AGENCY_CODE}") { code name aliases report(year: 2019) { year format status proactive { __typename } applications { __typename } appeals { __typename } cells { code value } checks { rule passed } } } }`,
    })],
    ['an aggregate over the subtree', () => ({
      query: `query($root: ID!) { aggregate(filter: { subtreeOf: $root, years: [2020, 2021], codes: ["${RECEIVED}"] }, groupBy: [YEAR, KIND], orderBy: DESC, first: 5) { rows { keys { dimension value } value reports } totalCount pageInfo { hasNextPage endCursor } estimatedCost } }`,
      variables: { root: rootCode },
    })],
    ['an unknown cell code (VALIDATION_FAILED)', () => ({ query: `{ rollup(agencyCode: "${rootCode}", year: 2021) { cells(codes: ["applications.nope.total"]) { code } } }` })],
    ['a bad year range (VALIDATION_FAILED)', () => ({ query: `{ series(agencyCode: "${rootCode}", fromYear: 2024, toYear: 2020) { fromYear } }` })],
    ['an unknown agency (NOT_FOUND)', () => ({ query: '{ rollup(agencyCode: "nobody", year: 2021) { year } }' })],
    ['a variable of the wrong type (BAD_USER_INPUT)', () => ({ query: 'query($kind: AgencyKind) { agencies(kind: $kind) { totalCount } }', variables: { kind: 'CASTLE' } })],
    ['a missing required variable (BAD_USER_INPUT)', () => ({ query: 'query($code: ID!) { agency(code: $code) { code } }', variables: {} })],
    ['drafts without a token (UNAUTHENTICATED)', () => ({ query: `{ rollup(agencyCode: "${rootCode}", year: 2021, includeDrafts: true) { year } }` })],
    ['a write without a token (UNAUTHENTICATED)', () => ({ query: 'mutation { upsertAgency(input: { code: "X", name: "X", kind: OTHER }) { code } }' })],
    ['a field error beside data that resolves', () => ({ query: `{ agency(code: "${rootCode}") { code } rollup(agencyCode: "nobody", year: 2021) { year } }` })],
    ['@include and @skip on fields, fragments and inline fragments', () => ({
      query: `query($yes: Boolean!, $no: Boolean!, $code: ID!) {
        agency(code: $code) { code name @include(if: $yes) kind @skip(if: $yes) ...More @include(if: $no) ... on Agency @skip(if: $no) { aliases } }
      }
      fragment More on Agency { nameHistory { name } }`,
      variables: { yes: true, no: false, code: rootCode },
    })],
    ['one operation of several, by name', () => ({
      query: `query A { catalogue { rules { id } } } query B($code: ID!) { agency(code: $code) { code } }`,
      operationName: 'B',
      variables: { code: rootCode },
    })],
    // Compiled code is generated from the query: aliases and strings that look like code or prototypes stay data.
    ['aliases named like prototype members', () => ({ query: '{ __proto__: __typename constructor: __typename toString: catalogue { __typename } }' })],
    ['a string argument full of quotes and backslashes', () => ({ query: 'query($t: String!) { agencies(nameContains: $t) { totalCount } a: agencies(nameContains: "\\"); x\\` + `") { totalCount } }', variables: { t: '"); process.exit(1); ("' } })],
  ])('%s', async (_title, body) => {
    const answers = await both(body());
    expect(answers.jit).toEqual(answers.interpreter);
    expect(answers.jit.body.length).toBeGreaterThan(20);
  });

  it('the screen with drafts, for an ADMIN token', async () => {
    const answers = await both(screen(rootCode, 2022, {}), ADMIN_TOKEN);
    expect(answers.jit).toEqual(answers.interpreter);
    expect(JSON.parse(answers.jit.body).data.compare.rows.length).toBeGreaterThan(5);
  });
});
