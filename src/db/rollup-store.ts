/**
 * Rollups: keeping the materialised default rollup right within every write, rebuilding and
 * verifying it, and reading any variant (DESIGN.md §4; FORMATS.md H1 coverage).
 */
import type { FormatId } from '../domain/catalogue';
import type { RollupKey, RollupOptions, RollupRecord } from './api';
import { decodeIds, type CellDictionary } from './cell-dictionary';
import type { Engine } from './data-source';
import type { Contribution } from './report-content';
import { rollupDelta } from './report-content';
import type { ReportRow } from './report.queries';
import { selectAncestorIds } from './hierarchy.queries';
import {
  type AbsentRow, addToNodes, clearAllRollups, computeRollups, computeYear, countRollupRows, deleteZeroRollupRows,
  isYearMaterialised, markYearMaterialised, type NodeRow, rebuildYear, repackNodes, selectExpected, selectStoredYear, selectYearsWithRollups,
  selectMaterialisedYears, selectReportYears, selectStoredRollups, type SumRow, upsertRollupRows,
} from './rollup.queries';
import { findPackedCell, forEachPackedCell } from './packed-cells';
import type { Executor } from './sql';

export interface RollupContext {
  readonly engine: Engine;
  readonly dictionary: CellDictionary;
}

/** A stored report's contribution to the default rollup: only PUBLISHED, OWN-scope reports count. */
export function contributionOf(row: Pick<ReportRow, 'status' | 'scope' | 'format' | 'absentCodes'>, nonZero: ReadonlyMap<number, number>): Contribution | null {
  if (row.status !== 'PUBLISHED' || row.scope !== 'OWN') return null;
  return { format: row.format as FormatId, sums: nonZero, absent: decodeIds(row.absentCodes) };
}

/** "agencyId:codeId" → number of counted reporters lacking the cell. */
function absentCounts(rows: readonly AbsentRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (const codeId of decodeIds(row.absentCodes)) {
      const key = `${row.agencyId}:${codeId}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** Before the first report of a year is written, materialise that year from the facts (hierarchy only, so far). */
export async function ensureYearMaterialised(db: Executor, ctx: RollupContext, year: number): Promise<void> {
  if (await isYearMaterialised(db, year)) return;
  await markYearMaterialised(db, year);
  await rebuildYear(db, ctx.engine, year, absentCounts);
}

/**
 * Applies (after − before) of one report to the rollups of its agency and every ancestor of that
 * year, in the caller's transaction (DESIGN.md §7 "Correcting one report makes its ancestors'
 * rollups right within the same transaction").
 */
export async function applyReportChange(
  db: Executor, ctx: RollupContext, agencyId: number, year: number, before: Contribution | null, after: Contribution | null,
): Promise<void> {
  const delta = rollupDelta(before, after);
  if (delta.cells.size === 0 && delta.reported === 0 && delta.f2019 === 0 && delta.f2021 === 0) return;
  const ancestors = await selectAncestorIds(db, agencyId, year);
  if (ancestors.length === 0) return; // not active that year: counted nowhere (closure.ts)
  if (delta.cells.size > 0) {
    const rows: SumRow[] = ancestors.flatMap((ancestorId) =>
      [...delta.cells].map(([codeId, [valueSum, absentReporters]]) => ({ agencyId: ancestorId, year, codeId, valueSum, absentReporters })),
    );
    await upsertRollupRows(db, ctx.engine, rows);
    await deleteZeroRollupRows(db, year, ancestors);
    await repackNodes(db, year, ancestors);
  }
  if (delta.reported !== 0 || delta.f2019 !== 0 || delta.f2021 !== 0) await addToNodes(db, year, ancestors, delta);
}

/** Materialises (when new) and rebuilds the given years from the facts (after a bulk load). */
export async function rebuildYears(db: Executor, ctx: RollupContext, years: readonly number[]): Promise<void> {
  for (const year of years) {
    if (!(await isYearMaterialised(db, year))) await markYearMaterialised(db, year);
    await rebuildYear(db, ctx.engine, year, absentCounts);
  }
}

/** Rebuilds the materialised years in [from, to] (after a hierarchy change). */
export async function rebuildYearsBetween(db: Executor, ctx: RollupContext, from: number, to: number): Promise<void> {
  for (const year of await selectMaterialisedYears(db, from, to)) await rebuildYear(db, ctx.engine, year, absentCounts);
}

/** Recomputes every materialised rollup from the facts; the years are those that have a report. */
export async function rebuildAllRollups(db: Executor, ctx: RollupContext): Promise<number> {
  await clearAllRollups(db);
  for (const year of await selectReportYears(db)) {
    await markYearMaterialised(db, year);
    await rebuildYear(db, ctx.engine, year, absentCounts);
  }
  return countRollupRows(db);
}

const nodeText = (n: NodeRow) => `expected ${n.expected}, reported ${n.reported}, F2019 ${n.f2019}, F2021 ${n.f2021}`;
const sumText = (s: SumRow) => `sum ${s.valueSum}, absent ${s.absentReporters}`;

/**
 * Compares the materialised rollups with a fresh computation from the facts, one year at a time (so
 * memory stays bounded by one year); one line per difference.
 */
export async function verifyAllRollups(db: Executor): Promise<string[]> {
  const reportYears = await selectReportYears(db);
  const materialised = await selectMaterialisedYears(db, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const differences: string[] = [];
  for (const year of reportYears) if (!materialised.includes(year)) differences.push(`rollup_year ${year}: has reports but is not materialised`);
  for (const year of await selectYearsWithRollups(db)) if (!materialised.includes(year)) differences.push(`rollup_year ${year}: has rollup rows but is not materialised`);

  const compare = (table: string, stored: Map<string, string>, fresh: Map<string, string>) => {
    for (const key of new Set([...stored.keys(), ...fresh.keys()])) {
      const a = stored.get(key) ?? 'no row';
      const b = fresh.get(key) ?? 'no row';
      if (a !== b) differences.push(`${table} ${key}: stored ${a}; from the facts ${b}`);
    }
  };
  for (const year of materialised) {
    const stored = await selectStoredYear(db, year);
    const fresh = await computeYear(db, year);
    const sums = new Map<string, SumRow>(fresh.sums.map((s) => [`${s.agencyId}:${year}:${s.codeId}`, s]));
    for (const [key, n] of absentCounts(fresh.absent)) {
      const [agencyId, codeId] = key.split(':').map(Number);
      const k = `${agencyId}:${year}:${codeId}`;
      sums.set(k, { agencyId, year, codeId, valueSum: sums.get(k)?.valueSum ?? 0, absentReporters: n });
    }
    compare('rollup_node', new Map(stored.nodes.map((n) => [`${n.agencyId}:${n.year}`, nodeText(n)])), new Map(fresh.nodes.map((n) => [`${n.agencyId}:${n.year}`, nodeText(n)])));
    compare('rollup', new Map(stored.sums.map((s) => [`${s.agencyId}:${s.year}:${s.codeId}`, sumText(s)])), new Map([...sums].map(([k, s]) => [k, sumText(s)])));
    compare('rollup_node.cells', new Map(stored.packed.map((s) => [`${s.agencyId}:${s.year}:${s.codeId}`, sumText(s)])), new Map([...sums].map(([k, s]) => [k, sumText(s)])));
  }
  return differences.sort();
}

interface NodeTotals {
  expected: number;
  reported: number;
  byFormat: Record<FormatId, number>;
  /** Computed at query time: non-zero sums and absent counts by cell id. */
  sums: Map<number, number>;
  absent: Map<number, number>;
  /** Read from rollup_node: the packed cells, searched cell by cell (packed-cells.ts); null when computed. */
  packed: string | null;
}

/**
 * The rollups of the keys, aligned with them. The default (PUBLISHED, that year's tree) reads the
 * materialised tables; includeDrafts or CURRENT computes at query time. A constant number of SQL
 * statements per chunk of keys.
 */
export async function readRollups(db: Executor, ctx: RollupContext, keys: readonly RollupKey[], options: RollupOptions = {}): Promise<RollupRecord[]> {
  const hierarchy = options.hierarchy ?? 'YEAR';
  const includeDrafts = options.includeDrafts ?? false;
  const totals = new Map<string, NodeTotals>();
  const totalsOf = (agencyId: number, year: number): NodeTotals => {
    const key = `${agencyId}:${year}`;
    let t = totals.get(key);
    if (!t) totals.set(key, (t = { expected: 0, reported: 0, byFormat: { F2019: 0, F2021: 0 }, sums: new Map(), absent: new Map(), packed: null }));
    return t;
  };
  const unique = [...new Map(keys.map((k) => [`${k.agencyId}:${k.year}`, { agencyId: k.agencyId, year: k.year }])).values()];

  if (hierarchy === 'YEAR' && !includeDrafts) {
    const nodes = await selectStoredRollups(db, unique);
    for (const n of nodes) {
      const t = totalsOf(n.agencyId, n.year);
      t.expected = n.expected;
      t.reported = n.reported;
      t.byFormat = { F2019: n.f2019, F2021: n.f2021 };
      t.packed = n.packed;
    }
    // Keys without a node row (no report yet that year, or an inactive node): expected from the closure.
    const withNode = new Set(nodes.map((n) => `${n.agencyId}:${n.year}`));
    const missing = unique.filter((k) => !withNode.has(`${k.agencyId}:${k.year}`));
    if (missing.length > 0) {
      const expected = await selectExpected(db, missing, 'YEAR');
      missing.forEach((k, i) => (totalsOf(k.agencyId, k.year).expected = expected.get(i) ?? 0));
    }
  } else {
    const computed = await computeRollups(db, unique, hierarchy, includeDrafts ? 'ANY' : 'PUBLISHED');
    for (const f of computed.formats) {
      const t = totalsOf(f.agencyId, f.year);
      t.byFormat[f.format as FormatId] = (t.byFormat[f.format as FormatId] ?? 0) + f.reporters;
      t.reported += f.reporters;
    }
    for (const s of computed.sums) if (s.valueSum !== 0) totalsOf(s.agencyId, s.year).sums.set(s.codeId, s.valueSum);
    for (const a of computed.absent) {
      const t = totalsOf(a.agencyId, a.year);
      for (const codeId of decodeIds(a.absentCodes)) t.absent.set(codeId, (t.absent.get(codeId) ?? 0) + 1);
    }
    const expected = await selectExpected(db, unique, hierarchy);
    unique.forEach((k, i) => (totalsOf(k.agencyId, k.year).expected = expected.get(i) ?? 0));
  }

  return keys.map((k) => new NodeRollup(ctx.dictionary, k, totals.get(`${k.agencyId}:${k.year}`)));
}

/**
 * The ids a rollup speaks about before its sums are looked at: every cell of each format that has
 * reporters, ascending. Computed once per dictionary and set of formats (3 sets).
 */
interface FormatSetCells {
  readonly ids: readonly number[];
  readonly idSet: ReadonlySet<number>;
  /** By position in `ids`: the code, and the formats having it. */
  readonly codes: readonly string[];
  readonly formats: readonly (readonly FormatId[])[];
}

const formatSetCache = new WeakMap<CellDictionary, Map<string, FormatSetCells>>();

function cellsOfFormats(dictionary: CellDictionary, formats: readonly FormatId[]): FormatSetCells {
  let byKey = formatSetCache.get(dictionary);
  if (!byKey) formatSetCache.set(dictionary, (byKey = new Map()));
  const key = formats.join(',');
  let cells = byKey.get(key);
  if (!cells) {
    const idSet = new Set<number>();
    for (const format of formats) dictionary.idsOfFormat(format).forEach((id) => idSet.add(id));
    const ids = [...idSet].sort((a, b) => a - b);
    cells = { ids, idSet, codes: ids.map((id) => dictionary.codeOf(id)), formats: ids.map((id) => dictionary.formatsOf(id)) };
    byKey.set(key, cells);
  }
  return cells;
}

/** Where a rollup's cells are read from: the packed text of a stored node, or the maps of a computed one. */
interface CellSource {
  /** The sum and absent count of a cell id into `out`; false when the rollup has no row for it. */
  find(id: number, out: { sum: number; absent: number }): boolean;
  /** Every cell the rollup has a row for. */
  forEach(each: (id: number, sum: number, absent: number) => void): void;
}

function packedSource(text: string, where: string): CellSource {
  return {
    find: (id, out) => findPackedCell(text, id, where, out),
    forEach: (each) => forEachPackedCell(text, where, each),
  };
}

function mapSource(sums: ReadonlyMap<number, number>, absent: ReadonlyMap<number, number>): CellSource {
  return {
    find(id, out) {
      const sum = sums.get(id);
      const lacking = absent.get(id);
      if (sum === undefined && lacking === undefined) return false;
      out.sum = sum ?? 0;
      out.absent = lacking ?? 0;
      return true;
    },
    forEach(each) {
      for (const [id, sum] of sums) each(id, sum, absent.get(id) ?? 0);
      for (const [id, lacking] of absent) if (!sums.has(id)) each(id, 0, lacking);
    },
  };
}

const NO_CELLS: CellSource = mapSource(new Map(), new Map());
/** Where NodeRollup look-ups receive a cell (read at once, so one for the module). */
const FOUND = { sum: 0, absent: 0 };

/**
 * A rollup as read, answering cell by cell (CellTotals) from its cell source and the reporters of
 * each format. A cell is in the rollup when some reporter had it (its format has it and it was not
 * absent) or something was summed; `sums` / `cellReporters` list every such cell, built on first use
 * (exports, tests).
 */
class NodeRollup implements RollupRecord {
  readonly agencyId: number;
  readonly year: number;
  readonly expected: number;
  readonly reported: number;
  readonly reportersByFormat: Readonly<Record<FormatId, number>>;
  readonly #dictionary: CellDictionary;
  readonly #cells: CellSource;
  /** The last cell looked up, with its sum and reporters (sumOf and reportersOf of one code come in pairs). */
  #lastId = -1;
  #lastSum = 0;
  #lastReporters = 0;
  #all: { readonly sums: Readonly<Record<string, number>>; readonly cellReporters: Readonly<Record<string, number>> } | null = null;

  constructor(dictionary: CellDictionary, key: RollupKey, t: NodeTotals | undefined) {
    this.agencyId = key.agencyId;
    this.year = key.year;
    this.expected = t?.expected ?? 0;
    this.reported = t?.reported ?? 0;
    this.reportersByFormat = Object.freeze({ F2019: t?.byFormat.F2019 ?? 0, F2021: t?.byFormat.F2021 ?? 0 });
    this.#dictionary = dictionary;
    this.#cells = !t ? NO_CELLS : t.packed !== null ? packedSource(t.packed, `${key.agencyId}:${key.year}`) : mapSource(t.sums, t.absent);
  }

  /** Prototype getters, not own properties (defining those per instance cost more than the read): compare records through plainRollup. */
  get sums(): Readonly<Record<string, number>> {
    return this.#everyCell().sums;
  }

  get cellReporters(): Readonly<Record<string, number>> {
    return this.#everyCell().cellReporters;
  }

  sumOf(code: string): number | undefined {
    if (this.#all) return this.#all.sums[code];
    const id = this.#dictionary.findId(code);
    if (id === undefined) return undefined;
    this.#lookUp(id);
    return this.#lastSum !== 0 || this.#lastReporters > 0 ? this.#lastSum : undefined;
  }

  reportersOf(code: string): number {
    if (this.#all) return this.#all.cellReporters[code] ?? 0;
    const id = this.#dictionary.findId(code);
    if (id === undefined) return 0;
    this.#lookUp(id);
    return this.#lastReporters;
  }

  /** Reads the cell's sum and reporters into #lastSum / #lastReporters (no object per look-up: a screen makes ~800). */
  #lookUp(id: number): void {
    if (this.#lastId === id) return;
    const found = FOUND;
    if (!this.#cells.find(id, found)) {
      found.sum = 0;
      found.absent = 0;
    }
    this.#lastId = id;
    this.#lastSum = found.sum;
    this.#lastReporters = this.#reporters(this.#dictionary.formatsOf(id), found.absent);
  }

  /** Σ reporters of the formats having a cell − those whose document lacked it. */
  #reporters(formats: readonly FormatId[], absent: number): number {
    let reporters = -absent;
    for (const format of formats) reporters += this.reportersByFormat[format];
    return Math.max(0, reporters);
  }

  #everyCell() {
    if (this.#all) return this.#all;
    const formats = (Object.keys(this.reportersByFormat) as FormatId[]).filter((format) => this.reportersByFormat[format] > 0);
    const base = cellsOfFormats(this.#dictionary, formats);
    // One pass over the cell source (not a search per cell); cells outside the reporting formats
    // (possible only in odd data) join in id order.
    const rows = new Map<number, { sum: number; absent: number }>();
    this.#cells.forEach((id, sum, absent) => rows.set(id, { sum, absent }));
    const extra = [...rows.keys()].filter((id) => !base.idSet.has(id));
    const sums: Record<string, number> = {};
    const cellReporters: Record<string, number> = {};
    const add = (id: number, code: string, formats: readonly FormatId[]) => {
      const row = rows.get(id);
      const reporters = this.#reporters(formats, row?.absent ?? 0);
      const sum = row?.sum ?? 0;
      if (reporters === 0 && sum === 0) return;
      sums[code] = sum;
      cellReporters[code] = reporters;
    };
    if (extra.length === 0) {
      for (let n = 0; n < base.ids.length; n++) add(base.ids[n]!, base.codes[n]!, base.formats[n]!);
    } else {
      for (const id of [...base.ids, ...extra].sort((a, b) => a - b)) add(id, this.#dictionary.codeOf(id), this.#dictionary.formatsOf(id));
    }
    this.#all = { sums: Object.freeze(sums), cellReporters: Object.freeze(cellReporters) };
    return this.#all;
  }
}

