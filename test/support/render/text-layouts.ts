/**
 * Text serialisations L1–L7 of LAYOUTS.md, from the physical table model. Each function documents
 * the shape it writes; where a layout loses information (L1b and L7 drop empty cells) the renderer
 * only receives inputs that stay readable (see readableIn in index.ts).
 */
import type { PhysicalCell, PhysicalRow, TableModel } from './table-model';
import type { Block } from './document';
import type { LayoutId, QuirkSet } from './types';

type TextLayout = Exclude<LayoutId, 'L8' | 'docx' | 'xlsx'>;

/** The cells of a row as a text dump shows them: spanned continuations as '' or dropped. */
function visibleCells(row: PhysicalRow, q: QuirkSet): PhysicalCell[] {
  return row.cells.filter((c) => !c.continuation || q.groupStyle === 'spanned');
}

/** Splits row 一 after its first value when the seed's break applies (LAYOUTS.md "a row broken in two"). */
function rowParts(row: PhysicalRow, q: QuirkSet): PhysicalCell[][] {
  const cells = visibleCells(row, q);
  if (row.breakAfterValues === undefined) return [cells];
  const firstValue = cells.findIndex((c) => c.role === 'value');
  const cut = firstValue + row.breakAfterValues;
  return [cells.slice(0, cut), cells.slice(cut)];
}

function serialiseTable(layout: TextLayout, table: TableModel, q: QuirkSet): string {
  const rows = table.rows;
  switch (layout) {
    case 'L1':
      // one cell per line, a blank line between cells (and rows); a cell's own line breaks stay single
      return rows.flatMap((r) => visibleCells(r, q).map((c) => c.text)).join('\n\n');
    case 'L1b':
      // one cell per line, no blank lines, empty cells vanish entirely
      return rows
        .flatMap((r) => visibleCells(r, q).map((c) => c.text))
        .filter((t) => t.trim() !== '')
        .join('\n');
    case 'L2':
      // one cell per line, each ending in " |"
      return rows.flatMap((r) => visibleCells(r, q).map((c) => `${c.text} |`)).join('\n');
    case 'L3':
      // one cell per line, a line holding only "|" between cells
      return rows.flatMap((r) => visibleCells(r, q).map((c) => c.text)).join('\n|\n');
    case 'L4':
    case 'L5': {
      const lead = layout === 'L5' ? '| ' : '';
      return rows
        .flatMap((r) =>
          rowParts(r, q).map((cells) => {
            const line = `${lead}${cells.map((c) => c.text).join(' | ')} |`;
            return r.kind === 'article' && q.paddedPipes ? `${line} |||` : line;
          }),
        )
        .join('\n');
    }
    case 'L6':
      // the seed: each cell a line starting with a TAB, rows separated by a truly empty line
      return rows.map((r) => rowParts(r, q).map((cells) => cells.map((c) => `\t${c.text}`).join('\n')).join('\n\n')).join('\n\n');
    case 'L7':
      return rows.map((r) => pdfRow(table, r, q)).filter((line) => line !== '').join('\n');
    default: {
      const unreachable: never = layout;
      throw new Error(`unknown text layout ${String(unreachable)}`);
    }
  }
}

/**
 * L7 (text from a PDF): a data row's non-empty cells on one line separated by spaces; short header
 * cells of the applications and appeals tables broken into vertical single characters.
 */
function pdfRow(table: TableModel, row: PhysicalRow, q: QuirkSet): string {
  const noContinuation = { ...q, groupStyle: 'inline' as const };
  if (row.kind === 'header' && table.id !== 'proactive') {
    return visibleCells(row, noContinuation)
      .map((c) => c.text.replace(/\s+/g, ''))
      .filter((t) => t !== '')
      .map((t) => (t.length <= 8 ? t.split('').join('\n') : t))
      .join('\n');
  }
  return rowParts(row, noContinuation)
    .map((cells) =>
      cells
        .map((c) => c.text.trim())
        .filter((t) => t !== '')
        .join(' '),
    )
    .filter((line) => line !== '')
    .join('\n');
}

/** The whole document in a text layout. */
export function serialiseText(layout: TextLayout, blocks: readonly Block[], q: QuirkSet): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'chrome':
      case 'heading':
      case 'paragraph':
      case 'signature':
        out.push(block.text);
        break;
      case 'title':
        out.push(block.text, '');
        break;
      case 'table':
        // The seed follows a table with three empty lines; other dumps with one.
        out.push(serialiseTable(layout, block.table, q), ...(layout === 'L6' ? ['', '', ''] : ['']));
        break;
      default: {
        const unreachable: never = block;
        throw new Error(`unknown block ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return out.join('\n') + '\n';
}
