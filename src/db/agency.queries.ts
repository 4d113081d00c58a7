/** SQL of agencies, names and aliases. Every batch function runs a constant number of statements per CHUNK keys. */
import type { AgencyKind } from '../domain/checks/types';
import { chunks, type Executor, insertRows, placeholders, toSafeInteger } from './sql';

export interface AgencyRow {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly kind: AgencyKind;
  readonly aliases: readonly string[];
}

interface RawAgency { id: unknown; code: string; name: string; kind: AgencyKind }

async function withAliases(db: Executor, raws: readonly RawAgency[]): Promise<AgencyRow[]> {
  const ids = raws.map((r) => toSafeInteger(r.id, 'agency.id'));
  const aliases = new Map<number, string[]>();
  for (const chunk of chunks([...new Set(ids)])) {
    const rows = await db.query<{ agency_id: unknown; alias: string }[]>(
      `SELECT agency_id, alias FROM agency_alias WHERE agency_id IN (${placeholders(chunk.length)}) ORDER BY agency_id, alias`,
      chunk,
    );
    for (const row of rows) {
      const id = toSafeInteger(row.agency_id, 'agency_alias.agency_id');
      aliases.set(id, [...(aliases.get(id) ?? []), row.alias]);
    }
  }
  return raws.map((r, i) => ({ id: ids[i], code: r.code, name: r.name, kind: r.kind, aliases: aliases.get(ids[i]) ?? [] }));
}

/**
 * Agencies by column value (`code` or `id`), in no particular order; 1 statement per chunk, aliases
 * (rare) joined in: every screen looks agencies up several times, and on MySQL each statement is a
 * round trip.
 */
export async function selectAgenciesBy(db: Executor, column: 'code' | 'id', values: readonly (string | number)[]): Promise<AgencyRow[]> {
  const out: AgencyRow[] = [];
  for (const chunk of chunks([...new Set(values)])) {
    const rows = await db.query<AgencyAliasRow[]>(
      `SELECT ${AGENCY_ALIAS_COLUMNS} FROM agency a LEFT JOIN agency_alias al ON al.agency_id = a.id
       WHERE a.${column} IN (${placeholders(chunk.length)}) ORDER BY a.id, al.alias`,
      chunk,
    );
    out.push(...foldAliases(rows).map((r) => r.agency));
  }
  return out;
}

/** An agency row with one of its aliases (LEFT JOIN agency_alias: null when it has none), and the key it answers when a batch asked. */
export type AgencyAliasRow = RawAgency & { readonly alias: string | null; readonly k?: unknown };

/** The columns an AgencyAliasRow needs, for statements that join agencies in (`a` agency, `al` agency_alias). */
export const AGENCY_ALIAS_COLUMNS = 'a.id, a.code, a.name, a.kind, al.alias';

/**
 * Agencies with their aliases from rows ordered by (k,) id: one agency per run of rows of the same
 * key and id, each alias row adding its alias.
 */
export function foldAliases(rows: readonly AgencyAliasRow[]): { readonly keyIndex: number; readonly agency: AgencyRow }[] {
  const out: { keyIndex: number; agency: AgencyRow }[] = [];
  let last: { keyIndex: number; agency: { id: number; code: string; name: string; kind: AgencyKind; aliases: string[] } } | null = null;
  for (const r of rows) {
    const id = toSafeInteger(r.id, 'agency.id');
    const keyIndex = r.k === undefined ? 0 : toSafeInteger(r.k, 'k');
    if (last === null || last.agency.id !== id || last.keyIndex !== keyIndex) {
      out.push((last = { keyIndex, agency: { id, code: r.code, name: r.name, kind: r.kind, aliases: [] } }));
    }
    if (r.alias !== null) last.agency.aliases.push(r.alias);
  }
  return out;
}

/** Agencies whose current name or an alias is exactly `name`. */
export async function selectAgenciesNamed(db: Executor, name: string): Promise<AgencyRow[]> {
  const raws = await db.query<RawAgency[]>(
    `SELECT id, code, name, kind FROM agency WHERE name = ? OR id IN (SELECT agency_id FROM agency_alias WHERE alias = ?) ORDER BY id`,
    [name, name],
  );
  return withAliases(db, raws);
}

export interface AgencyQuery {
  readonly kind: AgencyKind | null;
  readonly nameContains: string | null;
  readonly parentCode: string | null;
  readonly year: number | null;
}

function agencyWhere(q: AgencyQuery): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (q.kind) {
    parts.push('a.kind = ?');
    params.push(q.kind);
  }
  if (q.nameContains) {
    // '!' escapes LIKE wildcards the same way on SQLite and MySQL.
    parts.push(`a.name LIKE ? ESCAPE '!'`);
    params.push(`%${q.nameContains.replace(/[!%_]/g, (c) => `!${c}`)}%`);
  }
  if (q.parentCode) {
    if (q.year !== null) {
      parts.push(`a.id IN (SELECT c.descendant_id FROM agency_closure c JOIN agency p ON p.id = c.ancestor_id
        WHERE p.code = ? AND c.depth = 1 AND c.from_year <= ? AND c.to_year >= ?)`);
      params.push(q.parentCode, q.year, q.year);
    } else {
      parts.push('a.id IN (SELECT l.child_id FROM parent_link l JOIN agency p ON p.id = l.parent_id WHERE p.code = ?)');
      params.push(q.parentCode);
    }
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** One page of agencies ordered by code, and the total count: 3 statements. */
export async function selectAgencyPage(db: Executor, q: AgencyQuery, first: number, offset: number): Promise<{ rows: AgencyRow[]; total: number }> {
  const where = agencyWhere(q);
  const [{ total }] = await db.query<{ total: unknown }[]>(`SELECT COUNT(*) AS total FROM agency a ${where.sql}`, where.params);
  const raws = await db.query<RawAgency[]>(
    `SELECT a.id, a.code, a.name, a.kind FROM agency a ${where.sql} ORDER BY a.code LIMIT ? OFFSET ?`,
    [...where.params, first, offset],
  );
  return { rows: await withAliases(db, raws), total: toSafeInteger(total, 'COUNT(*)') };
}

export async function insertAgency(db: Executor, input: { code: string; name: string; kind: AgencyKind; createdAt: string }): Promise<number> {
  await db.query('INSERT INTO agency (code, name, kind, created_at) VALUES (?, ?, ?, ?)', [input.code, input.name, input.kind, input.createdAt]);
  const [row] = await db.query<{ id: unknown }[]>('SELECT id FROM agency WHERE code = ?', [input.code]);
  return toSafeInteger(row.id, 'agency.id');
}

export async function updateAgency(db: Executor, id: number, name: string, kind: AgencyKind): Promise<void> {
  await db.query('UPDATE agency SET name = ?, kind = ? WHERE id = ?', [name, kind, id]);
}

export async function insertName(db: Executor, agencyId: number, name: string, fromYear: number | null, recordedAt: string): Promise<void> {
  await db.query('INSERT INTO agency_name (agency_id, name, from_year, recorded_at) VALUES (?, ?, ?, ?)', [agencyId, name, fromYear, recordedAt]);
}

export async function insertAliases(db: Executor, agencyId: number, aliases: readonly string[]): Promise<void> {
  if (aliases.length === 0) return;
  await db.query(`INSERT INTO agency_alias (agency_id, alias) VALUES ${aliases.map(() => '(?, ?)').join(', ')}`, aliases.flatMap((a) => [agencyId, a]));
}

export interface NameRow { readonly agencyId: number; readonly name: string; readonly fromYear: number | null; readonly recordedAt: string }

export async function selectNames(db: Executor, agencyIds: readonly number[]): Promise<NameRow[]> {
  const out: NameRow[] = [];
  for (const chunk of chunks([...new Set(agencyIds)])) {
    const rows = await db.query<{ agency_id: unknown; name: string; from_year: unknown; recorded_at: string; id: unknown }[]>(
      `SELECT id, agency_id, name, from_year, recorded_at FROM agency_name WHERE agency_id IN (${placeholders(chunk.length)}) ORDER BY agency_id, recorded_at, id`,
      chunk,
    );
    for (const r of rows) {
      out.push({
        agencyId: toSafeInteger(r.agency_id, 'agency_name.agency_id'),
        name: r.name,
        fromYear: r.from_year === null ? null : toSafeInteger(r.from_year, 'agency_name.from_year'),
        recordedAt: r.recorded_at,
      });
    }
  }
  return out;
}

/** Multi-row insert of new agencies with their first name; returns code → id (read back by code). */
export async function insertAgencyRows(
  db: Executor, agencies: readonly { code: string; name: string; kind: AgencyKind; nameFromYear: number | null; aliases: readonly string[] }[], now: string,
): Promise<Map<string, number>> {
  await insertRows(db, 'agency', ['code', 'name', 'kind', 'created_at'], agencies.map((a) => [a.code, a.name, a.kind, now]));
  const ids = new Map<string, number>();
  for (const chunk of chunks(agencies.map((a) => a.code))) {
    for (const r of await db.query<{ id: unknown; code: string }[]>(`SELECT id, code FROM agency WHERE code IN (${placeholders(chunk.length)})`, chunk)) {
      ids.set(r.code, toSafeInteger(r.id, 'agency.id'));
    }
  }
  await insertRows(db, 'agency_name', ['agency_id', 'name', 'from_year', 'recorded_at'], agencies.map((a) => [ids.get(a.code)!, a.name, a.nameFromYear, now]));
  await insertRows(db, 'agency_alias', ['agency_id', 'alias'], agencies.flatMap((a) => [...new Set(a.aliases)].filter((x) => x !== a.name).map((x) => [ids.get(a.code)!, x])));
  return ids;
}

/** Every agency's code by id (whole-database checks name agencies by code). */
export async function selectAllAgencyCodes(db: Executor): Promise<Map<number, string>> {
  const rows = await db.query<{ id: unknown; code: string }[]>('SELECT id, code FROM agency');
  return new Map(rows.map((r) => [toSafeInteger(r.id, 'agency.id'), r.code]));
}
