/**
 * Bulk loads for demo data, benchmarks and first imports (DESIGN.md §7 "loading the province at
 * least half the speed of a raw multi-row insert"): NEW agencies with their links, and NEW reports,
 * each call one transaction of multi-row inserts, the closure computed once; the materialised
 * rollups of a year are built from the facts the first time a load touches it, and later calls add
 * their new reports to them (a load in many calls stays linear). The same validation and checks as the one-by-one
 * writes; any invalid item fails the whole call, writing nothing.
 */
import { checkAcrossYearsFailures, checkReportFailures, failingErrors, subjectOfReport } from '../domain/checks';
import { AGENCY_KINDS, type AgencyKind, type CheckSubject } from '../domain/checks/types';
import { AppError, invalid } from '../errors';
import type { SubmitReportCommand } from './api';
import { insertAgencyRows, selectAgenciesBy } from './agency.queries';
import { FIRST_LINK_YEAR, LAST_LINK_YEAR } from './agency-store';
import { decodeIds, encodeIds } from './cell-dictionary';
import { closureRows, type LinkSpan, UNPLACED_FROM_YEAR } from './closure';
import { insertLinks, replaceClosureOf, selectLinksUpwardFrom } from './hierarchy.queries';
import { type CompactCells, compactCells, contentHashFromCompact, encodeSnapshot, expandCells, FIRST_REPORT_YEAR, validateDocument } from './report-content';
import { blocked, failureRowsOf } from './report-store';
import {
  deleteFailuresOf, type FailureRow, insertCellRows, insertFailureRows, insertReportRows, insertRevisionRows, type ReportRow, type ReportValuesRow,
  type RevisionRow, selectCells, selectReportIds, selectReportsByKeys,
} from './report.queries';
import { rebuildYears, rebuildYearsBetween, type RollupContext } from './rollup-store';
import { addToNodes, deleteZeroRollupRows, repackNodes, selectClosureOfDescendants, selectMaterialisedYears, type SumRow, upsertRollupRows } from './rollup.queries';
import { type Executor, groupBy, nowIso, OPEN_YEAR } from './sql';

export interface BulkAgency {
  readonly code: string;
  readonly name: string;
  readonly kind: AgencyKind;
  readonly aliases?: readonly string[];
  readonly nameFromYear?: number | null;
}

export interface BulkLink {
  readonly childCode: string;
  /** null: an explicit root span. */
  readonly parentCode: string | null;
  readonly fromYear: number;
  readonly toYear: number | null;
}

function text(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.trim().length > max) throw invalid(field, `a non-empty text of at most ${max} characters`, value);
  return value.trim();
}

function year(field: string, value: unknown, nullable: boolean): number | null {
  if (nullable && (value === null || value === undefined)) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < FIRST_LINK_YEAR || value > LAST_LINK_YEAR) {
    throw invalid(field, `a year between ${FIRST_LINK_YEAR} and ${LAST_LINK_YEAR}${nullable ? ' or null' : ''}`, value);
  }
  return value;
}

/**
 * Creates new agencies and places them. Links may only place agencies of this call (existing ones
 * move with setParent); their parents may be new or existing. A new agency without a link is
 * unplaced (a root in every year, closure.ts).
 * @throws AppError VALIDATION_FAILED (bad field, overlapping spans, cycle), CONFLICT (code exists), NOT_FOUND (parent).
 */
export async function loadAgenciesIn(db: Executor, ctx: RollupContext, input: { agencies: readonly BulkAgency[]; links: readonly BulkLink[] }): Promise<{ created: number }> {
  const agencies = input.agencies.map((a, i) => {
    if (!AGENCY_KINDS.includes(a.kind)) throw invalid(`agencies[${i}].kind`, `one of ${AGENCY_KINDS.join(', ')}`, a.kind);
    return {
      code: text(`agencies[${i}].code`, a.code, 64),
      name: text(`agencies[${i}].name`, a.name, 200),
      kind: a.kind,
      nameFromYear: year(`agencies[${i}].nameFromYear`, a.nameFromYear, true),
      aliases: (a.aliases ?? []).map((x, j) => text(`agencies[${i}].aliases[${j}]`, x, 200)),
    };
  });
  const codes = new Set<string>();
  agencies.forEach((a, i) => {
    if (codes.has(a.code)) throw invalid(`agencies[${i}].code`, 'a code not repeated in the call', a.code);
    codes.add(a.code);
  });
  const existing = await selectAgenciesBy(db, 'code', [...codes]);
  if (existing.length > 0) {
    throw new AppError('CONFLICT', `agencies already exist: ${existing.slice(0, 5).map((a) => a.code).join(', ')}; use upsertAgency to change them`, { field: 'agencies', codes: existing.map((a) => a.code) });
  }
  const parentCodes = [...new Set(input.links.map((l) => l.parentCode).filter((c): c is string => c !== null && !codes.has(c)))];
  const parents = await selectAgenciesBy(db, 'code', parentCodes);
  const missing = parentCodes.filter((c) => !parents.some((p) => p.code === c));
  if (missing.length > 0) throw new AppError('NOT_FOUND', `links name unknown parents: ${missing.slice(0, 5).join(', ')}`, { field: 'links.parentCode', expected: 'the code of an agency', received: missing[0] });

  const ids = await insertAgencyRows(db, agencies, nowIso());
  for (const p of parents) ids.set(p.code, p.id);
  const links: LinkSpan[] = input.links.map((l, i) => {
    if (!codes.has(l.childCode)) throw invalid(`links[${i}].childCode`, 'an agency created by this call (move others with setParent)', l.childCode);
    const fromYear = year(`links[${i}].fromYear`, l.fromYear, false)!;
    const toYear = year(`links[${i}].toYear`, l.toYear, true);
    if (toYear !== null && toYear < fromYear) throw invalid(`links[${i}].toYear`, `null or a year ≥ fromYear (${fromYear})`, toYear);
    return { childId: ids.get(l.childCode)!, parentId: l.parentCode === null ? null : ids.get(l.parentCode)!, fromYear, toYear };
  });
  const byChild = new Map<number, LinkSpan[]>();
  for (const [i, l] of links.entries()) {
    const others = byChild.get(l.childId) ?? [];
    if (others.some((o) => o.fromYear <= (l.toYear ?? OPEN_YEAR) && (o.toYear ?? OPEN_YEAR) >= l.fromYear)) {
      throw invalid(`links[${i}]`, 'spans of one child that do not overlap', `${input.links[i].childCode} ${l.fromYear}..${l.toYear ?? 'open'}`);
    }
    byChild.set(l.childId, [...others, l]);
  }
  await insertLinks(db, links);

  const newIds = agencies.map((a) => ids.get(a.code)!);
  // Chains leave the new agencies only through existing parents, whose links never name a new agency.
  const outerLinks = await selectLinksUpwardFrom(db, parents.map((p) => p.id));
  let rows;
  try {
    rows = closureRows([...links, ...outerLinks], newIds);
  } catch (error) {
    throw invalid('links', 'links without a cycle', (error as Error).message);
  }
  await replaceClosureOf(db, newIds, rows);
  // New agencies change the expected counts of every materialised year they are active in.
  await rebuildYearsBetween(db, ctx, UNPLACED_FROM_YEAR, OPEN_YEAR);
  return { created: agencies.length };
}

/** Numeric key of (ancestor, year, code) for the in-memory sums (cell ids are SMALLINT, years 2008–2100). */
const sumKey = (agencyId: number, year: number, codeId: number) => (agencyId * 256 + (year - FIRST_REPORT_YEAR)) * 65536 + codeId;

/**
 * Adds NEW counted reports (PUBLISHED, OWN) of materialised years to the rollups of their ancestors
 * of that year: what rebuilding the year from the facts would give, at the cost of the new rows only
 * (a load in many calls no longer rebuilds whole years once per call). Sums and absent counts are
 * added with one multi-row upsert per chunk, rows left at zero dropped; node counts added per
 * group of ancestors with the same delta.
 */
async function addNewReportsToRollups(
  db: Executor, ctx: RollupContext, reports: readonly { agencyId: number; year: number; format: string; compact: CompactCells }[],
): Promise<void> {
  if (reports.length === 0) return;
  const spans = groupBy(await selectClosureOfDescendants(db, reports.map((r) => r.agencyId)), (c) => c.descendantId);
  const sums = new Map<number, [agencyId: number, year: number, codeId: number, valueSum: number, absentReporters: number]>();
  const nodes = new Map<number, Map<number, [reported: number, f2019: number, f2021: number]>>(); // year → ancestor → counts
  const cell = (agencyId: number, year: number, codeId: number) => {
    const key = sumKey(agencyId, year, codeId);
    let entry = sums.get(key);
    if (!entry) sums.set(key, (entry = [agencyId, year, codeId, 0, 0]));
    return entry;
  };
  for (const r of reports) {
    let byAncestor = nodes.get(r.year);
    if (!byAncestor) nodes.set(r.year, (byAncestor = new Map()));
    for (const span of spans.get(r.agencyId) ?? []) {
      if (span.fromYear > r.year || span.toYear < r.year) continue;
      const ancestor = span.ancestorId;
      let counts = byAncestor.get(ancestor);
      if (!counts) byAncestor.set(ancestor, (counts = [0, 0, 0]));
      counts[0] += 1;
      if (r.format === 'F2019') counts[1] += 1;
      if (r.format === 'F2021') counts[2] += 1;
      for (const [codeId, value] of r.compact.nonZero) cell(ancestor, r.year, codeId)[3] += value;
      for (const codeId of r.compact.absent) cell(ancestor, r.year, codeId)[4] += 1;
    }
  }
  const rows: SumRow[] = [];
  for (const [agencyId, year, codeId, valueSum, absentReporters] of sums.values()) {
    if (valueSum !== 0 || absentReporters !== 0) rows.push({ agencyId, year, codeId, valueSum, absentReporters });
  }
  await upsertRollupRows(db, ctx.engine, rows);
  for (const [year, byAncestor] of nodes) {
    // Existing sums of opposite sign may have reached zero: such rows go, as a rebuild would not write them.
    await deleteZeroRollupRows(db, year, [...byAncestor.keys()]);
    await repackNodes(db, year, [...byAncestor.keys()]);
    const groups = groupBy([...byAncestor], ([, counts]) => counts.join(','));
    for (const members of groups.values()) {
      const [reported, f2019, f2021] = members[0][1];
      await addToNodes(db, year, members.map(([ancestor]) => ancestor), { reported, f2019, f2021 });
    }
  }
}

/**
 * Stores NEW reports in one transaction (multi-row inserts), with the checks of submitReport
 * (cross-year ones against last year's report in the call or stored); rollups of years new to them are
 * built from the facts, those of materialised years get the new reports added (addNewReportsToRollups).
 * @throws AppError NOT_FOUND, VALIDATION_FAILED (also for two reports of one agency and year),
 *   CONFLICT (a report exists: use submitReport), PUBLISH_BLOCKED.
 */
export async function loadReportsIn(db: Executor, ctx: RollupContext, commands: readonly SubmitReportCommand[]): Promise<{ created: number }> {
  const agencies = new Map((await selectAgenciesBy(db, 'code', [...new Set(commands.map((c) => c.agencyCode))])).map((a) => [a.code, a]));
  const prepared = commands.map((command, i) => {
    const agency = agencies.get(command.agencyCode);
    if (!agency) throw new AppError('NOT_FOUND', `reports[${i}].agencyCode: no agency has the code ${JSON.stringify(command.agencyCode)}`, { field: `reports[${i}].agencyCode`, expected: 'the code of an existing agency', received: command.agencyCode });
    let content;
    try {
      content = validateDocument(command.document, agency.code);
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, `reports[${i}]: ${error.message}`, { ...error.details, field: `reports[${i}].${error.details.field ?? ''}` });
      throw error;
    }
    return { command, agency, content, key: `${agency.id}:${content.year}` };
  });
  const seen = new Set<string>();
  prepared.forEach((p, i) => {
    if (seen.has(p.key)) throw invalid(`reports[${i}]`, 'one report per agency and year in the call', `${p.agency.code} ${p.content.year}`);
    seen.add(p.key);
  });
  const keys = prepared.map((p) => ({ agencyId: p.agency.id, year: p.content.year }));
  const clash = await selectReportsByKeys(db, keys);
  if (clash.length > 0) {
    throw new AppError('CONFLICT', `reports already exist: ${clash.slice(0, 5).map((r) => `${r.agencyCode} ${r.year}`).join(', ')}; use submitReport to change them`, { field: 'reports', existing: clash.length });
  }

  // Last year's figures for X1–X4: from this call, else stored.
  const inCall = new Map(prepared.map((p) => [p.key, p]));
  const storedPrevious = await selectReportsByKeys(db, keys.map((k) => ({ agencyId: k.agencyId, year: k.year - 1 })).filter((k) => !inCall.has(`${k.agencyId}:${k.year}`)));
  const storedCells = await selectCells(db, storedPrevious.map((r) => r.id));
  const now = nowIso();
  const subjects = new Map<string, CheckSubject>(prepared.map((p) => [p.key, subjectOfReport(p.content, p.agency.kind)]));
  const storedSubject = (r: ReportRow, cellsByReport: ReadonlyMap<number, readonly { codeId: number; value: number }[]>): CheckSubject => {
    const nonZero = new Map((cellsByReport.get(r.id) ?? []).map((c) => [c.codeId, c.value]));
    const format = r.format as CheckSubject['format'];
    return {
      format, year: r.year, agencyKind: agencies.get(r.agencyCode)?.kind ?? 'OTHER', publishedOn: r.publishedOn,
      cells: expandCells(ctx.dictionary, format, nonZero, decodeIds(r.blankCodes), decodeIds(r.absentCodes)), statedFigures: JSON.parse(r.statedFigures),
    };
  };
  const cellsByReport = groupBy(storedCells, (c) => c.reportId);
  for (const r of storedPrevious) subjects.set(`${r.agencyId}:${r.year}`, storedSubject(r, cellsByReport));

  const rows = prepared.map((p) => {
    const subject = subjects.get(p.key)!;
    // Only the failed results: all that failingErrors, blocked and failureRowsOf read (passed ones are never stored).
    const results = [...checkReportFailures(subject), ...checkAcrossYearsFailures(subject, subjects.get(`${p.agency.id}:${p.content.year - 1}`) ?? null)];
    const failing = failingErrors(results);
    const accept = new Set(p.command.acceptFailures ?? []);
    const wantPublish = p.command.publish === true || p.command.document.status === 'PUBLISHED';
    const unaccepted = failing.filter((rule) => !accept.has(rule));
    if (wantPublish && unaccepted.length > 0) throw blocked(unaccepted, results);
    const compact = compactCells(ctx.dictionary, p.content.format, p.content.cells);
    // validateDocument keeps only the format's cells: the hash from the compact form equals contentHash(p.content).
    const hash = contentHashFromCompact(ctx.dictionary, p.content, compact);
    const values: ReportValuesRow = {
      agencyId: p.agency.id, year: p.content.year, format: p.content.format, status: wantPublish ? 'PUBLISHED' : 'DRAFT', scope: p.content.scope,
      publishedOn: p.content.publishedOn, textOverview: p.content.text.overview, textProblems: p.content.text.problems, textOther: p.content.text.other,
      statedFigures: JSON.stringify(p.content.statedFigures), diagnostics: JSON.stringify(p.command.document.diagnostics ?? []),
      blankCodes: encodeIds(compact.blank), absentCodes: encodeIds(compact.absent), acceptedFailures: failing.filter((rule) => accept.has(rule)).join(','),
      revision: 1, sourceName: p.command.sourceName, contentHash: hash, submittedBy: p.command.submittedBy, submittedAt: now, updatedAt: now,
    };
    return { p, values, compact, failures: failureRowsOf(results) };
  });

  await insertReportRows(db, rows.map((r) => r.values));
  const ids = await selectReportIds(db, keys);
  const idOf = (r: (typeof rows)[number]) => ids.get(r.p.key)!;
  await insertCellRows(db, rows.flatMap((r) => r.compact.nonZero.map(([codeId, value]) => [idOf(r), codeId, value] as const)));
  await insertFailureRows(db, rows.flatMap((r) => r.failures.map((f): FailureRow => ({ ...f, reportId: idOf(r) }))));
  await insertRevisionRows(db, rows.map((r): RevisionRow => ({
    reportId: idOf(r), revision: 1, status: r.values.status, format: r.values.format, cells: encodeSnapshot(r.compact),
    contentHash: r.values.contentHash, changedBy: r.p.command.submittedBy, changedAt: now, action: 'submitted',
  })));
  // X1–X4 of a stored report of the year after one this call adds read the new figures: re-run its
  // checks and replace its stored failures (what validation summaries count), as submitReport does.
  const following = await selectReportsByKeys(db, keys.map((k) => ({ agencyId: k.agencyId, year: k.year + 1 })).filter((k) => !inCall.has(`${k.agencyId}:${k.year}`)));
  if (following.length > 0) {
    const followingCells = groupBy(await selectCells(db, following.map((r) => r.id)), (c) => c.reportId);
    await deleteFailuresOf(db, following.map((r) => r.id));
    await insertFailureRows(db, following.flatMap((r) => {
      const subject = storedSubject(r, followingCells);
      const results = [...checkReportFailures(subject), ...checkAcrossYearsFailures(subject, subjects.get(`${r.agencyId}:${r.year - 1}`) ?? null)];
      return failureRowsOf(results).map((f): FailureRow => ({ ...f, reportId: r.id }));
    }));
  }
  // Years materialised before this call get the new reports added (set-based deltas, as each
  // submitReport does one at a time); a year new to the rollups is materialised from the facts.
  const years = [...new Set(keys.map((k) => k.year))].sort((a, b) => a - b);
  const materialised = new Set(await selectMaterialisedYears(db, years[0] ?? 0, years[years.length - 1] ?? 0));
  await rebuildYears(db, ctx, years.filter((y) => !materialised.has(y)));
  await addNewReportsToRollups(db, ctx, rows
    .filter((r) => materialised.has(r.values.year) && r.values.status === 'PUBLISHED' && r.values.scope === 'OWN')
    .map((r) => ({ agencyId: r.values.agencyId, year: r.values.year, format: r.values.format, compact: r.compact })));
  return { created: rows.length };
}
