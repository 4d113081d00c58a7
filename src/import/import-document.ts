/**
 * Import of one document (issue 3 items 3–5): bytes → ingest → checks → storage, all-or-nothing.
 *
 * - A document that cannot be read, or whose reading produced an ERROR diagnostic, is rejected with
 *   every reason; nothing is stored.
 * - Otherwise it is bound to an agency (by code, exact name or recorded alias; created on request),
 *   checked (FORMATS.md "Checks"), and stored by `Storage.submitReport` in one transaction: CREATED,
 *   UPDATED (a new revision) or UNCHANGED (identical content: nothing written).
 * - A document failing an ERROR check is stored as a DRAFT with its failures, never published;
 *   `publish` publishes the ones that pass every ERROR check.
 *
 * No SQL here: only Storage calls. No file system either (import-files.ts reads files).
 */
import { FORMAT_IDS } from '../domain/catalogue';
import { checkWithPreviousYear, failingErrors, subjectOfReport } from '../domain/checks';
import type { AgencyKind, CheckResult, CheckSubject } from '../domain/checks/types';
import type { Diagnostic, InterchangeCellValue, InterchangeDocument, ReportStatus } from '../domain/interchange';
import { cellsFromInterchange, type CellValues } from '../domain/report-values';
import type { AgencyRecord, ReportRecord, Storage, SubmitOutcome } from '../db/api';
import { AppError } from '../errors';
import { isExtensionRowCode, parseDocument } from '../ingest';
import { guessAgencyKind, slugAgencyCode } from './agency-guess';

/** Report years the storage accepts (src/db/report-content.ts). */
const FIRST_REPORT_YEAR = 2008;
const LAST_REPORT_YEAR = 2100;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export interface ImportOptions {
  /** Bind every document to this agency code, whatever the document says (`--agency`). */
  readonly agencyCode?: string | null;
  /** The report year, whatever the document says (`--year`). */
  readonly year?: number | null;
  /** Create an agency the database lacks instead of rejecting the document (`--create-agencies`). */
  readonly createAgencies?: boolean;
  /** Publish documents that pass every ERROR check (`--publish`). Default: keep them DRAFT. */
  readonly publish?: boolean;
  /** Read, bind and check, report what would happen, write nothing (`--dry-run`). */
  readonly dryRun?: boolean;
  /** Recorded as the author of the write: `cli:<user>`, a token's subject. */
  readonly submittedBy: string | null;
  /**
   * Called with the agency's code before anything is written for it (or, in a dry run, before the
   * outcome is worked out); throws to refuse (the API's per-agency rights).
   */
  readonly authorize?: (agencyCode: string) => void;
}

export interface ImportInput {
  readonly content: Buffer | string;
  /** The file name: chooses the reader and is recorded as the report's source. */
  readonly filename: string;
}

/** Why a document was rejected: a stable code and plain words. */
export interface ImportRejection {
  readonly code: string;
  readonly message: string;
}

/** The agency a document was bound to (or, in a dry run with createAgencies, would be created). */
export interface ImportAgency {
  readonly code: string;
  readonly name: string;
  readonly kind: AgencyKind;
}

export interface AcceptedImport {
  readonly outcome: SubmitOutcome;
  readonly source: string;
  readonly dryRun: boolean;
  /** The document as stored: overrides applied, extension cells left out. */
  readonly document: InterchangeDocument;
  readonly diagnostics: readonly Diagnostic[];
  /** Every check result (passed ones too), within the report and against last year's stored report. */
  readonly checks: readonly CheckResult[];
  /** ERROR rules that failed: the report is (or would be) kept as a DRAFT. */
  readonly failingErrors: readonly string[];
  readonly agency: ImportAgency;
  /** True when the agency was (or, in a dry run, would be) created for this document. */
  readonly agencyCreated: boolean;
  /** The status stored (or that would be stored). */
  readonly status: ReportStatus;
  /** The stored report; null in a dry run. */
  readonly report: ReportRecord | null;
}

export interface RejectedImport {
  readonly outcome: 'REJECTED';
  readonly source: string;
  readonly dryRun: boolean;
  /** What was read, when the file could be read at all. */
  readonly document: InterchangeDocument | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly reasons: readonly ImportRejection[];
}

export type DocumentImport = AcceptedImport | RejectedImport;

/** Reads one document and imports it. Never throws for a bad document (it is REJECTED); throws what `authorize` throws, and on storage failures that are bugs or outages. */
export async function importDocument(storage: Storage, input: ImportInput, options: ImportOptions): Promise<DocumentImport> {
  const parsed = await parseDocument(input.content, input.filename);
  if (!parsed.ok) {
    return rejected(input.filename, options, null, parsed.diagnostics, [{ code: parsed.error.code, message: parsed.error.message }]);
  }
  return importParsedDocument(storage, parsed.document, input.filename, options);
}

/** Imports a document already read (an interchange document from any source). */
export async function importParsedDocument(storage: Storage, read: InterchangeDocument, source: string, options: ImportOptions): Promise<DocumentImport> {
  const errors = read.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    return rejected(source, options, read, read.diagnostics, errors.map((d) => ({ code: d.code, message: withPlace(d) })));
  }
  const document = effectiveDocument(read, options);
  const shape = checkShape(document);
  if (!shape.ok) return rejected(source, options, document, document.diagnostics, shape.reasons);

  const binding = await bindAgency(storage, document, options);
  if (!binding.ok) return rejected(source, options, document, document.diagnostics, [binding.reason]);
  const { agency, existing } = binding;
  options.authorize?.(agency.code);

  const [previous, current] = existing
    ? await storage.reportsByAgencyYear([{ agencyId: existing.id, year: shape.year - 1 }, { agencyId: existing.id, year: shape.year }])
    : [null, null];
  const subject: CheckSubject = {
    format: shape.format, year: shape.year, agencyKind: agency.kind, publishedOn: document.publishedOn ?? null, cells: shape.cells, statedFigures: document.statedFigures ?? {},
  };
  const checks = checkWithPreviousYear(subject, previous ? subjectOfReport(previous, agency.kind) : null);
  const failing = failingErrors(checks);
  const wantPublish = options.publish === true || read.status === 'PUBLISHED';
  const publish = wantPublish && failing.length === 0;
  const accepted = (outcome: SubmitOutcome, status: ReportStatus, report: ReportRecord | null): AcceptedImport => ({
    outcome, source, dryRun: options.dryRun === true, document, diagnostics: document.diagnostics, checks, failingErrors: failing,
    agency, agencyCreated: existing === null, status, report,
  });

  if (options.dryRun) {
    if (!current) return accepted('CREATED', publish ? 'PUBLISHED' : 'DRAFT', null);
    const same = sameContent(current, document, shape.cells);
    if (same && (!publish || current.status === 'PUBLISHED')) return accepted('UNCHANGED', current.status, null);
    return accepted('UPDATED', publish ? 'PUBLISHED' : 'DRAFT', null);
  }

  if (existing === null) await storage.upsertAgency({ code: agency.code, name: agency.name, kind: agency.kind });
  try {
    const result = await submit(storage, document, agency.code, source, options.submittedBy, publish);
    return accepted(result.outcome, result.report.status, result.report);
  } catch (error) {
    // Expected refusals of the storage (its own validation) reject the document; anything else is a bug or an outage.
    if (error instanceof AppError && (error.code === 'VALIDATION_FAILED' || error.code === 'NOT_FOUND' || error.code === 'CONFLICT')) {
      return rejected(source, options, document, document.diagnostics, [{ code: error.code, message: error.message }]);
    }
    throw error;
  }
}

async function submit(storage: Storage, document: InterchangeDocument, agencyCode: string, source: string, submittedBy: string | null, publish: boolean) {
  const command = { agencyCode, document, submittedBy, sourceName: source, publish };
  try {
    return await storage.submitReport(command);
  } catch (error) {
    // The storage's checks also see last year's report as stored at write time; should they block
    // publication where ours did not, the document is still stored, as a draft.
    if (publish && error instanceof AppError && error.code === 'PUBLISH_BLOCKED') return storage.submitReport({ ...command, publish: false });
    throw error;
  }
}

function rejected(
  source: string, options: ImportOptions, document: InterchangeDocument | null, diagnostics: readonly Diagnostic[], reasons: readonly ImportRejection[],
): RejectedImport {
  return { outcome: 'REJECTED', source, dryRun: options.dryRun === true, document, diagnostics, reasons };
}

/**
 * The document with the caller's overrides (agency code, year) and without extension cells: the
 * storage knows only the catalogue's cells (FORMATS.md "Local variants": an extra row must never
 * fail the report), so they are left out with an info diagnostic naming them. The status a file
 * may carry is a publication request, decided by the checks, not stored as given.
 */
function effectiveDocument(read: InterchangeDocument, options: ImportOptions): InterchangeDocument {
  const cells: Record<string, InterchangeCellValue> = {};
  const extension: string[] = [];
  for (const [code, value] of Object.entries(read.cells ?? {})) {
    if (isExtensionRowCode(code.split('.')[1] ?? '')) extension.push(code);
    else cells[code] = value;
  }
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  if (extension.length > 0) {
    diagnostics.push({
      severity: 'info',
      code: 'EXTENSION_CELLS_NOT_STORED',
      message: `${extension.length} cell(s) of local rows the format lacks are kept in the document but not stored: ${extension.join(', ')}`,
    });
  }
  const { status: _status, source: _source, ...rest } = read;
  return {
    ...rest,
    agencyCode: options.agencyCode ?? read.agencyCode ?? null,
    year: options.year ?? read.year,
    cells,
    text: read.text ?? {},
    statedFigures: read.statedFigures ?? {},
    diagnostics,
  };
}

type Shape =
  | { readonly ok: true; readonly format: (typeof FORMAT_IDS)[number]; readonly year: number; readonly cells: CellValues }
  | { readonly ok: false; readonly reasons: readonly ImportRejection[] };

/** What the storage would refuse, found before anything (an agency included) is written. */
function checkShape(document: InterchangeDocument): Shape {
  const reasons: ImportRejection[] = [];
  const format = document.format;
  if (format === null || !FORMAT_IDS.includes(format)) {
    reasons.push({ code: 'FORMAT_UNKNOWN', message: `the format could not be told (expected one of ${FORMAT_IDS.join(', ')})` });
  }
  const year = document.year;
  if (year === null || year === undefined) {
    reasons.push({ code: 'YEAR_MISSING', message: 'the document states no report year; give it (--year Y, or the year argument)' });
  } else if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > LAST_REPORT_YEAR) {
    reasons.push({ code: 'YEAR_INVALID', message: `the report year must be from ${FIRST_REPORT_YEAR} to ${LAST_REPORT_YEAR}, not ${year}` });
  }
  const publishedOn = document.publishedOn ?? null;
  if (publishedOn !== null && !ISO_DATE.test(publishedOn)) {
    reasons.push({ code: 'DATE_INVALID', message: `publishedOn must be an ISO date YYYY-MM-DD, not ${JSON.stringify(publishedOn)}` });
  }
  if (format === null || !FORMAT_IDS.includes(format) || reasons.length > 0) return { ok: false, reasons };
  const { values, problems } = cellsFromInterchange(format, document.cells);
  if (problems.length > 0) {
    return { ok: false, reasons: problems.map((p) => ({ code: 'CELL_INVALID', message: `${p.cell}: expected ${p.expected}, received ${p.received}` })) };
  }
  return { ok: true, format, year: year as number, cells: values };
}

type Binding =
  | { readonly ok: true; readonly agency: ImportAgency; readonly existing: AgencyRecord | null }
  | { readonly ok: false; readonly reason: ImportRejection };

/**
 * The agency of the document: by code (the override, else the document's agencyCode), else by exact
 * name or recorded alias. An unknown one is rejected, or with createAgencies planned for creation
 * (a code given is kept; otherwise a slug of the name; the kind guessed from the name).
 */
async function bindAgency(storage: Storage, document: InterchangeDocument, options: ImportOptions): Promise<Binding> {
  const name = document.agencyName?.trim() || null;
  const create = options.createAgencies === true;
  const code = document.agencyCode;
  if (code) {
    const [found] = await storage.agenciesByCode([code]);
    if (found) return { ok: true, agency: found, existing: found };
    if (create && name) return { ok: true, agency: { code, name, kind: guessAgencyKind(name) }, existing: null };
    return {
      ok: false,
      reason: {
        code: 'AGENCY_UNKNOWN',
        message: `no agency has the code ${JSON.stringify(code)}${create ? ' and the document names none to create' : '; load it first (--agencies FILE.csv) or pass --create-agencies'}`,
      },
    };
  }
  if (!name) return { ok: false, reason: { code: 'AGENCY_MISSING', message: 'the document names no agency; give its code (--agency CODE, or the agencyCode argument)' } };
  const found = await storage.agencyByName(name);
  if (found) return { ok: true, agency: found, existing: found };
  // agencyByName answers null for "none" and for "several": tell them apart before creating anything.
  const similar = await storage.findAgencies({ nameContains: name }, { first: 100, offset: 0 });
  const homonyms = similar.nodes.filter((a) => a.name === name || a.aliases.includes(name));
  if (homonyms.length > 1) {
    return {
      ok: false,
      reason: { code: 'AGENCY_AMBIGUOUS', message: `${homonyms.length} agencies are named ${JSON.stringify(name)} (${homonyms.map((a) => a.code).join(', ')}); give the code (--agency CODE)` },
    };
  }
  if (create) return { ok: true, agency: { code: slugAgencyCode(name), name, kind: guessAgencyKind(name) }, existing: null };
  return {
    ok: false,
    reason: { code: 'AGENCY_UNKNOWN', message: `no agency is named ${JSON.stringify(name)} (nor has it as an alias); load it first (--agencies FILE.csv), give its code (--agency CODE) or pass --create-agencies` },
  };
}

/** Whether the stored report already holds this content (what the storage's content hash compares). */
function sameContent(stored: ReportRecord, document: InterchangeDocument, cells: CellValues): boolean {
  const text = (v: string | null | undefined) => v ?? null;
  const storedCodes = Object.keys(stored.cells);
  return (
    stored.format === document.format &&
    stored.scope === (document.scope ?? 'OWN') &&
    stored.publishedOn === (document.publishedOn ?? null) &&
    storedCodes.length === Object.keys(cells).length &&
    storedCodes.every((code) => code in cells && cells[code] === stored.cells[code]) &&
    text(stored.text.overview) === text(document.text.overview) &&
    text(stored.text.problems) === text(document.text.problems) &&
    text(stored.text.other) === text(document.text.other) &&
    (stored.statedFigures.proactiveItems ?? null) === (document.statedFigures.proactiveItems ?? null) &&
    (stored.statedFigures.applicationsReceived ?? null) === (document.statedFigures.applicationsReceived ?? null)
  );
}

/** "message (line 57 › table 三 › …)": a diagnostic with where it was found. */
export function withPlace(diagnostic: Diagnostic): string {
  const place = locationText(diagnostic);
  return place ? `${diagnostic.message} (${place})` : diagnostic.message;
}

/** Where a diagnostic was found, as one line of text: "table 三 › row … › column 总计, line 57, column 3"; null when unknown. */
export function locationText(diagnostic: Pick<Diagnostic, 'location' | 'cell'>): string | null {
  const location = diagnostic.location;
  const parts = [
    location?.path ?? null,
    location?.line !== undefined ? `line ${location.line}` : null,
    location?.column !== undefined ? `column ${location.column}` : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return diagnostic.cell ? `cell ${diagnostic.cell}` : null;
  return parts.join(', ');
}
