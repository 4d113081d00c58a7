/**
 * From the common token stream to the interchange document: finds the table sections, detects
 * the format from its marker labels (never from the year), runs the table reader, reads title,
 * signature and prose, and decides once whether the document was read.
 */
import { cellsOf, FORMATS, formatDef, TABLE_IDS, tableDef, type CellDef, type FormatId, type TableId } from '../domain/catalogue';
import type { InterchangeCellValue, InterchangeDocument } from '../domain/interchange';
import { DiagnosticSink } from './diagnostics';
import { labelIndex } from './label-index';
import { readMetadata } from './metadata';
import { cleanCell, matchKey, simplified } from './normalize';
import type { ParseResult } from './parse-result';
import { failure } from './parse-result';
import { headingOf, isTableSection, type SectionId } from './sections';
import { TableReader, type Classified, type TableReadResult } from './table-reader';
import type { TokenisedDocument } from './tokens';
import { valueKind } from './values';

/** A cell of a table section before the format is known. */
type Prepared =
  | { readonly kind: 'value'; readonly value: NonNullable<ReturnType<typeof valueKind>>; readonly cleaned: string; readonly line: number }
  | { readonly kind: 'heading'; readonly section: SectionId; readonly line: number }
  | { readonly kind: 'word'; readonly cleaned: string; readonly key: string; readonly line: number }
  | { readonly kind: 'noise' };

export interface ReadOptions {
  /** True when the source marks row ends. */
  readonly rowsKnown: boolean;
  /** Diagnostics gathered before tokenising (encoding). */
  readonly sink?: DiagnosticSink;
}

export function readTokenisedDocument(doc: TokenisedDocument, options: ReadOptions): ParseResult {
  const sink = options.sink ?? new DiagnosticSink();
  const rows = prepareTableRows(doc);
  if (rows.length === 0 && doc.lines.every((l) => l.text.trim() === '')) {
    return failure('EMPTY_DOCUMENT', 'the document holds no text', sink.items);
  }

  const { format, read } = chooseFormat(rows, options.rowsKnown, sink);
  if (!format || !read || read.tablesSeen.size === 0) {
    return failure(
      'NO_TABLE_FOUND',
      'no report table was found: none of the row labels of 二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况 or 四、…行政复议、行政诉讼情况 appear as text (the tables may be images, or the text is garbled)',
      sink.items,
    );
  }

  const meta = readMetadata(doc.lines);
  if (meta.year === null) sink.add('YEAR_MISSING', 'the title states no year; year left null');
  const intended = formatDef(format).intendedYears;
  if (meta.year !== null && (meta.year < intended.from || (intended.to !== null && meta.year > intended.to))) {
    sink.add('FORMAT_YEAR_MISMATCH', `a ${meta.year} report in format ${format} (issued for ${intended.from}${intended.to ? `–${intended.to}` : ' onwards'}); read as ${format} from its labels`, {
      location: meta.titleLine ? { line: meta.titleLine } : {},
    });
  }

  const cells = orderedCells(format, read.cells);
  checkCompleteness(format, read, sink);

  const document: InterchangeDocument = {
    format,
    year: meta.year,
    agencyName: meta.agencyName,
    agencyCode: null,
    publishedOn: meta.publishedOn,
    cells,
    text: meta.text,
    statedFigures: meta.statedFigures,
    diagnostics: sink.items,
  };
  return { ok: true, document };
}

/** Cells of the table sections grouped in rows (everything, when the document has no table headings). */
function prepareTableRows(doc: TokenisedDocument): Prepared[][] {
  const rows: Prepared[][] = [];
  let current: Prepared[] = [];
  let section: SectionId | undefined;
  let anyTableHeading = false;
  const all: { row: Prepared[]; section: SectionId | undefined }[] = [];
  const flush = () => {
    if (current.length) all.push({ row: current, section });
    current = [];
  };
  for (const token of doc.tokens) {
    if (token.kind === 'break') {
      flush();
      continue;
    }
    const cleaned = cleanCell(token.raw);
    const kind = valueKind(cleaned);
    if (kind) {
      current.push({ kind: 'value', value: kind, cleaned, line: token.line });
      continue;
    }
    const heading = headingOf(cleaned);
    if (heading) {
      flush();
      section = heading;
      if (isTableSection(heading)) anyTableHeading = true;
      current.push({ kind: 'heading', section: heading, line: token.line });
      flush();
      continue;
    }
    const key = matchKey(cleaned);
    current.push(key ? { kind: 'word', cleaned, key, line: token.line } : { kind: 'noise' });
  }
  flush();
  for (const { row, section: s } of all) {
    const isHeading = row.length === 1 && row[0].kind === 'heading';
    if (!anyTableHeading || isTableSection(s) || isHeading) rows.push(row);
  }
  return rows;
}

/** FORMATS.md: "Detect the format from the labels, never from the year". */
function chooseFormat(rows: readonly Prepared[][], rowsKnown: boolean, sink: DiagnosticSink): { format: FormatId | null; read: TableReadResult | null } {
  const words: string[] = [];
  for (const row of rows) for (const c of row) if (c.kind === 'word') words.push(c.key);
  const joined = words.join('\u0001');
  const count = (haystack: string) => FORMATS.map((f) => ({ id: f.id, hits: f.markers.filter((m) => haystack.includes(matchKey(m))).length }));
  let hits = count(joined);
  // Traditional-character copies: convert only when no marker was found as written.
  if (hits.every((h) => h.hits === 0)) hits = count(simplified(joined));
  const best = Math.max(...hits.map((h) => h.hits));
  if (best > 0) {
    const chosen = hits.filter((h) => h.hits === best);
    if (chosen.length === 1) return { format: chosen[0].id, read: runReader(chosen[0].id, rows, rowsKnown, sink) };
  }
  // No marker (or as many of each): read with every format and keep the one that placed the most cells.
  let winner: { id: FormatId; read: TableReadResult; sink: DiagnosticSink } | null = null;
  for (const f of FORMATS) {
    const trial = new DiagnosticSink();
    const read = runReader(f.id, rows, rowsKnown, trial);
    if (!winner || read.cells.size > winner.read.cells.size) winner = { id: f.id, read, sink: trial };
  }
  if (!winner || winner.read.tablesSeen.size === 0) return { format: null, read: null };
  sink.add('FORMAT_INFERRED', `no label decides the format; read as ${winner.id}, the format that placed the most cells`);
  sink.items.push(...winner.sink.items);
  return { format: winner.id, read: winner.read };
}

function runReader(format: FormatId, sourceRows: readonly Prepared[][], rowsKnown: boolean, sink: DiagnosticSink): TableReadResult {
  const rows = [...sourceRows];
  const index = labelIndex(format);
  const reader = new TableReader(format, index, sink, rowsKnown);
  const classify = (c: Prepared): Classified => {
    if (c.kind !== 'word') return c;
    const match = index.lookup(c.key);
    return match ? { kind: 'label', match, cleaned: c.cleaned, line: c.line } : { kind: 'text', cleaned: c.cleaned, key: c.key, line: c.line };
  };
  /** Classifies cells in order; a label wrapped over two cells (`…确认或重新` / `出具已获取信息`) is joined back. */
  const classifyAll = (given: readonly Prepared[]): Classified[] => {
    const cells = joinVerticalHeaders(given);
    const out: Classified[] = [];
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      const next = cells[i + 1];
      if (c.kind === 'word' && next?.kind === 'word' && !index.lookup(c.key)) {
        const joined = index.lookup(c.key + next.key);
        if (joined && joined.meaning.kind === 'row' && joined.how !== 'fuzzy') {
          out.push({ kind: 'label', match: joined, cleaned: `${c.cleaned}${next.cleaned}`, line: c.line });
          i++;
          continue;
        }
      }
      out.push(classify(c));
    }
    return out;
  };
  if (rowsKnown) {
    // Vertical header characters of PDF text come one per line, i.e. one per row: gather them first.
    for (let r = rows.length - 1; r > 0; r--) {
      if (rows[r].length > 0 && rows[r - 1].length > 0 && rows[r].every(isSingleChar) && rows[r - 1].every(isSingleChar)) {
        rows[r - 1] = [...rows[r - 1], ...rows[r]];
        rows.splice(r, 1);
      }
    }
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const next = rows[r + 1];
      // A wrapped label may also end its row (PDF text): join it with the first cell of the next row.
      const last = row[row.length - 1];
      const joined = last?.kind === 'word' && next?.[0]?.kind === 'word' && !index.lookup(last.key) ? index.lookup(last.key + next[0].key) : undefined;
      if (joined && joined.meaning.kind === 'row' && joined.how !== 'fuzzy') {
        rows[r + 1] = [...row, ...next];
        continue;
      }
      reader.row(classifyAll(row));
    }
  } else {
    // Without row ends, everything between two headings is one stream.
    let stream: Prepared[] = [];
    for (const row of rows) {
      if (row.length === 1 && row[0].kind === 'heading') {
        reader.row(classifyAll(stream));
        reader.row([row[0]]);
        stream = [];
      } else {
        stream.push(...row);
      }
    }
    reader.row(classifyAll(stream));
  }
  return reader.finish();
}

/**
 * PDF text (L7) breaks header words into vertical single characters (`结\n果\n维\n持`): a run of
 * single-character words is joined into one word, so that the headers it holds can be recognised.
 */
function joinVerticalHeaders(cells: readonly Prepared[]): readonly Prepared[] {
  let runs = 0;
  for (let i = 1; i < cells.length && runs === 0; i++) if (isSingleChar(cells[i - 1]) && isSingleChar(cells[i])) runs++;
  if (runs === 0) return cells;
  const out: Prepared[] = [];
  for (let i = 0; i < cells.length; i++) {
    const first = cells[i];
    if (first.kind !== 'word' || !isSingleChar(first) || !isSingleChar(cells[i + 1])) {
      out.push(first);
      continue;
    }
    let key = first.key;
    let cleaned = first.cleaned;
    while (isSingleChar(cells[i + 1])) {
      const next = cells[++i] as Extract<Prepared, { kind: 'word' }>;
      key += next.key;
      cleaned += next.cleaned;
    }
    out.push({ kind: 'word', key, cleaned, line: first.line });
  }
  return out;
}

const isSingleChar = (c: Prepared | undefined): boolean => c?.kind === 'word' && c.key.length === 1;

/** Catalogue order first, then extension cells in the order they were read. */
function orderedCells(format: FormatId, placed: TableReadResult['cells']): Record<string, InterchangeCellValue> {
  const out: Record<string, InterchangeCellValue> = {};
  for (const cell of cellsOf(format)) {
    const found = placed.get(cell.code);
    if (found) out[cell.code] = found.value;
  }
  for (const [code, found] of placed) if (!(code in out)) out[code] = found.value;
  return out;
}

const CELLS_OF_TABLE = new Map<string, readonly CellDef[]>();
function cellsOfTable(format: FormatId, table: TableId): readonly CellDef[] {
  const key = `${format}.${table}`;
  let cells = CELLS_OF_TABLE.get(key);
  if (!cells) {
    cells = cellsOf(format).filter((c) => c.table === table);
    CELLS_OF_TABLE.set(key, cells);
  }
  return cells;
}

/** FORMATS.md "Blank cells": a cell absent from the document is absent, and coverage says which tables are incomplete. */
function checkCompleteness(format: FormatId, read: TableReadResult, sink: DiagnosticSink): void {
  for (const table of TABLE_IDS as readonly TableId[]) {
    const label = tableDef(format, table).label.zh;
    const expected = cellsOfTable(format, table);
    if (!read.tablesSeen.has(table)) {
      sink.add('TABLE_INCOMPLETE', `table "${label}" was not found: its ${expected.length} cells are left out`, { location: { path: label } });
      continue;
    }
    const present = expected.filter((c) => read.cells.has(c.code));
    let figures = 0;
    for (const [code, placed] of read.cells) if (placed.value !== null && code.startsWith(`${table}.`)) figures++;
    if (figures === 0) {
      sink.add('TABLE_EMPTY', `table "${label}" is printed without any figure`, { location: { path: label } });
      continue;
    }
    if (present.length < expected.length) {
      const missingRows = [...new Set(expected.filter((c) => !read.cells.has(c.code)).map((c) => c.row))];
      sink.add('TABLE_INCOMPLETE', `table "${label}" lacks ${expected.length - present.length} of ${expected.length} cells (rows ${missingRows.join(', ')}); they are left out`, {
        location: { path: label },
      });
    }
  }
}
