/** SQL of the dated hierarchy: parent links and the closure table (the only place they are read or written). */
import { AGENCY_ALIAS_COLUMNS, type AgencyAliasRow, type AgencyRow, foldAliases } from './agency.queries';
import type { ClosureRow, LinkSpan } from './closure';
import { chunks, type Executor, insertRows, KEY_CHUNK, OPEN_YEAR, placeholders, toOptionalInteger, toSafeInteger } from './sql';

interface RawLink { child_id: unknown; parent_id: unknown; from_year: unknown; to_year: unknown }

function toLink(r: RawLink): LinkSpan {
  return {
    childId: toSafeInteger(r.child_id, 'parent_link.child_id'),
    parentId: toOptionalInteger(r.parent_id, 'parent_link.parent_id'),
    fromYear: toSafeInteger(r.from_year, 'parent_link.from_year'),
    toYear: toOptionalInteger(r.to_year, 'parent_link.to_year'),
  };
}

/** Links of the given children ordered by child and year (root spans, parent NULL, included). */
export async function selectLinksOf(db: Executor, childIds: readonly number[]): Promise<LinkSpan[]> {
  const out: LinkSpan[] = [];
  for (const chunk of chunks([...new Set(childIds)])) {
    const rows = await db.query<RawLink[]>(
      `SELECT child_id, parent_id, from_year, to_year FROM parent_link WHERE child_id IN (${placeholders(chunk.length)}) ORDER BY child_id, from_year`,
      chunk,
    );
    out.push(...rows.map(toLink));
  }
  return out;
}

/**
 * The links of the agencies and, transitively, of every parent those links name: all the links
 * closureRows needs to follow the chains of these agencies in every year, wherever they sat. Read
 * level by level (one statement per level and chunk) from the links themselves, not from the
 * closure table, which is what is being recomputed.
 */
export async function selectLinksUpwardFrom(db: Executor, agencyIds: readonly number[]): Promise<LinkSpan[]> {
  const links: LinkSpan[] = [];
  const read = new Set<number>();
  let level = [...new Set(agencyIds)];
  while (level.length > 0) {
    for (const id of level) read.add(id);
    const found = await selectLinksOf(db, level);
    links.push(...found);
    level = [...new Set(found.map((l) => l.parentId).filter((p): p is number => p !== null && !read.has(p)))];
  }
  return links;
}

export async function deleteLinks(db: Executor, childId: number, fromYears: readonly number[]): Promise<void> {
  if (fromYears.length === 0) return;
  await db.query(`DELETE FROM parent_link WHERE child_id = ? AND from_year IN (${placeholders(fromYears.length)})`, [childId, ...fromYears]);
}

export async function insertLinks(db: Executor, links: readonly LinkSpan[]): Promise<void> {
  await insertRows(db, 'parent_link', ['child_id', 'parent_id', 'from_year', 'to_year'], links.map((l) => [l.childId, l.parentId, l.fromYear, l.toYear]));
}

/** Every descendant (depth ≥ 1) of the agency in any year, with the years. */
export async function selectDescendantSpans(db: Executor, ancestorId: number): Promise<{ descendantId: number; fromYear: number; toYear: number }[]> {
  const rows = await db.query<{ descendant_id: unknown; from_year: unknown; to_year: unknown }[]>(
    'SELECT descendant_id, from_year, to_year FROM agency_closure WHERE ancestor_id = ? AND depth > 0',
    [ancestorId],
  );
  return rows.map((r) => ({
    descendantId: toSafeInteger(r.descendant_id, 'agency_closure.descendant_id'),
    fromYear: toSafeInteger(r.from_year, 'agency_closure.from_year'),
    toYear: toSafeInteger(r.to_year, 'agency_closure.to_year'),
  }));
}

export async function replaceClosureOf(db: Executor, descendantIds: readonly number[], rows: readonly ClosureRow[]): Promise<void> {
  for (const chunk of chunks(descendantIds)) {
    await db.query(`DELETE FROM agency_closure WHERE descendant_id IN (${placeholders(chunk.length)})`, chunk);
  }
  await insertRows(
    db, 'agency_closure', ['ancestor_id', 'descendant_id', 'depth', 'from_year', 'to_year'],
    rows.map((r) => [r.ancestorId, r.descendantId, r.depth, r.fromYear, r.toYear]),
  );
}

/** Every parent link and root span (verifying or rebuilding the whole closure). */
export async function selectAllLinks(db: Executor): Promise<LinkSpan[]> {
  return (await db.query<RawLink[]>('SELECT child_id, parent_id, from_year, to_year FROM parent_link ORDER BY child_id, from_year')).map(toLink);
}

/** Every closure row. */
export async function selectAllClosure(db: Executor): Promise<ClosureRow[]> {
  const rows = await db.query<{ ancestor_id: unknown; descendant_id: unknown; depth: unknown; from_year: unknown; to_year: unknown }[]>(
    'SELECT ancestor_id, descendant_id, depth, from_year, to_year FROM agency_closure',
  );
  return rows.map((r) => ({
    ancestorId: toSafeInteger(r.ancestor_id, 'agency_closure.ancestor_id'),
    descendantId: toSafeInteger(r.descendant_id, 'agency_closure.descendant_id'),
    depth: toSafeInteger(r.depth, 'agency_closure.depth'),
    fromYear: toSafeInteger(r.from_year, 'agency_closure.from_year'),
    toYear: toSafeInteger(r.to_year, 'agency_closure.to_year'),
  }));
}

export async function clearClosure(db: Executor): Promise<void> {
  await db.query('DELETE FROM agency_closure');
}

/** The closure rows of the given agencies as descendants (tests compare them with closureRows). */
export async function selectClosureOf(db: Executor, descendantIds: readonly number[]): Promise<ClosureRow[]> {
  const out: ClosureRow[] = [];
  for (const chunk of chunks([...new Set(descendantIds)])) {
    const rows = await db.query<{ ancestor_id: unknown; descendant_id: unknown; depth: unknown; from_year: unknown; to_year: unknown }[]>(
      `SELECT ancestor_id, descendant_id, depth, from_year, to_year FROM agency_closure WHERE descendant_id IN (${placeholders(chunk.length)})`,
      chunk,
    );
    out.push(...rows.map((r) => ({
      ancestorId: toSafeInteger(r.ancestor_id, 'agency_closure.ancestor_id'),
      descendantId: toSafeInteger(r.descendant_id, 'agency_closure.descendant_id'),
      depth: toSafeInteger(r.depth, 'agency_closure.depth'),
      fromYear: toSafeInteger(r.from_year, 'agency_closure.from_year'),
      toYear: toSafeInteger(r.to_year, 'agency_closure.to_year'),
    })));
  }
  return out;
}

/** `(col_a = ? AND col_b = ?) OR …` for a chunk of (id, year) keys. */
export function keyCondition(idColumn: string, yearColumn: string, keys: readonly { agencyId: number; year: number }[]): { sql: string; params: number[] } {
  return {
    sql: keys.map(() => `(${idColumn} = ? AND ${yearColumn} = ?)`).join(' OR '),
    params: keys.flatMap((k) => [k.agencyId, k.year]),
  };
}

/**
 * The agencies at closure `depth` from (agency, year) keys, as ancestor (`side` = 'ancestor': the
 * key's descendants at that depth) or as descendant ('descendant': its ancestors), with their aliases
 * joined in (one statement, not two: on MySQL each is a round trip). One statement per chunk of keys.
 */
export async function selectRelativeAgencies(
  db: Executor,
  keys: readonly { agencyId: number; year: number }[],
  side: 'ancestor' | 'descendant',
  depth: number,
): Promise<{ keyIndex: number; agency: AgencyRow }[]> {
  const own = side === 'ancestor' ? 'ancestor_id' : 'descendant_id';
  const other = side === 'ancestor' ? 'descendant_id' : 'ancestor_id';
  return selectKeyedAgencies(db, keys, `FROM agency_closure c JOIN agency a ON a.id = c.${other}
    LEFT JOIN agency_alias al ON al.agency_id = a.id WHERE c.${own} = ? AND c.depth = ${Number(depth)} AND c.from_year <= ? AND c.to_year >= ?`);
}

/**
 * Children of (agency, year) keys with their aliases, read from the parent links (indexed by parent)
 * rather than from the closure's depth-1 rows: those are the same (closure.ts derives a depth-1 row
 * from each link with a parent, open spans ending at OPEN_YEAR), but the closure's ancestor index
 * holds every descendant of the node and not the depth, so finding the 30 children of a city meant
 * visiting its 10,000 descendants. One statement per chunk of keys.
 */
export async function selectChildAgencies(db: Executor, keys: readonly { agencyId: number; year: number }[]): Promise<{ keyIndex: number; agency: AgencyRow }[]> {
  return selectKeyedAgencies(db, keys, `FROM parent_link l JOIN agency a ON a.id = l.child_id
    LEFT JOIN agency_alias al ON al.agency_id = a.id WHERE l.parent_id = ? AND l.from_year <= ? AND COALESCE(l.to_year, ${OPEN_YEAR}) >= ?`);
}

/**
 * One SELECT of agencies per key (`from` takes the key's agency id and its year twice), in a UNION ALL
 * per chunk; the key's index rides along as a constant so that results align with keys of mixed years.
 */
async function selectKeyedAgencies(db: Executor, keys: readonly { agencyId: number; year: number }[], from: string): Promise<{ keyIndex: number; agency: AgencyRow }[]> {
  const out: { keyIndex: number; agency: AgencyRow }[] = [];
  let base = 0;
  for (const chunk of chunks(keys, KEY_CHUNK)) {
    const sql = `SELECT * FROM (${chunk.map(() => `SELECT ? AS k, ${AGENCY_ALIAS_COLUMNS} ${from}`).join(' UNION ALL ')}) t ORDER BY k, id, alias`;
    const params = chunk.flatMap((key, i) => [base + i, key.agencyId, key.year, key.year]);
    out.push(...foldAliases(await db.query<AgencyAliasRow[]>(sql, params)));
    base += chunk.length;
  }
  return out;
}

/** Every ancestor (depth ≥ 1) of the agencies in any year. */
export async function selectAncestorIdsAnyYear(db: Executor, agencyIds: readonly number[]): Promise<number[]> {
  const out = new Set<number>();
  for (const chunk of chunks([...new Set(agencyIds)])) {
    const rows = await db.query<{ ancestor_id: unknown }[]>(
      `SELECT DISTINCT ancestor_id FROM agency_closure WHERE descendant_id IN (${placeholders(chunk.length)}) AND depth > 0`,
      chunk,
    );
    for (const r of rows) out.add(toSafeInteger(r.ancestor_id, 'agency_closure.ancestor_id'));
  }
  return [...out];
}

/** Ancestors (self included when active) of an agency in a year. */
export async function selectAncestorIds(db: Executor, agencyId: number, year: number): Promise<number[]> {
  const rows = await db.query<{ ancestor_id: unknown }[]>(
    'SELECT ancestor_id FROM agency_closure WHERE descendant_id = ? AND from_year <= ? AND to_year >= ?',
    [agencyId, year, year],
  );
  return rows.map((r) => toSafeInteger(r.ancestor_id, 'agency_closure.ancestor_id'));
}
