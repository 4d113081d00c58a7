/**
 * The report's sections, found by their headings (FORMATS.md "Sections, same order in both"),
 * tolerant of renamed headings (`二、主动公开政府信息的情况`, `四、因政府信息公开工作被申请行政复议…`).
 */
import { cleanCell } from './normalize';

export type SectionId = 'overview' | 'proactive' | 'applications' | 'appeals' | 'problems' | 'other';
export type TableSection = 'proactive' | 'applications' | 'appeals';

const HEADINGS: readonly (readonly [SectionId, RegExp])[] = [
  ['overview', /^(?:一[、.．]?|1[、.．])(?:总体情况|概述|总体)/],
  ['proactive', /^(?:二[、.．]?|2[、.．]).{0,6}主动公开/],
  ['applications', /^(?:三[、.．]?|3[、.．]).{0,10}(?:收到|处理).{0,12}申请/],
  ['appeals', /^(?:四[、.．]?|4[、.．]).{0,20}(?:复议|诉讼)/],
  ['problems', /^(?:五[、.．]?|5[、.．]).{0,6}(?:问题|改进)/],
  ['other', /^(?:六[、.．]?|6[、.．]).{0,6}(?:其他|事项)/],
];

/** The section a heading opens, or undefined when the text is not a section heading. */
export function headingOf(text: string): SectionId | undefined {
  if (text.length > 60) return undefined;
  const compact = cleanCell(text).replace(/\s+/g, '');
  if (compact.length > 45 || compact.length < 4) return undefined;
  for (const [id, pattern] of HEADINGS) if (pattern.test(compact)) return id;
  return undefined;
}

export const isTableSection = (s: SectionId | undefined): s is TableSection =>
  s === 'proactive' || s === 'applications' || s === 'appeals';
