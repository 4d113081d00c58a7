/**
 * Where an uncached dashboard screen spends its server time, in-process (no HTTP): the page's own
 * SCREEN_QUERY through Apollo (the configured executor), whole and then restricted to each of its
 * top-level fields, as milliseconds per screen. A tool for working on the DESIGN.md §7 dashboard
 * target; `npm run bench` measures the target itself over HTTP.
 *
 *   ts-node --swc scripts/bench/profile-screen.ts DATABASE_URL AGENCY_CODE [YEAR] [SCREENS]
 *
 * e.g. after `npm run bench -- --only http --engines sqlite`:
 *   ts-node --swc scripts/bench/profile-screen.ts sqlite:data/bench/province.sqlite 330100000000
 *
 * It ends with the screen's FLOOR, what no implementation of this screen in this stack can go below:
 * graphql-jit executing the same document over the screen's own answer held in memory (no resolvers,
 * no loaders) and JSON.stringify of the result; and the screen's SQL statements replayed on the bare
 * driver (prepared once). Set against the whole screen, it says how much of its time is ours to win.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, parse, print, printSchema, visit, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '../../src/config';
import { openStorage, parseDatabaseUrl } from '../../src/db';
import { buildGraphqlSchema, createApolloServer, createContextFactory } from '../../src/graphql';
import { dashboardVariables } from './http.bench';

/** The screen query keeping only the top-level fields named (and the variables they use). */
function restrictedTo(query: string, fields: readonly string[]): string {
  const document = parse(query);
  const kept = visit(document, {
    OperationDefinition(node) {
      return { ...node, selectionSet: { ...node.selectionSet, selections: node.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && fields.includes(s.name.value)) } };
    },
  });
  // Variables the kept selections use (a definition's own $name is not a use).
  const used = new Set<string>();
  visit((kept.definitions[0] as OperationDefinitionNode).selectionSet, { Variable(node) { used.add(node.name.value); } });
  return print(visit(kept, { VariableDefinition(node) { return used.has(node.variable.name.value) ? node : null; } }));
}

async function main(): Promise<void> {
  const [url, code, yearArg, screensArg] = process.argv.slice(2);
  if (!url || !code) throw new Error('usage: profile-screen.ts DATABASE_URL AGENCY_CODE [YEAR] [SCREENS]');
  const year = Number(yearArg ?? 2025);
  const screens = Number(screensArg ?? 500);
  const config = loadConfig({ DATABASE_URL: url, DEMO_DATA: 'false', NODE_ENV: 'production' });
  // The statements of one screen, recorded while `recording` (for the SQL floor).
  let recording = false;
  const statements: { query: string; parameters: readonly unknown[] }[] = [];
  const storage = await openStorage({ url, migrate: false, logging: (query, parameters) => recording && statements.push({ query, parameters }) });
  const source = readFileSync(path.join(__dirname, '../../src/web/queries.js'), 'utf8').replace(/^export /gm, '');
  const screenQuery = (new Function(`${source}\nreturn SCREEN_QUERY;`) as () => string)();
  const apollo = createApolloServer(await buildGraphqlSchema(), config, { executor: config.graphqlExecutor });
  await apollo.start();
  const contextFor = createContextFactory(storage, config);
  const variables = dashboardVariables(code, year);
  const timed = async (query: string) => {
    const used = new Set<string>();
    visit(parse(query), { VariableDefinition(node) { used.add(node.variable.name.value); } });
    const own = Object.fromEntries(Object.entries(variables).filter(([k]) => used.has(k)));
    const once = async () => {
      const result = await apollo.executeOperation({ query, variables: own }, { contextValue: await contextFor({}) });
      if (result.body.kind !== 'single' || result.body.singleResult.errors) throw new Error(JSON.stringify(result.body));
      return JSON.stringify(result.body.singleResult).length;
    };
    for (let i = 0; i < Math.min(100, screens); i++) await once();
    const start = performance.now();
    let bytes = 0;
    for (let i = 0; i < screens; i++) bytes = await once();
    return { ms: (performance.now() - start) / screens, bytes };
  };
  const operation = parse(screenQuery).definitions[0] as OperationDefinitionNode;
  const fields = operation.selectionSet.selections.map((s) => (s as FieldNode).name.value);
  const whole = await timed(screenQuery);
  process.stdout.write(`${code} ${year}, ${config.graphqlExecutor} executor, ${screens} screens each\n`);
  process.stdout.write(`  whole screen   ${whole.ms.toFixed(3)} ms  ${whole.bytes} bytes\n`);
  for (const field of fields) {
    const part = await timed(restrictedTo(screenQuery, [field]));
    process.stdout.write(`  ${field.padEnd(14)} ${part.ms.toFixed(3)} ms  ${part.bytes} bytes\n`);
  }

  // The floor: the GraphQL part over the answer in memory, and the SQL part on the bare driver.
  const schema = await buildGraphqlSchema();
  const answer = await apollo.executeOperation({ query: screenQuery, variables }, { contextValue: await contextFor({}) });
  if (answer.body.kind !== 'single' || !answer.body.singleResult.data) throw new Error('the screen gave no data');
  const data = JSON.stringify(answer.body.singleResult.data);
  const compiled = compileQuery(buildSchema(printSchema(schema)), parse(screenQuery));
  if (!isCompiledQuery(compiled)) throw new Error(JSON.stringify(compiled));
  // Fresh objects each time, as resolvers make them (parsed before the clock starts).
  const roots = Array.from({ length: 100 }, () => JSON.parse(data) as unknown);
  const graphqlFloor = () => {
    const start = performance.now();
    for (let i = 0; i < screens; i++) JSON.stringify(compiled.query(roots[i % roots.length], {}, variables));
    return (performance.now() - start) / screens;
  };
  graphqlFloor();
  recording = true;
  await apollo.executeOperation({ query: screenQuery, variables }, { contextValue: await contextFor({}) });
  recording = false;
  const sqlFloor = await replayStatements(url, statements, screens);
  const graphqlMs = graphqlFloor();
  process.stdout.write(`  floor          ${(graphqlMs + sqlFloor).toFixed(3)} ms  = GraphQL over the answer in memory + JSON ${graphqlMs.toFixed(3)} ms, ${statements.length} SQL statements on the bare driver ${sqlFloor.toFixed(3)} ms\n`);
  await apollo.stop();
  await storage.close();
}

/** Milliseconds per screen to run the statements again on the bare driver (prepared once; rows as objects, as TypeORM asks). */
async function replayStatements(url: string, statements: readonly { query: string; parameters: readonly unknown[] }[], screens: number): Promise<number> {
  const target = parseDatabaseUrl(url);
  if (target.engine === 'sqlite') {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(target.target, { readonly: true });
    const prepared = statements.map((s) => ({ statement: db.prepare(s.query), parameters: s.parameters }));
    const run = () => prepared.forEach((p) => p.statement.all(...p.parameters));
    for (let i = 0; i < 100; i++) run();
    const start = performance.now();
    for (let i = 0; i < screens; i++) run();
    db.close();
    return (performance.now() - start) / screens;
  }
  const connection = await createConnection(target.target);
  const run = async () => {
    for (const s of statements) await connection.query(s.query, s.parameters as unknown[]);
  };
  for (let i = 0; i < 20; i++) await run();
  const start = performance.now();
  for (let i = 0; i < screens; i++) await run();
  await connection.end();
  return (performance.now() - start) / screens;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
