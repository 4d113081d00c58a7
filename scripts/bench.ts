/**
 * `npm run bench` (DESIGN.md §7): generates a province on each engine, measures, and writes
 * bench/results.md and bench/results.json. Every figure is a RATIO of two measurements of the same run
 * (never an absolute timing target), so a slower or busier machine moves both sides.
 *
 *   npm run bench -- [--scale district|city|province] [--engines sqlite,mysql] [--only parse,load,rollup,http,memory]
 *                    [--seconds 8] [--out bench]
 *
 * Without --scale, each engine runs at its default scale (DEFAULT_SCALES below), chosen so that the
 * whole run stays under 15 minutes on the 2-core reference machine; results.md says which ran.
 * MySQL/MariaDB: MYSQL_URL (a server URL; the databases xxgk_bench and xxgk_bench_raw are re-created),
 * default mysql://root@127.0.0.1:3306/xxgk_bench.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { openStorage } from '../src/db';
import { benchParse, type ParseBenchResult } from './bench/parse.bench';
import { benchHttp, dashboardVariables, type HttpBenchResult } from './bench/http.bench';
import { BENCH_YEARS, loadProvince, type ProvinceLoad } from './bench/province-load';
import { rawInsertMysql, rawInsertSqlite, type RawInsertResult } from './bench/raw-insert';
import { benchRollups, type RollupBenchResult } from './bench/rollup.bench';
import { renderResults, type BenchRun, type EngineRun } from './bench/results';
import { benchScreen, screenQuery, type ScreenBenchResult } from './bench/screen.bench';

type Scale = 'district' | 'city' | 'province';
type Engine = 'sqlite' | 'mysql';
type Part = 'parse' | 'load' | 'rollup' | 'http' | 'memory';

export const SCALE_AGENCIES: Readonly<Record<Scale, number>> = { district: 400, city: 10_000, province: 100_000 };
/**
 * What the default run loads on each engine: the province on both (issue 4 item 8), every one of its
 * ≈700,000 reports validated and checked. On the 2-core machine that took 3.1 min on SQLite and
 * 4.5 min on MariaDB (2026-11-29), within the 15-minute budget; bench/results.md says how long each
 * engine took, and `--scale` runs a smaller one.
 */
const DEFAULT_SCALES: Readonly<Record<Engine, Scale>> = { sqlite: 'province', mysql: 'province' };
/**
 * Reports per Storage.loadReports call: each call rebuilds the rollups of the years it touched, so
 * the province uses larger calls (fewer rebuilds) at the price of more memory in flight.
 */
const LOAD_CHUNK: Readonly<Record<Scale, number>> = { district: 10_000, city: 10_000, province: 50_000 };
const ALL_PARTS: readonly Part[] = ['parse', 'load', 'rollup', 'http', 'memory'];

interface Options {
  readonly scale: Scale | null;
  readonly engines: readonly Engine[];
  readonly only: readonly Part[];
  readonly seconds: number;
  readonly out: string;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    const inline = argv.find((a) => a.startsWith(`--${name}=`));
    return inline?.slice(name.length + 3);
  };
  const list = <T extends string>(name: string, allowed: readonly T[], fallback: readonly T[]): T[] => {
    const raw = value(name);
    if (!raw) return [...fallback];
    const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = items.filter((i) => !allowed.includes(i as T));
    if (bad.length) throw new Error(`--${name}: expected some of ${allowed.join(', ')}, received ${bad.join(', ')}`);
    return items as T[];
  };
  const scale = value('scale');
  if (scale !== undefined && !(scale in SCALE_AGENCIES)) throw new Error(`--scale: expected district, city or province, received ${scale}`);
  return {
    scale: (scale as Scale | undefined) ?? null,
    engines: list<Engine>('engines', ['sqlite', 'mysql'], ['sqlite', 'mysql']),
    only: list<Part>('only', ALL_PARTS, ALL_PARTS),
    seconds: Number(value('seconds') ?? 8),
    out: value('out') ?? 'bench',
  };
}

const log = (text: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);

/** The database URLs of an engine: where Storage loads, and the empty twin of the raw-insert baseline. */
async function prepareDatabases(engine: Engine, scale: Scale): Promise<{ url: string; rawUrl: string; sqlitePaths?: [string, string] }> {
  if (engine === 'sqlite') {
    const dir = path.resolve('data', 'bench');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${scale}.sqlite`);
    const raw = path.join(dir, `${scale}-raw.sqlite`);
    for (const f of [file, raw]) for (const suffix of ['', '-wal', '-shm']) rmSync(f + suffix, { force: true });
    return { url: `sqlite:${file}`, rawUrl: `sqlite:${raw}`, sqlitePaths: [file, raw] };
  }
  const base = new URL(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/xxgk_bench');
  const name = base.pathname.slice(1) || 'xxgk_bench';
  const connection = await createConnection({ host: base.hostname, port: Number(base.port || 3306), user: decodeURIComponent(base.username), password: decodeURIComponent(base.password) });
  try {
    for (const db of [name, `${name}_raw`]) {
      await connection.query(`DROP DATABASE IF EXISTS \`${db}\``);
      await connection.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
  } finally {
    await connection.end();
  }
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const raw = new URL(base.toString());
  raw.pathname = `/${name}_raw`;
  return { url: url.toString(), rawUrl: raw.toString() };
}

async function engineVersion(engine: Engine, url: string): Promise<string> {
  if (engine === 'sqlite') {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(':memory:');
    try {
      return `SQLite ${(db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v} (better-sqlite3, WAL, synchronous=NORMAL)`;
    } finally {
      db.close();
    }
  }
  const u = new URL(url);
  const connection = await createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS v, @@innodb_buffer_pool_size AS pool, @@innodb_flush_log_at_trx_commit AS flush');
    const r = (rows as { v: string; pool: string; flush: string }[])[0];
    return `MySQL-compatible ${r.v} (innodb_buffer_pool_size ${Math.round(Number(r.pool) / 2 ** 20)} MB, flush_log_at_trx_commit ${r.flush})`;
  } finally {
    await connection.end();
  }
}

async function runEngine(engine: Engine, scale: Scale, options: Options): Promise<EngineRun> {
  const started = Date.now();
  const agencies = SCALE_AGENCIES[scale];
  const { url, rawUrl, sqlitePaths } = await prepareDatabases(engine, scale);
  log(`${engine}: ${scale} (≈${agencies} agencies × ${BENCH_YEARS.length} years) on ${url.replace(/\/\/[^@]*@/, '//')}`);
  const storage = await openStorage({ url });
  let load: ProvinceLoad;
  let raw: RawInsertResult | null = null;
  let rollup: RollupBenchResult | null = null;
  let http: HttpBenchResult | null = null;
  let screen: ScreenBenchResult | null = null;
  try {
    load = await loadProvince(storage, { agencies, chunk: LOAD_CHUNK[scale], progress: (t) => log(`${engine}: ${t}`) });
    log(`${engine}: loaded ${load.agencies} agencies, ${load.reports} reports in ${load.storageSeconds.toFixed(1)} s of Storage calls`);
    if (options.only.includes('load')) {
      const rawStorage = await openStorage({ url: rawUrl }); // the same schema, by the same migrations
      await rawStorage.close();
      raw = engine === 'sqlite' ? rawInsertSqlite(sqlitePaths![0], sqlitePaths![1]) : await rawInsertMysql(url, rawUrl);
      log(`${engine}: raw insert of the same ${raw.rows} rows in ${raw.seconds.toFixed(1)} s`);
    }
    if (options.only.includes('rollup')) {
      rollup = await benchRollups(storage, load.rootCode, load.leafCode, BENCH_YEARS, { seconds: Math.max(2, options.seconds / 2) });
      log(`${engine}: root rollup ${(rollup.rootRollup * 1000).toFixed(2)} ms, leaf report ${(rollup.leafReport * 1000).toFixed(2)} ms, query-time rollup ${(rollup.queryTimeRollup * 1000).toFixed(1)} ms`);
    }
  } finally {
    await storage.close();
  }
  if (options.only.includes('http') || options.only.includes('memory')) {
    http = await benchHttp(url, { code: load.dashboardCode, year: BENCH_YEARS[BENCH_YEARS.length - 1], seconds: options.seconds, progress: (t) => log(`${engine}: ${t}`) });
  }
  if (options.only.includes('http') && http?.query.startsWith('dashboard')) {
    // After the HTTP runs (which it would disturb): the same screen in-process, against its floor.
    screen = await benchScreen(url, screenQuery(), dashboardVariables(load.dashboardCode, BENCH_YEARS[BENCH_YEARS.length - 1]));
    log(`${engine}: screen in-process ${screen.screenMs.toFixed(3)} ms, floor ${(screen.graphqlFloorMs + screen.sqlFloorMs).toFixed(3)} ms (GraphQL ${screen.graphqlFloorMs.toFixed(3)}, SQL ${screen.sqlFloorMs.toFixed(3)})`);
  }
  return {
    engine, scale, version: await engineVersion(engine, url), load, raw, rollup, http, screen,
    parts: options.only, minutes: (Date.now() - started) / 60_000,
  };
}

function loadAverage(): string {
  return os.loadavg().map((n) => n.toFixed(2)).join(' / ');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const loadBefore = loadAverage();
  let parse: ParseBenchResult | null = null;
  if (options.only.includes('parse')) {
    parse = await benchParse();
    log(`parse: ${parse.docsPerSecond} docs/s (text ${parse.textDocsPerSecond}, html ${parse.htmlDocsPerSecond})`);
  }
  const engines: EngineRun[] = [];
  const dataParts = options.only.filter((p) => p !== 'parse');
  if (dataParts.length > 0) {
    for (const engine of options.engines) {
      engines.push(await runEngine(engine, options.scale ?? DEFAULT_SCALES[engine], options));
    }
  }
  const run: BenchRun = {
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    date: new Date().toISOString(),
    machine: {
      nproc: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAverage(),
      commit: gitCommit(),
    },
    defaultScales: options.scale === null,
    seconds: options.seconds,
    parse,
    engines,
    minutes: (Date.now() - started) / 60_000,
  };
  mkdirSync(options.out, { recursive: true });
  const { markdown, json } = renderResults(run);
  writeFileSync(path.join(options.out, 'results.md'), markdown);
  writeFileSync(path.join(options.out, 'results.json'), `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(markdown);
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
