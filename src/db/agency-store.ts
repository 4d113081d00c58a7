/** Agencies and the dated hierarchy: the writes (in the caller's transaction) and the batch reads. */
import { AGENCY_KINDS, type AgencyKind } from '../domain/checks/types';
import { AppError, invalid } from '../errors';
import type { AgencyFilter, AgencyNameRecord, AgencyRecord, Page, ParentLinkRecord, RollupKey } from './api';
import {
  type AgencyRow, insertAgency, insertAliases, insertName, selectAgenciesBy, selectAgenciesNamed, selectAgencyPage, selectAllAgencyCodes, selectNames, updateAgency,
} from './agency.queries';
import { type ClosureRow, closureRows, type LinkSpan, UNPLACED_FROM_YEAR } from './closure';
import {
  clearClosure, deleteLinks, insertLinks, replaceClosureOf, selectAllClosure, selectAllLinks, selectDescendantSpans, selectLinksOf, selectLinksUpwardFrom,
  selectRelativeAgencies, selectChildAgencies,
} from './hierarchy.queries';
import { agencyRecordOf, nameRecordOf, parentLinkRecordOf } from './mappers';
import { insertNodesOfNewAgency } from './rollup.queries';
import { rebuildYearsBetween, type RollupContext } from './rollup-store';
import { type Executor, groupBy, nowIso, OPEN_YEAR } from './sql';

export const FIRST_LINK_YEAR = 1900;
export const LAST_LINK_YEAR = OPEN_YEAR - 1;

export interface UpsertAgencyInput {
  readonly code: string;
  readonly name: string;
  readonly kind: AgencyKind;
  readonly aliases?: readonly string[];
  readonly nameFromYear?: number | null;
}

function checkText(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.trim().length > max) throw invalid(field, `a non-empty text of at most ${max} characters`, value);
  return value.trim();
}

function checkYear(field: string, value: unknown, nullable: boolean): number | null {
  if (value === null || value === undefined) {
    if (nullable) return null;
    throw invalid(field, `a year between ${FIRST_LINK_YEAR} and ${LAST_LINK_YEAR}`, value ?? null);
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < FIRST_LINK_YEAR || value > LAST_LINK_YEAR) {
    throw invalid(field, `a year between ${FIRST_LINK_YEAR} and ${LAST_LINK_YEAR}${nullable ? ' or null' : ''}`, value);
  }
  return value;
}

export async function agencyByCodeOrThrow(db: Executor, code: string, field: string): Promise<AgencyRow> {
  const [row] = await selectAgenciesBy(db, 'code', [code]);
  if (!row) throw new AppError('NOT_FOUND', `${field}: no agency has the code ${JSON.stringify(code)}`, { field, expected: 'the code of an existing agency', received: code });
  return row;
}

/**
 * Creates the agency, or renames / re-kinds it (the former name is kept in the history and as an
 * alias). A new agency is unplaced: a root active in every year until setParent places it (closure.ts).
 */
export async function upsertAgencyIn(db: Executor, input: UpsertAgencyInput): Promise<AgencyRecord> {
  const code = checkText('code', input.code, 64);
  const name = checkText('name', input.name, 200);
  if (!AGENCY_KINDS.includes(input.kind)) throw invalid('kind', `one of ${AGENCY_KINDS.join(', ')}`, input.kind);
  const aliases = (input.aliases ?? []).map((a, i) => checkText(`aliases[${i}]`, a, 200));
  const nameFromYear = checkYear('nameFromYear', input.nameFromYear, true);
  const now = nowIso();

  const [existing] = await selectAgenciesBy(db, 'code', [code]);
  if (!existing) {
    const id = await insertAgency(db, { code, name, kind: input.kind, createdAt: now });
    await insertName(db, id, name, nameFromYear, now);
    await insertAliases(db, id, [...new Set(aliases)].filter((a) => a !== name));
    await replaceClosureOf(db, [id], closureRows([], [id]));
    await insertNodesOfNewAgency(db, id);
  } else {
    const renamed = existing.name !== name;
    if (renamed) await insertName(db, existing.id, name, nameFromYear, now);
    if (renamed || existing.kind !== input.kind) await updateAgency(db, existing.id, name, input.kind);
    const wanted = renamed ? [existing.name, ...aliases] : aliases;
    await insertAliases(db, existing.id, [...new Set(wanted)].filter((a) => a !== name && !existing.aliases.includes(a)));
  }
  const [row] = await selectAgenciesBy(db, 'code', [code]);
  return agencyRecordOf(row);
}

export interface SetParentInput {
  readonly childCode: string;
  readonly parentCode: string | null;
  readonly fromYear: number;
  readonly toYear: number | null;
}

/**
 * Places the child under the parent (or as a root) for fromYear..toYear, trimming or splitting the
 * child's links that overlap; recomputes the closure of the child's subtree and rebuilds the
 * materialised rollups of the affected years, all in the caller's transaction.
 * @throws AppError NOT_FOUND for an unknown code; VALIDATION_FAILED for bad years or a cycle.
 */
export async function setParentIn(db: Executor, ctx: RollupContext, input: SetParentInput): Promise<readonly ParentLinkRecord[]> {
  const fromYear = checkYear('fromYear', input.fromYear, false)!;
  const toYear = checkYear('toYear', input.toYear, true);
  if (toYear !== null && toYear < fromYear) throw invalid('toYear', `null or a year ≥ fromYear (${fromYear})`, toYear);
  const child = await agencyByCodeOrThrow(db, input.childCode, 'childCode');
  const parent = input.parentCode === null ? null : await agencyByCodeOrThrow(db, input.parentCode, 'parentCode');
  const end = toYear ?? OPEN_YEAR;
  if (parent && parent.id === child.id) throw invalid('parentCode', 'an agency other than the child', input.parentCode);

  const below = await selectDescendantSpans(db, child.id);
  if (parent && below.some((d) => d.descendantId === parent.id && d.fromYear <= end && d.toYear >= fromYear)) {
    throw invalid('parentCode', `an agency that is not below ${child.code} in ${fromYear}..${toYear ?? 'open'} (that would make a cycle)`, input.parentCode);
  }

  const links = await selectLinksOf(db, [child.id]);
  await replaceSpan(db, child.id, links, fromYear, end, { childId: child.id, parentId: parent?.id ?? null, fromYear, toYear });
  // An unplaced child was active in every year: placing it changes them all.
  const [lo, hi] = links.length === 0 ? [UNPLACED_FROM_YEAR, OPEN_YEAR] : [fromYear, end];
  return afterRelink(db, ctx, child.id, below, lo, hi);
}

/** Removes the child's links over from..end (trimming or splitting the ones that overlap) and adds `replacement`. */
async function replaceSpan(db: Executor, childId: number, links: readonly LinkSpan[], from: number, end: number, replacement: LinkSpan | null): Promise<void> {
  const overlapping = links.filter((l) => l.fromYear <= end && (l.toYear ?? OPEN_YEAR) >= from);
  const kept: LinkSpan[] = [];
  for (const l of overlapping) {
    if (l.fromYear < from) kept.push({ ...l, toYear: from - 1 });
    if ((l.toYear ?? OPEN_YEAR) > end) kept.push({ ...l, fromYear: end + 1 });
  }
  await deleteLinks(db, childId, overlapping.map((l) => l.fromYear));
  await insertLinks(db, replacement ? [...kept, replacement] : kept);
}

/**
 * Recomputes the closure of the subtree whose root's links changed, rebuilds the rollups of years
 * lo..hi, returns the root's links. The subtree is every agency below the root in ANY year, and its
 * closure is recomputed for every year: in the years an agency sits elsewhere (moved away before
 * the root ended, say) its chain runs through agencies unrelated to the root, so the links are read
 * upward from the whole subtree, not only along the root's own chains.
 */
async function afterRelink(
  db: Executor, ctx: RollupContext, rootId: number, below: readonly { descendantId: number }[], lo: number, hi: number,
): Promise<readonly ParentLinkRecord[]> {
  const subtree = [rootId, ...new Set(below.map((d) => d.descendantId))];
  await replaceClosureOf(db, subtree, closureRows(await selectLinksUpwardFrom(db, subtree), subtree));
  await rebuildYearsBetween(db, ctx, lo, hi);
  return (await selectLinksOf(db, [rootId])).map(parentLinkRecordOf).filter((l): l is ParentLinkRecord => l !== null);
}

/** An empty root span [0, -1]: the agency is placed, so not a root of every year, yet active in none. */
const NEVER_ACTIVE_MARKER = (childId: number): LinkSpan => ({ childId, parentId: null, fromYear: UNPLACED_FROM_YEAR, toYear: UNPLACED_FROM_YEAR - 1 });

/**
 * Ends an agency after `lastYear` (merged away, dissolved): it is inactive from lastYear + 1 on, so
 * H1 no longer expects its reports. Its children stay linked to it; move them with setParent.
 * An unplaced agency becomes a root up to lastYear.
 */
export async function endAgencyIn(db: Executor, ctx: RollupContext, input: { code: string; lastYear: number }): Promise<readonly ParentLinkRecord[]> {
  const lastYear = checkYear('lastYear', input.lastYear, false)!;
  const agency = await agencyByCodeOrThrow(db, input.code, 'code');
  const below = await selectDescendantSpans(db, agency.id);
  const links = await selectLinksOf(db, [agency.id]);
  if (links.length === 0) {
    await insertLinks(db, [{ childId: agency.id, parentId: null, fromYear: UNPLACED_FROM_YEAR, toYear: lastYear }]);
  } else {
    await replaceSpan(db, agency.id, links, lastYear + 1, OPEN_YEAR, null);
    // Ended before its first active year: keep it placed (with no active year) rather than unplaced.
    if ((await selectLinksOf(db, [agency.id])).length === 0) await insertLinks(db, [NEVER_ACTIVE_MARKER(agency.id)]);
  }
  return afterRelink(db, ctx, agency.id, below, links.length === 0 ? UNPLACED_FROM_YEAR : lastYear + 1, OPEN_YEAR);
}

function align<K, V>(keys: readonly K[], found: ReadonlyMap<K, V>): (V | null)[] {
  return keys.map((k) => found.get(k) ?? null);
}

export async function agenciesByCodeIn(db: Executor, codes: readonly string[]): Promise<(AgencyRecord | null)[]> {
  const rows = await selectAgenciesBy(db, 'code', codes);
  return align(codes, new Map(rows.map((r) => [r.code, agencyRecordOf(r)])));
}

export async function agenciesByIdIn(db: Executor, ids: readonly number[]): Promise<(AgencyRecord | null)[]> {
  const rows = ids.length ? await selectAgenciesBy(db, 'id', ids) : [];
  return align(ids, new Map(rows.map((r) => [r.id, agencyRecordOf(r)])));
}

export async function agencyByNameIn(db: Executor, name: string): Promise<AgencyRecord | null> {
  const rows = await selectAgenciesNamed(db, name.trim());
  return rows.length === 1 ? agencyRecordOf(rows[0]) : null;
}

export const MAX_PAGE = 1000;

export async function findAgenciesIn(db: Executor, filter: AgencyFilter, page: { first: number; offset: number }): Promise<Page<AgencyRecord>> {
  if (!Number.isInteger(page.first) || page.first < 0 || page.first > MAX_PAGE) throw invalid('first', `an integer from 0 to ${MAX_PAGE}`, page.first);
  if (!Number.isInteger(page.offset) || page.offset < 0) throw invalid('offset', 'a non-negative integer', page.offset);
  const { rows, total } = await selectAgencyPage(
    db,
    { kind: filter.kind ?? null, nameContains: filter.nameContains ?? null, parentCode: filter.parentCode ?? null, year: filter.year ?? null },
    page.first,
    page.offset,
  );
  return Object.freeze({ nodes: Object.freeze(rows.map(agencyRecordOf)), totalCount: total, hasNextPage: page.offset + rows.length < total });
}

export async function nameHistoryIn(db: Executor, agencyIds: readonly number[]): Promise<(readonly AgencyNameRecord[])[]> {
  const rows = agencyIds.length ? await selectNames(db, agencyIds) : [];
  const byAgency = groupBy(rows, (r) => r.agencyId);
  return agencyIds.map((id) => Object.freeze((byAgency.get(id) ?? []).map(nameRecordOf)));
}

export async function parentsOfIn(db: Executor, keys: readonly RollupKey[]): Promise<(AgencyRecord | null)[]> {
  if (keys.length === 0) return [];
  const parentOf = new Map((await selectRelativeAgencies(db, keys, 'descendant', 1)).map((r) => [r.keyIndex, agencyRecordOf(r.agency)]));
  return keys.map((_, i) => parentOf.get(i) ?? null);
}

/** Children of each (agency, year) in that year's tree, ordered by code. */
export async function childrenOfIn(db: Executor, keys: readonly RollupKey[]): Promise<(readonly AgencyRecord[])[]> {
  if (keys.length === 0) return [];
  const byKey = groupBy(await selectChildAgencies(db, keys), (r) => r.keyIndex);
  return keys.map((_, i) =>
    Object.freeze((byKey.get(i) ?? []).map((r) => agencyRecordOf(r.agency)).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))),
  );
}

export async function parentLinksIn(db: Executor, agencyIds: readonly number[]): Promise<(readonly ParentLinkRecord[])[]> {
  const links = agencyIds.length ? await selectLinksOf(db, agencyIds) : [];
  const byChild = groupBy(links, (l) => l.childId);
  return agencyIds.map((id) =>
    Object.freeze((byChild.get(id) ?? []).map(parentLinkRecordOf).filter((l): l is ParentLinkRecord => l !== null)),
  );
}

const closureKey = (r: ClosureRow) => `${r.ancestorId}>${r.descendantId}:${r.fromYear}`;

/** The closure as the links say it should be, for every agency. */
async function closureFromLinks(db: Executor): Promise<{ rows: ClosureRow[]; codes: Map<number, string> }> {
  const codes = await selectAllAgencyCodes(db);
  return { rows: closureRows(await selectAllLinks(db), codes.keys()), codes };
}

/**
 * Compares the stored closure with the one computed from the parent links (the closure is derived
 * data, kept by every hierarchy write): one line per row that differs, naming the agencies by code.
 */
export async function verifyClosureIn(db: Executor): Promise<string[]> {
  const { rows, codes } = await closureFromLinks(db);
  const fresh = new Map(rows.map((r) => [closureKey(r), r]));
  const stored = new Map((await selectAllClosure(db)).map((r) => [closureKey(r), r]));
  const text = (r: ClosureRow | undefined) => (r ? `depth ${r.depth}, ${r.fromYear}–${r.toYear === OPEN_YEAR ? 'open' : r.toYear}` : 'no row');
  const differences: string[] = [];
  for (const key of new Set([...stored.keys(), ...fresh.keys()])) {
    const [a, b] = [stored.get(key), fresh.get(key)];
    if (text(a) === text(b)) continue;
    const row = (a ?? b)!;
    differences.push(`agency_closure ${codes.get(row.ancestorId) ?? row.ancestorId} above ${codes.get(row.descendantId) ?? row.descendantId} from ${row.fromYear}: stored ${text(a)}; from the links ${text(b)}`);
  }
  return differences.sort();
}

/** Recomputes the whole closure from the parent links, in the caller's transaction; returns its row count. */
export async function rebuildClosureIn(db: Executor): Promise<number> {
  const { rows } = await closureFromLinks(db);
  await clearClosure(db);
  await replaceClosureOf(db, [], rows);
  return rows.length;
}
