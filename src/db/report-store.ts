/**
 * Reports: submit and publish (each one transaction with cells, revision, check failures and the
 * rollup delta; DESIGN.md §6 "never half-writes", "no lost update"), and the batch reads.
 */
import { checkWithPreviousYear, failingErrors, subjectOfReport } from '../domain/checks';
import type { CheckResult, CheckSubject } from '../domain/checks/types';
import { AppError } from '../errors';
import type { PublishReportCommand, ReportRecord, RevisionRecord, RollupKey, SubmitReportCommand, SubmitReportResult } from './api';
import { agencyByCodeOrThrow } from './agency-store';
import { encodeIds } from './cell-dictionary';
import { reportRecordOf, revisionRecordOf, splitList } from './mappers';
import { compactCells, contentHash, encodeSnapshot, type ReportContent, validateDocument } from './report-content';
import {
  type FailureRow, insertReport, insertRevision, replaceCells, replaceFailures, type ReportRow, type ReportValuesRow,
  selectCells, selectFailures, selectReportForUpdate, selectReportsByKeys, selectReportsOfAgencies, selectRevisions, updateReport,
} from './report.queries';
import { applyReportChange, contributionOf, ensureYearMaterialised, type RollupContext } from './rollup-store';
import { type Executor, groupBy, nowIso } from './sql';

/** Cells (non-zero map) and failures of the rows: 2 statements per chunk, whatever the number of reports. */
async function recordsOf(db: Executor, ctx: RollupContext, rows: readonly ReportRow[]): Promise<ReportRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const cells = await selectCells(db, ids);
  const failures = await selectFailures(db, ids);
  const cellsById = new Map<number, Map<number, number>>();
  for (const c of cells) {
    let m = cellsById.get(c.reportId);
    if (!m) cellsById.set(c.reportId, (m = new Map()));
    m.set(c.codeId, c.value);
  }
  const failuresById = groupBy(failures, (f) => f.reportId);
  return rows.map((r) => reportRecordOf(r, cellsById.get(r.id) ?? new Map(), failuresById.get(r.id) ?? [], ctx.dictionary));
}

async function nonZeroCellsOf(db: Executor, reportId: number): Promise<Map<number, number>> {
  return new Map((await selectCells(db, [reportId])).map((c) => [c.codeId, c.value]));
}

function checkRevision(expected: number | null | undefined, actual: number, what: string): void {
  if (expected === null || expected === undefined || expected === actual) return;
  throw new AppError('CONFLICT', `${what} is at revision ${actual}, not ${expected}: reload it and apply the change again`, {
    field: 'expectedRevision', expected: String(expected), received: String(actual), actual,
  });
}

export function blocked(unaccepted: readonly string[], results: readonly CheckResult[]): AppError {
  const failures = results.filter((r) => !r.passed && r.severity === 'error' && unaccepted.includes(r.rule));
  return new AppError(
    'PUBLISH_BLOCKED',
    `cannot publish while ERROR checks fail: ${unaccepted.join(', ')} (${failures.map((f) => f.message).slice(0, 3).join('; ')}). Fix the figures, or accept the named failures.`,
    { field: 'acceptFailures', expected: `accepted failures ${unaccepted.join(', ')}`, received: 'none', rules: unaccepted, failures: failures.map((f) => ({ rule: f.rule, cells: f.cells, message: f.message })) },
  );
}

/** The within-report checks plus the cross-year ones against last year's report of the agency, when stored. */
async function runChecks(db: Executor, ctx: RollupContext, subject: CheckSubject, agencyId: number): Promise<CheckResult[]> {
  const [previousRow] = await selectReportsByKeys(db, [{ agencyId, year: subject.year - 1 }]);
  let previous: CheckSubject | null = null;
  if (previousRow) {
    const [record] = await recordsOf(db, ctx, [previousRow]);
    previous = subjectOfReport(record, subject.agencyKind, subject.governmentKind ?? null);
  }
  return checkWithPreviousYear(subject, previous);
}

/**
 * X1–X4 of next year's report read this year's figures: re-run its checks so that its stored
 * failures (what validation summaries count) stay true after this year is written or corrected.
 */
async function recheckFollowingYear(db: Executor, ctx: RollupContext, agency: { id: number; kind: CheckSubject['agencyKind'] }, year: number): Promise<void> {
  const [nextRow] = await selectReportsByKeys(db, [{ agencyId: agency.id, year: year + 1 }]);
  if (!nextRow) return;
  const [next] = await recordsOf(db, ctx, [nextRow]);
  await replaceFailures(db, nextRow.id, failureRowsOf(await runChecks(db, ctx, subjectOfReport(next, agency.kind), agency.id)));
}

export function failureRowsOf(results: readonly CheckResult[]): Omit<FailureRow, 'reportId'>[] {
  return results.filter((r) => !r.passed).map((r) => ({ ruleId: r.rule, severity: r.severity, cells: JSON.stringify(r.cells), message: r.message }));
}

/**
 * Validates, checks and stores a report in the caller's transaction.
 * @throws AppError NOT_FOUND (agency), VALIDATION_FAILED (document), CONFLICT (expectedRevision),
 *   PUBLISH_BLOCKED (publish requested while an unaccepted ERROR check fails; nothing is written).
 */
export async function submitReportIn(db: Executor, ctx: RollupContext, command: SubmitReportCommand): Promise<SubmitReportResult> {
  const agency = await agencyByCodeOrThrow(db, command.agencyCode, 'agencyCode');
  const content: ReportContent = validateDocument(command.document, agency.code);
  const hash = contentHash(content);
  const existing = await selectReportForUpdate(db, ctx.engine, agency.id, content.year);
  checkRevision(command.expectedRevision, existing?.revision ?? 0, `the ${content.year} report of ${agency.code}`);
  const wantPublish = command.publish === true || command.document.status === 'PUBLISHED';

  if (existing && existing.contentHash === hash && (!wantPublish || existing.status === 'PUBLISHED')) {
    const [report] = await recordsOf(db, ctx, [existing]);
    return { outcome: 'UNCHANGED', report };
  }

  const subject: CheckSubject = {
    format: content.format, year: content.year, agencyKind: agency.kind, publishedOn: content.publishedOn,
    cells: content.cells, statedFigures: content.statedFigures,
  };
  const results = await runChecks(db, ctx, subject, agency.id);
  const failing = failingErrors(results);
  const accept = new Set(command.acceptFailures ?? []);
  const unaccepted = failing.filter((rule) => !accept.has(rule));
  if (wantPublish && unaccepted.length > 0) throw blocked(unaccepted, results);

  const status = wantPublish ? 'PUBLISHED' : 'DRAFT';
  const compact = compactCells(ctx.dictionary, content.format, content.cells);
  const now = nowIso();
  const values: ReportValuesRow = {
    agencyId: agency.id,
    year: content.year,
    format: content.format,
    status,
    scope: content.scope,
    publishedOn: content.publishedOn,
    textOverview: content.text.overview,
    textProblems: content.text.problems,
    textOther: content.text.other,
    statedFigures: JSON.stringify(content.statedFigures),
    diagnostics: JSON.stringify(command.document.diagnostics ?? []),
    blankCodes: encodeIds(compact.blank),
    absentCodes: encodeIds(compact.absent),
    acceptedFailures: failing.filter((rule) => accept.has(rule)).join(','),
    revision: (existing?.revision ?? 0) + 1,
    sourceName: command.sourceName,
    contentHash: hash,
    submittedBy: command.submittedBy,
    submittedAt: now,
    updatedAt: now,
  };

  // The year's rollups must exist before the delta is applied (materialised from the facts without this write).
  await ensureYearMaterialised(db, ctx, content.year);
  const before = existing ? contributionOf(existing, await nonZeroCellsOf(db, existing.id)) : null;
  const reportId = existing ? existing.id : await insertReport(db, values);
  if (existing) await updateReport(db, reportId, values);
  await replaceCells(db, reportId, compact.nonZero);
  await replaceFailures(db, reportId, failureRowsOf(results));
  await insertRevision(db, {
    reportId, revision: values.revision, status, format: content.format, cells: encodeSnapshot(compact), contentHash: hash,
    changedBy: command.submittedBy, changedAt: now, action: !existing ? 'submitted' : existing.contentHash === hash ? 'published' : 'updated',
  });
  await applyReportChange(db, ctx, agency.id, content.year, before, contributionOf(values, new Map(compact.nonZero)));
  await recheckFollowingYear(db, ctx, agency, content.year);

  const [row] = await selectReportsByKeys(db, [{ agencyId: agency.id, year: content.year }]);
  const [report] = await recordsOf(db, ctx, [row]);
  return { outcome: existing ? 'UPDATED' : 'CREATED', report };
}

/**
 * Publishes a stored report in the caller's transaction; accepted ERROR failures stay on record.
 * @throws AppError NOT_FOUND, CONFLICT, PUBLISH_BLOCKED.
 */
export async function publishReportIn(db: Executor, ctx: RollupContext, command: PublishReportCommand): Promise<ReportRecord> {
  const agency = await agencyByCodeOrThrow(db, command.agencyCode, 'agencyCode');
  const row = await selectReportForUpdate(db, ctx.engine, agency.id, command.year);
  if (!row) {
    throw new AppError('NOT_FOUND', `${agency.code} has no report for ${command.year}`, { field: 'year', expected: 'a year the agency has a report for', received: String(command.year) });
  }
  checkRevision(command.expectedRevision, row.revision, `the ${command.year} report of ${agency.code}`);
  const [current] = await recordsOf(db, ctx, [row]);
  const failing = failingErrors(current.checks);
  const accepted = new Set([...splitList(row.acceptedFailures), ...command.acceptFailures]);
  const unaccepted = failing.filter((rule) => !accepted.has(rule));
  if (unaccepted.length > 0) throw blocked(unaccepted, current.checks);
  const acceptedFailures = failing.filter((rule) => accepted.has(rule)).join(',');
  if (row.status === 'PUBLISHED' && acceptedFailures === row.acceptedFailures) return current;

  const now = nowIso();
  const values: ReportValuesRow = { ...row, status: 'PUBLISHED', acceptedFailures, revision: row.revision + 1, updatedAt: now };
  await ensureYearMaterialised(db, ctx, row.year);
  await updateReport(db, row.id, values);
  await insertRevision(db, {
    reportId: row.id, revision: values.revision, status: 'PUBLISHED', format: row.format, cells: encodeSnapshot(compactCells(ctx.dictionary, current.format, current.cells)),
    contentHash: row.contentHash, changedBy: command.publishedBy, changedAt: now, action: 'published',
  });
  const nonZero = await nonZeroCellsOf(db, row.id);
  await applyReportChange(db, ctx, agency.id, row.year, contributionOf(row, nonZero), contributionOf(values, nonZero));
  const [updated] = await selectReportsByKeys(db, [{ agencyId: agency.id, year: row.year }]);
  return (await recordsOf(db, ctx, [updated]))[0];
}

export async function reportsByAgencyYearIn(db: Executor, ctx: RollupContext, keys: readonly RollupKey[]): Promise<(ReportRecord | null)[]> {
  if (keys.length === 0) return [];
  const records = await recordsOf(db, ctx, await selectReportsByKeys(db, keys));
  const byKey = new Map(records.map((r) => [`${r.agencyId}:${r.year}`, r]));
  return keys.map((k) => byKey.get(`${k.agencyId}:${k.year}`) ?? null);
}

export async function reportsOfAgenciesIn(db: Executor, ctx: RollupContext, agencyIds: readonly number[]): Promise<(readonly ReportRecord[])[]> {
  if (agencyIds.length === 0) return [];
  const records = await recordsOf(db, ctx, await selectReportsOfAgencies(db, agencyIds));
  const byAgency = groupBy(records, (r) => r.agencyId);
  return agencyIds.map((id) => Object.freeze(byAgency.get(id) ?? []));
}

export async function revisionsOfIn(db: Executor, ctx: RollupContext, reportIds: readonly number[]): Promise<(readonly RevisionRecord[])[]> {
  if (reportIds.length === 0) return [];
  const rows = await selectRevisions(db, reportIds);
  const byReport = groupBy(rows, (r) => r.reportId);
  return reportIds.map((id) => Object.freeze((byReport.get(id) ?? []).map((r) => revisionRecordOf(r, ctx.dictionary))));
}

