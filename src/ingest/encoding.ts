/**
 * Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK and
 * GB2312), the encodings Chinese government sites publish in. "Valid UTF-8 else GB18030"; jschardet
 * is asked only when GB18030 does not decode cleanly either (Big5 copies).
 */
import * as iconv from 'iconv-lite';
import type { DiagnosticSink } from './diagnostics';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export type Decoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

export function decodeText(bytes: Buffer, sink: DiagnosticSink): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { ok: true, text: bytes.subarray(3).toString('utf8') };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: iconv.decode(bytes.subarray(2), 'utf-16le') };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: iconv.decode(bytes.subarray(2), 'utf-16be') };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    // not UTF-8: fall through
  }
  const gb = iconv.decode(bytes, 'gb18030');
  if (replacementRatio(gb) < 0.001) {
    sink.add('ENCODING_DETECTED', 'the file is not UTF-8; read as GB18030 (GBK)');
    return { ok: true, text: gb };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jschardet = require('jschardet') as { detect(b: Buffer): { encoding: string | null; confidence: number } };
  const guess = jschardet.detect(bytes);
  if (guess.encoding && iconv.encodingExists(guess.encoding)) {
    const text = iconv.decode(bytes, guess.encoding);
    if (replacementRatio(text) < 0.001) {
      sink.add('ENCODING_DETECTED', `the file is neither UTF-8 nor GB18030; read as ${guess.encoding} (confidence ${guess.confidence.toFixed(2)})`);
      return { ok: true, text };
    }
  }
  return { ok: false, message: 'the bytes are neither UTF-8 nor GB18030 (GBK) nor another recognisable encoding; save the file as UTF-8 and try again' };
}

function replacementRatio(text: string): number {
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  return text.length ? bad / text.length : 0;
}
