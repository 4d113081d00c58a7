/**
 * HTML (L8, and .docx converted by mammoth) into the common token stream. Each innermost table
 * cell is one token and each `<tr>` a row; text outside tables (title, headings, paragraphs,
 * signature, page chrome) becomes text lines. A cell spanning columns or rows (colspan/rowspan) is
 * emitted once, where it starts: labels are matched by content and values follow their label,
 * so repeating a spanned cell would only repeat a header. A cell that holds a table (layout tables
 * of government sites) is read as text around that table.
 */
import { Parser } from 'htmlparser2';
import { BREAK, cellToken, type TextLine, type Token, type TokenisedDocument } from './tokens';

const BLOCK_TAGS = new Set([
  'p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'section', 'article', 'header', 'footer',
  'nav', 'blockquote', 'pre', 'hr', 'dd', 'dt', 'dl', 'center', 'caption', 'body', 'main', 'form',
]);
const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'title', 'head', 'select', 'option']);

interface OpenCell {
  text: string;
  line: number;
  container: boolean;
}

export function tokeniseHtml(html: string): TokenisedDocument {
  const newlineOffsets: number[] = [];
  for (let i = html.indexOf('\n'); i >= 0; i = html.indexOf('\n', i + 1)) newlineOffsets.push(i);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = newlineOffsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlineOffsets[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };

  const tokens: Token[] = [];
  const lines: TextLine[] = [];
  const cells: OpenCell[] = [];
  let tableDepth = 0;
  let skipDepth = 0;
  let block = '';
  let blockLine = 0;

  const flushBlock = () => {
    const text = block.replace(/[ \t\r\n]+/g, ' ').trim();
    if (text) {
      lines.push({ text, line: blockLine });
      tokens.push(BREAK, cellToken(text, blockLine), BREAK);
    }
    block = '';
  };
  const openCell = (): OpenCell | undefined => {
    const top = cells[cells.length - 1];
    return top && !top.container ? top : undefined;
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED_TAGS.has(name)) {
          skipDepth++;
          return;
        }
        const cell = openCell();
        if (name === 'table') {
          if (cell) {
            // The cell holds a table: what it said so far is running text.
            cell.container = true;
            block += cell.text;
            blockLine = cell.line;
          }
          flushBlock();
          tableDepth++;
          tokens.push(BREAK);
        } else if (name === 'tr') {
          if (!cell) flushBlock();
          tokens.push(BREAK);
        } else if ((name === 'td' || name === 'th') && tableDepth > 0) {
          flushBlock();
          cells.push({ text: '', line: lineAt(parser.startIndex), container: false });
        } else if (BLOCK_TAGS.has(name)) {
          if (cell) cell.text += ' ';
          else flushBlock();
        }
      },
      ontext(text) {
        if (skipDepth > 0) return;
        const cell = openCell();
        if (cell) {
          cell.text += text;
        } else {
          if (block === '' || !/\S/.test(block)) blockLine = lineAt(parser.startIndex);
          block += text;
        }
      },
      onclosetag(name) {
        if (SKIPPED_TAGS.has(name)) {
          if (skipDepth > 0) skipDepth--;
          return;
        }
        if ((name === 'td' || name === 'th') && cells.length > 0) {
          const cell = cells.pop()!;
          if (cell.container) flushBlock();
          else tokens.push(cellToken(cell.text, cell.line));
        } else if (name === 'tr') {
          tokens.push(BREAK);
        } else if (name === 'table' && tableDepth > 0) {
          flushBlock();
          tableDepth--;
          tokens.push(BREAK);
        } else if (BLOCK_TAGS.has(name)) {
          const cell = openCell();
          if (cell) cell.text += ' ';
          else flushBlock();
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flushBlock();
  return { tokens, lines };
}
