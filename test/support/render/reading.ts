/**
 * Comparing what the importer read with what the renderer wrote, in words: a failed round trip
 * names each wrong field and cell, the parser's diagnostics, and the lines of the document around
 * the first wrong cell's row label, so a shrunk counterexample is read at a glance.
 */
import * as iconv from 'iconv-lite';
import { anyCell } from '../../../src/domain/catalogue';
import type { Diagnostic, InterchangeDocument } from '../../../src/domain/interchange';
import type { ParseResult } from '../../../src/ingest';
import type { InterchangeCellValue } from '../../../src/domain/interchange';
import type { ExpectedReading, RenderedReport } from './types';

/** The fields of an interchange document that a round trip must give back. */
export function readingOf(document: InterchangeDocument): ExpectedReading {
  return {
    format: document.format!,
    year: document.year,
    agencyName: document.agencyName!,
    publishedOn: document.publishedOn!,
    cells: document.cells,
    statedFigures: {
      proactiveItems: document.statedFigures.proactiveItems ?? null,
      applicationsReceived: document.statedFigures.applicationsReceived ?? null,
    },
  };
}

export interface Mismatch {
  readonly field: string;
  readonly expected: unknown;
  readonly got: unknown;
}

export function mismatches(expected: ExpectedReading, got: ExpectedReading): Mismatch[] {
  const out: Mismatch[] = [];
  for (const field of ['format', 'year', 'agencyName', 'publishedOn'] as const) {
    if (expected[field] !== got[field]) out.push({ field, expected: expected[field], got: got[field] });
  }
  for (const figure of ['proactiveItems', 'applicationsReceived'] as const) {
    const e = expected.statedFigures[figure];
    const g = got.statedFigures[figure];
    if (e !== g) out.push({ field: `statedFigures.${figure}`, expected: e, got: g });
  }
  const codes = new Set([...Object.keys(expected.cells), ...Object.keys(got.cells)]);
  for (const code of codes) {
    const e = code in expected.cells ? expected.cells[code] : '(absent)';
    const g = code in got.cells ? got.cells[code] : '(absent)';
    if (e !== g) out.push({ field: code, expected: e, got: g });
  }
  return out;
}

/** The rendered document as text (GB18030 decoded), or a note for binary formats. */
export function renderedText(rendered: RenderedReport): string {
  if (typeof rendered.content === 'string') return rendered.content;
  if (rendered.filename.endsWith('.txt')) return iconv.decode(rendered.content, 'gb18030');
  return `(binary ${rendered.filename}, ${rendered.content.length} bytes)`;
}

/** Up to `radius` lines either side of the first line containing `needle`. */
export function excerpt(text: string, needle: string, radius = 6): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(needle));
  if (at < 0) return `(no line contains ${JSON.stringify(needle)})`;
  return lines
    .slice(Math.max(0, at - radius), at + radius + 1)
    .map((l, i) => `  ${String(Math.max(0, at - radius) + i + 1).padStart(4)}| ${JSON.stringify(l).slice(1, -1)}`)
    .join('\n');
}

function rowLabel(code: string): string | undefined {
  const def = anyCell(code);
  // A short prefix still finds the row when the label is wrapped, annotated or split.
  return def?.rowLabel.zh.split(' / ').pop()?.replace(/（.*$/, '').replace(/^\d\./, '').slice(0, 4);
}

/**
 * @param textView for binary layouts, a text rendering of the same report (its table structure
 *   shown as L5 rows) to quote instead of the bytes.
 */
export function describeMismatch(rendered: RenderedReport, list: readonly Mismatch[], diagnostics: readonly Diagnostic[], textView?: string): string {
  const shown = list.slice(0, 15).map((m) => `  ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)}`);
  const more = list.length > 15 ? [`  … and ${list.length - 15} more`] : [];
  const firstCell = list.find((m) => m.field.includes('.'));
  const label = firstCell ? rowLabel(firstCell.field) : undefined;
  const text = typeof rendered.content === 'string' || !textView ? renderedText(rendered) : textView;
  const lines = text.trimEnd().split('\n');
  const numbered = (from: number, to: number) =>
    lines
      .slice(from, to)
      .map((l, i) => `  ${String(from + i + 1).padStart(4)}| ${JSON.stringify(l).slice(1, -1)}`)
      .join('\n');
  // Header fields live in the title (first lines) and the signature (last lines).
  const context = label
    ? excerpt(text, label)
    : `${numbered(0, Math.min(4, lines.length))}\n  ...\n${numbered(Math.max(0, lines.length - 4), lines.length)}`;
  const diag = diagnostics
    .filter((d) => d.severity !== 'info')
    .slice(0, 10)
    .map((d) => `  [${d.severity}] ${d.code}${d.cell ? ` ${d.cell}` : ''}: ${d.message}`);
  return [
    `${rendered.layout} round trip read ${list.length} field(s) wrong (${rendered.filename}):`,
    ...shown,
    ...more,
    `document near the first wrong row${text === textView ? ' (binary file: shown as L5 text)' : ''}:`,
    context,
    ...(diag.length > 0 ? ['warnings/errors from the parser:', ...diag] : []),
  ].join('\n');
}

/**
 * Cells read with a value other than the true one, and not flagged by any warning or error on their
 * row: what a mutated document must never produce (a confident wrong figure).
 */
export function silentlyWrong(result: ParseResult, truth: Readonly<Record<string, InterchangeCellValue>>): string[] {
  if (!result.ok) return [];
  const flagged = result.document.diagnostics.filter((d) => d.severity !== 'info');
  const rowOf = (code: string) => code.split('.').slice(0, 2).join('.');
  // A warning without a cell flags the whole document; one with a cell flags its row.
  if (flagged.some((d) => d.cell === undefined)) return [];
  const flaggedRows = new Set(flagged.map((d) => rowOf(d.cell!)));
  return Object.entries(result.document.cells)
    .filter(([code, value]) => value !== null && code in truth && truth[code] !== value && !flaggedRows.has(rowOf(code)))
    .map(([code, value]) => `${code}: read ${JSON.stringify(value)}, true ${JSON.stringify(truth[code])}`);
}

