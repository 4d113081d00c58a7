/**
 * What the running text says: title (year, agency), signature (agency, date), the free-text
 * sections and the figures stated in them (FORMATS.md, the interchange document; rule T1).
 */
import type { ReportText, StatedFigures } from '../domain/interchange';
import { cleanCell } from './normalize';
import { headingOf, type SectionId } from './sections';
import type { TextLine } from './tokens';

export interface ReportMetadata {
  readonly year: number | null;
  readonly agencyName: string | null;
  readonly publishedOn: string | null;
  readonly text: Required<ReportText>;
  readonly statedFigures: Required<StatedFigures>;
  /** Line of the title, when one was found. */
  readonly titleLine: number | null;
}

const DATE = /((?:19|20)\d{2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?\s*$/;
const TITLE_YEAR = /((?:19|20)\d{2})\s*年/;

export function readMetadata(lines: readonly TextLine[]): ReportMetadata {
  // `text` for detection (NFKC); `shown` as written, for the prose sections and names.
  const cleaned = lines
    .map((l) => ({ text: cleanCell(l.text), shown: displayText(l.text), line: l.line }))
    .filter((l) => l.text !== '');
  const headings = cleaned.map((l) => headingOf(l.text));
  const firstHeading = headings.findIndex((h) => h !== undefined);

  // Title: the first line before the sections that reads like one (page chrome may come first).
  const titleZone = cleaned.slice(0, firstHeading >= 0 ? firstHeading : Math.min(cleaned.length, 15));
  const candidates = titleZone.filter((l) => /报告/.test(l.text) && l.text.length <= 80);
  const title =
    candidates.find((l) => TITLE_YEAR.test(l.text) && /信息公开|政务公开/.test(l.text)) ??
    candidates.find((l) => /(?:信息公开|政务公开).*报告/.test(l.text) && !/[>›»]/.test(l.text)) ??
    candidates[0] ??
    null;
  const yearMatch = title ? TITLE_YEAR.exec(title.text) : null;
  const year = yearMatch ? Number(yearMatch[1]) : null;

  // Signature: a date among the last lines, the agency on the line before it (or before the date on its line).
  let signatureStart = cleaned.length;
  let publishedOn: string | null = null;
  let signatureAgency: string | null = null;
  for (let i = cleaned.length - 1; i >= Math.max(0, cleaned.length - 4); i--) {
    const m = DATE.exec(arabicDate(cleaned[i].text));
    if (!m) continue;
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (!iso) continue;
    publishedOn = iso;
    signatureStart = i;
    const before = arabicDate(cleaned[i].text).slice(0, m.index).trim();
    if (before && looksLikeAgency(before)) signatureAgency = displayText(before);
    else if (i > 0 && looksLikeAgency(cleaned[i - 1].text) && headings[i - 1] === undefined) {
      signatureAgency = cleaned[i - 1].shown;
      signatureStart = i - 1;
    }
    break;
  }

  const agencyName = signatureAgency ?? (title ? agencyFromTitle(title.shown) : null);

  const sectionText = (id: SectionId): string | null => {
    const start = headings.indexOf(id);
    if (start < 0) return null;
    const body: string[] = [];
    for (let i = start + 1; i < signatureStart && headings[i] === undefined; i++) body.push(cleaned[i].shown);
    return body.length ? body.join('\n') : null;
  };
  const text = { overview: sectionText('overview'), problems: sectionText('problems'), other: sectionText('other') };
  const prose = [text.overview, text.problems, text.other].filter((t): t is string => t !== null).join('\n');
  return { year, agencyName, publishedOn, text, statedFigures: statedFigures(prose.split('\n').map(cleanCell).join('\n')), titleLine: title?.line ?? null };
}

/** As written, minus layout artefacts: `[bookmark: …]`, NBSP, surrounding tabs and pipes. */
function displayText(raw: string): string {
  return raw.replace(/\[bookmark:[^\]]*\]/g, '').replace(/[\u00a0\u200b\ufeff]/g, ' ').replace(/^[\s|]+|[\s|]+$/g, '');
}

const HANZI_DIGITS: Readonly<Record<string, number>> = { 〇: 0, 零: 0, '○': 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function hanziNumber(text: string): number {
  const ten = text.indexOf('十');
  if (ten < 0) return HANZI_DIGITS[text] ?? NaN;
  const tens = ten === 0 ? 1 : HANZI_DIGITS[text.slice(0, ten)];
  const units = ten === text.length - 1 ? 0 : HANZI_DIGITS[text.slice(ten + 1)];
  return tens * 10 + units;
}

/** `二〇二〇年一月十三日` → `2020年1月13日` (signatures are often written in Chinese numerals). */
function arabicDate(text: string): string {
  if (!/[〇零○O一二三四五六七八九]{4}\s*年/.test(text)) return text;
  return text
    .replace(/([〇零○O一二三四五六七八九]{4})(\s*年)/, (_, year: string, rest: string) => [...year].map((ch) => HANZI_DIGITS[ch]).join('') + rest)
    .replace(/年\s*([一二三四五六七八九十]{1,3})\s*月/, (_, month: string) => `年${hanziNumber(month)}月`)
    .replace(/月\s*([一二三四五六七八九十]{1,3})\s*日/, (_, day: string) => `月${hanziNumber(day)}日`);
}

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function looksLikeAgency(text: string): boolean {
  return text.length >= 2 && text.length <= 40 && !/[。；;，,:：]/.test(text) && !/\d/.test(text);
}

/** `2019年度咸丰路街道办事处信息公开工作年度报告` → `咸丰路街道办事处`. */
export function agencyFromTitle(title: string): string | null {
  const name = title
    .replace(/\s+/g, '')
    .replace(/^关于/, '')
    .replace(/(?:19|20)\d{2}年度?/g, '')
    .replace(/(?:政府)?(?:信息公开|政务公开).*$/, '')
    .replace(/[《》"“”]/g, '')
    .trim();
  return name.length >= 2 ? name : null;
}

const PROACTIVE_ITEMS = /主动公开[^。；;，,\n\d]{0,15}?(\d+)\s*条/;
const APPLICATIONS_RECEIVED = /收到[^。；;\n\d]{0,20}?申请[^。；;，,\n\d]{0,4}?(\d+)\s*件/;

/** Figures stated in prose ("主动公开政府信息241条", "共收到政府信息公开申请0件"), for rule T1. */
export function statedFigures(prose: string): Required<StatedFigures> {
  const proactive = PROACTIVE_ITEMS.exec(prose);
  const received = APPLICATIONS_RECEIVED.exec(prose);
  return {
    proactiveItems: proactive ? Number(proactive[1]) : null,
    applicationsReceived: received ? Number(received[1]) : null,
  };
}
