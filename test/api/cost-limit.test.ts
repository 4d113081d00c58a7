import type { GraphqlContext } from '../../src/graphql';
import { buildGraphqlSchema, createApolloServer } from '../../src/graphql';

/** An Apollo server whose operations must not reach storage: the limit acts before execution. */
async function makeServer(maxQueryCost: number) {
  const server = createApolloServer(await buildGraphqlSchema(), { maxQueryDepth: 12, maxQueryCost }, { logError: () => undefined });
  await server.start();
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const response = await server.executeOperation({ query, variables }, { contextValue: {} as GraphqlContext });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, ...response.body.singleResult };
  };
  return { run, stop: () => server.stop() };
}

const NESTED_CHILDREN = `{ agency(code: "A") { children(year: 2020) { children(year: 2020) { children(year: 2020) { code } } } } }`;

describe('the cost limit', () => {
  it('refuses fan-out beyond MAX_QUERY_COST before touching storage, saying the cost and the limit', async () => {
    const server = await makeServer(10_000);
    try {
      const result = await server.run(NESTED_CHILDREN);
      expect(result.status).toBe(400);
      // agency 1 + children 50 × (1 + 50 × (1 + 50 × 1)) = 1 + 1 + 50 × 2551
      expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'TOO_COSTLY', cost: 127_552, maxCost: 10_000 }]);
    } finally {
      await server.stop();
    }
  });

  it('prices a list by its `first` argument, variables included', async () => {
    const server = await makeServer(100);
    try {
      const query = `query($first: Int) { agencies(first: $first) { nodes { code name kind } } }`;
      // agencies 1 + (nodes 1 + first × 3)
      const refused = await server.run(query, { first: 40 });
      expect(refused.errors?.[0].extensions).toEqual({ code: 'TOO_COSTLY', cost: 122, maxCost: 100 });
    } finally {
      await server.stop();
    }
  });

  it('lets a cheap operation through', async () => {
    const server = await makeServer(1_000);
    try {
      const result = await server.run(`{ catalogue { formats { id } } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ catalogue: { formats: [{ id: 'F2019' }, { id: 'F2021' }] } });
    } finally {
      await server.stop();
    }
  });
});
