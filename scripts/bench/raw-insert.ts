/**
 * The baseline of the load benchmark (DESIGN.md §7 "loading the province at least half the speed of a
 * raw multi-row insert of the same rows"): every row the Storage load wrote (all tables, as stored)
 * is inserted again into a fresh database of the same schema, with the bare driver, multi-row INSERTs
 * in one transaction. Only the INSERT calls are timed (reading the rows back is not).
 * This is a measuring instrument, not application code: it talks to the drivers directly on purpose.
 */
import Database from 'better-sqlite3';
import { createConnection, type Connection } from 'mysql2/promise';

export interface RawInsertResult {
  readonly rows: number;
  readonly seconds: number;
  readonly byTable: Readonly<Record<string, number>>;
}

/** Tables filled by the migrations themselves (and the migrations log): not part of a load. */
const SKIPPED = new Set(['migrations', 'cell_code', 'sqlite_sequence', 'typeorm_metadata']);
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** SQLite: copies `source` file's rows into `target` file (already migrated), prepared multi-row statements. */
export function rawInsertSqlite(sourcePath: string, targetPath: string): RawInsertResult {
  const source = new Database(sourcePath, { readonly: true });
  const target = new Database(targetPath);
  target.pragma('journal_mode = WAL');
  target.pragma('synchronous = NORMAL');
  const tables = (source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
    .map((t) => t.name)
    .filter((name) => !SKIPPED.has(name));
  let rows = 0;
  let elapsed = 0;
  const byTable: Record<string, number> = {};
  try {
    target.exec('BEGIN');
    for (const table of tables) {
      const columns = (source.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
      const perStatement = Math.max(1, Math.min(1000, Math.floor(30000 / columns.length)));
      const sql = (n: number) =>
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${new Array(n).fill(`(${columns.map(() => '?').join(', ')})`).join(', ')}`;
      const full = target.prepare(sql(perStatement));
      let batch: unknown[] = [];
      let inBatch = 0;
      const flush = () => {
        if (inBatch === 0) return;
        const start = process.hrtime.bigint();
        (inBatch === perStatement ? full : target.prepare(sql(inBatch))).run(batch);
        elapsed += seconds(start);
        batch = [];
        inBatch = 0;
      };
      let count = 0;
      for (const row of source.prepare(`SELECT * FROM "${table}"`).raw(true).iterate() as Iterable<unknown[]>) {
        batch.push(...row);
        inBatch += 1;
        count += 1;
        if (inBatch === perStatement) flush();
      }
      flush();
      byTable[table] = count;
      rows += count;
    }
    const start = process.hrtime.bigint();
    target.exec('COMMIT');
    elapsed += seconds(start);
  } finally {
    source.close();
    target.close();
  }
  return { rows, seconds: elapsed, byTable };
}

async function connect(url: string): Promise<Connection> {
  const u = new URL(url);
  return createConnection({
    host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password),
    database: u.pathname.slice(1), supportBigNumbers: true, bigNumberStrings: true, dateStrings: true,
  });
}

/** MySQL/MariaDB: copies the rows of `sourceUrl` into `targetUrl` (already migrated), `INSERT … VALUES ?` of 5000 rows. */
export async function rawInsertMysql(sourceUrl: string, targetUrl: string): Promise<RawInsertResult> {
  const source = await connect(sourceUrl);
  const target = await connect(targetUrl);
  let rows = 0;
  let elapsed = 0;
  const byTable: Record<string, number> = {};
  try {
    const [tableRows] = await source.query('SHOW TABLES');
    const tables = (tableRows as Record<string, string>[]).map((r) => Object.values(r)[0]).filter((name) => !SKIPPED.has(name));
    await target.query('START TRANSACTION');
    for (const table of tables) {
      const [columnRows] = await source.query(`SHOW COLUMNS FROM \`${table}\``);
      const columns = (columnRows as { Field: string }[]).map((c) => c.Field);
      const [primary] = await source.query(`SHOW KEYS FROM \`${table}\` WHERE Key_name = 'PRIMARY'`);
      const order = (primary as { Column_name: string }[]).map((k) => `\`${k.Column_name}\``).join(', ');
      let count = 0;
      // Keyset-free paging by LIMIT/OFFSET over the primary key order: reads are not timed.
      for (let offset = 0; ; offset += 20_000) {
        const [page] = await source.query({ sql: `SELECT ${columns.map((c) => `\`${c}\``).join(', ')} FROM \`${table}\`${order ? ` ORDER BY ${order}` : ''} LIMIT 20000 OFFSET ${offset}`, rowsAsArray: true });
        const values = page as unknown[][];
        for (let i = 0; i < values.length; i += 5000) {
          const chunk = values.slice(i, i + 5000);
          const start = process.hrtime.bigint();
          await target.query(`INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [chunk]);
          elapsed += seconds(start);
        }
        count += values.length;
        if (values.length < 20_000) break;
      }
      byTable[table] = count;
      rows += count;
    }
    const start = process.hrtime.bigint();
    await target.query('COMMIT');
    elapsed += seconds(start);
  } finally {
    await source.end();
    await target.end();
  }
  return { rows, seconds: elapsed, byTable };
}
