/**
 * SQL of change_log (entities/change-log.entity.ts): appended in every write's transaction, read by
 * the servers that follow it. Only the newest CHANGES_KEPT rows stay; a follower that fell further
 * behind sees the gap (its next seq is gone) and drops everything.
 */
import { MAX_NAMED_CHANGES } from './api';
import { type Executor, insertRows, nowIso, toOptionalInteger, toSafeInteger } from './sql';

/** Rows kept: far more than the writes of one poll interval, however busy. */
export const CHANGES_KEPT = 10_000;

export interface ChangeRow {
  readonly seq: number;
  readonly agencyCode: string | null;
  readonly year: number | null;
}

/** 'all', or the agency-years whose reports the write changed (a year unknown: anything may have changed). */
export type WriteChanges = 'all' | readonly { readonly agencyCode: string; readonly year: number | null }[];

export async function appendChanges(db: Executor, changes: WriteChanges, kept = CHANGES_KEPT): Promise<void> {
  const now = nowIso();
  const rows = changes === 'all' || changes.length > MAX_NAMED_CHANGES || changes.some((c) => c.year === null)
    ? [[null, null, now]]
    : [...new Map(changes.map((c) => [`${c.agencyCode}\0${c.year}`, [c.agencyCode, c.year, now]])).values()];
  if (rows.length === 0) return;
  await insertRows(db, 'change_log', ['agency_code', 'year', 'written_at'], rows);
  const [head] = await db.query<{ seq: unknown }[]>('SELECT MAX(seq) AS seq FROM change_log');
  const newest = toOptionalInteger(head?.seq, 'change_log.seq') ?? 0;
  if (newest > kept) await db.query('DELETE FROM change_log WHERE seq <= ?', [newest - kept]);
}

/** Rows after `seq`, in order, and the oldest seq still kept (null: the log is empty). */
export async function selectChangesAfter(db: Executor, seq: number): Promise<{ changes: ChangeRow[]; oldestKept: number | null; newest: number | null }> {
  const rows = await db.query<{ seq: unknown; agency_code: string | null; year: unknown }[]>(
    'SELECT seq, agency_code, year FROM change_log WHERE seq > ? ORDER BY seq',
    [seq],
  );
  const [bounds] = await db.query<{ oldest: unknown; newest: unknown }[]>('SELECT MIN(seq) AS oldest, MAX(seq) AS newest FROM change_log');
  return {
    changes: rows.map((r) => ({ seq: toSafeInteger(r.seq, 'change_log.seq'), agencyCode: r.agency_code, year: toOptionalInteger(r.year, 'change_log.year') })),
    oldestKept: toOptionalInteger(bounds?.oldest, 'change_log.seq'),
    newest: toOptionalInteger(bounds?.newest, 'change_log.seq'),
  };
}

