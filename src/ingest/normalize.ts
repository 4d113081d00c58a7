/**
 * Text normalisation for matching (LAYOUTS.md "What the importer does with them": full-width to
 * half-width, notes in brackets stripped, traditional to simplified only where a label needs it).
 *
 * Two levels: `cleanCell` keeps a cell readable (for values and messages); `matchKey` reduces a
 * label to what identifies it, so that `（三） 不予公开`, `(三)不予公开` and `（三）不予公开` agree.
 */
import * as OpenCC from 'opencc-js';

const BOOKMARK = /\[bookmark:[^\]]*\]/g;
const WHITESPACE = /[\s\u00a0\u3000\u200b\ufeff]+/g;

/** NFKC (full-width digits, brackets and spaces to ASCII), NBSP to space, `[bookmark: …]` removed, trimmed. */
const cleanCache = new Map<string, string>();

export function cleanCell(raw: string): string {
  // Labels repeat across documents: remember the short ones (the cache is bounded).
  if (raw.length <= 64) {
    const cached = cleanCache.get(raw);
    if (cached !== undefined) return cached;
    const cleaned = cleanUncached(raw);
    if (cleanCache.size > 50_000) cleanCache.clear();
    cleanCache.set(raw, cleaned);
    return cleaned;
  }
  return cleanUncached(raw);
}

function cleanUncached(raw: string): string {
  let text = raw;
  if (text.includes('[bookmark')) text = text.replace(BOOKMARK, '');
  // NFKC is the slow part: skip it for pure ASCII, which it leaves unchanged.
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(text)) text = text.normalize('NFKC');
  return text.replace(WHITESPACE, ' ').trim();
}

const NUMBERING_NOTE = /^[一二三四五六七八九十\d]{1,3}$/;

/**
 * Removes notes in brackets, keeping numbering such as `(一)` or `(1)`: `规章(设区的市…)` → `规章`,
 * `項(xiàng)` → `項`. An unclosed `(` drops the rest (a note cut by a line break); an unmatched `)`
 * drops what comes before it (the note's second half on the next line).
 */
export function stripNotes(text: string): string {
  if (!text.includes('(') && !text.includes(')')) return text;
  let out = '';
  let i = 0;
  const close = text.indexOf(')');
  const open = text.indexOf('(');
  if (close >= 0 && (open < 0 || close < open)) i = close + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '(') {
      let depth = 1;
      let j = i + 1;
      while (j < text.length && depth > 0) {
        if (text[j] === '(') depth++;
        else if (text[j] === ')') depth--;
        j++;
      }
      const inner = text.slice(i + 1, depth === 0 ? j - 1 : j);
      if (depth === 0 && NUMBERING_NOTE.test(inner)) out += `(${inner})`;
      i = j;
    } else if (ch === ')') {
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

const PUNCTUATION = /[\s、.,:;·'"“”‘’「」『』《》!?_|\-—–/\\]+/g;

/** The key a label is matched by: cleaned, notes stripped, spaces, quotes and punctuation removed. */
const keyCache = new Map<string, string>();

export function matchKey(text: string): string {
  const cached = keyCache.get(text);
  if (cached !== undefined) return cached;
  const key = stripNotes(cleanCell(text)).replace(PUNCTUATION, '');
  if (text.length <= 64) {
    if (keyCache.size > 50_000) keyCache.clear();
    keyCache.set(text, key);
  }
  return key;
}

const LEADING_NUMBERING = /^(?:\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]{1,3}(?=[^一二三四五六七八九十])|\d{1,2}(?=\D))/;

/** The key without its leading numbering: `(一)予以公开` → `予以公开`, `1属于国家秘密` → `属于国家秘密`. */
export function coreKey(key: string): string {
  return key.replace(LEADING_NUMBERING, '');
}

/** True when the key is nothing but numbering (`(三)` on a line of its own). */
export function isBareNumbering(key: string): boolean {
  return key.length > 0 && coreKey(key) === '';
}

let toSimplified: ((text: string) => string) | undefined;
const simplifiedCache = new Map<string, string>();
const HAN = /[\u4e00-\u9fff]/;

/**
 * Traditional → simplified, used only for a label that matched nothing as written: the converter is
 * loaded on first use and results are cached, so simplified documents never pay for it.
 */
export function simplified(text: string): string {
  if (!HAN.test(text)) return text;
  const cached = simplifiedCache.get(text);
  if (cached !== undefined) return cached;
  toSimplified ??= OpenCC.Converter({ from: 'hk', to: 'cn' });
  const converted = toSimplified(text);
  if (text.length <= 64) {
    if (simplifiedCache.size > 10_000) simplifiedCache.clear();
    simplifiedCache.set(text, converted);
  }
  return converted;
}

/** Levenshtein distance, bounded: returns max + 1 as soon as the distance must exceed `max`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}
