/** Feeds a rendered report to the importer the way the CLI would: text, HTML, or bytes with a file name. */
import { parseDocument, parseHtml, parseText, type ParseResult } from '../../../src/ingest';
import type { RenderedReport } from './types';

/** Text goes through parseText, HTML through parseHtml, bytes (.docx, .xlsx, GB18030 .txt) through parseDocument. */
export async function parseRendered(rendered: RenderedReport): Promise<ParseResult> {
  if (typeof rendered.content !== 'string') return parseDocument(rendered.content, rendered.filename);
  return rendered.layout === 'L8'
    ? parseHtml(rendered.content, { filename: rendered.filename })
    : parseText(rendered.content, { filename: rendered.filename });
}
