/**
 * Rollup reads (DESIGN.md §7 "reading the rollup of the province root costs at most 1.5× reading one
 * leaf's report"; §4 materialised rollups): both read through Storage, alternately, over the 7 years,
 * and the same root rollup computed at query time (Storage computes drafts-included rollups with one
 * GROUP BY over the closure; the province has no drafts, so the figures are the same).
 */
import { loadConfig } from '../../src/config';
import type { RollupRecord, Storage } from '../../src/db/api';
import { buildGraphqlSchema, createApolloServer, createContextFactory } from '../../src/graphql';

export interface RollupBenchResult {
  /** Mean seconds of one read. */
  readonly rootRollup: number;
  readonly leafReport: number;
  readonly queryTimeRollup: number;
  /** rootRollup / leafReport (target ≤ 1.5). */
  readonly rootOverLeaf: number;
  /** queryTimeRollup / rootRollup: what materialising saves. */
  readonly materialisedSpeedup: number;
  /** The query-time rollup equals the materialised one (sums and counts). */
  readonly sameFigures: boolean;
  /** The same two reads as GraphQL operations (Apollo in-process, no HTTP): `rollup { cells }` vs `report { cells }`. */
  readonly graphqlRootRollup: number;
  readonly graphqlLeafReport: number;
  readonly graphqlRootOverLeaf: number;
}

async function meanSeconds(minSeconds: number, minRuns: number, work: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await work(i); // warm-up: statement caches, buffer pool
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (runs < minRuns || elapsed < minSeconds) {
    await work(runs);
    runs += 1;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return elapsed / runs;
}

const comparable = (r: RollupRecord) => JSON.stringify({ s: r.sums, e: r.expected, n: r.reported, f: r.reportersByFormat });

export async function benchRollups(storage: Storage, rootCode: string, leafCode: string, years: readonly number[], options: { seconds?: number } = {}): Promise<RollupBenchResult> {
  const budget = options.seconds ?? 3;
  const [root, leaf] = await storage.agenciesByCode([rootCode, leafCode]);
  if (!root || !leaf) throw new Error(`bench: ${rootCode} or ${leafCode} is missing`);
  const year = (i: number) => years[i % years.length];
  // Interleave the two reads in rounds so that load from elsewhere on the machine hits both alike.
  let rootRollup = 0;
  let leafReport = 0;
  for (let round = 0; round < 3; round++) {
    rootRollup += await meanSeconds(budget / 6, 20, (i) => storage.rollups([{ agencyId: root.id, year: year(i) }]));
    leafReport += await meanSeconds(budget / 6, 20, (i) => storage.reportsByAgencyYear([{ agencyId: leaf.id, year: year(i) }]));
  }
  rootRollup /= 3;
  leafReport /= 3;
  const queryTimeRollup = await meanSeconds(budget / 2, 3, (i) => storage.rollups([{ agencyId: root.id, year: year(i) }], { includeDrafts: true }));
  const graphql = await graphqlReads(storage, rootCode, leafCode, years, budget);
  const [materialised] = await storage.rollups([{ agencyId: root.id, year: years[years.length - 1] }]);
  const [computed] = await storage.rollups([{ agencyId: root.id, year: years[years.length - 1] }], { includeDrafts: true });
  return {
    rootRollup, leafReport, queryTimeRollup,
    rootOverLeaf: rootRollup / leafReport,
    materialisedSpeedup: queryTimeRollup / rootRollup,
    sameFigures: comparable(materialised) === comparable(computed),
    graphqlRootRollup: graphql.rollup,
    graphqlLeafReport: graphql.report,
    graphqlRootOverLeaf: graphql.rollup / graphql.report,
  };
}

const ROLLUP_CELLS = 'query RootRollup($code: ID!, $year: Int!) { rollup(agencyCode: $code, year: $year) { cells { code value } } }';
const REPORT_CELLS = 'query LeafReport($code: ID!, $year: Int!) { report(agencyCode: $code, year: $year) { cells { code value } } }';

/** Mean seconds of the root's rollup and the leaf's report read as GraphQL operations (fresh context each, as a request). */
async function graphqlReads(storage: Storage, rootCode: string, leafCode: string, years: readonly number[], budget: number) {
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', NODE_ENV: 'production', DEMO_DATA: 'false' });
  const apollo = createApolloServer(await buildGraphqlSchema(), config, { logError: () => undefined });
  await apollo.start();
  const context = createContextFactory(storage, config);
  const run = (query: string, code: string) => async (i: number) => {
    const response = await apollo.executeOperation({ query, variables: { code, year: years[i % years.length] } }, { contextValue: await context({}) });
    if (response.body.kind === 'single' && response.body.singleResult.errors) throw new Error(JSON.stringify(response.body.singleResult.errors));
  };
  try {
    let rollup = 0;
    let report = 0;
    for (let round = 0; round < 3; round++) {
      rollup += await meanSeconds(budget / 6, 20, run(ROLLUP_CELLS, rootCode));
      report += await meanSeconds(budget / 6, 20, run(REPORT_CELLS, leafCode));
    }
    return { rollup: rollup / 3, report: report / 3 };
  } finally {
    await apollo.stop();
  }
}
