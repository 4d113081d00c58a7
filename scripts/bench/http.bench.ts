/**
 * HTTP throughput (DESIGN.md §7): the real server (startServer of src/server.ts) on the bench database,
 * loaded by autocannon in a child process on loopback (client and server share the machine's cores,
 * as in notes/stack.md). Ratios of one run: the dashboard request uncached (cache off) and from the
 * response cache, each as a share of the same server's `{ __typename }`.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transformFileSync } from '@swc/core';
import { screenQuery } from './screen.bench';
import { cellsOf } from '../../src/domain/catalogue';
import { buildGraphqlSchema } from '../../src/graphql';

export interface CannonResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

export interface HttpBenchResult {
  readonly query: 'dashboard SCREEN_QUERY (src/web/queries.js)' | 'fallback: agency + children + reports';
  readonly responseBytes: number;
  readonly baseline: CannonResult;
  readonly uncached: CannonResult;
  readonly cached: CannonResult;
  readonly uncachedShare: number;
  readonly cachedShare: number;
  /** RSS (MB) of the cached server's process after serving everything above (compiled JavaScript, as `npm start`). */
  readonly rssMb: number;
  /** Rounds of (baseline, uncached, cached) runs, interleaved; the figures above are their means (latencies: the worst). */
  readonly rounds: number;
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Compiles src/ and scripts/bench/serve.ts to JavaScript under data/bench/build with swc (the options
 * of .swcrc), so that the server runs as `npm start` runs it: plain node, no compiler in memory.
 */
function compileServer(): string {
  const out = path.join(ROOT, 'data', 'bench', 'build');
  const options = JSON.parse(readFileSync(path.join(ROOT, '.swcrc'), 'utf8')) as Record<string, unknown>;
  const compile = (file: string) => {
    const target = path.join(out, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, transformFileSync(file, { ...options, sourceMaps: false, swcrc: false }).code);
  };
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (file.endsWith('.ts') && !file.endsWith('.d.ts')) compile(file);
    }
  };
  walk(path.join(ROOT, 'src'));
  compile(path.join(ROOT, 'scripts', 'bench', 'serve.ts'));
  return path.join(out, 'scripts', 'bench', 'serve.js');
}

interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  rssMb(): number;
  stop(): Promise<void>;
}

/** Starts scripts/bench/serve.ts in a child process and waits for its `listening` line. */
function serve(script: string, databaseUrl: string, cache: boolean, log: (text: string) => void): Promise<ServerProcess> {
  const child = spawn(process.execPath, [script, databaseUrl, cache ? 'cache' : 'nocache'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
  child.stderr!.on('data', (chunk: Buffer) => log(`server: ${chunk.toString().trim()}`));
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\S+)/.exec(out);
      if (!match) return;
      child.removeAllListeners('exit');
      resolve({
        url: match[1],
        child,
        rssMb: () => {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
        },
        stop: () => new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
      });
    });
  });
}

const AUTOCANNON = require.resolve('autocannon/autocannon.js');

function cannon(url: string, body: string, seconds: number, connections: number): Promise<CannonResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [AUTOCANNON, '-j', '-c', String(connections), '-d', String(seconds), '-m', 'POST', '-H', 'content-type=application/json', '-b', body, `${url}/graphql`],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        if (error) {
          reject(error);
          return;
        }
        const r = JSON.parse(stdout) as { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
        resolve({ requestsPerSecond: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors });
      },
    );
  });
}

/** The dashboard's screen query, read from the page's own source (src/web/queries.js has no imports). */
function dashboardQuery(): string | null {
  try {
    return screenQuery();
  } catch {
    return null;
  }
}

const FALLBACK_QUERY = /* GraphQL */ `
  query Fallback($code: ID!, $year: Int!) {
    agency(code: $code) { code name children(year: $year) { code name kind report(year: $year) { year format status } } reports { year format status } }
  }
`;

/** The dashboard's variables: received and handled figures; a trend over the outcome totals. */
export function dashboardVariables(code: string, year: number) {
  const received = 'applications.new_received.total';
  const handled = 'applications.total_handled.total';
  const outcomes = cellsOf('F2021').map((c) => c.code).filter((c) => c.startsWith('applications.') && c.endsWith('.total'));
  return { code, year, figureCodes: [received, handled], trendCodes: [...new Set([received, handled, ...outcomes])], order: 'DESC', fromYear: 2019, toYear: 2025, hierarchy: 'YEAR', parentYear: year };
}

export async function benchHttp(
  databaseUrl: string,
  options: {
    readonly code: string; readonly year: number; readonly seconds?: number; readonly connections?: number; readonly rounds?: number;
    readonly progress?: (text: string) => void;
  },
): Promise<HttpBenchResult> {
  const seconds = options.seconds ?? 8;
  const connections = options.connections ?? 10;
  const schema = await buildGraphqlSchema();
  const screen = dashboardQuery();
  const queryFields = Object.keys(schema.getQueryType()?.getFields() ?? {});
  const hasRollupApi = ['rollup', 'compare', 'series', 'validation'].every((f) => queryFields.includes(f));
  const useScreen = screen !== null && hasRollupApi;
  const body = JSON.stringify(
    useScreen ? { query: screen, variables: dashboardVariables(options.code, options.year) } : { query: FALLBACK_QUERY, variables: { code: options.code, year: options.year } },
  );
  const log = options.progress ?? (() => undefined);
  const rounds = options.rounds ?? 2;
  const script = compileServer();
  // Both servers run at once; runs alternate between them in rounds so that load from elsewhere on
  // the machine falls on every figure alike. Baseline and uncached: cache off; cached: cache on.
  const plain = await serve(script, databaseUrl, false, log);
  const cachedServer = await serve(script, databaseUrl, true, log);
  const typename = JSON.stringify({ query: '{ __typename }' });
  const combine = (runs: CannonResult[]): CannonResult => ({
    requestsPerSecond: runs.reduce((n, r) => n + r.requestsPerSecond, 0) / runs.length,
    p50Ms: Math.max(...runs.map((r) => r.p50Ms)),
    p99Ms: Math.max(...runs.map((r) => r.p99Ms)),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  });
  const baselineRuns: CannonResult[] = [];
  const uncachedRuns: CannonResult[] = [];
  const cachedRuns: CannonResult[] = [];
  let responseBytes = 0;
  let rssMb: number;
  try {
    for (const server of [plain, cachedServer]) {
      const check = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await check.text();
      responseBytes = Buffer.byteLength(text);
      if (!check.ok || (JSON.parse(text) as { errors?: unknown }).errors) throw new Error(`the dashboard request fails: ${text.slice(0, 500)}`);
    }
    // Warm-up: JIT, statement caches, the cache entry.
    await cannon(plain.url, typename, 2, connections);
    await cannon(plain.url, body, 2, connections);
    await cannon(cachedServer.url, body, 2, connections);
    for (let round = 1; round <= rounds; round++) {
      baselineRuns.push(await cannon(plain.url, typename, seconds, connections));
      uncachedRuns.push(await cannon(plain.url, body, seconds, connections));
      cachedRuns.push(await cannon(cachedServer.url, body, seconds, connections));
      const last = (runs: CannonResult[]) => runs[runs.length - 1].requestsPerSecond.toFixed(0);
      log(`round ${round}: baseline ${last(baselineRuns)} req/s, dashboard uncached ${last(uncachedRuns)} req/s, cached ${last(cachedRuns)} req/s (${responseBytes} bytes)`);
    }
    // Memory after serving: also one uncached dashboard request per year.
    for (const year of [2019, 2020, 2021, 2022, 2023, 2024, 2025]) {
      await fetch(`${cachedServer.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body.replace(`"year":${options.year}`, `"year":${year}`) });
    }
    rssMb = cachedServer.rssMb();
  } finally {
    await plain.stop();
    await cachedServer.stop();
  }
  const baseline = combine(baselineRuns);
  const uncached = combine(uncachedRuns);
  const cached = combine(cachedRuns);
  return {
    query: useScreen ? 'dashboard SCREEN_QUERY (src/web/queries.js)' : 'fallback: agency + children + reports',
    responseBytes, baseline, uncached, cached,
    uncachedShare: uncached.requestsPerSecond / baseline.requestsPerSecond,
    cachedShare: cached.requestsPerSecond / baseline.requestsPerSecond,
    rssMb,
    rounds,
  };
}
