/**
 * The Storage of api.ts over a TypeORM DataSource. Writes are one transaction each and are
 * serialised in-process (better-sqlite3 is one synchronous connection: two async transactions must
 * not interleave); on SQLite reads wait for the running write too, so they never see half of it.
 */
import { type DataSource, QueryFailedError } from 'typeorm';
import { AppError } from '../errors';
import type { Severity } from '../domain/catalogue';
import type { AgencyFilter, RollupKey, RuleFailureCount, RollupOptions, Storage, SubmitReportCommand, PublishReportCommand } from './api';
import {
  agenciesByCodeIn, agenciesByIdIn, agencyByNameIn, childrenOfIn, findAgenciesIn, nameHistoryIn, parentLinksIn, parentsOfIn,
  endAgencyIn, rebuildClosureIn, type SetParentInput, setParentIn, type UpsertAgencyInput, upsertAgencyIn, verifyClosureIn,
} from './agency-store';
import { selfAndAncestorIdsIn } from './ancestry';
import { type BulkAgency, type BulkLink, loadAgenciesIn, loadReportsIn } from './bulk-store';
import type { Engine } from './data-source';
import { Mutex } from './mutex';
import { appendChanges, selectChangesAfter, type WriteChanges } from './change-log.queries';
import { publishReportIn, reportsByAgencyYearIn, reportsOfAgenciesIn, revisionsOfIn, submitReportIn } from './report-store';
import { selectFailureCounts, selectMissingIds } from './rollup.queries';
import { countReportRows } from './report.queries';
import { aggregateIn, estimateAggregateIn, missingReportersManyIn, validationSummariesIn } from './analytics-store';
import type { AggregateFilter, AggregateQuery } from './analytics-api';
import { rebuildAllRollups, readRollups, type RollupContext, verifyAllRollups } from './rollup-store';
import { type Executor, groupBy } from './sql';
import type { StatementCounter } from './statement-counter';
import type { CellDictionary } from './cell-dictionary';
import { createTokenIn, listTokensIn, revokeTokenIn, subtreeCodesIn, verifyTokenIn } from './token-store';
import type { CreateTokenInput } from './token-api';

/** The driver's error code of a failed query (mysql2 and better-sqlite3 both set `code`), if any. */
function driverCode(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driverError: unknown = error.driverError;
  return typeof driverError === 'object' && driverError !== null && 'code' in driverError && typeof driverError.code === 'string' ? driverError.code : null;
}

export class SqlStorage implements Storage {
  private readonly writes = new Mutex();
  private readonly ctx: RollupContext;

  constructor(
    private readonly dataSource: DataSource,
    readonly engine: Engine,
    dictionary: CellDictionary,
    private readonly counter: StatementCounter,
  ) {
    this.ctx = { engine, dictionary };
  }

  readonly statements = {
    count: (): number => this.counter.count(),
    reset: (): void => this.counter.reset(),
  };

  async close(): Promise<void> {
    await this.writes.exclusive(async () => {
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
    });
  }

  /**
   * One transaction, serialised in-process. On MySQL a deadlock victim is retried (twice); a unique
   * key taken by a concurrent writer (another instance creating the same report or agency) is a CONFLICT.
   */
  private write<T>(work: (db: Executor) => Promise<T>, changes: WriteChanges | null): Promise<T> {
    return this.writes.exclusive(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.dataSource.transaction(async (manager) => {
            const result = await work(manager);
            // In the same transaction: a change is logged exactly when it commits.
            if (changes !== null) await appendChanges(manager, changes);
            return result;
          });
        } catch (error) {
          const code = driverCode(error);
          if (code === 'ER_LOCK_DEADLOCK' && attempt < 3) continue;
          if (code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
            throw new AppError('CONFLICT', 'a concurrent write created the same record first: reload and try again', { reason: code });
          }
          throw error;
        }
      }
    });
  }

  private read<T>(work: (db: Executor) => Promise<T>): Promise<T> {
    return this.engine === 'sqlite' ? this.writes.exclusive(() => work(this.dataSource)) : work(this.dataSource);
  }

  upsertAgency(input: UpsertAgencyInput) {
    return this.write((db) => upsertAgencyIn(db, input), 'all');
  }

  setParent(input: SetParentInput) {
    return this.write((db) => setParentIn(db, this.ctx, input), 'all');
  }

  endAgency(input: { code: string; lastYear: number }) {
    return this.write((db) => endAgencyIn(db, this.ctx, input), 'all');
  }

  loadAgencies(input: { agencies: readonly BulkAgency[]; links: readonly BulkLink[] }) {
    return this.write((db) => loadAgenciesIn(db, this.ctx, input), 'all');
  }

  loadReports(commands: readonly SubmitReportCommand[]) {
    return this.write((db) => loadReportsIn(db, this.ctx, commands), commands.map((c) => ({ agencyCode: c.agencyCode, year: c.document.year })));
  }

  agenciesByCode(codes: readonly string[]) {
    return this.read((db) => agenciesByCodeIn(db, codes));
  }

  agenciesById(ids: readonly number[]) {
    return this.read((db) => agenciesByIdIn(db, ids));
  }

  agencyByName(name: string) {
    return this.read((db) => agencyByNameIn(db, name));
  }

  findAgencies(filter: AgencyFilter, page: { first: number; offset: number }) {
    return this.read((db) => findAgenciesIn(db, filter, page));
  }

  nameHistory(agencyIds: readonly number[]) {
    return this.read((db) => nameHistoryIn(db, agencyIds));
  }

  parentsOf(keys: readonly RollupKey[]) {
    return this.read((db) => parentsOfIn(db, keys));
  }

  childrenOf(keys: readonly RollupKey[]) {
    return this.read((db) => childrenOfIn(db, keys));
  }

  parentLinks(agencyIds: readonly number[]) {
    return this.read((db) => parentLinksIn(db, agencyIds));
  }

  selfAndAncestorIds(agencyIds: readonly number[]) {
    return this.read((db) => selfAndAncestorIdsIn(db, agencyIds));
  }

  submitReport(command: SubmitReportCommand) {
    return this.write((db) => submitReportIn(db, this.ctx, command), [{ agencyCode: command.agencyCode, year: command.document.year }]);
  }

  publishReport(command: PublishReportCommand) {
    return this.write((db) => publishReportIn(db, this.ctx, command), [{ agencyCode: command.agencyCode, year: command.year }]);
  }

  reportsByAgencyYear(keys: readonly RollupKey[]) {
    return this.read((db) => reportsByAgencyYearIn(db, this.ctx, keys));
  }

  reportsOfAgencies(agencyIds: readonly number[]) {
    return this.read((db) => reportsOfAgenciesIn(db, this.ctx, agencyIds));
  }

  revisionsOf(reportIds: readonly number[]) {
    return this.read((db) => revisionsOfIn(db, this.ctx, reportIds));
  }

  rollups(keys: readonly RollupKey[], options?: RollupOptions) {
    return this.read((db) => (keys.length ? readRollups(db, this.ctx, keys, options) : Promise.resolve([])));
  }

  missingReporters(key: RollupKey, options: RollupOptions = {}) {
    return this.read(async (db) => {
      const ids = await selectMissingIds(db, key, options.hierarchy ?? 'YEAR', options.includeDrafts ? 'ANY' : 'PUBLISHED');
      return (await agenciesByIdIn(db, ids)).filter((a) => a !== null);
    });
  }

  checkFailures(keys: readonly RollupKey[], options: RollupOptions = {}) {
    return this.read(async (db) => {
      const rows = keys.length ? await selectFailureCounts(db, keys, options.hierarchy ?? 'YEAR', options.includeDrafts ? 'ANY' : 'PUBLISHED') : [];
      const byKey = groupBy(rows, (r) => `${r.agencyId}:${r.year}`);
      return keys.map((k) =>
        Object.freeze(
          (byKey.get(`${k.agencyId}:${k.year}`) ?? [])
            .map((r): RuleFailureCount => Object.freeze({ rule: r.rule, severity: r.severity as Severity, reports: r.reports })),
        ),
      );
    });
  }

  estimateAggregate(filter: AggregateFilter) {
    return this.read((db) => estimateAggregateIn(db, this.ctx, filter));
  }

  aggregate(query: AggregateQuery, limits: { readonly maxCost: number }) {
    return this.read((db) => aggregateIn(db, this.ctx, query, limits));
  }

  validationSummaries(keys: readonly RollupKey[], options: RollupOptions & { readonly agenciesPerRule?: number } = {}) {
    return this.read((db) => validationSummariesIn(db, keys, options));
  }

  missingReportersMany(keys: readonly RollupKey[], options: RollupOptions & { readonly limit?: number } = {}) {
    return this.read((db) => missingReportersManyIn(db, keys, options));
  }

  /** Row counts of the report and rollup tables (tests; see countRows in index.ts). */
  countRows() {
    return this.read((db) => countReportRows(db));
  }

  rebuildRollups() {
    return this.write(async (db) => {
      // Derived data in dependency order: the closure from the links, then the rollups over it.
      await rebuildClosureIn(db);
      return { rows: await rebuildAllRollups(db, this.ctx) };
    }, 'all');
  }

  changesAfter(seq: number) {
    return this.read((db) => selectChangesAfter(db, seq));
  }

  verifyRollups() {
    return this.read(async (db) => ({ differences: Object.freeze([...(await verifyClosureIn(db)), ...(await verifyAllRollups(db))]) }));
  }

  createToken(input: CreateTokenInput) {
    return this.write((db) => createTokenIn(db, input), null);
  }

  /** A read that may write last_used_at: on SQLite `read` holds the write mutex; on MySQL the UPDATE autocommits. */
  verifyToken(secret: string) {
    return this.read((db) => verifyTokenIn(db, secret));
  }

  listTokens() {
    return this.read((db) => listTokensIn(db));
  }

  revokeToken(id: number) {
    return this.write((db) => revokeTokenIn(db, id), null);
  }

  subtreeCodes(agencyCode: string) {
    return this.read((db) => subtreeCodesIn(db, agencyCode));
  }
}
