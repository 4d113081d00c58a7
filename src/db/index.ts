/**
 * Public surface of src/db: `openStorage` and the contract of api.ts. Nothing else (no entity, no
 * query) is meant to be imported from outside src/db, except ormconfig.ts (data-source.ts).
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import type { Storage } from './api';
import { loadCellDictionary } from './cell-dictionary';
import type { ClosureRow, LinkSpan } from './closure';
import { createDataSource, parseDatabaseUrl } from './data-source';
import { selectClosureOf, selectLinksOf } from './hierarchy.queries';
import { StatementCounter, type StatementLogging } from './statement-counter';
import { SqlStorage } from './storage';

export type * from './api';
export { plainRollup } from './api';
export { parseDatabaseUrl } from './data-source';
export type { Engine } from './data-source';

export interface OpenStorageOptions {
  /** `sqlite:PATH`, `sqlite::memory:`, or `mysql://user:pass@host:port/db`. */
  readonly url: string;
  /** Run pending migrations at open (default true). */
  readonly migrate?: boolean;
  /** Print every SQL statement (true), or hand each to a function (scripts/bench/profile-screen.ts replays them); default false. */
  readonly logging?: StatementLogging;
}

/**
 * Row counts of the report and rollup tables, for tests that prove a failing write left nothing behind
 * and that cells are stored compactly. Not part of the Storage contract.
 */
export async function countRows(storage: Storage): Promise<Readonly<Record<string, number>>> {
  if (!(storage instanceof SqlStorage)) throw new Error('countRows: expected a Storage returned by openStorage');
  return storage.countRows();
}

/** The DataSource behind each Storage returned by openStorage, for the test-only reader storedHierarchy. */
const dataSources = new WeakMap<Storage, DataSource>();

/**
 * The stored parent links (root spans included) and closure rows of the given agencies, for tests
 * that compare the closure table with closureRows of the links. Not part of the Storage contract;
 * it bypasses the write mutex, so call it only while no write is running.
 */
export async function storedHierarchy(storage: Storage, agencyIds: readonly number[]): Promise<{ readonly links: LinkSpan[]; readonly closure: ClosureRow[] }> {
  const dataSource = dataSources.get(storage);
  if (!dataSource) throw new Error('storedHierarchy: expected a Storage returned by openStorage');
  return { links: await selectLinksOf(dataSource, agencyIds), closure: await selectClosureOf(dataSource, agencyIds) };
}

/**
 * Opens the database, runs pending migrations (unless `migrate: false`) and returns the Storage.
 * @throws AppError VALIDATION_FAILED for an unsupported URL; driver errors when the database is unreachable.
 */
export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
  const { engine } = parseDatabaseUrl(options.url);
  const counter = new StatementCounter(options.logging ?? false);
  const dataSource = createDataSource(options.url, counter);
  await dataSource.initialize();
  try {
    if (options.migrate ?? true) await dataSource.runMigrations({ transaction: 'each' });
    const dictionary = await loadCellDictionary(dataSource);
    counter.reset();
    const storage = new SqlStorage(dataSource, engine, dictionary, counter);
    dataSources.set(storage, dataSource);
    return storage;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
