/**
 * The response cache over HTTP (DESIGN.md §4), in memory and in Redis (127.0.0.1:6379 here; the
 * Redis suite runs when REDIS_URL is set or a local Redis answers): a write invalidates what it
 * changed and nothing else, hits are byte-identical to misses, errors and authenticated readers are
 * never cached. Rollups are read through a test field over `storage.rollups` until the rollup API of
 * issue 4 lands (the cache sees Storage calls, not GraphQL fields).
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GraphQLFloat, GraphQLID, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, type GraphQLFieldConfigMap } from 'graphql';
import Redis from 'ioredis';
import { loadConfig } from '../../src/config';
import { openStorage } from '../../src/db';
import type { Storage } from '../../src/db/api';
import { buildGraphqlSchema, type GraphqlContext } from '../../src/graphql';
import { startServer } from '../../src/server';
import { ADMIN_TOKEN, SUBMIT_REPORT, seedCells } from './api-client';

const ITEMS = 'proactive.gov_central_procurement.items';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The real schema plus `rollupItems(agencyCode, year)`: the procurement items of a node's rollup. */
async function schemaWithRollupField(): Promise<GraphQLSchema> {
  const schema = await buildGraphqlSchema();
  const config = schema.toConfig();
  const query = schema.getQueryType()!.toConfig();
  const fields: GraphQLFieldConfigMap<unknown, GraphqlContext> = {
    ...query.fields,
    rollupItems: {
      type: GraphQLFloat,
      args: { agencyCode: { type: new GraphQLNonNull(GraphQLID) }, year: { type: new GraphQLNonNull(GraphQLInt) } },
      resolve: async (_root, args: { agencyCode: string; year: number }, { storage, loaders }) => {
        const agency = await loaders.agenciesByCode.load(args.agencyCode);
        if (!agency) throw new Error(`no agency ${args.agencyCode}`);
        const [rollup] = await storage.rollups([{ agencyId: agency.id, year: args.year }]);
        return rollup.sums[ITEMS] ?? null;
      },
    },
    failing: { type: GraphQLString, resolve: () => { throw new Error('deliberate failure'); } },
  };
  return new GraphQLSchema({ ...config, query: new GraphQLObjectType({ ...query, fields }), types: config.types.filter((t) => t.name !== 'Query') });
}

interface Answer {
  readonly status: number;
  readonly cache: string | null;
  readonly text: string;
  readonly json: any;
}

async function startCachedApi(env: Record<string, string>, databaseUrl = 'sqlite::memory:') {
  const config = loadConfig({ DATABASE_URL: databaseUrl, ADMIN_TOKEN, DEMO_DATA: 'false', NODE_ENV: 'test', ...env });
  const storage: Storage = await openStorage({ url: databaseUrl, migrate: true, logging: false });
  const server = await startServer(storage, config, { port: 0, host: '127.0.0.1', schema: await schemaWithRollupField(), logError: () => undefined });
  const post = async (body: string, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await response.text();
    return { status: response.status, cache: response.headers.get('x-response-cache'), text, json: JSON.parse(text) };
  };
  const anonymous = (query: string, variables?: Record<string, unknown>) => post(JSON.stringify({ query, variables }));
  const admin = (query: string, variables?: Record<string, unknown>) =>
    post(JSON.stringify({ query, variables }), { authorization: `Bearer ${ADMIN_TOKEN}` });
  const ok = async (answer: Promise<Answer>) => {
    const { json } = await answer;
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data;
  };
  return {
    url: server.url,
    post,
    anonymous,
    admin,
    async agency(code: string, kind: string, parent: string | null) {
      await ok(admin(`mutation($input: UpsertAgencyInput!) { upsertAgency(input: $input) { code } }`, { input: { code, name: `机关${code}`, kind } }));
      if (parent) await ok(admin(`mutation($c: ID!, $p: ID) { setParent(childCode: $c, parentCode: $p, fromYear: 2019) { fromYear } }`, { c: code, p: parent }));
    },
    async report(agencyCode: string, year: number, items: number) {
      const cells = { ...seedCells(), [ITEMS]: items };
      await ok(admin(SUBMIT_REPORT, { input: { agencyCode, format: 'F2019', year, cells, publishedOn: `${year + 1}-01-13`, publish: true } }));
    },
    async close() {
      await server.close();
      await storage.close();
    },
  };
}

const ROLLUP = `query Rollup($code: ID!, $year: Int!) { rollupItems(agencyCode: $code, year: $year) }`;

async function redisAnswers(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

const STORES: readonly { readonly name: string; readonly env: () => Promise<Record<string, string>> }[] = [
  { name: 'memory', env: async () => ({}) },
  {
    name: 'redis',
    env: async () => {
      if (!(await redisAnswers())) throw new Error(`no Redis at ${REDIS_URL}: start one or set REDIS_URL`);
      // A fresh generation, so that entries of earlier runs on the same Redis are not read.
      const redis = new Redis(REDIS_URL);
      await redis.incr('xxgk:rc:gen');
      await redis.quit();
      return { REDIS_URL };
    },
  },
];

describe.each(STORES)('the response cache in $name', ({ env }) => {
  let api: Awaited<ReturnType<typeof startCachedApi>>;

  beforeAll(async () => {
    api = await startCachedApi(await env());
    // P > C > L1, L2 and an unrelated Q > M, all from 2019.
    await api.agency('P', 'PROVINCE', null);
    await api.agency('C', 'CITY', 'P');
    await api.agency('L1', 'DISTRICT', 'C');
    await api.agency('L2', 'DISTRICT', 'C');
    await api.agency('Q', 'PROVINCE', null);
    await api.agency('M', 'CITY', 'Q');
    await api.report('L1', 2019, 5);
    await api.report('M', 2019, 7);
  });
  afterAll(() => api?.close());

  it('serves a repeated anonymous read from the cache, byte for byte', async () => {
    const first = await api.anonymous(ROLLUP, { code: 'P', year: 2019 });
    const second = await api.anonymous(ROLLUP, { code: 'P', year: 2019 });
    expect([first.cache, second.cache]).toEqual(['MISS', 'HIT']);
    expect(second.text).toBe(first.text);
    expect(first.json).toEqual({ data: { rollupItems: 5 } });
  });

  it('shares an entry between spellings of the same query and variables in another order', async () => {
    const first = await api.post(JSON.stringify({ query: `query Same($code: ID!, $year: Int!) { rollupItems(agencyCode: $code, year: $year) catalogue { formats { id } } }`, variables: { code: 'Q', year: 2019 } }));
    const respelled = await api.post(JSON.stringify({ query: `query Same($code:ID!,$year:Int!){rollupItems(agencyCode:$code,year:$year)\n  catalogue{formats{id}}}`, variables: { year: 2019, code: 'Q' } }));
    expect([first.cache, respelled.cache, respelled.text]).toEqual(['MISS', 'HIT', first.text]);
  });

  it('shows the new figure of a rollup after a report under it is written, and of its ancestors', async () => {
    await api.anonymous(ROLLUP, { code: 'P', year: 2019 });
    await api.anonymous(ROLLUP, { code: 'C', year: 2019 });
    await api.report('L2', 2019, 11);
    const [province, city] = [await api.anonymous(ROLLUP, { code: 'P', year: 2019 }), await api.anonymous(ROLLUP, { code: 'C', year: 2019 })];
    expect([province.cache, province.json, city.cache, city.json]).toEqual(['MISS', { data: { rollupItems: 16 } }, 'MISS', { data: { rollupItems: 16 } }]);
  });

  it('keeps entries that an unrelated write did not change (another subtree, another year)', async () => {
    await api.anonymous(ROLLUP, { code: 'P', year: 2019 });
    await api.report('M', 2020, 3);
    await api.report('L1', 2020, 2);
    const again = await api.anonymous(ROLLUP, { code: 'P', year: 2019 });
    expect([again.cache, again.json]).toEqual(['HIT', { data: { rollupItems: 16 } }]);
    const otherYear = await api.anonymous(ROLLUP, { code: 'P', year: 2020 });
    expect([otherYear.cache, otherYear.json]).toEqual(['MISS', { data: { rollupItems: 2 } }]);
  });

  it('drops everything on a hierarchy write', async () => {
    await api.anonymous(ROLLUP, { code: 'Q', year: 2019 });
    await api.agency('L3', 'DISTRICT', 'C');
    expect((await api.anonymous(ROLLUP, { code: 'Q', year: 2019 })).cache).toBe('MISS');
  });

  it('never caches a response with errors', async () => {
    const first = await api.anonymous(`{ failing }`);
    const second = await api.anonymous(`{ failing }`);
    expect([first.cache, second.cache, second.json.errors.length]).toEqual(['MISS', 'MISS', 1]);
  });

  it('lets an authenticated reader (who may see drafts) and mutations bypass it', async () => {
    await api.anonymous(ROLLUP, { code: 'C', year: 2019 });
    const withToken = await api.admin(ROLLUP, { code: 'C', year: 2019 });
    expect([withToken.cache, withToken.json]).toEqual([null, { data: { rollupItems: 16 } }]);
    const mutation = `mutation { upsertAgency(input: { code: "Z", name: "机关Z", kind: CITY }) { code } }`;
    const anonymousWrite = [await api.anonymous(mutation), await api.anonymous(mutation)];
    expect(anonymousWrite.map((a) => [a.cache, a.json.errors[0].extensions.code])).toEqual([[null, 'UNAUTHENTICATED'], [null, 'UNAUTHENTICATED']]);
  });

  it('answers the same bytes from the cache as without it', async () => {
    const query = `query Tree($code: ID!) { agency(code: $code) { code name children(year: 2019) { code report(year: 2019) { status year } } } }`;
    const miss = await api.anonymous(query, { code: 'C' });
    const hit = await api.anonymous(query, { code: 'C' });
    const uncached = await api.admin(query, { code: 'C' });
    expect([miss.cache, hit.cache, uncached.cache]).toEqual(['MISS', 'HIT', null]);
    expect(hit.text).toBe(uncached.text);
    expect(miss.text).toBe(uncached.text);
  });

  it('answers 304 to a client that already holds the cached answer (its ETag)', async () => {
    const body = JSON.stringify({ query: ROLLUP, variables: { code: 'C', year: 2019 } });
    const first = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await first.text();
    const etag = first.headers.get('etag')!;
    const again = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'if-none-match': etag }, body });
    expect([again.status, again.headers.get('x-response-cache'), again.headers.get('etag'), await again.text()]).toEqual([304, 'HIT', etag, '']);
  });
});

describe('the response cache in Redis shared by two instances', () => {
  let writer: Awaited<ReturnType<typeof startCachedApi>>;
  let reader: Awaited<ReturnType<typeof startCachedApi>>;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'xxgk-rc-')), 'shared.sqlite');

  beforeAll(async () => {
    const env = await STORES[1].env();
    writer = await startCachedApi(env, `sqlite:${file}`);
    reader = await startCachedApi(env, `sqlite:${file}`);
    await writer.agency('P', 'PROVINCE', null);
    await writer.agency('L1', 'DISTRICT', 'P');
    await writer.agency('L2', 'DISTRICT', 'P');
    await writer.report('L1', 2019, 5);
  });
  afterAll(async () => {
    await reader?.close();
    await writer?.close();
  });

  it('drops on one instance what a write through the other changed', async () => {
    const before = [await reader.anonymous(ROLLUP, { code: 'P', year: 2019 }), await writer.anonymous(ROLLUP, { code: 'P', year: 2019 })];
    expect(before.map((a) => [a.cache, a.json])).toEqual([['MISS', { data: { rollupItems: 5 } }], ['HIT', { data: { rollupItems: 5 } }]]);
    await writer.report('L2', 2019, 4);
    const after = await reader.anonymous(ROLLUP, { code: 'P', year: 2019 });
    expect([after.cache, after.json]).toEqual(['MISS', { data: { rollupItems: 9 } }]);
  });
});

describe('the HTTP guards', () => {
  let api: Awaited<ReturnType<typeof startCachedApi>>;

  beforeAll(async () => {
    api = await startCachedApi({ RATE_LIMIT_PER_MINUTE: '5', BODY_LIMIT: '1kb' });
  });
  afterAll(() => api?.close());

  it('answers 429 RATE_LIMITED once a client passes RATE_LIMIT_PER_MINUTE', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 6; i++) answers.push(await api.anonymous(`{ __typename }`));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(answers[5].json.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['RATE_LIMITED']);
    // Another client (a token) has its own window.
    expect((await api.admin(`{ __typename }`)).status).toBe(200);
  });

  it('refuses a GET query without a preflight header (CSRF prevention)', async () => {
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}x` } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
  });

  it('refuses a body above BODY_LIMIT with 413', async () => {
    const answer = await api.post(JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(2048) }), { authorization: `Bearer ${ADMIN_TOKEN}y` });
    expect([answer.status, answer.json.errors[0].extensions.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });
});
