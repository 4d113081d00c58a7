/**
 * What submitReport does before touching the database (pure): validate the interchange document,
 * convert its cells, encode them compactly, hash the canonical content, and compute a report's
 * contribution to rollups.
 */
import { createHash } from 'node:crypto';
import { cellsOf, FORMAT_IDS, type FormatId } from '../domain/catalogue';
import type { InterchangeDocument, ReportScope, ReportText, StatedFigures } from '../domain/interchange';
import { cellsFromInterchange, type CellValues } from '../domain/report-values';
import { AppError, invalid } from '../errors';
import type { CellDictionary } from './cell-dictionary';

/** Report years accepted (the 2008 regulations' first reports were for 2008). */
export const FIRST_REPORT_YEAR = 2008;
export const LAST_REPORT_YEAR = 2100;

export interface ReportContent {
  readonly format: FormatId;
  readonly year: number;
  readonly scope: ReportScope;
  readonly publishedOn: string | null;
  readonly cells: CellValues;
  readonly text: Required<{ [K in keyof ReportText]: string | null }>;
  readonly statedFigures: Required<{ [K in keyof StatedFigures]: number | null }>;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Checks the document's shape and converts its cells (amounts to 分).
 * @throws AppError VALIDATION_FAILED naming the field, what was expected and what arrived.
 */
export function validateDocument(document: InterchangeDocument, agencyCode: string): ReportContent {
  const format = document.format;
  if (format === null || !FORMAT_IDS.includes(format)) throw invalid('document.format', `one of ${FORMAT_IDS.join(', ')}`, format);
  const year = document.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > LAST_REPORT_YEAR) {
    throw invalid('document.year', `a report year between ${FIRST_REPORT_YEAR} and ${LAST_REPORT_YEAR}`, year);
  }
  if (document.agencyCode !== null && document.agencyCode !== undefined && document.agencyCode !== agencyCode) {
    throw invalid('document.agencyCode', `null or the agency code of the command (${JSON.stringify(agencyCode)})`, document.agencyCode);
  }
  const scope = document.scope ?? 'OWN';
  if (scope !== 'OWN' && scope !== 'REGION') throw invalid('document.scope', 'OWN or REGION', scope);
  if (document.status !== undefined && document.status !== 'DRAFT' && document.status !== 'PUBLISHED') {
    throw invalid('document.status', 'DRAFT or PUBLISHED', document.status);
  }
  const publishedOn = document.publishedOn ?? null;
  if (publishedOn !== null && !ISO_DATE.test(publishedOn)) throw invalid('document.publishedOn', 'an ISO date YYYY-MM-DD or null', publishedOn);
  if (document.cells === null || typeof document.cells !== 'object') throw invalid('document.cells', 'an object of cell code → value', document.cells);
  const { values, problems } = cellsFromInterchange(format, document.cells);
  if (problems.length > 0) {
    const first = problems[0];
    throw new AppError(
      'VALIDATION_FAILED',
      `document.cells.${first.cell}: expected ${first.expected}, received ${first.received}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
      { field: `document.cells.${first.cell}`, expected: first.expected, received: first.received, problems },
    );
  }
  const figure = (v: number | null | undefined, field: string): number | null => {
    if (v === null || v === undefined) return null;
    if (!Number.isSafeInteger(v) || v < 0) throw invalid(`document.statedFigures.${field}`, 'a non-negative integer or null', v);
    return v;
  };
  return {
    format, year, scope, publishedOn, cells: values,
    text: { overview: document.text?.overview ?? null, problems: document.text?.problems ?? null, other: document.text?.other ?? null },
    statedFigures: {
      proactiveItems: figure(document.statedFigures?.proactiveItems, 'proactiveItems'),
      applicationsReceived: figure(document.statedFigures?.applicationsReceived, 'applicationsReceived'),
    },
  };
}

/**
 * Per format: the catalogue's codes in the order of `Object.keys(cells).sort()` (UTF-16 code units),
 * each with its JSON opening `["code",`. Validated cells only carry catalogue codes, so walking this
 * list visits exactly the sorted keys without sorting ~200 strings per report.
 */
const SORTED_CODES = new Map<string, readonly (readonly [code: string, opening: string])[]>();

function sortedCodesOf(format: FormatId): readonly (readonly [string, string])[] | undefined {
  let list = SORTED_CODES.get(format);
  if (!list && FORMAT_IDS.includes(format)) {
    list = Object.freeze(cellsOf(format).map((c) => c.code).sort().map((code) => Object.freeze([code, `[${JSON.stringify(code)},`] as const)));
    SORTED_CODES.set(format, list);
  }
  return list;
}

/** JSON.stringify of a cell value (an integer, null; JSON's null for undefined and non-finite numbers). */
function jsonNumber(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : 'null';
}

/** The canonical cells `[["code",value],…]` (keys sorted), or null when some key is no catalogue code of the format. */
function canonicalCells(format: FormatId, cells: CellValues): string | null {
  const codes = sortedCodesOf(format);
  if (!codes) return null;
  let text = '';
  let found = 0;
  for (const [code, opening] of codes) {
    const value = cells[code];
    if (value === undefined && !Object.prototype.hasOwnProperty.call(cells, code)) continue;
    text += `${found === 0 ? '' : ','}${opening}${jsonNumber(value)}]`;
    found += 1;
  }
  let keys = 0;
  for (const key in cells) if (Object.prototype.hasOwnProperty.call(cells, key)) keys += 1;
  return keys === found ? `[${text}]` : null;
}

/**
 * sha256 of the canonical content (keys sorted): the same figures and text hash the same whatever the source.
 * The canonical text is JSON.stringify([format, year, scope, publishedOn, [[code, value]… sorted by code],
 * [texts], [stated figures]]), built here without the intermediate arrays (stored hashes stay valid).
 */
export function contentHash(content: ReportContent): string {
  const cells = canonicalCells(content.format, content.cells)
    ?? JSON.stringify(Object.keys(content.cells).sort().map((code) => [code, content.cells[code]]));
  return hashCanonical(content, cells);
}

function hashCanonical(content: ReportContent, cells: string): string {
  const head = JSON.stringify([content.format, content.year, content.scope, content.publishedOn]);
  const canonical =
    `${head.slice(0, -1)},${cells},` +
    `${JSON.stringify([content.text.overview, content.text.problems, content.text.other])},` +
    `${JSON.stringify([content.statedFigures.proactiveItems, content.statedFigures.applicationsReceived])}]`;
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Per dictionary and format: the canonical cells of a report holding every catalogue cell at 0, as
 * `,["code",0]` entries in sorted code order (the leading comma of each dropped at the end), and
 * where each cell id's entry and value lie in that text.
 */
interface CanonicalTemplate {
  readonly text: string;
  readonly entries: ReadonlyMap<number, { readonly position: number; readonly start: number; readonly valueStart: number; readonly end: number }>;
}

const TEMPLATES = new WeakMap<CellDictionary, Map<FormatId, CanonicalTemplate>>();

function templateOf(dictionary: CellDictionary, format: FormatId): CanonicalTemplate {
  let byFormat = TEMPLATES.get(dictionary);
  if (!byFormat) TEMPLATES.set(dictionary, (byFormat = new Map()));
  let template = byFormat.get(format);
  if (!template) {
    let text = '';
    const entries = new Map<number, { position: number; start: number; valueStart: number; end: number }>();
    sortedCodesOf(format)!.forEach(([code, opening], position) => {
      const start = text.length;
      text += `,${opening}`;
      const valueStart = text.length;
      text += '0]';
      entries.set(dictionary.idOf(code), { position, start, valueStart, end: text.length });
    });
    byFormat.set(format, (template = { text, entries }));
  }
  return template;
}

/**
 * contentHash(content) computed from the compact cells: the canonical text is the all-zero template
 * with only the non-zero, blank and absent cells edited (a handful for most reports) instead of
 * ~200 entries built one by one. Equal to contentHash(content) when content.cells holds only cells
 * of its format (as validateDocument returns) and `compact` is compactCells of them.
 */
export function contentHashFromCompact(dictionary: CellDictionary, content: ReportContent, compact: CompactCells): string {
  const { text, entries } = templateOf(dictionary, content.format);
  const edits: { readonly entry: { position: number; start: number; valueStart: number; end: number }; readonly value: string | null }[] = [];
  for (const [id, value] of compact.nonZero) edits.push({ entry: entries.get(id)!, value: jsonNumber(value) });
  for (const id of compact.blank) edits.push({ entry: entries.get(id)!, value: 'null' });
  for (const id of compact.absent) edits.push({ entry: entries.get(id)!, value: null });
  edits.sort((a, b) => a.entry.position - b.entry.position);
  let cells = '';
  let cursor = 0;
  for (const { entry, value } of edits) {
    if (value === null) {
      cells += text.slice(cursor, entry.start); // an absent cell: its entry goes, leading comma included
    } else {
      cells += text.slice(cursor, entry.valueStart) + value;
      cursor = entry.end - 1; // the closing bracket stays
      continue;
    }
    cursor = entry.end;
  }
  cells += text.slice(cursor);
  const canonicalCellsText = cells.length === 0 ? '[]' : `[${cells.slice(1)}]`;
  return hashCanonical(content, canonicalCellsText);
}

/**
 * The compact form of a report's cells (issue 4 item 7): non-zero values as rows, blank and absent
 * cells of the format as lists of ids; a zero cell has neither.
 */
export interface CompactCells {
  readonly nonZero: readonly (readonly [codeId: number, value: number])[];
  readonly blank: readonly number[];
  readonly absent: readonly number[];
}

/** Per dictionary and format: the format's [id, code] pairs in catalogue order (built once, not per report). */
const FORMAT_CELLS = new WeakMap<CellDictionary, Map<FormatId, readonly (readonly [id: number, code: string])[]>>();

function formatCellsOf(dictionary: CellDictionary, format: FormatId): readonly (readonly [number, string])[] {
  let byFormat = FORMAT_CELLS.get(dictionary);
  if (!byFormat) FORMAT_CELLS.set(dictionary, (byFormat = new Map()));
  let list = byFormat.get(format);
  if (!list) byFormat.set(format, (list = Object.freeze(dictionary.idsOfFormat(format).map((id) => Object.freeze([id, dictionary.codeOf(id)] as const)))));
  return list;
}

export function compactCells(dictionary: CellDictionary, format: FormatId, cells: CellValues): CompactCells {
  const nonZero: [number, number][] = [];
  const blank: number[] = [];
  const absent: number[] = [];
  for (const [id, code] of formatCellsOf(dictionary, format)) {
    const value = cells[code];
    if (value === undefined && !(code in cells)) absent.push(id);
    else if (value === null) blank.push(id);
    else if (value !== 0) nonZero.push([id, value as number]);
  }
  return { nonZero, blank, absent };
}

/** The inverse of compactCells. */
export function expandCells(
  dictionary: CellDictionary, format: FormatId, nonZero: ReadonlyMap<number, number>, blank: readonly number[], absent: readonly number[],
): CellValues {
  const blanks = new Set(blank);
  const absents = new Set(absent);
  const cells: Record<string, number | null> = {};
  for (const id of dictionary.idsOfFormat(format)) {
    if (absents.has(id)) continue;
    cells[dictionary.codeOf(id)] = blanks.has(id) ? null : (nonZero.get(id) ?? 0);
  }
  return Object.freeze(cells);
}

/** What one report adds to the default rollup of its ancestors (nothing unless PUBLISHED and OWN). */
export interface Contribution {
  readonly format: FormatId;
  readonly sums: ReadonlyMap<number, number>;
  readonly absent: readonly number[];
}

export interface RollupDelta {
  /** codeId → [Δ sum, Δ absent reporters], zero entries left out. */
  readonly cells: ReadonlyMap<number, readonly [number, number]>;
  readonly reported: number;
  readonly f2019: number;
  readonly f2021: number;
}

export function rollupDelta(before: Contribution | null, after: Contribution | null): RollupDelta {
  const cells = new Map<number, [number, number]>();
  const add = (c: Contribution | null, sign: 1 | -1) => {
    if (!c) return;
    for (const [id, v] of c.sums) {
      const entry = cells.get(id) ?? [0, 0];
      entry[0] += sign * v;
      cells.set(id, entry);
    }
    for (const id of c.absent) {
      const entry = cells.get(id) ?? [0, 0];
      entry[1] += sign;
      cells.set(id, entry);
    }
  };
  add(before, -1);
  add(after, 1);
  for (const [id, [s, a]] of cells) if (s === 0 && a === 0) cells.delete(id);
  const count = (c: Contribution | null, f: FormatId) => (c && c.format === f ? 1 : 0);
  return {
    cells,
    reported: (after ? 1 : 0) - (before ? 1 : 0),
    f2019: count(after, 'F2019') - count(before, 'F2019'),
    f2021: count(after, 'F2021') - count(before, 'F2021'),
  };
}

/**
 * The cells snapshot of a revision: the compact form as JSON ({"n": [[id, value]…], "b": [ids], "a": [ids]}),
 * a few dozen bytes for a mostly-zero report instead of ~200 keys.
 */
export function encodeSnapshot(compact: CompactCells): string {
  return JSON.stringify({ n: compact.nonZero, b: compact.blank, a: compact.absent });
}

export function decodeSnapshot(dictionary: CellDictionary, format: FormatId, text: string): CellValues {
  const parsed = JSON.parse(text) as { n: [number, number][]; b: number[]; a: number[] };
  return expandCells(dictionary, format, new Map(parsed.n), parsed.b, parsed.a);
}
