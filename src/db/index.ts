/**
 * Public surface of src/db: `openStorage` and the contract of api.ts. Nothing else (no entity, no
 * query) is meant to be imported from outside src/db, except ormconfig.ts (data-source.ts).
 */
import 'reflect-metadata';
import type { Storage } from './api';
import { loadCellDictionary } from './cell-dictionary';
import { createDataSource, parseDatabaseUrl } from './data-source';
import { StatementCounter } from './statement-counter';
import { SqlStorage } from './storage';

export type * from './api';
export { parseDatabaseUrl } from './data-source';
export type { Engine } from './data-source';

export interface OpenStorageOptions {
  /** `sqlite:PATH`, `sqlite::memory:`, or `mysql://user:pass@host:port/db`. */
  readonly url: string;
  /** Run pending migrations at open (default true). */
  readonly migrate?: boolean;
  /** Print every SQL statement (default false). */
  readonly logging?: boolean;
}

/**
 * Row counts of the report and rollup tables, for tests that prove a failing write left nothing behind
 * and that cells are stored compactly. Not part of the Storage contract.
 */
export async function countRows(storage: Storage): Promise<Readonly<Record<string, number>>> {
  if (!(storage instanceof SqlStorage)) throw new Error('countRows: expected a Storage returned by openStorage');
  return storage.countRows();
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
    return new SqlStorage(dataSource, engine, dictionary, counter);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
