/**
 * The common stream every source is turned into (text layouts L1–L7, HTML and .docx tables, .xlsx
 * grids), so that one table reader serves them all.
 */

/** One cell as written, with the 1-based source line it starts on (0 when unknown). */
export interface CellToken {
  readonly kind: 'cell';
  readonly raw: string;
  readonly line: number;
}

/** A row boundary, emitted only by sources that know where rows end (L4–L7, HTML, docx, xlsx). */
export interface BreakToken {
  readonly kind: 'break';
}

export type Token = CellToken | BreakToken;

/** A line of running text (title, headings, paragraphs, signature) with its source line. */
export interface TextLine {
  readonly text: string;
  readonly line: number;
}

/** What a source reader hands to the document reader. */
export interface TokenisedDocument {
  readonly tokens: readonly Token[];
  readonly lines: readonly TextLine[];
}

export const BREAK: BreakToken = Object.freeze({ kind: 'break' });

export const cellToken = (raw: string, line: number): CellToken => ({ kind: 'cell', raw, line });
