/**
 * importDocument (issue 3 item 5): a file's content → the import service of src/import (read,
 * bind to an agency, check, store whole). Parses the arguments, checks rights, maps the result.
 */
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { AppError, invalid } from '../../errors';
import { importDocument, type AcceptedImport, type DocumentImport } from '../../import';
import { parseAgencyCode, parseYear } from '../arguments';
import { actorOf, requireWriter, type Viewer } from '../auth';
import type { GraphqlContext } from '../context';
import { ImportEncodingEnum, ImportResult, type ImportEncoding } from '../types/import.type';

const MAX_FILENAME_LENGTH = 500;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportResult, {
    description:
      'Reads a report file (.txt, .html, .docx, .xlsx or interchange .json) and stores it as the report of its agency and year, in one transaction: ' +
      'CREATED, UPDATED (a new revision) or UNCHANGED. A report failing an ERROR check is stored as a DRAFT with its failures. ' +
      'agencyCode and year override what the document says; otherwise the agency is found by the document\'s name (or a recorded alias). ' +
      'A file that cannot be read, or with ERROR diagnostics, is refused with IMPORT_REJECTED (extensions.reasons) and nothing is stored. ' +
      'dryRun: read and check only. Needs a bearer token that may write the agency.',
  })
  async importDocument(
    @Arg('content', () => String) content: string,
    @Arg('encoding', () => ImportEncodingEnum, { defaultValue: 'UTF8' }) encoding: ImportEncoding,
    @Arg('filename', () => String) filename: string,
    @Arg('agencyCode', () => ID, { nullable: true }) agencyCode: string | null,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Arg('dryRun', () => Boolean, { defaultValue: false }) dryRun: boolean,
    @Ctx() { storage, viewer }: GraphqlContext,
  ): Promise<ImportResult> {
    requireSomeWriter(viewer);
    const name = parseFilename(filename);
    const bytes = decodeContent(content, encoding);
    const result = await importDocument(storage, { content: bytes, filename: name }, {
      agencyCode: agencyCode === null || agencyCode === undefined ? null : parseAgencyCode('agencyCode', agencyCode),
      year: year === null || year === undefined ? null : parseYear('year', year),
      dryRun,
      createAgencies: false,
      publish: false,
      submittedBy: actorOf(viewer),
      authorize: (code) => requireWriter(viewer, code),
    });
    return importResultOf(acceptedOrThrow(result));
  }
}

/** Before reading anything: a valid token whose role may write some agency (which one is known after reading). */
function requireSomeWriter(viewer: Viewer): void {
  if (viewer.kind !== 'token' || viewer.role === 'READER') requireWriter(viewer, null);
}

function parseFilename(filename: string): string {
  const name = filename.trim();
  if (name === '' || name.length > MAX_FILENAME_LENGTH) throw invalid('filename', `a file name of 1 to ${MAX_FILENAME_LENGTH} characters, such as "report.docx"`, filename);
  return name;
}

/** UTF8 content is read as text; BASE64 content as the file's bytes (strict alphabet, whitespace ignored). */
function decodeContent(content: string, encoding: ImportEncoding): Buffer | string {
  switch (encoding) {
    case 'UTF8':
      return content;
    case 'BASE64': {
      const compact = content.replace(/\s+/g, '');
      if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
        throw new AppError('VALIDATION_FAILED', 'content: expected base64 (A–Z, a–z, 0–9, +, /, padded with = to a multiple of 4 characters) since encoding is BASE64', {
          field: 'content',
          expected: 'base64 text',
          received: `${compact.length} characters${BASE64.test(compact) ? ' (not a multiple of 4)' : ' with characters outside the base64 alphabet'}`,
        });
      }
      return Buffer.from(compact, 'base64');
    }
    default: {
      const unreachable: never = encoding;
      throw new Error(`unknown encoding ${String(unreachable)}`);
    }
  }
}

function acceptedOrThrow(result: DocumentImport): AcceptedImport {
  if (result.outcome !== 'REJECTED') return result;
  throw new AppError('IMPORT_REJECTED', `${result.source} was not imported: ${result.reasons.map((r) => `${r.code}: ${r.message}`).join('; ')}`, {
    field: 'content',
    reasons: result.reasons,
    diagnostics: result.diagnostics,
  });
}

function importResultOf(result: AcceptedImport): ImportResult {
  const { document } = result;
  return {
    outcome: result.outcome,
    dryRun: result.dryRun,
    agencyCode: result.agency.code,
    status: result.status,
    document: {
      format: document.format, year: document.year, agencyName: document.agencyName, agencyCode: document.agencyCode,
      publishedOn: document.publishedOn, cells: document.cells,
      statedFigures: { proactiveItems: document.statedFigures.proactiveItems ?? null, applicationsReceived: document.statedFigures.applicationsReceived ?? null },
    },
    diagnostics: result.diagnostics,
    checks: result.checks,
    failingErrors: result.failingErrors,
    report: result.report,
  };
}
