/**
 * `npm run import -- --agencies FILE.csv` (issue 3 item 3): agencies and the dated hierarchy from a
 * CSV file with the columns `code,name,kind,parent_code,valid_from,valid_to`.
 *
 * Validate, then apply: every row is checked first (fields, parent codes known in the file or the
 * database, the links of the file forming a forest in every year) and a file with any bad row is
 * rejected whole, naming every bad row by its line; only a clean file is written.
 */
import { AGENCY_KINDS, type AgencyKind } from '../domain/checks/types';
import { validateLinks, type ParentLink } from '../domain/hierarchy';
import type { Storage } from '../db/api';
import { AppError } from '../errors';
import { readCsv } from './csv';

export const AGENCY_CSV_COLUMNS = ['code', 'name', 'kind', 'parent_code', 'valid_from', 'valid_to'] as const;

/** The years a link may name (the storage's range: 1900 to 9998). */
const FIRST_YEAR = 1900;
const LAST_YEAR = 9998;
const MAX_CODE_LENGTH = 64;
const MAX_NAME_LENGTH = 200;

export interface AgencyCsvRow {
  readonly line: number;
  readonly code: string;
  readonly name: string;
  readonly kind: AgencyKind;
  /** null: a root in valid_from..valid_to (or, without valid_from, just the agency, unplaced). */
  readonly parentCode: string | null;
  readonly validFrom: number | null;
  /** null: still valid. */
  readonly validTo: number | null;
}

export interface CsvProblem {
  /** 1-based line of the file; null for a problem of the whole file. */
  readonly line: number | null;
  readonly message: string;
}

export type AgenciesCsvParse =
  | { readonly ok: true; readonly rows: readonly AgencyCsvRow[] }
  | { readonly ok: false; readonly problems: readonly CsvProblem[] };

/**
 * Checks every row of the file without touching the database: the header, each field, and the
 * links of the file (two parents in a year, cycles: FORMATS.md / DESIGN.md §2 dated hierarchy).
 * Parent codes that are not in the file are returned for the caller to look up. Pure.
 */
export function parseAgenciesCsv(text: string): AgenciesCsvParse & { readonly externalParents: readonly string[] } {
  const { records, problems: csvProblems } = readCsv(text);
  const problems: CsvProblem[] = [...csvProblems];
  const none = { externalParents: [] as string[] };
  if (records.length === 0) return { ok: false, problems: [{ line: 1, message: `the file is empty; expected a header ${AGENCY_CSV_COLUMNS.join(',')}` }], ...none };

  const header = records[0].fields.map((f) => f.trim().toLowerCase());
  const missing = AGENCY_CSV_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !(AGENCY_CSV_COLUMNS as readonly string[]).includes(c));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [missing.length ? `missing ${missing.join(', ')}` : '', unknown.length ? `unknown ${unknown.map((u) => JSON.stringify(u)).join(', ')}` : ''].filter(Boolean);
    return { ok: false, problems: [{ line: records[0].line, message: `header: expected the columns ${AGENCY_CSV_COLUMNS.join(',')}; ${parts.join('; ')}` }], ...none };
  }
  const column = (name: (typeof AGENCY_CSV_COLUMNS)[number]) => header.indexOf(name);

  const rows: AgencyCsvRow[] = [];
  for (const record of records.slice(1)) {
    const rowProblems: string[] = [];
    if (record.fields.length !== header.length) {
      problems.push({ line: record.line, message: `expected ${header.length} fields, found ${record.fields.length}` });
      continue;
    }
    const field = (name: (typeof AGENCY_CSV_COLUMNS)[number]) => record.fields[column(name)].trim();
    const code = field('code');
    if (code === '' || code.length > MAX_CODE_LENGTH) rowProblems.push(`code: expected 1 to ${MAX_CODE_LENGTH} characters, received ${JSON.stringify(code)}`);
    const name = field('name');
    if (name === '' || name.length > MAX_NAME_LENGTH) rowProblems.push(`name: expected 1 to ${MAX_NAME_LENGTH} characters, received ${JSON.stringify(name)}`);
    const kindText = field('kind').toUpperCase();
    const kind = (AGENCY_KINDS as readonly string[]).includes(kindText) ? (kindText as AgencyKind) : null;
    if (kind === null) rowProblems.push(`kind: expected one of ${AGENCY_KINDS.join(', ')}, received ${JSON.stringify(field('kind'))}`);
    const parentCode = field('parent_code') === '' ? null : field('parent_code');
    if (parentCode !== null && parentCode === code) rowProblems.push(`parent_code: an agency cannot be its own parent (${JSON.stringify(code)})`);
    const validFrom = yearOf(field('valid_from'), 'valid_from', rowProblems);
    const validTo = yearOf(field('valid_to'), 'valid_to', rowProblems);
    if (parentCode !== null && validFrom === null && !rowProblems.some((p) => p.startsWith('valid_from'))) {
      rowProblems.push('valid_from: expected the first year the parent link holds, received nothing');
    }
    if (validTo !== null && validFrom === null && !rowProblems.some((p) => p.startsWith('valid_from'))) {
      rowProblems.push('valid_to: given without valid_from');
    }
    if (validFrom !== null && validTo !== null && validTo < validFrom) rowProblems.push(`valid_to: expected a year ≥ valid_from (${validFrom}), received ${validTo}`);
    if (rowProblems.length > 0 || kind === null) {
      problems.push({ line: record.line, message: rowProblems.join('; ') });
      continue;
    }
    rows.push({ line: record.line, code, name, kind, parentCode, validFrom, validTo });
  }

  // Links among rows that are themselves valid; problems are reported on the lines of the links involved.
  const links: (ParentLink<string> & { readonly line: number })[] = rows
    .filter((r): r is AgencyCsvRow & { parentCode: string; validFrom: number } => r.parentCode !== null && r.validFrom !== null)
    .map((r) => ({ child: r.code, parent: r.parentCode, fromYear: r.validFrom, toYear: r.validTo, line: r.line }));
  for (const problem of validateLinks(links)) {
    switch (problem.kind) {
      case 'range':
      case 'self_parent':
        problems.push({ line: (problem.link as (typeof links)[number]).line, message: problem.message });
        break;
      case 'two_parents': {
        const lines = links.filter((l) => l.child === problem.child && l.fromYear <= problem.year && (l.toYear ?? LAST_YEAR) >= problem.year).map((l) => l.line);
        problems.push({ line: lines[lines.length - 1], message: `${problem.message} (lines ${lines.join(', ')})` });
        break;
      }
      case 'cycle': {
        const lines = links.filter((l) => problem.path.includes(l.child) && problem.path.includes(l.parent)).map((l) => l.line);
        problems.push({ line: Math.max(...lines), message: `${problem.message} (lines ${lines.join(', ')})` });
        break;
      }
      default: {
        const unreachable: never = problem;
        throw new Error(`unknown link problem ${JSON.stringify(unreachable)}`);
      }
    }
  }

  // Two rows of one agency whose years overlap, under the same parent or where one makes it a root
  // (validateLinks above reports two different parents).
  const spans = rows.filter((r): r is AgencyCsvRow & { validFrom: number } => r.validFrom !== null);
  for (const [i, a] of spans.entries()) {
    const earlier = spans.slice(0, i).find(
      (b) => b.code === a.code && (b.parentCode === a.parentCode || b.parentCode === null || a.parentCode === null) &&
        b.validFrom <= (a.validTo ?? LAST_YEAR) && (b.validTo ?? LAST_YEAR) >= a.validFrom,
    );
    if (earlier) problems.push({ line: a.line, message: `${a.code} is placed twice for overlapping years (lines ${earlier.line}, ${a.line})` });
  }

  const inFile = new Set(rows.map((r) => r.code));
  const externalParents = [...new Set(rows.map((r) => r.parentCode).filter((p): p is string => p !== null && !inFile.has(p)))];
  if (problems.length > 0) return { ok: false, problems: sortByLine(problems), externalParents };
  return { ok: true, rows, externalParents };
}

function yearOf(text: string, field: string, problems: string[]): number | null {
  if (text === '') return null;
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR) return year;
  problems.push(`${field}: expected a year from ${FIRST_YEAR} to ${LAST_YEAR}, received ${JSON.stringify(text)}`);
  return null;
}

const sortByLine = (problems: readonly CsvProblem[]) => [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

export type AgenciesLoadResult =
  | { readonly ok: true; readonly agencies: number; readonly links: number; readonly dryRun: boolean }
  | { readonly ok: false; readonly problems: readonly CsvProblem[] };

/**
 * Validates the whole file, then (unless dryRun) upserts every agency (in valid_from order, so a
 * renamed agency keeps its former names in its history) and sets every parent link.
 * Nothing is written when any row is bad. Storage errors while applying (a cycle through links that
 * are only in the database) propagate as AppError.
 */
export async function loadAgencies(storage: Storage, text: string, options: { readonly dryRun?: boolean } = {}): Promise<AgenciesLoadResult> {
  const parsed = parseAgenciesCsv(text);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const known = await storage.agenciesByCode(parsed.externalParents);
  const unknownParents = new Set(parsed.externalParents.filter((_, i) => known[i] === null));
  if (unknownParents.size > 0) {
    const problems = parsed.rows
      .filter((r) => r.parentCode !== null && unknownParents.has(r.parentCode))
      .map((r) => ({ line: r.line, message: `parent_code: no agency has the code ${JSON.stringify(r.parentCode)} in this file or in the database` }));
    return { ok: false, problems };
  }
  const codes = [...new Set(parsed.rows.map((r) => r.code))];
  const links = parsed.rows.filter((r): r is AgencyCsvRow & { validFrom: number } => r.validFrom !== null);
  if (options.dryRun) return { ok: true, agencies: codes.length, links: links.length, dryRun: true };

  const byYear = [...parsed.rows].sort((a, b) => (a.validFrom ?? 0) - (b.validFrom ?? 0) || a.line - b.line);
  const existing = await storage.agenciesByCode(codes);
  const oneNameEach = codes.every((code) => new Set(parsed.rows.filter((r) => r.code === code).map((r) => r.name)).size === 1);
  try {
    if (existing.every((a) => a === null) && oneNameEach) {
      // All new: one transaction (Storage.loadAgencies), so the file is loaded whole or not at all.
      const latest = new Map(byYear.map((r) => [r.code, r]));
      await storage.loadAgencies({
        agencies: codes.map((code) => ({ code, name: latest.get(code)!.name, kind: latest.get(code)!.kind })),
        links: links.map((r) => ({ childCode: r.code, parentCode: r.parentCode, fromYear: r.validFrom, toYear: r.validTo })),
      });
    } else {
      // Some agencies exist (a file loaded again, a correction) or are renamed: upsert each, in
      // valid_from order so former names stay in the history, then set every link.
      const named = new Map<string, string>();
      for (const row of byYear) {
        const renamed = named.has(row.code) && named.get(row.code) !== row.name;
        await storage.upsertAgency({ code: row.code, name: row.name, kind: row.kind, nameFromYear: renamed ? row.validFrom : null });
        named.set(row.code, row.name);
      }
      for (const row of links) await storage.setParent({ childCode: row.code, parentCode: row.parentCode, fromYear: row.validFrom, toYear: row.validTo });
    }
  } catch (error) {
    // The checks above should leave nothing for the storage to refuse but links through agencies
    // only in the database (a cycle with stored links): say so rather than crash.
    if (error instanceof AppError && (error.code === 'VALIDATION_FAILED' || error.code === 'NOT_FOUND' || error.code === 'CONFLICT')) {
      return { ok: false, problems: [{ line: null, message: `the database refused the file: ${error.message}` }] };
    }
    throw error;
  }
  return { ok: true, agencies: codes.length, links: links.length, dryRun: false };
}
