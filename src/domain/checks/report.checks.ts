/**
 * The checks within one report (FORMATS.md "Checks", "Within one report"): A1, A2, A3, R1, N1, P1,
 * S1, D1, T1. Pure functions of a CheckSubject.
 *
 * What comes back, consistently for every rule:
 * - one result per place the rule looks at (a row for A1, a column for A2/A3, a block for R1, a row
 *   for P1, the report for S1/D1/N1-when-clean, a stated figure for T1), passed or failed;
 * - nothing for a rule that does not apply to the format (P1 on F2021), for a place whose cells are
 *   all absent from the document (a truncated table is incomplete, not zero), and for a rule whose
 *   input is unknown (D1 without a publication date, T1 without a stated figure);
 * - N1 returns one failed result per offending cell, or one passed result for the whole report.
 * Blank (null) and absent cells read as 0, except that a blank or absent `total` next to non-zero
 * applicant cells fails A1 and is never filled in.
 */
import { cellsOf, tableDef, type FormatId } from '../catalogue';
import { minorToWan } from '../money';
import { anyPresent, applicationColumns, isPresent, joinPlus, nonZeroTerms, outcomeRows, read, resultOf, sum } from './check-result';
import type { AgencyKind, CheckResult, CheckSubject } from './types';

export type ReportRuleId = 'A1' | 'A2' | 'A3' | 'R1' | 'N1' | 'P1' | 'S1' | 'D1' | 'T1';

/** A1: every applications row, total = the six applicant columns. */
export function checkA1(subject: CheckSubject): CheckResult[] {
  const { format, cells } = subject;
  const columns = applicationColumns(format);
  const applicants = columns.filter((c) => c.code !== 'total');
  const results: CheckResult[] = [];
  for (const row of tableDef(format, 'applications').rows) {
    const place = `applications.${row.code}`;
    const partCodes = applicants.map((c) => `${place}.${c.code}`);
    const totalCode = `${place}.total`;
    const involved = [...partCodes, totalCode];
    if (!anyPresent(cells, involved)) continue;
    const parts = partCodes.map((code) => read(cells, code));
    const expected = sum(parts);
    const total = cells[totalCode];
    if ((total === null || total === undefined) && expected !== 0) {
      const how = total === null ? 'is blank' : 'is missing';
      results.push(resultOf('A1', false, place, involved,
        `${place}: 总计 total ${how} but the applicants add up to ${joinPlus(parts)} = ${expected}`));
      continue;
    }
    const stated = total ?? 0;
    results.push(stated === expected
      ? resultOf('A1', true, place, involved, `${place}: 总计 total ${stated} = ${joinPlus(parts)}`)
      : resultOf('A1', false, place, involved, `${place}: 总计 total ${stated} ≠ ${joinPlus(parts)} = ${expected}`));
  }
  return results;
}

/** A2 (stated in table 三's header): every column, new_received + carried_over = total_handled + carried_forward. */
export function checkA2(subject: CheckSubject): CheckResult[] {
  const { format, cells } = subject;
  const results: CheckResult[] = [];
  for (const column of applicationColumns(format)) {
    const place = `applications.*.${column.code}`;
    const code = (row: string) => `applications.${row}.${column.code}`;
    const involved = ['new_received', 'carried_over', 'total_handled', 'carried_forward'].map(code);
    if (!anyPresent(cells, involved)) continue;
    const [received, carriedOver, handled, carriedForward] = involved.map((c) => read(cells, c)) as [number, number, number, number];
    const left = received + carriedOver;
    const right = handled + carriedForward;
    const equation =
      `new_received ${received} + carried_over ${carriedOver} = ${left} ${left === right ? '=' : '≠'} ` +
      `total_handled ${handled} + carried_forward ${carriedForward} = ${right}`;
    results.push(resultOf('A2', left === right, place, involved, `${place} (${column.zh}): ${equation}`));
  }
  return results;
}

/** A3: every column, total_handled = sum of the outcome rows granted … last other_* row. */
export function checkA3(subject: CheckSubject): CheckResult[] {
  const { format, cells } = subject;
  const rows = outcomeRows(format);
  const results: CheckResult[] = [];
  for (const column of applicationColumns(format)) {
    const place = `applications.*.${column.code}`;
    const partCodes = rows.map((row) => `applications.${row}.${column.code}`);
    const totalCode = `applications.total_handled.${column.code}`;
    const involved = [...partCodes, totalCode];
    if (!anyPresent(cells, involved)) continue;
    const terms = rows.map((row, i) => ({ name: row, value: read(cells, partCodes[i]!) }));
    const expected = sum(terms.map((t) => t.value));
    const stated = read(cells, totalCode);
    const message =
      `${place} (${column.zh}): total_handled ${stated} ${stated === expected ? '=' : '≠'} ` +
      `sum of the ${rows.length} outcome rows = ${expected} (${nonZeroTerms(terms)})`;
    results.push(resultOf('A3', stated === expected, place, involved, message));
  }
  return results;
}

/** R1: each appeals block, total = upheld + corrected + other + pending. */
export function checkR1(subject: CheckSubject): CheckResult[] {
  const { format, cells } = subject;
  const results: CheckResult[] = [];
  for (const block of tableDef(format, 'appeals').rows) {
    const place = `appeals.${block.code}`;
    const partNames = ['upheld', 'corrected', 'other', 'pending'];
    const involved = [...partNames, 'total'].map((c) => `${place}.${c}`);
    if (!anyPresent(cells, involved)) continue;
    const parts = partNames.map((c) => read(cells, `${place}.${c}`));
    const expected = sum(parts);
    const stated = read(cells, `${place}.total`);
    const terms = partNames.map((name, i) => `${name} ${parts[i]}`).join(' + ');
    results.push(resultOf('R1', stated === expected, place, involved,
      `${place}: total ${stated} ${stated === expected ? '=' : '≠'} ${terms} = ${expected}`));
  }
  return results;
}

const CHECKED_BY_N1 = new Map<FormatId, readonly string[]>();
function cellsCheckedByN1(format: FormatId): readonly string[] {
  let codes = CHECKED_BY_N1.get(format);
  if (!codes) {
    codes = Object.freeze(cellsOf(format).map((c) => c.code));
    CHECKED_BY_N1.set(format, codes);
  }
  return codes;
}

/** N1: counts are non-negative integers, `change` (signed) any integer, amounts (in 分) ≥ 0. */
export function checkN1(subject: CheckSubject): CheckResult[] {
  const { format, cells } = subject;
  const failures: CheckResult[] = [];
  for (const def of cellsOf(format)) {
    const value = cells[def.code];
    if (value === null || value === undefined) continue;
    const whole = Number.isSafeInteger(value);
    switch (def.unit) {
      case 'count':
        if (!whole || value < 0) failures.push(resultOf('N1', false, def.code, [def.code], `${def.code}: ${value} is not a non-negative whole number`));
        break;
      case 'signed':
        if (!whole) failures.push(resultOf('N1', false, def.code, [def.code], `${def.code}: ${value} is not a whole number`));
        break;
      case 'amount':
        if (!whole) failures.push(resultOf('N1', false, def.code, [def.code], `${def.code}: ${value} is not a whole number of 分`));
        else if (value < 0) failures.push(resultOf('N1', false, def.code, [def.code], `${def.code}: amount ${minorToWan(value)} 万元 is negative`));
        break;
      default: {
        const unreachable: never = def.unit;
        throw new Error(`unknown unit ${String(unreachable)}`);
      }
    }
  }
  if (failures.length > 0) return failures;
  return [resultOf('N1', true, 'report', cellsCheckedByN1(format), 'every count is a non-negative whole number and every amount is ≥ 0')];
}

/** P1 (F2019 only): new_published ≤ total_published on each row that has both. */
export function checkP1(subject: CheckSubject): CheckResult[] {
  const { format, cells } = subject;
  if (format !== 'F2019') return [];
  const results: CheckResult[] = [];
  for (const row of tableDef(format, 'proactive').rows) {
    if (!row.columns.includes('new_published') || !row.columns.includes('total_published')) continue;
    const place = `proactive.${row.code}`;
    const involved = [`${place}.new_published`, `${place}.total_published`];
    if (!anyPresent(cells, involved)) continue;
    const published = read(cells, involved[0]!);
    const total = read(cells, involved[1]!);
    const ok = published <= total;
    results.push(resultOf('P1', ok, place, involved,
      `${place}: new_published ${published} ${ok ? '≤' : '>'} total_published ${total}`));
  }
  return results;
}

/** Kinds below the level that makes 规章 (FORMATS.md S1: sub-district, town, community, county-level). */
const KINDS_WITHOUT_REGULATIONS: ReadonlySet<AgencyKind> = new Set(['SUBDISTRICT', 'TOWN', 'COMMUNITY', 'VILLAGE', 'DISTRICT']);

function makesNoRegulations(subject: CheckSubject): boolean {
  if (KINDS_WITHOUT_REGULATIONS.has(subject.agencyKind)) return true;
  // A department of a county-level (or lower) government: only known when the caller says whose it is.
  return subject.agencyKind === 'DEPARTMENT' && subject.governmentKind !== undefined && KINDS_WITHOUT_REGULATIONS.has(subject.governmentKind);
}

/** S1 (plausibility): non-zero `regulations` from a body that does not make 规章. */
export function checkS1(subject: CheckSubject): CheckResult[] {
  const { format, cells } = subject;
  const row = tableDef(format, 'proactive').rows.find((r) => r.code === 'regulations')!;
  const involved = row.columns.map((c) => `proactive.regulations.${c}`);
  if (!anyPresent(cells, involved)) return [];
  const terms = row.columns.map((c, i) => ({ name: c, value: read(cells, involved[i]!) }));
  const nonZero = terms.some((t) => t.value !== 0);
  if (!nonZero || !makesNoRegulations(subject)) {
    return [resultOf('S1', true, 'proactive.regulations', involved, `proactive.regulations: ${nonZeroTerms(terms)} for a ${describeKind(subject)}`)];
  }
  return [resultOf('S1', false, 'proactive.regulations', involved,
    `proactive.regulations: ${nonZeroTerms(terms)} for a ${describeKind(subject)}; only provincial and 设区的市 governments make 规章`)];
}

function describeKind(subject: CheckSubject): string {
  return subject.agencyKind === 'DEPARTMENT' && subject.governmentKind ? `DEPARTMENT of a ${subject.governmentKind}` : subject.agencyKind;
}

/** Governments whose report is due on 31 March (art. 49: county-level-and-above governments). */
const MARCH_DEADLINE_KINDS: ReadonlySet<AgencyKind> = new Set(['PROVINCE', 'CITY', 'DISTRICT']);

/**
 * The publication deadline of a report of `year` (art. 49): 31 March of the next year for
 * county-level-and-above governments, 31 January for departments, sub-districts, towns and every
 * other agency.
 */
export function publicationDeadline(kind: AgencyKind, year: number): string {
  return MARCH_DEADLINE_KINDS.has(kind) ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** D1: published after the deadline. Not evaluated without a (well-formed) publication date. */
export function checkD1(subject: CheckSubject): CheckResult[] {
  const { publishedOn, agencyKind, year } = subject;
  if (publishedOn === null || !ISO_DATE.test(publishedOn)) return [];
  const deadline = publicationDeadline(agencyKind, year);
  // ISO dates compare as strings.
  const onTime = publishedOn <= deadline;
  return [resultOf('D1', onTime, 'report', [],
    `published ${publishedOn}, ${onTime ? 'by' : 'after'} the deadline ${deadline} of a ${agencyKind} report for ${year}`)];
}

/**
 * T1: a figure stated in the text contradicts the table. Only true contradictions are flagged:
 * - "共收到政府信息公开申请N件" must equal applications.new_received.total;
 * - "主动公开政府信息N条" counts every item disclosed (documents, news, notices), of which the table's
 *   regulations and normative documents published this year (F2019 new_published, F2021 issued)
 *   are a part: N may be larger (the seed: 241 items, 0 documents) but never smaller.
 */
export function checkT1(subject: CheckSubject): CheckResult[] {
  const { format, cells, statedFigures } = subject;
  const results: CheckResult[] = [];
  const received = statedFigures.applicationsReceived;
  const totalCode = 'applications.new_received.total';
  if (received !== null && received !== undefined && isPresent(cells, totalCode)) {
    const table = read(cells, totalCode);
    results.push(resultOf('T1', received === table, 'statedFigures.applicationsReceived', [totalCode],
      `the text states ${received} applications received; ${totalCode} is ${table}`));
  }
  const items = statedFigures.proactiveItems;
  const column = format === 'F2019' ? 'new_published' : 'issued';
  const documentCodes = tableDef(format, 'proactive').rows
    .filter((r) => r.columns.includes(column))
    .map((r) => `proactive.${r.code}.${column}`);
  if (items !== null && items !== undefined && anyPresent(cells, documentCodes)) {
    const terms = documentCodes.map((code) => ({ name: code, value: read(cells, code) }));
    const documents = sum(terms.map((t) => t.value));
    const ok = items >= documents;
    results.push(resultOf('T1', ok, 'statedFigures.proactiveItems', documentCodes,
      `the text states ${items} items disclosed proactively; the table lists ${documents} documents (${nonZeroTerms(terms)})` +
        (ok ? '' : `, more than ${items}`)));
  }
  return results;
}

/** The within-report rules, in the order of FORMATS.md. */
export const REPORT_CHECKS: readonly { readonly rule: ReportRuleId; readonly run: (subject: CheckSubject) => CheckResult[] }[] = Object.freeze([
  { rule: 'A1', run: checkA1 },
  { rule: 'A2', run: checkA2 },
  { rule: 'A3', run: checkA3 },
  { rule: 'R1', run: checkR1 },
  { rule: 'N1', run: checkN1 },
  { rule: 'P1', run: checkP1 },
  { rule: 'S1', run: checkS1 },
  { rule: 'D1', run: checkD1 },
  { rule: 'T1', run: checkT1 },
]);

/** Every within-report rule on one report: one result per rule and place (see the file comment). */
export function checkReport(subject: CheckSubject): CheckResult[] {
  return REPORT_CHECKS.flatMap((check) => check.run(subject));
}
