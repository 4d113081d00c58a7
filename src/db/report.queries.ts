/** SQL of reports, their compact cells, check failures and revisions. */
import type { Engine } from './data-source';
import { chunks, type Executor, forUpdate, insertRows, KEY_CHUNK, placeholders, toSafeInteger } from './sql';
import { keyCondition } from './hierarchy.queries';

/** A report row with the driver's values converted (text columns stay encoded; mappers decode them). */
export interface ReportRow {
  readonly id: number;
  readonly agencyId: number;
  readonly agencyCode: string;
  readonly year: number;
  readonly format: string;
  readonly status: 'DRAFT' | 'PUBLISHED';
  readonly scope: 'OWN' | 'REGION';
  readonly publishedOn: string | null;
  readonly textOverview: string | null;
  readonly textProblems: string | null;
  readonly textOther: string | null;
  readonly statedFigures: string;
  readonly diagnostics: string;
  readonly blankCodes: string;
  readonly absentCodes: string;
  readonly acceptedFailures: string;
  readonly revision: number;
  readonly sourceName: string | null;
  readonly contentHash: string;
  readonly submittedBy: string | null;
  readonly submittedAt: string;
  readonly updatedAt: string;
}

/** The writable columns of a report row. */
export type ReportValuesRow = Omit<ReportRow, 'id' | 'agencyCode'>;

const REPORT_COLUMNS = `r.id, r.agency_id, a.code AS agency_code, r.year, r.format, r.status, r.scope, r.published_on,
  r.text_overview, r.text_problems, r.text_other, r.stated_figures, r.diagnostics, r.blank_codes, r.absent_codes,
  r.accepted_failures, r.revision, r.source_name, r.content_hash, r.submitted_by, r.submitted_at, r.updated_at`;

type Raw = Record<string, unknown>;

function toReportRow(r: Raw): ReportRow {
  return {
    id: toSafeInteger(r.id, 'report.id'),
    agencyId: toSafeInteger(r.agency_id, 'report.agency_id'),
    agencyCode: r.agency_code as string,
    year: toSafeInteger(r.year, 'report.year'),
    format: r.format as string,
    status: r.status as ReportRow['status'],
    scope: r.scope as ReportRow['scope'],
    publishedOn: (r.published_on as string | null) ?? null,
    textOverview: (r.text_overview as string | null) ?? null,
    textProblems: (r.text_problems as string | null) ?? null,
    textOther: (r.text_other as string | null) ?? null,
    statedFigures: r.stated_figures as string,
    diagnostics: r.diagnostics as string,
    blankCodes: r.blank_codes as string,
    absentCodes: r.absent_codes as string,
    acceptedFailures: r.accepted_failures as string,
    revision: toSafeInteger(r.revision, 'report.revision'),
    sourceName: (r.source_name as string | null) ?? null,
    contentHash: r.content_hash as string,
    submittedBy: (r.submitted_by as string | null) ?? null,
    submittedAt: r.submitted_at as string,
    updatedAt: r.updated_at as string,
  };
}

/** The report of (agency, year), locked for the rest of the transaction on MySQL. */
export async function selectReportForUpdate(db: Executor, engine: Engine, agencyId: number, year: number): Promise<ReportRow | null> {
  const rows = await db.query<Raw[]>(
    `SELECT ${REPORT_COLUMNS} FROM report r JOIN agency a ON a.id = r.agency_id WHERE r.agency_id = ? AND r.year = ?${forUpdate(engine)}`,
    [agencyId, year],
  );
  return rows.length ? toReportRow(rows[0]) : null;
}

export async function selectReportsByKeys(db: Executor, keys: readonly { agencyId: number; year: number }[]): Promise<ReportRow[]> {
  const out: ReportRow[] = [];
  for (const chunk of chunks(keys, KEY_CHUNK)) {
    const cond = keyCondition('r.agency_id', 'r.year', chunk);
    out.push(...(await db.query<Raw[]>(`SELECT ${REPORT_COLUMNS} FROM report r JOIN agency a ON a.id = r.agency_id WHERE ${cond.sql}`, cond.params)).map(toReportRow));
  }
  return out;
}

export async function selectReportsOfAgencies(db: Executor, agencyIds: readonly number[]): Promise<ReportRow[]> {
  const out: ReportRow[] = [];
  for (const chunk of chunks([...new Set(agencyIds)])) {
    out.push(
      ...(await db.query<Raw[]>(
        `SELECT ${REPORT_COLUMNS} FROM report r JOIN agency a ON a.id = r.agency_id WHERE r.agency_id IN (${placeholders(chunk.length)}) ORDER BY r.agency_id, r.year`,
        chunk,
      )).map(toReportRow),
    );
  }
  return out;
}

export interface CellRow { readonly reportId: number; readonly codeId: number; readonly value: number }

export async function selectCells(db: Executor, reportIds: readonly number[]): Promise<CellRow[]> {
  const out: CellRow[] = [];
  for (const chunk of chunks([...new Set(reportIds)])) {
    const rows = await db.query<Raw[]>(`SELECT report_id, code_id, value FROM report_cell WHERE report_id IN (${placeholders(chunk.length)})`, chunk);
    for (const r of rows) {
      out.push({ reportId: toSafeInteger(r.report_id, 'report_cell.report_id'), codeId: toSafeInteger(r.code_id, 'report_cell.code_id'), value: toSafeInteger(r.value, 'report_cell.value') });
    }
  }
  return out;
}

export interface FailureRow { readonly reportId: number; readonly ruleId: string; readonly severity: string; readonly cells: string; readonly message: string }

export async function selectFailures(db: Executor, reportIds: readonly number[]): Promise<FailureRow[]> {
  const out: FailureRow[] = [];
  for (const chunk of chunks([...new Set(reportIds)])) {
    const rows = await db.query<Raw[]>(
      `SELECT report_id, rule_id, severity, cells, message FROM report_check_failure WHERE report_id IN (${placeholders(chunk.length)}) ORDER BY report_id, seq`,
      chunk,
    );
    for (const r of rows) {
      out.push({ reportId: toSafeInteger(r.report_id, 'report_check_failure.report_id'), ruleId: r.rule_id as string, severity: r.severity as string, cells: r.cells as string, message: r.message as string });
    }
  }
  return out;
}

const WRITABLE: readonly (keyof ReportValuesRow)[] = [
  'agencyId', 'year', 'format', 'status', 'scope', 'publishedOn', 'textOverview', 'textProblems', 'textOther',
  'statedFigures', 'diagnostics', 'blankCodes', 'absentCodes', 'acceptedFailures', 'revision', 'sourceName',
  'contentHash', 'submittedBy', 'submittedAt', 'updatedAt',
];
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Inserts the report row and returns its id (read back by its unique key: no reliance on insert ids). */
export async function insertReport(db: Executor, values: ReportValuesRow): Promise<number> {
  await db.query(
    `INSERT INTO report (${WRITABLE.map(snake).join(', ')}) VALUES (${placeholders(WRITABLE.length)})`,
    WRITABLE.map((k) => values[k]),
  );
  const [row] = await db.query<Raw[]>('SELECT id FROM report WHERE agency_id = ? AND year = ?', [values.agencyId, values.year]);
  return toSafeInteger(row.id, 'report.id');
}

export async function updateReport(db: Executor, id: number, values: ReportValuesRow): Promise<void> {
  await db.query(`UPDATE report SET ${WRITABLE.map((k) => `${snake(k)} = ?`).join(', ')} WHERE id = ?`, [...WRITABLE.map((k) => values[k]), id]);
}

/** Replaces the non-zero cells of a report. */
export async function replaceCells(db: Executor, reportId: number, cells: readonly (readonly [codeId: number, value: number])[]): Promise<void> {
  await db.query('DELETE FROM report_cell WHERE report_id = ?', [reportId]);
  await insertRows(db, 'report_cell', ['report_id', 'code_id', 'value'], cells.map(([codeId, value]) => [reportId, codeId, value]));
}

export async function replaceFailures(db: Executor, reportId: number, failures: readonly Omit<FailureRow, 'reportId'>[]): Promise<void> {
  await db.query('DELETE FROM report_check_failure WHERE report_id = ?', [reportId]);
  await insertRows(
    db, 'report_check_failure', ['report_id', 'seq', 'rule_id', 'severity', 'cells', 'message'],
    failures.map((f, seq) => [reportId, seq, f.ruleId, f.severity, f.cells, f.message]),
  );
}

export interface RevisionRow {
  readonly reportId: number;
  readonly revision: number;
  readonly status: 'DRAFT' | 'PUBLISHED';
  readonly format: string;
  readonly cells: string;
  readonly contentHash: string;
  readonly changedBy: string | null;
  readonly changedAt: string;
  readonly action: string;
}

export async function insertRevision(db: Executor, r: RevisionRow): Promise<void> {
  await db.query(
    'INSERT INTO report_revision (report_id, revision, status, format, cells, content_hash, changed_by, changed_at, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [r.reportId, r.revision, r.status, r.format, r.cells, r.contentHash, r.changedBy, r.changedAt, r.action],
  );
}

export async function selectRevisions(db: Executor, reportIds: readonly number[]): Promise<RevisionRow[]> {
  const out: RevisionRow[] = [];
  for (const chunk of chunks([...new Set(reportIds)])) {
    const rows = await db.query<Raw[]>(
      `SELECT report_id, revision, status, format, cells, content_hash, changed_by, changed_at, action FROM report_revision
       WHERE report_id IN (${placeholders(chunk.length)}) ORDER BY report_id, revision`,
      chunk,
    );
    for (const r of rows) {
      out.push({
        reportId: toSafeInteger(r.report_id, 'report_revision.report_id'),
        revision: toSafeInteger(r.revision, 'report_revision.revision'),
        status: r.status as RevisionRow['status'],
        format: r.format as string,
        cells: r.cells as string,
        contentHash: r.content_hash as string,
        changedBy: (r.changed_by as string | null) ?? null,
        changedAt: r.changed_at as string,
        action: r.action as string,
      });
    }
  }
  return out;
}

/** Row counts of the report tables (tests compare them around a failing write). */
export async function countReportRows(db: Executor): Promise<Record<string, number>> {
  const tables = ['report', 'report_cell', 'report_check_failure', 'report_revision', 'rollup', 'rollup_node'];
  const rows = await db.query<Raw[]>(tables.map((t) => `SELECT '${t}' AS t, COUNT(*) AS n FROM ${t}`).join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.t as string, toSafeInteger(r.n, 'COUNT(*)')]));
}

/** Multi-row insert of new report rows (bulk loads); ids are read back with selectReportIds. */
export async function insertReportRows(db: Executor, rows: readonly ReportValuesRow[]): Promise<void> {
  await insertRows(db, 'report', WRITABLE.map(snake), rows.map((r) => WRITABLE.map((k) => r[k])), 100);
}

/** Ids of the reports of (agency, year) keys, as "agencyId:year" → id. */
export async function selectReportIds(db: Executor, keys: readonly { agencyId: number; year: number }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const chunk of chunks(keys, KEY_CHUNK)) {
    const cond = keyCondition('agency_id', 'year', chunk);
    for (const r of await db.query<Raw[]>(`SELECT id, agency_id, year FROM report WHERE ${cond.sql}`, cond.params)) {
      out.set(`${toSafeInteger(r.agency_id, 'report.agency_id')}:${toSafeInteger(r.year, 'report.year')}`, toSafeInteger(r.id, 'report.id'));
    }
  }
  return out;
}

export async function insertCellRows(db: Executor, rows: readonly (readonly [reportId: number, codeId: number, value: number])[]): Promise<void> {
  await insertRows(db, 'report_cell', ['report_id', 'code_id', 'value'], rows);
}

export async function deleteFailuresOf(db: Executor, reportIds: readonly number[]): Promise<void> {
  for (const chunk of chunks(reportIds)) {
    await db.query(`DELETE FROM report_check_failure WHERE report_id IN (${placeholders(chunk.length)})`, chunk);
  }
}

export async function insertFailureRows(db: Executor, rows: readonly FailureRow[]): Promise<void> {
  const seq = new Map<number, number>();
  await insertRows(db, 'report_check_failure', ['report_id', 'seq', 'rule_id', 'severity', 'cells', 'message'], rows.map((f) => {
    const n = seq.get(f.reportId) ?? 0;
    seq.set(f.reportId, n + 1);
    return [f.reportId, n, f.ruleId, f.severity, f.cells, f.message];
  }), 200);
}

export async function insertRevisionRows(db: Executor, rows: readonly RevisionRow[]): Promise<void> {
  await insertRows(
    db, 'report_revision', ['report_id', 'revision', 'status', 'format', 'cells', 'content_hash', 'changed_by', 'changed_at', 'action'],
    rows.map((r) => [r.reportId, r.revision, r.status, r.format, r.cells, r.contentHash, r.changedBy, r.changedAt, r.action]), 100,
  );
}
