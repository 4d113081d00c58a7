/**
 * Plain text in the serialisations L1–L7 of LAYOUTS.md, turned into the common token stream.
 * The layout is recognised once per document from cheap line counts; each tokeniser knows how its
 * layout writes an empty cell and whether it marks the end of a row.
 */
import { BREAK, cellToken, type TextLine, type Token, type TokenisedDocument } from './tokens';
import { cleanCell } from './normalize';
import { valueKind } from './values';

export type TextLayout = 'L1' | 'L1b' | 'L2' | 'L3' | 'L4' | 'L5' | 'L6' | 'L7';

const VALUE_WORD = String.raw`[?？\u00a0]*(?:[-+]?[\d０-９][\d０-９,.]*\S{0,2}|[-—/－–]{1,2})`;
/** L7: a label, then at least two values separated by spaces, at the end of the line. */
const TRAILING_VALUES = new RegExp(String.raw`[^\s\d]\s+${VALUE_WORD}(?:\s+${VALUE_WORD})+$`);

/** Recognises the layout of a text document from cheap line counts. */
export function detectLayout(lines: readonly string[]): TextLayout {
  let tab = 0;
  let pipeOnly = 0;
  let endPipe = 0;
  let multiPipe = 0;
  let leadingPipe = 0;
  let numberRuns = 0;
  let blank = 0;
  let content = 0;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '') {
      blank++;
      continue;
    }
    content++;
    if (line.charCodeAt(0) === 9) tab++;
    if (trimmed === '|') {
      pipeOnly++;
      continue;
    }
    const pipes = countPipes(trimmed);
    if (pipes >= 2) {
      multiPipe++;
      if (line.charCodeAt(0) === 124) leadingPipe++;
    }
    else if (pipes === 1 && trimmed.endsWith('|')) endPipe++;
    if (pipes === 0 && TRAILING_VALUES.test(trimmed)) numberRuns++;
  }
  if (tab >= 5) return 'L6';
  // L5 writes every row with a leading pipe; in L4 a line starting with ` |` is a row whose first cell is empty.
  if (multiPipe >= 2 && multiPipe >= endPipe) return leadingPipe * 2 > multiPipe ? 'L5' : 'L4';
  if (endPipe >= 10 && endPipe > pipeOnly) return 'L2';
  if (pipeOnly >= 10) return 'L3';
  if (numberRuns >= 3) return 'L7';
  return blank * 2 >= content ? 'L1' : 'L1b';
}

function countPipes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 124) n++;
  return n;
}

/** Splits a text into lines (LF, CRLF or CR), dropping a BOM. */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\r|\n/);
}

/** Tokenises a text document in the given (or detected) layout. */
export function tokeniseText(text: string, layout?: TextLayout): TokenisedDocument & { readonly layout: TextLayout } {
  const rawLines = splitLines(text);
  const chosen = layout ?? detectLayout(rawLines);
  const tokens: Token[] = [];
  const lines: TextLine[] = [];
  const textLine = (raw: string, n: number) => {
    const t = raw.replace(/^[\t |]+|[ |]+$/g, '');
    lines.push({ text: t, line: n });
  };
  let blankRun = 0;
  for (let i = 0; i < rawLines.length; i++) {
    const raw = rawLines[i];
    const n = i + 1;
    textLine(raw, n);
    const trimmed = raw.trim();
    switch (chosen) {
      case 'L1':
      case 'L1b':
        if (trimmed === '') {
          blankRun++;
          continue;
        }
        // L1: one blank line between cells; an empty cell adds two more (its own line and a separator).
        if (chosen === 'L1') for (let b = 0; b < Math.floor((blankRun - 1) / 2); b++) tokens.push(cellToken('', n - 1));
        blankRun = 0;
        tokens.push(cellToken(trimmed, n));
        break;
      case 'L2':
        if (trimmed === '') continue;
        tokens.push(cellToken(trimmed.endsWith('|') ? trimmed.slice(0, -1) : trimmed, n));
        break;
      case 'L3':
        if (trimmed === '|') continue;
        tokens.push(cellToken(trimmed, n));
        break;
      case 'L4':
      case 'L5': {
        if (trimmed === '') continue;
        let pieces = trimmed.split('|');
        if (chosen === 'L5' && trimmed.startsWith('|')) pieces = pieces.slice(1);
        else if (raw.startsWith('|')) pieces = pieces.slice(1);
        if (trimmed.endsWith('|') && pieces.length > 0) pieces = pieces.slice(0, -1);
        tokens.push(BREAK);
        for (const piece of pieces) tokens.push(cellToken(piece, n));
        tokens.push(BREAK);
        break;
      }
      case 'L6':
        if (raw === '') {
          tokens.push(BREAK);
        } else if (raw.charCodeAt(0) === 9) {
          tokens.push(cellToken(raw.slice(1), n));
        } else if (trimmed !== '') {
          tokens.push(BREAK, cellToken(trimmed, n), BREAK);
        }
        break;
      case 'L7':
        if (trimmed === '') continue;
        tokens.push(BREAK, ...splitTrailingValues(trimmed, n), BREAK);
        break;
      default: {
        const unreachable: never = chosen;
        throw new Error(`unknown layout ${String(unreachable)}`);
      }
    }
  }
  return { tokens, lines, layout: chosen };
}

/** L7 (PDF text): `四、结转下年度继续办理 0 0 0 0 0 0 0` → the label, then one token per value. */
function splitTrailingValues(line: string, n: number): Token[] {
  const pieces = line.split(/[ \t\u00a0\u3000]+/);
  let first = pieces.length;
  while (first > 0 && valueKind(cleanCell(pieces[first - 1])) !== null && valueKind(cleanCell(pieces[first - 1])) !== 'blank') first--;
  const out: Token[] = [];
  if (first > 0) out.push(cellToken(pieces.slice(0, first).join(' '), n));
  for (let i = first; i < pieces.length; i++) out.push(cellToken(pieces[i], n));
  return out;
}
