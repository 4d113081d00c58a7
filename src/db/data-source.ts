/**
 * Builds the TypeORM DataSource from a database URL: `sqlite:PATH` (`sqlite::memory:`) or
 * `mysql://user:pass@host:port/db` (MySQL, TiDB, MariaDB) or `mariadb://…` (MariaDB, same migrations). `synchronize` is always false: the schema
 * comes only from the migrations of the engine (stack.md gotcha 7: generated SQL differs per driver).
 */
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppError } from '../errors';
import { ENTITIES } from './entities';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';
import type { StatementCounter } from './statement-counter';

export type Engine = 'sqlite' | 'mysql';

export interface ParsedUrl {
  readonly engine: Engine;
  /** SQLite file path (":memory:" for an in-memory database), or the mysql URL itself. */
  readonly target: string;
  /** TypeORM dialect on the MySQL engine (same driver and migrations). */
  readonly flavour?: 'mysql' | 'mariadb';
}

/** @throws AppError VALIDATION_FAILED when the URL names no supported engine. */
export function parseDatabaseUrl(url: string): ParsedUrl {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (!path) throw new AppError('VALIDATION_FAILED', 'database url: expected sqlite:PATH or sqlite::memory:, received "sqlite:"', { field: 'url', expected: 'sqlite:PATH', received: url });
    return { engine: 'sqlite', target: path };
  }
  if (/^mysql:\/\//.test(url)) return { engine: 'mysql', target: url, flavour: 'mysql' };
  // mariadb:// selects TypeORM's mariadb dialect, whose schema diff reads MariaDB's column defaults right
  // (with mysql://, `migration:generate --check` on MariaDB reports DEFAULT NULL columns as changed).
  if (/^mariadb:\/\//.test(url)) return { engine: 'mysql', target: url.replace(/^mariadb:/, 'mysql:'), flavour: 'mariadb' };
  throw new AppError('VALIDATION_FAILED', `database url: expected sqlite:PATH or mysql://user:pass@host:port/db, received ${JSON.stringify(url.replace(/\/\/[^@]*@/, '//***@'))}`, {
    field: 'url', expected: 'sqlite:PATH or mysql://…', received: url.split(':')[0] ?? '',
  });
}

export function dataSourceOptions(url: string, logger?: StatementCounter): DataSourceOptions {
  const parsed = parseDatabaseUrl(url);
  const common = { entities: ENTITIES, synchronize: false, migrationsRun: false, ...(logger ? { logger } : {}) } as const;
  switch (parsed.engine) {
    case 'sqlite':
      return {
        ...common,
        type: 'better-sqlite3',
        database: parsed.target,
        migrations: SQLITE_MIGRATIONS,
        // WAL + synchronous=NORMAL for files (stack.md "DB numbers"); meaningless for :memory:.
        enableWAL: parsed.target !== ':memory:',
        prepareDatabase: (db: { pragma(source: string): unknown }) => {
          if (parsed.target !== ':memory:') db.pragma('synchronous = NORMAL');
        },
      };
    case 'mysql':
      return {
        ...common,
        type: parsed.flavour === 'mariadb' ? 'mariadb' : 'mysql',
        url: parsed.target,
        charset: 'utf8mb4_unicode_ci',
        migrations: MYSQL_MIGRATIONS,
        // BIGINT, SUM and COUNT come back as strings; src/db converts them with toSafeInteger.
        supportBigNumbers: true,
        bigNumberStrings: true,
      };
    default: {
      const unreachable: never = parsed.engine;
      throw new Error(`unreachable engine ${String(unreachable)}`);
    }
  }
}

export function createDataSource(url: string, logger?: StatementCounter): DataSource {
  return new DataSource(dataSourceOptions(url, logger));
}
