/**
 * Small helpers shared by the *.queries.ts files: the one executor type, safe integer conversion of
 * driver values (mysql2 returns BIGINT, SUM and COUNT as strings: stack.md gotcha 4), chunking of IN
 * lists, and the few places where the engines' SQL differs.
 */
import type { Engine } from './data-source';

/** What a query needs: a DataSource or a transaction's EntityManager. */
export interface Executor {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/** Keys per IN list / OR list: batch functions run a constant number of statements per 500 keys. */
export const CHUNK = 500;

/**
 * Composite (agency, year) keys per statement: OR lists and UNION ALL compounds stay well below SQLite's
 * expression depth (1000) and compound-select (500) limits.
 */
export const KEY_CHUNK = 200;

/** Rows per multi-row INSERT (×5 parameters stays far below SQLite's 32,766 limit). */
export const INSERT_CHUNK = 500;

/** The last year of an open span in the closure table (to_year is never NULL there). */
export const OPEN_YEAR = 9999;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function placeholders(count: number): string {
  return new Array(count).fill('?').join(', ');
}

/**
 * Converts a driver value (number, decimal string, bigint) to a JS integer.
 * @throws Error when the value is not an integer that a double represents exactly (a bug or corrupt data).
 */
export function toSafeInteger(value: unknown, what: string): number {
  const n = typeof value === 'string' ? Number(value) : typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new Error(`${what}: expected a safe integer from the database, received ${String(value)}`);
  return n;
}

export function toOptionalInteger(value: unknown, what: string): number | null {
  return value === null || value === undefined ? null : toSafeInteger(value, what);
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** `SELECT … FOR UPDATE` locks the row on MySQL; SQLite writes are serialised by a mutex instead. */
export function forUpdate(engine: Engine): string {
  return engine === 'mysql' ? ' FOR UPDATE' : '';
}

/**
 * `INSERT … ` that adds to an existing row's counters on key conflict.
 * @param columns all inserted columns; `adds` those added on conflict; `key` the primary key columns.
 */
export function insertAddingOnConflict(engine: Engine, table: string, columns: readonly string[], key: readonly string[], adds: readonly string[], rowCount: number): string {
  const values = new Array(rowCount).fill(`(${placeholders(columns.length)})`).join(', ');
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`;
  switch (engine) {
    case 'sqlite':
      return `${head} ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${adds.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}`;
    case 'mysql':
      return `${head} ON DUPLICATE KEY UPDATE ${adds.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`;
    default: {
      const unreachable: never = engine;
      throw new Error(`unreachable engine ${String(unreachable)}`);
    }
  }
}

/** A multi-row INSERT of `rows` (arrays in column order), chunked. */
export async function insertRows(db: Executor, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], rowsPerStatement = INSERT_CHUNK): Promise<void> {
  for (const chunk of chunks(rows, rowsPerStatement)) {
    const values = chunk.map(() => `(${placeholders(columns.length)})`).join(', ');
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, chunk.flat());
  }
}

/** Groups items by a key, keeping their order (joins rows of child tables to their parents in O(n)). */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
