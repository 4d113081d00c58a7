/**
 * A running API for integration tests: the real express app on an ephemeral port over a real
 * database, and a tiny fetch-based client.
 */
import { loadConfig } from '../../src/config';
import { cellsOf } from '../../src/domain/catalogue';
import type { Storage } from '../../src/db/api';
import { openStorage } from '../../src/db';
import { startServer } from '../../src/server';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface GraphqlResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: readonly { readonly message: string; readonly path?: readonly (string | number)[]; readonly extensions?: Record<string, unknown> }[];
}

export interface TestApi {
  readonly url: string;
  readonly storage: Storage;
  /** Anonymous request. */
  anonymous<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>>;
  /** Request with the ADMIN token. */
  admin<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>>;
  post(body: string, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

export async function startTestApi(databaseUrl: string, env: Record<string, string> = {}): Promise<TestApi> {
  // The change-log follower polls in the background; its statements would count in the
  // statement-count tests of a request (test/api/*batching*), so it polls rarely unless a test says.
  const config = loadConfig({ DATABASE_URL: databaseUrl, ADMIN_TOKEN, DEMO_DATA: 'false', NODE_ENV: 'test', RESPONSE_CACHE_POLL_MS: '600000', ...env });
  const storage = await openStorage({ url: databaseUrl, migrate: true, logging: false });
  const server = await startServer(storage, config, { port: 0, host: '127.0.0.1', logError: () => undefined });
  const post = async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, json: await response.json() };
  };
  const request = async (query: string, variables: Record<string, unknown> | undefined, token: string | null) => {
    const { status, json } = await post(JSON.stringify({ query, variables }), token ? { authorization: `Bearer ${token}` } : {});
    return { status, ...json };
  };
  return {
    url: server.url,
    storage,
    anonymous: (query, variables) => request(query, variables, null),
    admin: (query, variables) => request(query, variables, ADMIN_TOKEN),
    post,
    async close() {
      await server.close();
      await storage.close();
    },
  };
}

/**
 * The cells of the seed report (shared/seed, F2019, 2019): every cell 0 except the procurement
 * row, 19 items for 42.21 万元.
 */
export function seedCells(): Record<string, number | string | null> {
  const cells: Record<string, number | string | null> = Object.fromEntries(cellsOf('F2019').map((c) => [c.code, 0]));
  cells['proactive.gov_central_procurement.items'] = 19;
  cells['proactive.gov_central_procurement.amount'] = '42.21';
  return cells;
}

export const UPSERT_AGENCY = /* GraphQL */ `
  mutation Upsert($input: UpsertAgencyInput!) { upsertAgency(input: $input) { code name kind aliases } }
`;
export const SET_PARENT = /* GraphQL */ `
  mutation SetParent($child: ID!, $parent: ID, $from: Int!, $to: Int) {
    setParent(childCode: $child, parentCode: $parent, fromYear: $from, toYear: $to) { child { code } parent { code } fromYear toYear }
  }
`;
export const SUBMIT_REPORT = /* GraphQL */ `
  mutation Submit($input: SubmitReportInput!) {
    submitReport(input: $input) { outcome report { year format status revision acceptedFailures checks { rule severity passed cells message } } }
  }
`;

/** Creates agencies through the API (ADMIN), optionally under a parent from `fromYear`. */
export async function makeAgency(api: TestApi, code: string, kind: string, parentCode: string | null = null, fromYear = 2019) {
  const created = await api.admin(UPSERT_AGENCY, { input: { code, name: `机关${code}`, kind } });
  if (created.errors) throw new Error(`upsertAgency ${code}: ${JSON.stringify(created.errors)}`);
  if (parentCode) {
    const linked = await api.admin(SET_PARENT, { child: code, parent: parentCode, from: fromYear });
    if (linked.errors) throw new Error(`setParent ${code}: ${JSON.stringify(linked.errors)}`);
  }
}

/** Submits a report through the API (ADMIN) and fails the test on any error. */
export async function submit(api: TestApi, input: Record<string, unknown>) {
  const result = await api.admin(SUBMIT_REPORT, { input: { format: 'F2019', year: 2019, ...input } });
  if (result.errors) throw new Error(`submitReport: ${JSON.stringify(result.errors)}`);
  return result.data.submitReport;
}
