/**
 * Pure functions of the analysts' query page (DESIGN.md §1 "analysts: ad-hoc queries … and exporting
 * the results"): the form state, its URL, the `aggregate` document and variables it builds, the
 * matching /export/aggregate.csv link, and the catalogue cells as a picker tree. No DOM, no fetch.
 */
import { kindLabel, setKindLabels } from './model.js';

/** GroupDimension of schema/schema.graphql, with the labels of the CSV export (src/export/cell-rows.ts). */
export const DIMENSIONS = Object.freeze([
  { id: 'YEAR', label: { zh: '年度', en: 'year' } },
  { id: 'AGENCY', label: { zh: '机关', en: 'agency' } },
  { id: 'PARENT', label: { zh: '上级机关', en: 'parent agency' } },
  { id: 'KIND', label: { zh: '机关类别', en: 'agency kind' } },
  { id: 'CODE', label: { zh: '单元格', en: 'cell' } },
  { id: 'ROW', label: { zh: '行', en: 'row' } },
  { id: 'COLUMN', label: { zh: '列', en: 'column' } },
  { id: 'TABLE', label: { zh: '表', en: 'table' } },
  { id: 'FORMAT', label: { zh: '格式', en: 'format' } },
]);
const DIMENSION_IDS = DIMENSIONS.map((d) => d.id);

/** AgencyKind of the schema, in DESIGN.md §2 order. */
export const KINDS = Object.freeze(['PROVINCE', 'CITY', 'DISTRICT', 'SUBDISTRICT', 'TOWN', 'COMMUNITY', 'VILLAGE', 'DEPARTMENT', 'OTHER']);
export const FORMAT_IDS = Object.freeze(['F2019', 'F2021']);
export const STATUSES = Object.freeze([
  { id: 'PUBLISHED', label: { zh: '已公开', en: 'published' } },
  { id: 'DRAFT', label: { zh: '草稿（需令牌）', en: 'draft (needs a token)' } },
]);
export const ORDERS = Object.freeze([
  { id: '', label: { zh: '按分组键', en: 'by the keys' } },
  { id: 'DESC', label: { zh: '数值降序', en: 'value, descending' } },
  { id: 'ASC', label: { zh: '数值升序', en: 'value, ascending' } },
]);
/** Page sizes offered; the API caps `first` at 500 (src/graphql/arguments.ts MAX_PAGE_SIZE). */
export const PAGE_SIZES = Object.freeze([20, 50, 100, 200, 500]);
/** Report years offered by the year range (the 条例 took effect in 2008; the API accepts up to 2100). */
export const FIRST_YEAR = 2008;
export const LAST_YEAR = new Date().getFullYear();

export { kindLabel, setKindLabels };

/** The aggregate request of the page; field names follow schema/schema.graphql. */
export const AGGREGATE_QUERY = `query Aggregate($filter: AggregateFilter!, $groupBy: [GroupDimension!]!, $orderBy: SortOrder, $first: Int, $after: String) {
  aggregate(filter: $filter, groupBy: $groupBy, orderBy: $orderBy, first: $first, after: $after) {
    rows { keys { dimension value label } value reports }
    totalCount
    pageInfo { hasNextPage endCursor }
    estimatedCost
  }
}`;

/**
 * The form's state. Lists are in the order chosen (groupBy's order is the grouping order);
 * null years mean "no bound".
 * @typedef {{ subtreeOf: string|null, kinds: string[], yearFrom: number|null, yearTo: number|null,
 *   formats: string[], status: string, codes: string[], groupBy: string[], order: string,
 *   first: number, after: string|null }} QueryState
 */

/** @returns {QueryState} */
export function defaultState() {
  return { subtreeOf: null, kinds: [], yearFrom: null, yearTo: null, formats: [], status: 'PUBLISHED', codes: [], groupBy: ['YEAR'], order: '', first: 100, after: null };
}

const listParam = (params, name) => (params.get(name) || '').split(',').map((v) => v.trim()).filter(Boolean);
const yearParam = (text) => (/^\d{4}$/.test(text || '') ? Number(text) : null);
const unique = (values) => [...new Set(values)];

/**
 * The state a page URL carries (unknown values of enums are dropped; cell codes are passed on as
 * given, so that the API says which one is wrong).
 * @param {URLSearchParams} params
 * @returns {QueryState}
 */
export function stateFromParams(params) {
  const state = defaultState();
  const subtree = (params.get('subtreeOf') || '').trim();
  const groupBy = unique(listParam(params, 'groupBy').map((d) => d.toUpperCase())).filter((d) => DIMENSION_IDS.includes(d));
  const first = Number(params.get('first'));
  return {
    ...state,
    subtreeOf: subtree || null,
    kinds: unique(listParam(params, 'kinds')).filter((k) => KINDS.includes(k)),
    yearFrom: yearParam(params.get('from')),
    yearTo: yearParam(params.get('to')),
    formats: unique(listParam(params, 'formats')).filter((f) => FORMAT_IDS.includes(f)),
    status: STATUSES.some((s) => s.id === params.get('status')) ? params.get('status') : state.status,
    codes: unique(listParam(params, 'codes')),
    groupBy: params.has('groupBy') ? groupBy : state.groupBy,
    order: ORDERS.some((o) => o.id === params.get('order')) ? params.get('order') : state.order,
    first: Number.isInteger(first) && first > 0 ? first : state.first,
    after: params.get('after') || null,
  };
}

/** The page URL's parameters for a state (defaults left out, so shared links stay short). */
export function paramsOfState(state) {
  const params = new URLSearchParams();
  if (state.subtreeOf) params.set('subtreeOf', state.subtreeOf);
  if (state.kinds.length) params.set('kinds', state.kinds.join(','));
  if (state.yearFrom !== null) params.set('from', String(state.yearFrom));
  if (state.yearTo !== null) params.set('to', String(state.yearTo));
  if (state.formats.length) params.set('formats', state.formats.join(','));
  if (state.status !== 'PUBLISHED') params.set('status', state.status);
  if (state.codes.length) params.set('codes', state.codes.join(','));
  params.set('groupBy', state.groupBy.join(','));
  if (state.order) params.set('order', state.order);
  if (state.first !== 100) params.set('first', String(state.first));
  if (state.after) params.set('after', state.after);
  return params;
}

/**
 * The years of the range, or null without bounds. One bound alone reaches to the other end of
 * the offered years; bounds given backwards are swapped.
 */
export function yearsOf(state) {
  if (state.yearFrom === null && state.yearTo === null) return null;
  let from = state.yearFrom ?? FIRST_YEAR;
  let to = state.yearTo ?? Math.max(LAST_YEAR, from);
  if (from > to) [from, to] = [to, from];
  const years = [];
  for (let year = from; year <= to; year++) years.push(year);
  return years;
}

/** The AggregateFilter of a state: only the filters given (null leaves the API's default). */
export function filterOf(state) {
  const filter = {};
  if (state.subtreeOf) filter.subtreeOf = state.subtreeOf;
  if (state.kinds.length) filter.kinds = [...state.kinds];
  const years = yearsOf(state);
  if (years) filter.years = years;
  if (state.formats.length) filter.formats = [...state.formats];
  if (state.codes.length) filter.codes = [...state.codes];
  filter.status = state.status;
  return filter;
}

/** Variables of AGGREGATE_QUERY for a state. */
export function aggregateVariables(state) {
  return { filter: filterOf(state), groupBy: [...state.groupBy], orderBy: state.order || null, first: state.first, after: state.after };
}

/**
 * The /export/aggregate.csv parameters of the same filter (src/export/export-request.ts names): the
 * whole result, every page, starting with a byte-order mark so that Excel reads the Chinese.
 */
export function csvParams(state) {
  const filter = filterOf(state);
  const params = new URLSearchParams();
  params.set('groupBy', state.groupBy.join(','));
  if (filter.subtreeOf) params.set('subtreeOf', filter.subtreeOf);
  if (filter.kinds) params.set('kinds', filter.kinds.join(','));
  if (filter.years) params.set('years', filter.years.join(','));
  if (filter.formats) params.set('formats', filter.formats.join(','));
  if (filter.codes) params.set('codes', filter.codes.join(','));
  if (state.status !== 'PUBLISHED') params.set('status', state.status);
  if (state.order) params.set('order', state.order);
  params.set('bom', '1');
  return params;
}

// ------------------------------------------------------------------ the catalogue as a picker

/**
 * The cells of every format as tables › rows › cells, merged by code (a code in both formats keeps
 * the label of the later format, the current one).
 * @param {{ format: string, cells: any[] }[]} cellsByFormat `catalogue { cells(format) }` per format, oldest first
 * @param {any[]} formats `catalogue { formats { id label tables { id label columns { code label } } } }`
 */
export function cellTree(cellsByFormat, formats) {
  const tables = new Map();
  const byCode = new Map();
  const tableLabels = new Map();
  const columnLabels = new Map();
  for (const format of formats) {
    for (const table of format.tables) {
      tableLabels.set(table.id.toLowerCase(), table.label);
      for (const column of table.columns ?? []) columnLabels.set(column.code, column.label);
    }
  }
  for (const { format, cells } of cellsByFormat) {
    for (const cell of cells) {
      const tableCode = cell.table.toLowerCase();
      const rowCode = `${tableCode}.${cell.row}`;
      if (!tables.has(tableCode)) tables.set(tableCode, { code: tableCode, label: tableLabels.get(tableCode) ?? { zh: tableCode, en: tableCode }, rows: new Map() });
      const table = tables.get(tableCode);
      if (!table.rows.has(rowCode)) table.rows.set(rowCode, { code: rowCode, label: cell.rowLabel, group: cell.group ?? null, formats: [], cells: new Map() });
      const row = table.rows.get(rowCode);
      row.label = cell.rowLabel;
      row.group = cell.group ?? row.group;
      if (!row.formats.includes(format)) row.formats.push(format);
      const entry = { code: cell.code, row: rowCode, table: tableCode, label: cell.columnLabel, rowLabel: cell.rowLabel, unit: cell.unit, formats: [...(byCode.get(cell.code)?.formats ?? []), format] };
      row.cells.set(cell.code, entry);
      byCode.set(cell.code, entry);
    }
  }
  const tree = [...tables.values()].map((t) => ({ ...t, rows: [...t.rows.values()].map((r) => ({ ...r, cells: [...r.cells.values()] })) }));
  const rowLabels = new Map(tree.flatMap((t) => t.rows.map((r) => [r.code, r.label])));
  const formatLabels = new Map(formats.map((f) => [f.id, f.label]));
  return { tables: tree, byCode, tableLabels, rowLabels, columnLabels, formatLabels };
}

/** True when a row or cell matches the search text, in code, Chinese or English labels (case-insensitive). */
export function matches(text, ...labels) {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return labels.some((label) => label && (typeof label === 'string'
    ? label.toLowerCase().includes(needle)
    : `${label.zh} ${label.en}`.toLowerCase().includes(needle)));
}

/** "count", "amount", or "mixed" for the selected codes (the API refuses mixed); null when none known. */
export function unitOf(codes, tree) {
  // SIGNED cells are counts too (schema Unit: COUNT and SIGNED are integers, AMOUNT is 万元).
  const units = new Set(codes.map((c) => tree.byCode.get(c)?.unit).filter(Boolean).map((u) => (u === 'AMOUNT' ? 'amount' : 'count')));
  if (units.size === 0) return null;
  return units.size === 1 ? [...units][0] : 'mixed';
}

/** The selection state of a group of codes: all, some or none selected. */
export function selectionOf(codes, selected) {
  const count = codes.filter((c) => selected.has(c)).length;
  return count === 0 ? 'none' : count === codes.length ? 'all' : 'some';
}

/** A cell's label as "row › column", bilingual. */
export function cellLabel(cell) {
  return { zh: `${cell.rowLabel.zh} › ${cell.label.zh}`, en: `${cell.rowLabel.en} › ${cell.label.en}` };
}

/**
 * The bilingual label of a group key: agency names as the API gives them, catalogue labels for cell
 * parts and formats, kind words for kinds; null for a year.
 */
export function keyLabel(key, tree) {
  switch (key.dimension) {
    case 'YEAR':
      return null;
    case 'AGENCY':
    case 'PARENT':
      return key.label ? { zh: key.label, en: key.label } : key.value ? null : { zh: '（无上级）', en: 'no parent' };
    case 'KIND':
      return kindLabel(key.value);
    case 'CODE': {
      const cell = tree?.byCode.get(key.value);
      return cell ? cellLabel(cell) : key.label ? { zh: key.label, en: key.label } : null;
    }
    case 'ROW':
      return tree?.rowLabels.get(key.value) ?? (key.label ? { zh: key.label, en: key.label } : null);
    case 'TABLE':
      return tree?.tableLabels.get(key.value) ?? (key.label ? { zh: key.label, en: key.label } : null);
    case 'COLUMN':
      return tree?.columnLabels.get(key.value) ?? (key.label ? { zh: key.label, en: key.label } : null);
    case 'FORMAT':
      return tree?.formatLabels.get(key.value) ?? null;
    default:
      return key.label ? { zh: key.label, en: key.label } : null;
  }
}

/** The raw panel's text: the query, and the variables as indented JSON. */
export function rawDocument(state) {
  return { query: AGGREGATE_QUERY, variables: JSON.stringify(aggregateVariables(state), null, 2) };
}

/**
 * Variables typed into the raw panel: an object, or an error message naming what is wrong.
 * @returns {{ ok: true, value: Record<string, unknown> } | { ok: false, message: string }}
 */
export function parseVariables(text) {
  if (!text.trim()) return { ok: true, value: {} };
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: `variables: expected a JSON object, received ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}` };
    return { ok: true, value };
  } catch (error) {
    return { ok: false, message: `variables: not valid JSON (${error.message})` };
  }
}

/** Digits grouped for reading ("12345" → "12,345"); amounts keep their decimals. */
export function formatValue(text) {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(String(text));
  if (!match) return String(text);
  return `${match[1]}${match[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${match[3] ?? ''}`;
}
