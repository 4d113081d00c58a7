/**
 * The importer's reading part (issue 3): any supported file → the interchange document of
 * FORMATS.md with diagnostics. Pure: no database, no network, never throws on bad input.
 *
 * Pipeline: bytes → text (encoding.ts) → common token stream (text-layouts.ts L1–L7,
 * html-reader.ts L8 and .docx, office-readers.ts .xlsx) → one table reader driven by the catalogue
 * (document-reader.ts, table-reader.ts, label-index.ts) → interchange document.
 */
import { DiagnosticSink } from './diagnostics';
import { readTokenisedDocument } from './document-reader';
import { decodeText } from './encoding';
import { tokeniseHtml } from './html-reader';
import { readInterchangeJson } from './interchange-reader';
import { docxToHtml, tokeniseXlsx } from './office-readers';
import { failure, type ParseResult } from './parse-result';
import { tokeniseText } from './text-layouts';

export type { ParseFailure, ParseResult, ParseSuccess } from './parse-result';
export { DIAGNOSTIC_CODES, type DiagnosticCode, type ParseErrorCode } from './diagnostics';
export { extensionRowCode, extensionRowLabel, isExtensionRowCode } from './extension-cells';
export { detectLayout, type TextLayout } from './text-layouts';

/** Larger files are refused with TOO_LARGE: a report is a few hundred kB even as .docx with images. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

export type FileKind = 'text' | 'html' | 'docx' | 'xlsx' | 'json';

/** Synchronous fast path for text (.txt, any of LAYOUTS L1–L7). */
export function parseText(text: string, _options: { filename?: string } = {}): ParseResult {
  return guarded(() => {
    const tokenised = tokeniseText(text);
    return readTokenisedDocument(tokenised, { rowsKnown: rowsKnownIn(tokenised.layout) });
  });
}

/** Synchronous fast path for HTML (L8). */
export function parseHtml(html: string, _options: { filename?: string } = {}): ParseResult {
  return guarded(() => readTokenisedDocument(tokeniseHtml(html), { rowsKnown: true }));
}

/** Reads any supported file; the kind is chosen from the extension, then sniffed from the bytes. Never throws on bad input. */
export async function parseDocument(content: Buffer | string, filename: string): Promise<ParseResult> {
  try {
    const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    if (size > MAX_INPUT_BYTES) {
      return failure('TOO_LARGE', `the file has ${size} bytes; at most ${MAX_INPUT_BYTES} (20 MB) are read`);
    }
    if (size === 0) return failure('EMPTY_DOCUMENT', 'the file is empty');
    const bytes = typeof content === 'string' ? null : content;
    const kind = fileKind(filename, bytes ?? content);
    if (kind === null) {
      return failure('UNSUPPORTED_FILE', `cannot read "${filename}": expected .txt, .html, .docx, .xlsx or .json (convert .doc, .pdf and .xls to one of these first)`);
    }
    switch (kind) {
      case 'docx':
        if (!bytes) return failure('UNSUPPORTED_FILE', '.docx content must be given as bytes');
        return await readDocx(bytes);
      case 'xlsx':
        if (!bytes) return failure('UNSUPPORTED_FILE', '.xlsx content must be given as bytes');
        return await readXlsx(bytes);
      case 'text':
      case 'html':
      case 'json': {
        const sink = new DiagnosticSink();
        let text: string;
        if (bytes) {
          const decoded = decodeText(bytes, sink);
          if (!decoded.ok) return failure('UNREADABLE_ENCODING', decoded.message, sink.items);
          text = decoded.text;
        } else {
          text = content as string;
        }
        if (text.trim() === '') return failure('EMPTY_DOCUMENT', 'the file holds only white space', sink.items);
        if (kind === 'json') return readInterchangeJson(text);
        return guarded(() =>
          kind === 'html'
            ? readTokenisedDocument(tokeniseHtml(text), { rowsKnown: true, sink })
            : readText(text, sink),
        );
      }
      default: {
        const unreachable: never = kind;
        throw new Error(`unknown file kind ${String(unreachable)}`);
      }
    }
  } catch (error) {
    return failure('UNREADABLE_FILE', `"${filename}" could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readText(text: string, sink: DiagnosticSink): ParseResult {
  const tokenised = tokeniseText(text);
  return readTokenisedDocument(tokenised, { rowsKnown: rowsKnownIn(tokenised.layout), sink });
}

async function readDocx(bytes: Buffer): Promise<ParseResult> {
  const html = await docxToHtml(bytes);
  return readTokenisedDocument(tokeniseHtml(html), { rowsKnown: true });
}

async function readXlsx(bytes: Buffer): Promise<ParseResult> {
  return readTokenisedDocument(await tokeniseXlsx(bytes), { rowsKnown: true });
}

const rowsKnownIn = (layout: string) => layout === 'L4' || layout === 'L5' || layout === 'L6' || layout === 'L7';

const EXTENSIONS: Readonly<Record<string, FileKind>> = {
  txt: 'text', text: 'text', md: 'text',
  html: 'html', htm: 'html', xhtml: 'html', shtml: 'html',
  docx: 'docx', xlsx: 'xlsx', json: 'json',
};

/** The kind from the extension, checked against the bytes (a zip is never text; an HTML page saved as .txt is HTML). */
export function fileKind(filename: string, content: Buffer | string): FileKind | null {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  const head = typeof content === 'string' ? content.slice(0, 2048) : content.subarray(0, 2048).toString('latin1');
  if (head.startsWith('PK\u0003\u0004')) {
    if (ext === 'docx' || ext === 'xlsx') return ext;
    const body = typeof content === 'string' ? content : content.toString('latin1');
    if (body.includes('word/document.xml')) return 'docx';
    if (body.includes('xl/workbook.xml')) return 'xlsx';
    return null;
  }
  if (ext === 'docx' || ext === 'xlsx') return null;
  if (ext === 'doc' || ext === 'pdf' || ext === 'xls' || ext === 'wps') return null;
  const trimmed = head.replace(/^\ufeff|^\u00ef\u00bb\u00bf/, '').trimStart();
  if (ext === 'json' || (!EXTENSIONS[ext] && trimmed.startsWith('{'))) return 'json';
  if (/^<(?:!doctype html|html|head|body|table|meta|div|p)\b/i.test(trimmed)) return 'html';
  if (EXTENSIONS[ext]) return EXTENSIONS[ext];
  if (/%PDF-|\u00d0\u00cf\u0011\u00e0/.test(head.slice(0, 8))) return null;
  return 'text';
}

function guarded(read: () => ParseResult): ParseResult {
  try {
    return read();
  } catch (error) {
    return failure('UNREADABLE_FILE', `the document could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}
