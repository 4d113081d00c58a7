/**
 * Counts the SQL statements the driver runs (tests assert constant counts for batch functions) and
 * optionally prints them. TypeORM calls `logQuery` for every statement, whatever its `logging` option.
 */
import type { Logger, QueryRunner } from 'typeorm';

/** Where each statement goes besides the count: printed (true), handed to a function (tools that replay them), or nowhere. */
export type StatementLogging = boolean | ((query: string, parameters: readonly unknown[]) => void);

export class StatementCounter implements Logger {
  private executed = 0;
  private readonly print: boolean;
  private readonly observe: ((query: string, parameters: readonly unknown[]) => void) | null;

  constructor(logging: StatementLogging) {
    this.print = logging === true;
    this.observe = typeof logging === 'function' ? logging : null;
  }

  count(): number {
    return this.executed;
  }

  reset(): void {
    this.executed = 0;
  }

  logQuery(query: string, parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.executed += 1;
    this.observe?.(query, parameters ?? []);
    if (this.print) console.log(`[sql] ${query}${parameters?.length ? ` -- ${JSON.stringify(parameters)}` : ''}`);
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    if (this.print) console.error(`[sql error] ${String(error)} in ${query} -- ${JSON.stringify(parameters ?? [])}`);
  }

  logQuerySlow(time: number, query: string): void {
    if (this.print) console.warn(`[sql slow ${time} ms] ${query}`);
  }

  logSchemaBuild(message: string): void {
    if (this.print) console.log(`[schema] ${message}`);
  }

  logMigration(message: string): void {
    if (this.print) console.log(`[migration] ${message}`);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (this.print) console.log(`[${level}] ${String(message)}`);
  }
}
