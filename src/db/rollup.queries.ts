/**
 * SQL of rollups (DESIGN.md §4 "Materialised rollups"). The default rollup (PUBLISHED, OWN scope,
 * that year's tree) is materialised in rollup / rollup_node for every year that has a report
 * (rollup_year); other variants are computed at query time by one GROUP BY over facts ⋈ closure.
 * REGION-scope reports never enter a rollup (FORMATS.md H2).
 */
import type { Engine } from './data-source';
import { chunks, type Executor, insertAddingOnConflict, INSERT_CHUNK, KEY_CHUNK, OPEN_YEAR, placeholders, toSafeInteger } from './sql';
import { keyCondition } from './hierarchy.queries';
import { packCells, unpackCells } from './packed-cells';

/** rollup_node.cells as text (NULL on MySQL rows written before the column had a default). */
const packedText = (cells: unknown): string => (cells === null || cells === undefined ? '' : String(cells));

export type HierarchyCover = 'YEAR' | 'CURRENT';
export type CountedStatuses = 'PUBLISHED' | 'ANY';

export interface RollupKeyRef { readonly agencyId: number; readonly year: number }

/** Which closure rows place a descendant under an ancestor for a report of year r.year. */
function coverOf(cover: HierarchyCover): string {
  return cover === 'YEAR' ? 'c.from_year <= r.year AND c.to_year >= r.year' : `c.to_year = ${OPEN_YEAR}`;
}

function countedOf(statuses: CountedStatuses): string {
  return statuses === 'PUBLISHED' ? `r.scope = 'OWN' AND r.status = 'PUBLISHED'` : `r.scope = 'OWN'`;
}

const DEFAULT_COUNTED = countedOf('PUBLISHED');

export interface SumRow { readonly agencyId: number; readonly year: number; readonly codeId: number; readonly valueSum: number; readonly absentReporters: number }
export interface NodeRow { readonly agencyId: number; readonly year: number; readonly expected: number; readonly reported: number; readonly f2019: number; readonly f2021: number }
export interface AbsentRow { readonly agencyId: number; readonly year: number; readonly absentCodes: string }

type Raw = Record<string, unknown>;
const int = (v: unknown, what: string) => toSafeInteger(v, what);

function toSum(r: Raw): SumRow {
  return { agencyId: int(r.agency_id, 'agency_id'), year: int(r.year, 'year'), codeId: int(r.code_id, 'code_id'), valueSum: int(r.value_sum, 'value_sum'), absentReporters: int(r.absent_reporters ?? 0, 'absent_reporters') };
}

function toNode(r: Raw): NodeRow {
  return {
    agencyId: int(r.agency_id, 'agency_id'), year: int(r.year, 'year'), expected: int(r.expected ?? 0, 'expected'),
    reported: int(r.reported ?? 0, 'reported'), f2019: int(r.reporters_f2019 ?? 0, 'reporters_f2019'), f2021: int(r.reporters_f2021 ?? 0, 'reporters_f2021'),
  };
}

function toAbsent(r: Raw): AbsentRow {
  return { agencyId: int(r.agency_id, 'agency_id'), year: int(r.year, 'year'), absentCodes: r.absent_codes as string };
}

// ---- the default rollup, materialised -------------------------------------------------------------

export async function isYearMaterialised(db: Executor, year: number): Promise<boolean> {
  return (await db.query<Raw[]>('SELECT year FROM rollup_year WHERE year = ?', [year])).length > 0;
}

export async function markYearMaterialised(db: Executor, year: number): Promise<void> {
  await db.query('INSERT INTO rollup_year (year) VALUES (?)', [year]);
}

export async function selectMaterialisedYears(db: Executor, from: number, to: number): Promise<number[]> {
  return (await db.query<Raw[]>('SELECT year FROM rollup_year WHERE year >= ? AND year <= ? ORDER BY year', [from, to])).map((r) => int(r.year, 'year'));
}

export async function selectReportYears(db: Executor): Promise<number[]> {
  return (await db.query<Raw[]>('SELECT DISTINCT year FROM report ORDER BY year')).map((r) => int(r.year, 'year'));
}

export async function clearAllRollups(db: Executor): Promise<void> {
  await db.query('DELETE FROM rollup');
  await db.query('DELETE FROM rollup_node');
  await db.query('DELETE FROM rollup_year');
}

const NODE_SELECT = `SELECT c.ancestor_id AS agency_id, ? AS year, COUNT(*) AS expected, COUNT(r.id) AS reported,
    SUM(CASE WHEN r.format = 'F2019' THEN 1 ELSE 0 END) AS reporters_f2019,
    SUM(CASE WHEN r.format = 'F2021' THEN 1 ELSE 0 END) AS reporters_f2021
  FROM agency_closure c
  LEFT JOIN report r ON r.agency_id = c.descendant_id AND r.year = ? AND ${DEFAULT_COUNTED}
  WHERE c.from_year <= ? AND c.to_year >= ?
  GROUP BY c.ancestor_id`;

const SUM_SELECT = `SELECT c.ancestor_id AS agency_id, r.year AS year, rc.code_id AS code_id, SUM(rc.value) AS value_sum, 0 AS absent_reporters
  FROM agency_closure c
  JOIN report r ON r.agency_id = c.descendant_id
  JOIN report_cell rc ON rc.report_id = r.id
  WHERE r.year = ? AND ${DEFAULT_COUNTED} AND c.from_year <= r.year AND c.to_year >= r.year
  GROUP BY c.ancestor_id, r.year, rc.code_id
  HAVING SUM(rc.value) <> 0`;

const ABSENT_SELECT = `SELECT c.ancestor_id AS agency_id, r.year AS year, r.absent_codes AS absent_codes
  FROM agency_closure c
  JOIN report r ON r.agency_id = c.descendant_id
  WHERE r.year = ? AND ${DEFAULT_COUNTED} AND c.from_year <= r.year AND c.to_year >= r.year AND r.absent_codes <> ''`;

/** The default rollup of every node in a year, computed from the facts (verifyRollups compares with it). */
export async function computeYear(db: Executor, year: number): Promise<{ sums: SumRow[]; nodes: NodeRow[]; absent: AbsentRow[] }> {
  const nodes = (await db.query<Raw[]>(NODE_SELECT, [year, year, year, year])).map(toNode);
  const sums = (await db.query<Raw[]>(SUM_SELECT, [year])).map(toSum);
  const absent = (await db.query<Raw[]>(ABSENT_SELECT, [year])).map(toAbsent);
  return { sums, nodes, absent };
}

/**
 * Recomputes the materialised rollups of one year from the facts with set-based SQL:
 * INSERT … SELECT … GROUP BY over report ⋈ closure; absent-cell counts (rare: partial tables) are
 * expanded from the compact lists in one more pass.
 */
export async function rebuildYear(db: Executor, engine: Engine, year: number, expandAbsent: (rows: readonly AbsentRow[]) => Map<string, number>): Promise<void> {
  await db.query('DELETE FROM rollup WHERE year = ?', [year]);
  await db.query('DELETE FROM rollup_node WHERE year = ?', [year]);
  await db.query(`INSERT INTO rollup_node (agency_id, year, expected, reported, reporters_f2019, reporters_f2021) ${NODE_SELECT}`, [year, year, year, year]);
  await db.query(`INSERT INTO rollup (agency_id, year, code_id, value_sum, absent_reporters) ${SUM_SELECT}`, [year]);
  const absent = (await db.query<Raw[]>(ABSENT_SELECT, [year])).map(toAbsent);
  const counts = expandAbsent(absent);
  await upsertRollupRows(db, engine, [...counts].map(([key, n]) => {
    const [agencyId, codeId] = key.split(':').map(Number);
    return { agencyId, year, codeId, valueSum: 0, absentReporters: n };
  }));
  await repackNodes(db, year, null);
}

/**
 * Rewrites rollup_node.cells of the nodes (null: every node of the year) from their rollup rows, in
 * the caller's transaction: one SELECT and one UPDATE (CASE by agency) per chunk of nodes. Nodes of
 * the list without rows get ''.
 */
export async function repackNodes(db: Executor, year: number, agencyIds: readonly number[] | null): Promise<void> {
  const byAgency = new Map<number, SumRow[]>();
  const collect = (rows: Raw[]) => {
    for (const r of rows) {
      const s = toSum(r);
      const list = byAgency.get(s.agencyId);
      if (list) list.push(s);
      else byAgency.set(s.agencyId, [s]);
    }
  };
  let targets: number[];
  if (agencyIds === null) {
    collect(await db.query<Raw[]>('SELECT agency_id, year, code_id, value_sum, absent_reporters FROM rollup WHERE year = ?', [year]));
    targets = [...byAgency.keys()];
  } else {
    targets = [...new Set(agencyIds)];
    for (const chunk of chunks(targets)) {
      collect(await db.query<Raw[]>(
        `SELECT agency_id, year, code_id, value_sum, absent_reporters FROM rollup WHERE year = ? AND agency_id IN (${placeholders(chunk.length)})`,
        [year, ...chunk],
      ));
    }
  }
  for (const chunk of chunks(targets, KEY_CHUNK)) {
    await db.query(
      `UPDATE rollup_node SET cells = CASE agency_id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} ELSE '' END
       WHERE year = ? AND agency_id IN (${placeholders(chunk.length)})`,
      [...chunk.flatMap((id) => [id, packCells(byAgency.get(id) ?? [])]), year, ...chunk],
    );
  }
}

/** Adds to (or creates) rollup rows, then drops the rows left at zero. */
export async function upsertRollupRows(db: Executor, engine: Engine, rows: readonly SumRow[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = ['agency_id', 'year', 'code_id', 'value_sum', 'absent_reporters'];
  for (const chunk of chunks(rows, INSERT_CHUNK)) {
    await db.query(
      insertAddingOnConflict(engine, 'rollup', columns, ['agency_id', 'year', 'code_id'], ['value_sum', 'absent_reporters'], chunk.length),
      chunk.flatMap((r) => [r.agencyId, r.year, r.codeId, r.valueSum, r.absentReporters]),
    );
  }
}

export async function deleteZeroRollupRows(db: Executor, year: number, agencyIds: readonly number[]): Promise<void> {
  for (const chunk of chunks(agencyIds)) {
    await db.query(
      `DELETE FROM rollup WHERE year = ? AND agency_id IN (${placeholders(chunk.length)}) AND value_sum = 0 AND absent_reporters = 0`,
      [year, ...chunk],
    );
  }
}

export async function addToNodes(db: Executor, year: number, agencyIds: readonly number[], delta: { reported: number; f2019: number; f2021: number }): Promise<void> {
  for (const chunk of chunks(agencyIds)) {
    await db.query(
      `UPDATE rollup_node SET reported = reported + ?, reporters_f2019 = reporters_f2019 + ?, reporters_f2021 = reporters_f2021 + ?
       WHERE year = ? AND agency_id IN (${placeholders(chunk.length)})`,
      [delta.reported, delta.f2019, delta.f2021, year, ...chunk],
    );
  }
}

/** A new, unplaced agency is a root active in every year: one expected agency in each materialised year. */
export async function insertNodesOfNewAgency(db: Executor, agencyId: number): Promise<void> {
  await db.query(
    'INSERT INTO rollup_node (agency_id, year, expected, reported, reporters_f2019, reporters_f2021) SELECT ?, year, 1, 0, 0, 0 FROM rollup_year',
    [agencyId],
  );
}

/** The closure rows placing the descendants (every span): a bulk load adds its new reports to these ancestors. */
export async function selectClosureOfDescendants(db: Executor, descendantIds: readonly number[]): Promise<{ ancestorId: number; descendantId: number; fromYear: number; toYear: number }[]> {
  const out: { ancestorId: number; descendantId: number; fromYear: number; toYear: number }[] = [];
  for (const chunk of chunks([...new Set(descendantIds)])) {
    const rows = await db.query<Raw[]>(
      `SELECT ancestor_id, descendant_id, from_year, to_year FROM agency_closure WHERE descendant_id IN (${placeholders(chunk.length)})`,
      chunk,
    );
    for (const r of rows) {
      out.push({ ancestorId: int(r.ancestor_id, 'ancestor_id'), descendantId: int(r.descendant_id, 'descendant_id'), fromYear: int(r.from_year, 'from_year'), toYear: int(r.to_year, 'to_year') });
    }
  }
  return out;
}

/** A stored rollup_node row with its cells still packed (packed-cells.ts reads them). */
export interface StoredNodeRow extends NodeRow {
  readonly packed: string;
}

/**
 * The stored rollups of the keys in one statement per chunk of keys: one rollup_node row per key,
 * its cells packed in rollup_node.cells (kept by every write, repackNodes). Reading ~100–200 rows
 * per node cost more than a leaf's whole report (the driver builds an object per row); one indexed
 * row per key meets DESIGN.md §7 on both engines.
 */
export async function selectStoredRollups(db: Executor, keys: readonly RollupKeyRef[]): Promise<StoredNodeRow[]> {
  const nodes: StoredNodeRow[] = [];
  for (const chunk of chunks(keys, KEY_CHUNK)) {
    const cond = keyCondition('agency_id', 'year', chunk);
    const rows = await db.query<Raw[]>(
      `SELECT agency_id, year, expected, reported, reporters_f2019, reporters_f2021, cells FROM rollup_node WHERE ${cond.sql}`,
      cond.params,
    );
    for (const r of rows) nodes.push({ ...toNode(r), packed: packedText(r.cells) });
  }
  return nodes;
}

export async function selectStoredYear(db: Executor, year: number): Promise<{ sums: SumRow[]; nodes: NodeRow[]; packed: SumRow[] }> {
  const sums = (await db.query<Raw[]>('SELECT agency_id, year, code_id, value_sum, absent_reporters FROM rollup WHERE year = ?', [year])).map(toSum);
  const nodeRows = await db.query<Raw[]>('SELECT agency_id, year, expected, reported, reporters_f2019, reporters_f2021, cells FROM rollup_node WHERE year = ?', [year]);
  const nodes = nodeRows.map(toNode);
  const packed = nodeRows.flatMap((r) => {
    const agencyId = int(r.agency_id, 'agency_id');
    return unpackCells(packedText(r.cells), `${agencyId}:${year}`).map((t): SumRow => ({ agencyId, year, ...t }));
  });
  return { sums, nodes, packed };
}

/** Years that have rollup rows (a year with rows but no rollup_year entry is a defect verifyRollups reports). */
export async function selectYearsWithRollups(db: Executor): Promise<number[]> {
  return (await db.query<Raw[]>('SELECT DISTINCT year FROM rollup_node UNION SELECT DISTINCT year FROM rollup')).map((r) => int(r.year, 'year'));
}

export async function countRollupRows(db: Executor): Promise<number> {
  const [row] = await db.query<Raw[]>('SELECT COUNT(*) AS n FROM rollup');
  return int(row.n, 'COUNT(*)');
}

// ---- other variants, at query time ---------------------------------------------------------------

export interface ComputedRollups {
  readonly sums: SumRow[];
  /** Counted reporters by node, year and format. */
  readonly formats: { agencyId: number; year: number; format: string; reporters: number }[];
  readonly absent: AbsentRow[];
}

/** One GROUP BY over facts ⋈ closure per chunk of keys (plus the rare absent lists). */
export async function computeRollups(db: Executor, keys: readonly RollupKeyRef[], cover: HierarchyCover, statuses: CountedStatuses): Promise<ComputedRollups> {
  const result: ComputedRollups = { sums: [], formats: [], absent: [] };
  const where = `${coverOf(cover)} AND ${countedOf(statuses)}`;
  for (const chunk of chunks(keys, KEY_CHUNK)) {
    const cond = keyCondition('c.ancestor_id', 'r.year', chunk);
    const from = `FROM agency_closure c JOIN report r ON r.agency_id = c.descendant_id`;
    result.sums.push(
      ...(await db.query<Raw[]>(
        `SELECT c.ancestor_id AS agency_id, r.year AS year, rc.code_id AS code_id, SUM(rc.value) AS value_sum
         ${from} JOIN report_cell rc ON rc.report_id = r.id
         WHERE (${cond.sql}) AND ${where} GROUP BY c.ancestor_id, r.year, rc.code_id`,
        cond.params,
      )).map(toSum),
    );
    result.formats.push(
      ...(await db.query<Raw[]>(
        `SELECT c.ancestor_id AS agency_id, r.year AS year, r.format AS format, COUNT(*) AS reporters
         ${from} WHERE (${cond.sql}) AND ${where} GROUP BY c.ancestor_id, r.year, r.format`,
        cond.params,
      )).map((r) => ({ agencyId: int(r.agency_id, 'agency_id'), year: int(r.year, 'year'), format: r.format as string, reporters: int(r.reporters, 'reporters') })),
    );
    result.absent.push(
      ...(await db.query<Raw[]>(
        `SELECT c.ancestor_id AS agency_id, r.year AS year, r.absent_codes AS absent_codes
         ${from} WHERE (${cond.sql}) AND ${where} AND r.absent_codes <> ''`,
        cond.params,
      )).map(toAbsent),
    );
  }
  return result;
}

/**
 * Agencies expected under each key (H1): YEAR: those active in the subtree that year; CURRENT: the
 * node's current subtree. Returned by key index.
 */
export async function selectExpected(db: Executor, keys: readonly RollupKeyRef[], cover: HierarchyCover): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  let base = 0;
  for (const chunk of chunks(keys, KEY_CHUNK)) {
    const term = cover === 'YEAR'
      ? 'SELECT ? AS k, COUNT(*) AS n FROM agency_closure WHERE ancestor_id = ? AND from_year <= ? AND to_year >= ?'
      : `SELECT ? AS k, COUNT(*) AS n FROM agency_closure WHERE ancestor_id = ? AND to_year = ${OPEN_YEAR} AND ? = ?`;
    const rows = await db.query<Raw[]>(chunk.map(() => term).join(' UNION ALL '), chunk.flatMap((key, i) => [base + i, key.agencyId, key.year, key.year]));
    for (const r of rows) out.set(int(r.k, 'k'), int(r.n, 'n'));
    base += chunk.length;
  }
  return out;
}

/** Expected agencies under the node without a counted report: their ids, ordered by code. */
export async function selectMissingIds(db: Executor, key: RollupKeyRef, cover: HierarchyCover, statuses: CountedStatuses): Promise<number[]> {
  const span = cover === 'YEAR' ? 'c.from_year <= ? AND c.to_year >= ?' : `c.to_year = ${OPEN_YEAR} AND ? = ?`;
  const rows = await db.query<Raw[]>(
    `SELECT c.descendant_id AS id FROM agency_closure c JOIN agency a ON a.id = c.descendant_id
     LEFT JOIN report r ON r.agency_id = c.descendant_id AND r.year = ? AND ${countedOf(statuses)}
     WHERE c.ancestor_id = ? AND ${span} AND r.id IS NULL ORDER BY a.code`,
    [key.year, key.agencyId, key.year, key.year],
  );
  return rows.map((r) => int(r.id, 'id'));
}

/** Reports failing each rule under each (node, year) key (validation summary; every scope counts). */
export async function selectFailureCounts(
  db: Executor, keys: readonly RollupKeyRef[], cover: HierarchyCover, statuses: CountedStatuses,
): Promise<{ agencyId: number; year: number; rule: string; severity: string; reports: number }[]> {
  const out: { agencyId: number; year: number; rule: string; severity: string; reports: number }[] = [];
  const status = statuses === 'PUBLISHED' ? ` AND r.status = 'PUBLISHED'` : '';
  for (const chunk of chunks(keys, KEY_CHUNK)) {
    const cond = keyCondition('c.ancestor_id', 'r.year', chunk);
    const rows = await db.query<Raw[]>(
      `SELECT c.ancestor_id AS agency_id, r.year AS year, f.rule_id AS rule_id, f.severity AS severity, COUNT(DISTINCT r.id) AS reports
       FROM agency_closure c JOIN report r ON r.agency_id = c.descendant_id JOIN report_check_failure f ON f.report_id = r.id
       WHERE (${cond.sql}) AND ${coverOf(cover)}${status}
       GROUP BY c.ancestor_id, r.year, f.rule_id, f.severity ORDER BY f.rule_id, f.severity`,
      cond.params,
    );
    out.push(...rows.map((r) => ({ agencyId: int(r.agency_id, 'agency_id'), year: int(r.year, 'year'), rule: r.rule_id as string, severity: r.severity as string, reports: int(r.reports, 'reports') })));
  }
  return out;
}
