/**
 * The database engines a test runs against: SQLite (in memory) always, MySQL/MariaDB when MYSQL_URL
 * is set (e.g. mysql://root@127.0.0.1:3306/test). Each `url()` call on MySQL creates a fresh,
 * uniquely named database (xxgk_t_<pid>_<n>) on that server; they are dropped after the file's tests.
 */
import { createConnection } from 'mysql2/promise';

export interface TestEngine {
  readonly name: 'sqlite' | 'mysql';
  /** A URL for openStorage on a new, empty database. */
  readonly url: () => Promise<string>;
}

const created: string[] = [];
let counter = 0;

function serverUrl(): URL {
  return new URL(process.env.MYSQL_URL!);
}

async function withServer<T>(work: (query: (sql: string) => Promise<unknown>) => Promise<T>): Promise<T> {
  const url = serverUrl();
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    return await work((sql) => connection.query(sql));
  } finally {
    await connection.end();
  }
}

async function freshMysqlUrl(): Promise<string> {
  counter += 1;
  const name = `xxgk_t_${process.pid}_${counter}`;
  await withServer((query) => query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`));
  created.push(name);
  const url = serverUrl();
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops every database this process created (idempotent). */
export async function dropTestDatabases(): Promise<void> {
  if (created.length === 0) return;
  const names = created.splice(0);
  await withServer(async (query) => {
    for (const name of names) await query(`DROP DATABASE IF EXISTS \`${name}\``);
  });
}

export const ENGINES: readonly TestEngine[] = [
  { name: 'sqlite', url: async () => 'sqlite::memory:' },
  ...(process.env.MYSQL_URL ? [{ name: 'mysql' as const, url: freshMysqlUrl }] : []),
];

/** One `describe` per engine, titled "<title> on <engine>"; MySQL databases are dropped after the file. */
export function describeEachEngine(title: string, fn: (engine: TestEngine) => void): void {
  if (process.env.MYSQL_URL) afterAll(dropTestDatabases);
  for (const engine of ENGINES) describe(`${title} on ${engine.name}`, () => fn(engine));
}
