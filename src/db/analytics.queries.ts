/**
 * SQL of the analysts' aggregate and of validation summaries (DESIGN.md §4 "Ad-hoc analytics run as
 * one SQL GROUP BY over facts joined to the closure table, with a cost estimate checked before
 * running"). Facts are `report_cell` rows, which hold NON-ZERO values only: SUM over them is exact;
 * counts of reports come from the `report` table.
 */
import type { AggregateDimension } from './analytics-api';
import type { Engine } from './data-source';
import { keyCondition } from './hierarchy.queries';
import { chunks, type Executor, KEY_CHUNK, placeholders, toSafeInteger } from './sql';

type Raw = Record<string, unknown>;
const int = (v: unknown, what: string) => toSafeInteger(v, what);

/** A checked, id-resolved filter (analytics-store.ts builds it from AggregateFilter). */
export interface FactFilter {
  readonly agencyIds: readonly number[] | null;
  readonly subtreeOf: number | null;
  readonly kinds: readonly string[] | null;
  readonly years: readonly number[] | null;
  readonly formats: readonly string[] | null;
  /** Cell ids to read (never null here: "all counts" is resolved to ids by the store). */
  readonly codeIds: readonly number[];
  readonly status: 'DRAFT' | 'PUBLISHED';
}

/** `<table>.<row>.<column>` split in SQL; codes have exactly two dots (catalogue CODE_PATTERN). */
function codePart(engine: Engine, part: 'TABLE' | 'ROW' | 'COLUMN'): string {
  switch (engine) {
    case 'mysql':
      return part === 'TABLE' ? `SUBSTRING_INDEX(cc.code, '.', 1)`
        : part === 'ROW' ? `SUBSTRING_INDEX(cc.code, '.', 2)`
        : `SUBSTRING_INDEX(cc.code, '.', -1)`;
    case 'sqlite': {
      const rest = `substr(cc.code, instr(cc.code, '.') + 1)`;
      return part === 'TABLE' ? `substr(cc.code, 1, instr(cc.code, '.') - 1)`
        : part === 'ROW' ? `substr(cc.code, 1, instr(cc.code, '.') + instr(${rest}, '.') - 1)`
        : `substr(${rest}, instr(${rest}, '.') + 1)`;
    }
    default: {
      const unreachable: never = engine;
      throw new Error(`unreachable engine ${String(unreachable)}`);
    }
  }
}

interface DimensionSql {
  readonly value: string;
  /** An agency name column grouped along (AGENCY, PARENT). */
  readonly name: string | null;
}

function dimensionSql(engine: Engine, dimension: AggregateDimension): DimensionSql {
  switch (dimension) {
    case 'YEAR': return { value: 'r.year', name: null };
    case 'AGENCY': return { value: 'a.code', name: 'a.name' };
    case 'PARENT': return { value: 'pa.code', name: 'pa.name' };
    case 'KIND': return { value: 'a.kind', name: null };
    case 'FORMAT': return { value: 'r.format', name: null };
    case 'CODE': return { value: 'cc.code', name: null };
    case 'TABLE':
    case 'ROW':
    case 'COLUMN':
      return { value: codePart(engine, dimension), name: null };
    default: {
      const unreachable: never = dimension;
      throw new Error(`unknown dimension ${String(unreachable)}`);
    }
  }
}

const CELL_DIMENSIONS: ReadonlySet<AggregateDimension> = new Set(['CODE', 'ROW', 'COLUMN', 'TABLE']);

/** FROM … WHERE … of the facts read by an aggregate, with its parameters in order. */
function factsFrom(filter: FactFilter, groupBy: readonly AggregateDimension[]): { sql: string; params: unknown[] } {
  const byCell = groupBy.some((d) => CELL_DIMENSIONS.has(d));
  const params: unknown[] = [];
  const parts = ['FROM report r JOIN agency a ON a.id = r.agency_id'];
  if (filter.subtreeOf !== null) {
    parts.push('JOIN agency_closure s ON s.descendant_id = r.agency_id AND s.ancestor_id = ? AND s.from_year <= r.year AND s.to_year >= r.year');
    params.push(filter.subtreeOf);
  }
  if (groupBy.includes('PARENT')) {
    parts.push(
      'LEFT JOIN agency_closure p ON p.descendant_id = r.agency_id AND p.depth = 1 AND p.from_year <= r.year AND p.to_year >= r.year',
      'LEFT JOIN agency pa ON pa.id = p.ancestor_id',
    );
  }
  // Grouped by report-level keys only, a LEFT JOIN keeps reports whose selected cells are all zero.
  parts.push(`${byCell ? 'JOIN' : 'LEFT JOIN'} report_cell rc ON rc.report_id = r.id AND rc.code_id IN (${placeholders(filter.codeIds.length)})`);
  params.push(...filter.codeIds);
  if (byCell) parts.push('JOIN cell_code cc ON cc.id = rc.code_id');

  const where = [`r.scope = 'OWN'`, 'r.status = ?'];
  params.push(filter.status);
  const list = (column: string, values: readonly unknown[] | null) => {
    if (values === null) return;
    where.push(values.length === 0 ? '1 = 0' : `${column} IN (${placeholders(values.length)})`);
    params.push(...values);
  };
  list('r.agency_id', filter.agencyIds);
  list('a.kind', filter.kinds);
  list('r.year', filter.years);
  list('r.format', filter.formats);
  parts.push(`WHERE ${where.join(' AND ')}`);
  return { sql: parts.join('\n'), params };
}

export interface AggregateSqlRow {
  readonly keys: readonly { readonly value: string | null; readonly name: string | null }[];
  readonly value: number;
  readonly reports: number;
}

/**
 * One page of the aggregate: ONE `SELECT … GROUP BY` over facts ⋈ agency (⋈ closure for subtree
 * and parent), ordered by value and/or keys, LIMIT/OFFSET.
 */
export async function selectAggregatePage(
  db: Executor, engine: Engine, filter: FactFilter, groupBy: readonly AggregateDimension[], order: 'ASC' | 'DESC' | null, first: number, offset: number,
): Promise<AggregateSqlRow[]> {
  const dims = groupBy.map((d) => dimensionSql(engine, d));
  const from = factsFrom(filter, groupBy);
  const select = dims.flatMap((d, i) => [`${d.value} AS k${i}`, ...(d.name ? [`${d.name} AS n${i}`] : [])]);
  const groupColumns = dims.flatMap((d) => [d.value, ...(d.name ? [d.name] : [])]);
  const keyOrder = dims.map((_, i) => `k${i} ASC`);
  const orderBy = [...(order ? [`value_sum ${order}`] : []), ...keyOrder];
  const rows = await db.query<Raw[]>(
    `SELECT ${[...select, 'COALESCE(SUM(rc.value), 0) AS value_sum', 'COUNT(DISTINCT r.id) AS reports'].join(', ')}
     ${from.sql}
     ${groupColumns.length ? `GROUP BY ${groupColumns.join(', ')}` : ''}
     ${orderBy.length ? `ORDER BY ${orderBy.join(', ')}` : ''}
     LIMIT ? OFFSET ?`,
    [...from.params, first, offset],
  );
  return rows.map((r) => ({
    keys: dims.map((d, i) => ({
      value: r[`k${i}`] === null || r[`k${i}`] === undefined ? null : String(r[`k${i}`]),
      name: d.name ? ((r[`n${i}`] as string | null) ?? null) : null,
    })),
    value: int(r.value_sum, 'SUM(value)'),
    reports: int(r.reports, 'COUNT(reports)'),
  }));
}

/** How many groups the aggregate has over all pages. */
export async function countAggregateGroups(db: Executor, engine: Engine, filter: FactFilter, groupBy: readonly AggregateDimension[]): Promise<number> {
  if (groupBy.length === 0) return 1;
  const dims = groupBy.map((d) => dimensionSql(engine, d).value);
  const from = factsFrom(filter, groupBy);
  const [row] = await db.query<Raw[]>(`SELECT COUNT(*) AS n FROM (SELECT 1 AS one ${from.sql} GROUP BY ${dims.join(', ')}) g`, from.params);
  return int(row.n, 'COUNT(groups)');
}

/**
 * The cheap counts of the cost estimate in one statement: agencies the filter can reach (by id,
 * kind and subtree, any year) and years that have a report (or the filter's years).
 */
export async function selectAggregateCounts(db: Executor, filter: Omit<FactFilter, 'codeIds' | 'status' | 'formats'>): Promise<{ agencies: number; years: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.agencyIds !== null) {
    where.push(filter.agencyIds.length ? `a.id IN (${placeholders(filter.agencyIds.length)})` : '1 = 0');
    params.push(...filter.agencyIds);
  }
  if (filter.kinds !== null) {
    where.push(filter.kinds.length ? `a.kind IN (${placeholders(filter.kinds.length)})` : '1 = 0');
    params.push(...filter.kinds);
  }
  if (filter.subtreeOf !== null) {
    where.push('a.id IN (SELECT s.descendant_id FROM agency_closure s WHERE s.ancestor_id = ?)');
    params.push(filter.subtreeOf);
  }
  const years = filter.years === null ? '(SELECT COUNT(*) FROM rollup_year)' : '?';
  if (filter.years !== null) params.push(new Set(filter.years).size);
  const [row] = await db.query<Raw[]>(
    `SELECT (SELECT COUNT(*) FROM agency a${where.length ? ` WHERE ${where.join(' AND ')}` : ''}) AS agencies, ${years} AS years`,
    params,
  );
  return { agencies: int(row.agencies, 'COUNT(agencies)'), years: int(row.years, 'COUNT(years)') };
}

// ---- validation summaries -----------------------------------------------------------------------

export interface ValidationCountRow { readonly keyIndex: number; readonly reports: number }
export interface RegionRow { readonly keyIndex: number; readonly agencyId: number }
export interface FailingAgencyRow { readonly agencyId: number; readonly year: number; readonly rule: string; readonly reportAgencyId: number }

const statusOf = (includeDrafts: boolean) => (includeDrafts ? '' : ` AND r.status = 'PUBLISHED'`);
const cover = (hierarchy: 'YEAR' | 'CURRENT') => (hierarchy === 'YEAR' ? 'c.from_year <= r.year AND c.to_year >= r.year' : 'c.to_year = 9999');

/** Reports under each key (every scope), and the agencies among them whose report is REGION. */
export async function selectValidationReports(
  db: Executor, keys: readonly { agencyId: number; year: number }[], hierarchy: 'YEAR' | 'CURRENT', includeDrafts: boolean,
): Promise<{ counts: ValidationCountRow[]; regions: RegionRow[] }> {
  const counts: ValidationCountRow[] = [];
  const regions: RegionRow[] = [];
  let base = 0;
  for (const chunk of chunks(keys, KEY_CHUNK)) {
    // The key's index rides along so that results align with keys of mixed years.
    const term = `SELECT ? AS k, r.scope AS scope, r.agency_id AS agency_id FROM agency_closure c JOIN report r ON r.agency_id = c.descendant_id AND r.year = ?
      WHERE c.ancestor_id = ? AND ${cover(hierarchy)}${statusOf(includeDrafts)}`;
    const sql = `SELECT k, COUNT(*) AS reports, 0 AS agency_id FROM (${chunk.map(() => term).join(' UNION ALL ')}) t GROUP BY k
      UNION ALL SELECT k, -1 AS reports, agency_id FROM (${chunk.map(() => term).join(' UNION ALL ')}) u WHERE scope = 'REGION'`;
    const params = chunk.flatMap((key, i) => [base + i, key.year, key.agencyId]);
    for (const r of await db.query<Raw[]>(sql, [...params, ...params])) {
      const reports = int(r.reports, 'reports');
      if (reports >= 0) counts.push({ keyIndex: int(r.k, 'k'), reports });
      else regions.push({ keyIndex: int(r.k, 'k'), agencyId: int(r.agency_id, 'agency_id') });
    }
    base += chunk.length;
  }
  return { counts, regions };
}

/**
 * The same as selectValidationReports for the default rollup (PUBLISHED, that year's tree), without
 * walking the subtree: the OWN reports counted are the materialised rollup_node.reported (kept right by
 * every write, rollup-store.ts), and REGION reports (never in a rollup, FORMATS.md H2; few) are found
 * from the report side through ix_report_year_status, then placed under the key through the
 * descendant index of the closure. `+c.ancestor_id` keeps the ancestor index out of that probe: with
 * it SQLite would scan the whole subtree once per REGION report.
 */
export async function selectValidationReportsMaterialised(
  db: Executor, keys: readonly { agencyId: number; year: number }[],
): Promise<{ counts: ValidationCountRow[]; regions: RegionRow[] }> {
  const counts = new Map<number, number>();
  const regions: RegionRow[] = [];
  let base = 0;
  for (const chunk of chunks(keys, KEY_CHUNK)) {
    const own = 'SELECT ? AS k, n.reported AS reports, 0 AS agency_id FROM rollup_node n WHERE n.agency_id = ? AND n.year = ?';
    const region = `SELECT ? AS k, -1 AS reports, r.agency_id AS agency_id FROM report r
      WHERE r.year = ? AND r.status = 'PUBLISHED' AND r.scope = 'REGION'
        AND EXISTS (SELECT 1 FROM agency_closure c WHERE c.descendant_id = r.agency_id AND +c.ancestor_id = ? AND c.from_year <= r.year AND c.to_year >= r.year)`;
    const sql = [...chunk.map(() => own), ...chunk.map(() => region)].join(' UNION ALL ');
    const params = [...chunk.flatMap((key, i) => [base + i, key.agencyId, key.year]), ...chunk.flatMap((key, i) => [base + i, key.year, key.agencyId])];
    for (const r of await db.query<Raw[]>(sql, params)) {
      const k = int(r.k, 'k');
      const reports = int(r.reports, 'reports');
      if (reports >= 0) counts.set(k, (counts.get(k) ?? 0) + reports);
      else {
        regions.push({ keyIndex: k, agencyId: int(r.agency_id, 'agency_id') });
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
    }
    base += chunk.length;
  }
  return { counts: [...counts].map(([keyIndex, reports]) => ({ keyIndex, reports })), regions };
}

export interface FailureCountRow { readonly agencyId: number; readonly year: number; readonly rule: string; readonly severity: string; readonly reports: number }

/**
 * For each key, the reports failing each rule at each severity (every scope counts), and for each
 * failing rule the first `limit` agencies (by code) whose report fails it: one statement per chunk
 * of keys (two walks of the subtree before; on MySQL each statement is also a round trip). A row is
 * kept when its agency ranks within `limit` for its rule or when it is the first of its
 * (rule, severity) group, which carries that group's count.
 */
export async function selectFailures(
  db: Executor, keys: readonly { agencyId: number; year: number }[], hierarchy: 'YEAR' | 'CURRENT', includeDrafts: boolean, limit: number,
): Promise<{ counts: FailureCountRow[]; agencies: FailingAgencyRow[] }> {
  const counts: FailureCountRow[] = [];
  const agencies: FailingAgencyRow[] = [];
  for (const chunk of chunks(keys, KEY_CHUNK)) {
    const cond = keyCondition('c.ancestor_id', 'r.year', chunk);
    // DISTINCT over the joined rows (a rule may fail twice in one report), not over the whole
    // failure table: a derived `SELECT DISTINCT … FROM report_check_failure` is materialised in full
    // on every call, whatever the subtree. One report per agency and year: distinct agencies count reports.
    const rows = await db.query<Raw[]>(
      `SELECT agency_id, year, rule_id, severity, reports, report_agency_id, n FROM (
         SELECT agency_id, year, rule_id, severity, report_agency_id,
           COUNT(*) OVER (PARTITION BY agency_id, year, rule_id, severity) AS reports,
           DENSE_RANK() OVER (PARTITION BY agency_id, year, rule_id ORDER BY code) AS n,
           ROW_NUMBER() OVER (PARTITION BY agency_id, year, rule_id, severity ORDER BY code) AS g
         FROM (
           SELECT DISTINCT c.ancestor_id AS agency_id, r.year AS year, f.rule_id AS rule_id, f.severity AS severity, r.agency_id AS report_agency_id, a.code AS code
           FROM agency_closure c JOIN report r ON r.agency_id = c.descendant_id JOIN agency a ON a.id = r.agency_id
           JOIN report_check_failure f ON f.report_id = r.id
           WHERE (${cond.sql}) AND ${cover(hierarchy)}${statusOf(includeDrafts)}
         ) failing
       ) ranked WHERE n <= ? OR g = 1 ORDER BY agency_id, year, rule_id, n, severity`,
      [...cond.params, limit],
    );
    const counted = new Set<string>();
    const listed = new Set<string>();
    for (const r of rows) {
      const agencyId = int(r.agency_id, 'agency_id');
      const year = int(r.year, 'year');
      const rule = r.rule_id as string;
      const severity = r.severity as string;
      const reportAgencyId = int(r.report_agency_id, 'report_agency_id');
      const group = `${agencyId}:${year}:${rule}:${severity}`;
      if (!counted.has(group)) {
        counted.add(group);
        counts.push({ agencyId, year, rule, severity, reports: int(r.reports, 'reports') });
      }
      const listing = `${agencyId}:${year}:${rule}:${reportAgencyId}`;
      if (int(r.n, 'n') <= limit && !listed.has(listing)) {
        listed.add(listing);
        agencies.push({ agencyId, year, rule, reportAgencyId });
      }
    }
  }
  // Failures in rule order, then severity, as the summary lists them.
  counts.sort((x, y) => (x.rule < y.rule ? -1 : x.rule > y.rule ? 1 : x.severity < y.severity ? -1 : x.severity > y.severity ? 1 : 0));
  return { counts, agencies };
}

// ---- missing reporters of many nodes (H1) ---------------------------------------------------------

/**
 * For each key, the first `limit` agencies (by code) active in the subtree without a counted report
 * (PUBLISHED OWN; any status with includeDrafts): one statement per chunk of keys.
 */
export async function selectMissingMany(
  db: Executor, keys: readonly { agencyId: number; year: number }[], hierarchy: 'YEAR' | 'CURRENT', includeDrafts: boolean, limit: number,
): Promise<{ keyIndex: number; agencyId: number }[]> {
  const out: { keyIndex: number; agencyId: number }[] = [];
  const span = hierarchy === 'YEAR' ? 'c.from_year <= ? AND c.to_year >= ?' : 'c.to_year = 9999 AND ? = ?';
  const counted = includeDrafts ? `r.scope = 'OWN'` : `r.scope = 'OWN' AND r.status = 'PUBLISHED'`;
  let base = 0;
  for (const chunk of chunks(keys, KEY_CHUNK)) {
    const term = `SELECT ? AS k, c.descendant_id AS id, a.code AS code FROM agency_closure c JOIN agency a ON a.id = c.descendant_id
      LEFT JOIN report r ON r.agency_id = c.descendant_id AND r.year = ? AND ${counted}
      WHERE c.ancestor_id = ? AND ${span} AND r.id IS NULL`;
    const rows = await db.query<Raw[]>(
      `SELECT k, id FROM (SELECT k, id, ROW_NUMBER() OVER (PARTITION BY k ORDER BY code) AS n FROM (${chunk.map(() => term).join(' UNION ALL ')}) m) ranked
       WHERE n <= ? ORDER BY k, n`,
      [...chunk.flatMap((key, i) => [base + i, key.year, key.agencyId, key.year, key.year]), limit],
    );
    out.push(...rows.map((r) => ({ keyIndex: int(r.k, 'k'), agencyId: int(r.id, 'id') })));
    base += chunk.length;
  }
  return out;
}
