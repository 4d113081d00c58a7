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
 * It ends with the screen's floor (screen.bench.ts): what no implementation of this screen in this
 * stack can go below. Set against the whole screen, it says how much of its time is ours to win.
 */
import 'reflect-metadata';
import { Kind, parse, print, visit, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { loadConfig } from '../../src/config';
import { openStorage } from '../../src/db';
import { buildGraphqlSchema, createApolloServer, createContextFactory } from '../../src/graphql';
import { dashboardVariables } from './http.bench';
import { benchScreen, screenQuery as pageScreenQuery } from './screen.bench';

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
  const storage = await openStorage({ url, migrate: false });
  const screenQuery = pageScreenQuery();
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

  await apollo.stop();
  await storage.close();
  const floor = await benchScreen(url, screenQuery, variables, { screens });
  process.stdout.write(`  floor          ${(floor.graphqlFloorMs + floor.sqlFloorMs).toFixed(3)} ms  = GraphQL over the answer in memory + JSON ${floor.graphqlFloorMs.toFixed(3)} ms, `
    + `${floor.statements} SQL statements on the bare driver ${floor.sqlFloorMs.toFixed(3)} ms (the whole screen, interleaved with them: ${floor.screenMs.toFixed(3)} ms)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
