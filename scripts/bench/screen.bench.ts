/**
 * The dashboard screen in-process (no HTTP), against its FLOOR: what no implementation of this screen
 * in this stack can go below, whatever it does between the database and the JSON.
 *
 * - screen: the page's SCREEN_QUERY through Apollo's executeOperation (the configured executor, a
 *   fresh context each), then JSON.stringify of the answer, as the server writes it;
 * - floor, GraphQL part: graphql-jit executing the same document over the screen's own answer held
 *   in memory (a schema without resolvers: every field read off the answer), then JSON.stringify;
 * - floor, SQL part: the statements one screen runs, replayed on the bare driver (prepared once,
 *   rows as objects).
 *
 * Screens and SQL replays run CONCURRENCY at a time, as the HTTP bench's connections do, and are
 * timed as throughput (elapsed ÷ screens): on MySQL a screen mostly waits for round trips, which
 * overlap across screens; on SQLite (a synchronous driver) it makes no difference.
 *
 * `npm run bench` sets these against the HTTP figures (results.ts): with t the server's time for
 * `{ __typename }`, the uncached ratio is about t ÷ (t + screen), and at best t ÷ (t + floor).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, printSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { createPool } from 'mysql2/promise';
import { loadConfig } from '../../src/config';
import { openStorage, parseDatabaseUrl } from '../../src/db';
import { buildGraphqlSchema, createApolloServer, createContextFactory } from '../../src/graphql';

export interface ScreenBenchResult {
  /** Milliseconds per uncached screen, answer serialised. */
  readonly screenMs: number;
  readonly graphqlFloorMs: number;
  readonly sqlFloorMs: number;
  readonly statements: number;
  readonly screens: number;
}

/** The page's own SCREEN_QUERY (src/web/queries.js is an ES module of plain strings). */
export function screenQuery(): string {
  const source = readFileSync(path.join(__dirname, '../../src/web/queries.js'), 'utf8').replace(/^export /gm, '');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return (new Function(`${source}\nreturn SCREEN_QUERY;`) as () => string)();
}

type Statement = { readonly query: string; readonly parameters: readonly unknown[] };

/** Screens in flight at once: the HTTP bench's autocannon connections. */
export const CONCURRENCY = 10;

/** Milliseconds per task over `count` runs of `task`, CONCURRENCY at a time. */
async function throughput(count: number, task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) {
      next += 1;
      await task();
    }
  }));
  return (performance.now() - start) / count;
}

export async function benchScreen(
  url: string, query: string, variables: Record<string, unknown>, options: { readonly screens?: number } = {},
): Promise<ScreenBenchResult> {
  const screens = options.screens ?? 1000;
  const config = loadConfig({ DATABASE_URL: url, DEMO_DATA: 'false', NODE_ENV: 'production' });
  // The statements of one screen, recorded while `recording`.
  let recording = false;
  const statements: Statement[] = [];
  const storage = await openStorage({ url, migrate: false, logging: (sql, parameters) => recording && statements.push({ query: sql, parameters }) });
  const schema = await buildGraphqlSchema();
  const apollo = createApolloServer(schema, config, { executor: config.graphqlExecutor, logError: () => undefined });
  await apollo.start();
  try {
    const contextFor = createContextFactory(storage, config);
    const once = async () => {
      const result = await apollo.executeOperation({ query, variables }, { contextValue: await contextFor({}) });
      if (result.body.kind !== 'single' || result.body.singleResult.errors || !result.body.singleResult.data) throw new Error(`the screen fails: ${JSON.stringify(result.body).slice(0, 500)}`);
      return JSON.stringify(result.body.singleResult);
    };
    const answer = JSON.parse(await once()) as { data: unknown };
    for (let i = 0; i < Math.min(200, screens); i++) await once();
    recording = true;
    await once();
    recording = false;

    const compiled = compileQuery(buildSchema(printSchema(schema)), parse(query));
    if (!isCompiledQuery(compiled)) throw new Error(`graphql-jit refused the screen: ${JSON.stringify(compiled)}`);
    // Fresh objects each time, as resolvers make them (built before the clock starts).
    const roots = Array.from({ length: 100 }, () => structuredClone(answer.data));
    const graphqlFloor = () => {
      const start = performance.now();
      for (let i = 0; i < screens; i++) JSON.stringify(compiled.query(roots[i % roots.length], {}, variables));
      return (performance.now() - start) / screens;
    };
    const screen = () => throughput(screens, once);
    // Interleaved, the best of three each: the machine is shared.
    graphqlFloor();
    let screenMs = Infinity;
    let graphqlFloorMs = Infinity;
    let sqlFloorMs = Infinity;
    for (let round = 0; round < 3; round++) {
      screenMs = Math.min(screenMs, await screen());
      graphqlFloorMs = Math.min(graphqlFloorMs, graphqlFloor());
      sqlFloorMs = Math.min(sqlFloorMs, await replayStatements(url, statements, screens));
    }
    return { screenMs, graphqlFloorMs, sqlFloorMs, statements: statements.length, screens };
  } finally {
    await apollo.stop();
    await storage.close();
  }
}

/** Milliseconds per screen to run the statements again on the bare driver (SQLite: prepared once; rows as objects, as TypeORM asks; MySQL: CONCURRENCY screens at a time on a pool). */
async function replayStatements(url: string, statements: readonly Statement[], screens: number): Promise<number> {
  const target = parseDatabaseUrl(url);
  if (target.engine === 'sqlite') {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(target.target, { readonly: true });
    try {
      const prepared = statements.map((s) => ({ statement: db.prepare(s.query), parameters: s.parameters }));
      const run = () => prepared.forEach((p) => p.statement.all(...p.parameters));
      for (let i = 0; i < 100; i++) run();
      const start = performance.now();
      for (let i = 0; i < screens; i++) run();
      return (performance.now() - start) / screens;
    } finally {
      db.close();
    }
  }
  const pool = createPool({ uri: target.target, connectionLimit: CONCURRENCY });
  try {
    const run = async () => {
      for (const s of statements) await pool.query(s.query, s.parameters as unknown[]);
    };
    await throughput(Math.min(100, screens), run);
    return await throughput(screens, run);
  } finally {
    await pool.end();
  }
}
