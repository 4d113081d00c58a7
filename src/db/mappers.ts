/** Rows → the plain, frozen records of api.ts (no entity or driver value leaves src/db). */
import type { FormatId, Severity } from '../domain/catalogue';
import type { CheckResult } from '../domain/checks/types';
import type { Diagnostic, StatedFigures } from '../domain/interchange';
import type { AgencyNameRecord, AgencyRecord, ParentLinkRecord, ReportRecord, RevisionRecord } from './api';
import type { AgencyRow, NameRow } from './agency.queries';
import { decodeIds, type CellDictionary } from './cell-dictionary';
import type { LinkSpan } from './closure';
import { decodeSnapshot, expandCells } from './report-content';
import type { FailureRow, ReportRow, RevisionRow } from './report.queries';

export function agencyRecordOf(row: AgencyRow): AgencyRecord {
  return Object.freeze({ id: row.id, code: row.code, name: row.name, kind: row.kind, aliases: Object.freeze([...row.aliases]) });
}

export function nameRecordOf(row: NameRow): AgencyNameRecord {
  return Object.freeze({ name: row.name, fromYear: row.fromYear, recordedAt: new Date(row.recordedAt) });
}

/** Root spans (NULL parent) are how activity is stored; they are not parent links of the API. */
export function parentLinkRecordOf(link: LinkSpan): ParentLinkRecord | null {
  return link.parentId === null ? null : Object.freeze({ childId: link.childId, parentId: link.parentId, fromYear: link.fromYear, toYear: link.toYear });
}

export function checkResultOf(row: FailureRow): CheckResult {
  return Object.freeze({ rule: row.ruleId, severity: row.severity as Severity, passed: false, cells: Object.freeze(JSON.parse(row.cells) as string[]), message: row.message });
}

export function splitList(text: string): string[] {
  return text ? text.split(',') : [];
}

export function reportRecordOf(row: ReportRow, nonZero: ReadonlyMap<number, number>, failures: readonly FailureRow[], dictionary: CellDictionary): ReportRecord {
  const format = row.format as FormatId;
  const cells = expandCells(dictionary, format, nonZero, decodeIds(row.blankCodes), decodeIds(row.absentCodes));
  return Object.freeze({
    id: row.id,
    agencyId: row.agencyId,
    agencyCode: row.agencyCode,
    year: row.year,
    format,
    status: row.status,
    scope: row.scope,
    publishedOn: row.publishedOn,
    text: Object.freeze({ overview: row.textOverview, problems: row.textProblems, other: row.textOther }),
    statedFigures: Object.freeze(JSON.parse(row.statedFigures) as StatedFigures),
    cells,
    revision: row.revision,
    provenance: Object.freeze({ sourceName: row.sourceName, contentHash: row.contentHash, submittedBy: row.submittedBy, submittedAt: new Date(row.submittedAt) }),
    checks: Object.freeze(failures.map(checkResultOf)),
    acceptedFailures: Object.freeze(splitList(row.acceptedFailures)),
    diagnostics: Object.freeze(JSON.parse(row.diagnostics) as Diagnostic[]),
  });
}

export function revisionRecordOf(row: RevisionRow, dictionary: CellDictionary): RevisionRecord {
  return Object.freeze({
    reportId: row.reportId,
    revision: row.revision,
    status: row.status,
    format: row.format as FormatId,
    cells: decodeSnapshot(dictionary, row.format as FormatId, row.cells),
    contentHash: row.contentHash,
    changedBy: row.changedBy,
    changedAt: new Date(row.changedAt),
    action: row.action,
  });
}
