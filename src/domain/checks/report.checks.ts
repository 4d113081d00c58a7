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
import { cellsOf, tableDef } from '../catalogue';
import { minorToWan } from '../money';
import {
  anyPresent, applicationColumns, frozenResult, isPresent, joinPlus, nonZeroTerms, outcomeRows, perFormat, read, type ResultSink,
} from './check-result';
import type { AgencyKind, CheckResult, CheckSubject } from './types';

export type ReportRuleId = 'A1' | 'A2' | 'A3' | 'R1' | 'N1' | 'P1' | 'S1' | 'D1' | 'T1';

// Each rule reads the cells of its places through codes built once per format (a bulk load runs the
// checks on every report: building code strings per call dominated their cost), and builds a
// message only for a result it keeps (ResultSink.failuresOnly skips passed ones before that).

const freeze = <T>(items: T[]): readonly T[] => Object.freeze(items);
const full = (): ResultSink => ({ failuresOnly: false, out: [] });

const A1_PLAN = perFormat((format) => {
  const applicants = applicationColumns(format).filter((c) => c.code !== 'total');
  return freeze(tableDef(format, 'applications').rows.map((row) => {
    const place = `applications.${row.code}`;
    const partCodes = freeze(applicants.map((c) => `${place}.${c.code}`));
    const totalCode = `${place}.total`;
    return { place, partCodes, totalCode, involved: freeze([...partCodes, totalCode]) };
  }));
});

function a1Into(subject: CheckSubject, sink: ResultSink): void {
  const { cells } = subject;
  for (const { place, partCodes, totalCode, involved } of A1_PLAN(subject.format)) {
    if (!anyPresent(cells, involved)) continue;
    let expected = 0;
    for (const code of partCodes) expected += read(cells, code);
    const total = cells[totalCode];
    if ((total === null || total === undefined) && expected !== 0) {
      const how = total === null ? 'is blank' : 'is missing';
      sink.out.push(frozenResult('A1', false, place, involved,
        `${place}: 总计 total ${how} but the applicants add up to ${joinPlus(partCodes.map((code) => read(cells, code)))} = ${expected}`));
      continue;
    }
    const stated = total ?? 0;
    if (stated === expected && sink.failuresOnly) continue;
    const parts = partCodes.map((code) => read(cells, code));
    sink.out.push(stated === expected
      ? frozenResult('A1', true, place, involved, `${place}: 总计 total ${stated} = ${joinPlus(parts)}`)
      : frozenResult('A1', false, place, involved, `${place}: 总计 total ${stated} ≠ ${joinPlus(parts)} = ${expected}`));
  }
}

/** A1: every applications row, total = the six applicant columns. */
export function checkA1(subject: CheckSubject): CheckResult[] {
  const sink = full();
  a1Into(subject, sink);
  return sink.out;
}

const A2_PLAN = perFormat((format) =>
  freeze(applicationColumns(format).map((column) => ({
    column,
    place: `applications.*.${column.code}`,
    involved: freeze(['new_received', 'carried_over', 'total_handled', 'carried_forward'].map((row) => `applications.${row}.${column.code}`)),
  }))));

function a2Into(subject: CheckSubject, sink: ResultSink): void {
  const { cells } = subject;
  for (const { column, place, involved } of A2_PLAN(subject.format)) {
    if (!anyPresent(cells, involved)) continue;
    const received = read(cells, involved[0]!);
    const carriedOver = read(cells, involved[1]!);
    const handled = read(cells, involved[2]!);
    const carriedForward = read(cells, involved[3]!);
    const left = received + carriedOver;
    const right = handled + carriedForward;
    if (left === right && sink.failuresOnly) continue;
    const equation =
      `new_received ${received} + carried_over ${carriedOver} = ${left} ${left === right ? '=' : '≠'} ` +
      `total_handled ${handled} + carried_forward ${carriedForward} = ${right}`;
    sink.out.push(frozenResult('A2', left === right, place, involved, `${place} (${column.zh}): ${equation}`));
  }
}

/** A2 (stated in table 三's header): every column, new_received + carried_over = total_handled + carried_forward. */
export function checkA2(subject: CheckSubject): CheckResult[] {
  const sink = full();
  a2Into(subject, sink);
  return sink.out;
}

const A3_PLAN = perFormat((format) => {
  const rows = outcomeRows(format);
  return freeze(applicationColumns(format).map((column) => {
    const partCodes = freeze(rows.map((row) => `applications.${row}.${column.code}`));
    const totalCode = `applications.total_handled.${column.code}`;
    return { column, rows, place: `applications.*.${column.code}`, partCodes, totalCode, involved: freeze([...partCodes, totalCode]) };
  }));
});

function a3Into(subject: CheckSubject, sink: ResultSink): void {
  const { cells } = subject;
  for (const { column, rows, place, partCodes, totalCode, involved } of A3_PLAN(subject.format)) {
    if (!anyPresent(cells, involved)) continue;
    let expected = 0;
    for (const code of partCodes) expected += read(cells, code);
    const stated = read(cells, totalCode);
    if (stated === expected && sink.failuresOnly) continue;
    const terms = rows.map((row, i) => ({ name: row, value: read(cells, partCodes[i]!) }));
    const message =
      `${place} (${column.zh}): total_handled ${stated} ${stated === expected ? '=' : '≠'} ` +
      `sum of the ${rows.length} outcome rows = ${expected} (${nonZeroTerms(terms)})`;
    sink.out.push(frozenResult('A3', stated === expected, place, involved, message));
  }
}

/** A3: every column, total_handled = sum of the outcome rows granted … last other_* row. */
export function checkA3(subject: CheckSubject): CheckResult[] {
  const sink = full();
  a3Into(subject, sink);
  return sink.out;
}

const R1_PARTS: readonly string[] = freeze(['upheld', 'corrected', 'other', 'pending']);
const R1_PLAN = perFormat((format) =>
  freeze(tableDef(format, 'appeals').rows.map((block) => {
    const place = `appeals.${block.code}`;
    const involved = freeze([...R1_PARTS, 'total'].map((c) => `${place}.${c}`));
    return { place, involved, partCodes: freeze(involved.slice(0, R1_PARTS.length)), totalCode: involved[R1_PARTS.length]! };
  })));

function r1Into(subject: CheckSubject, sink: ResultSink): void {
  const { cells } = subject;
  for (const { place, involved, partCodes, totalCode } of R1_PLAN(subject.format)) {
    if (!anyPresent(cells, involved)) continue;
    let expected = 0;
    for (const code of partCodes) expected += read(cells, code);
    const stated = read(cells, totalCode);
    if (stated === expected && sink.failuresOnly) continue;
    const terms = R1_PARTS.map((name, i) => `${name} ${read(cells, partCodes[i]!)}`).join(' + ');
    sink.out.push(frozenResult('R1', stated === expected, place, involved,
      `${place}: total ${stated} ${stated === expected ? '=' : '≠'} ${terms} = ${expected}`));
  }
}

/** R1: each appeals block, total = upheld + corrected + other + pending. */
export function checkR1(subject: CheckSubject): CheckResult[] {
  const sink = full();
  r1Into(subject, sink);
  return sink.out;
}

const CHECKED_BY_N1 = perFormat((format) => freeze(cellsOf(format).map((c) => c.code)));
const N1_CELLS = perFormat((format) => cellsOf(format));

/** True when every present value has the form of its unit (N1 passes): the common case, decided without building anything. */
function n1Passes(format: CheckSubject['format'], cells: CheckSubject['cells']): boolean {
  for (const def of N1_CELLS(format)) {
    const value = cells[def.code];
    if (value === null || value === undefined) continue;
    if (!Number.isSafeInteger(value) || (value < 0 && def.unit !== 'signed')) return false;
  }
  return true;
}

function n1Into(subject: CheckSubject, sink: ResultSink): void {
  const { format, cells } = subject;
  if (n1Passes(format, cells)) {
    if (!sink.failuresOnly) sink.out.push(frozenResult('N1', true, 'report', CHECKED_BY_N1(format), 'every count is a non-negative whole number and every amount is ≥ 0'));
    return;
  }
  const failures = sink.out;
  for (const def of N1_CELLS(format)) {
    const value = cells[def.code];
    if (value === null || value === undefined) continue;
    const whole = Number.isSafeInteger(value);
    switch (def.unit) {
      case 'count':
        if (!whole || value < 0) failures.push(frozenResult('N1', false, def.code, freeze([def.code]), `${def.code}: ${value} is not a non-negative whole number`));
        break;
      case 'signed':
        if (!whole) failures.push(frozenResult('N1', false, def.code, freeze([def.code]), `${def.code}: ${value} is not a whole number`));
        break;
      case 'amount':
        if (!whole) failures.push(frozenResult('N1', false, def.code, freeze([def.code]), `${def.code}: ${value} is not a whole number of 分`));
        else if (value < 0) failures.push(frozenResult('N1', false, def.code, freeze([def.code]), `${def.code}: amount ${minorToWan(value)} 万元 is negative`));
        break;
      default: {
        const unreachable: never = def.unit;
        throw new Error(`unknown unit ${String(unreachable)}`);
      }
    }
  }
}

/** N1: counts are non-negative integers, `change` (signed) any integer, amounts (in 分) ≥ 0. */
export function checkN1(subject: CheckSubject): CheckResult[] {
  const sink = full();
  n1Into(subject, sink);
  return sink.out;
}

const P1_PLAN = perFormat((format) =>
  freeze(tableDef(format, 'proactive').rows
    .filter((row) => row.columns.includes('new_published') && row.columns.includes('total_published'))
    .map((row) => {
      const place = `proactive.${row.code}`;
      return { place, involved: freeze([`${place}.new_published`, `${place}.total_published`]) };
    })));

function p1Into(subject: CheckSubject, sink: ResultSink): void {
  const { format, cells } = subject;
  if (format !== 'F2019') return;
  for (const { place, involved } of P1_PLAN(format)) {
    if (!anyPresent(cells, involved)) continue;
    const published = read(cells, involved[0]!);
    const total = read(cells, involved[1]!);
    const ok = published <= total;
    if (ok && sink.failuresOnly) continue;
    sink.out.push(frozenResult('P1', ok, place, involved,
      `${place}: new_published ${published} ${ok ? '≤' : '>'} total_published ${total}`));
  }
}

/** P1 (F2019 only): new_published ≤ total_published on each row that has both. */
export function checkP1(subject: CheckSubject): CheckResult[] {
  const sink = full();
  p1Into(subject, sink);
  return sink.out;
}

/** Kinds below the level that makes 规章 (FORMATS.md S1: sub-district, town, community, county-level). */
const KINDS_WITHOUT_REGULATIONS: ReadonlySet<AgencyKind> = new Set(['SUBDISTRICT', 'TOWN', 'COMMUNITY', 'VILLAGE', 'DISTRICT']);

function makesNoRegulations(subject: CheckSubject): boolean {
  if (KINDS_WITHOUT_REGULATIONS.has(subject.agencyKind)) return true;
  // A department of a county-level (or lower) government: only known when the caller says whose it is.
  return subject.agencyKind === 'DEPARTMENT' && subject.governmentKind !== undefined && KINDS_WITHOUT_REGULATIONS.has(subject.governmentKind);
}

const S1_PLAN = perFormat((format) => {
  const row = tableDef(format, 'proactive').rows.find((r) => r.code === 'regulations')!;
  return { columns: row.columns, involved: freeze(row.columns.map((c) => `proactive.regulations.${c}`)) };
});

function s1Into(subject: CheckSubject, sink: ResultSink): void {
  const { cells } = subject;
  const { columns, involved } = S1_PLAN(subject.format);
  if (!anyPresent(cells, involved)) return;
  let nonZero = false;
  for (const code of involved) if (read(cells, code) !== 0) nonZero = true;
  const ok = !nonZero || !makesNoRegulations(subject);
  if (ok && sink.failuresOnly) return;
  const terms = columns.map((c, i) => ({ name: c, value: read(cells, involved[i]!) }));
  if (ok) {
    sink.out.push(frozenResult('S1', true, 'proactive.regulations', involved, `proactive.regulations: ${nonZeroTerms(terms)} for a ${describeKind(subject)}`));
    return;
  }
  sink.out.push(frozenResult('S1', false, 'proactive.regulations', involved,
    `proactive.regulations: ${nonZeroTerms(terms)} for a ${describeKind(subject)}; only provincial and 设区的市 governments make 规章`));
}

/** S1 (plausibility): non-zero `regulations` from a body that does not make 规章. */
export function checkS1(subject: CheckSubject): CheckResult[] {
  const sink = full();
  s1Into(subject, sink);
  return sink.out;
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

const NO_CELLS: readonly string[] = freeze([]);

function d1Into(subject: CheckSubject, sink: ResultSink): void {
  const { publishedOn, agencyKind, year } = subject;
  if (publishedOn === null || !ISO_DATE.test(publishedOn)) return;
  const deadline = publicationDeadline(agencyKind, year);
  // ISO dates compare as strings.
  const onTime = publishedOn <= deadline;
  if (onTime && sink.failuresOnly) return;
  sink.out.push(frozenResult('D1', onTime, 'report', NO_CELLS,
    `published ${publishedOn}, ${onTime ? 'by' : 'after'} the deadline ${deadline} of a ${agencyKind} report for ${year}`));
}

/** D1: published after the deadline. Not evaluated without a (well-formed) publication date. */
export function checkD1(subject: CheckSubject): CheckResult[] {
  const sink = full();
  d1Into(subject, sink);
  return sink.out;
}

const T1_RECEIVED_CODE = 'applications.new_received.total';
const T1_RECEIVED_CELLS: readonly string[] = freeze([T1_RECEIVED_CODE]);
const T1_DOCUMENT_CODES = perFormat((format) => {
  const column = format === 'F2019' ? 'new_published' : 'issued';
  return freeze(tableDef(format, 'proactive').rows.filter((r) => r.columns.includes(column)).map((r) => `proactive.${r.code}.${column}`));
});

/** T1 (see checkT1): both stated figures against the table. */
function t1Into(subject: CheckSubject, sink: ResultSink): void {
  const { format, cells, statedFigures } = subject;
  const received = statedFigures.applicationsReceived;
  if (received !== null && received !== undefined && isPresent(cells, T1_RECEIVED_CODE)) {
    const table = read(cells, T1_RECEIVED_CODE);
    if (received !== table || !sink.failuresOnly) {
      sink.out.push(frozenResult('T1', received === table, 'statedFigures.applicationsReceived', T1_RECEIVED_CELLS,
        `the text states ${received} applications received; ${T1_RECEIVED_CODE} is ${table}`));
    }
  }
  const items = statedFigures.proactiveItems;
  const documentCodes = T1_DOCUMENT_CODES(format);
  if (items !== null && items !== undefined && anyPresent(cells, documentCodes)) {
    let documents = 0;
    for (const code of documentCodes) documents += read(cells, code);
    const ok = items >= documents;
    if (ok && sink.failuresOnly) return;
    const terms = documentCodes.map((code) => ({ name: code, value: read(cells, code) }));
    sink.out.push(frozenResult('T1', ok, 'statedFigures.proactiveItems', documentCodes,
      `the text states ${items} items disclosed proactively; the table lists ${documents} documents (${nonZeroTerms(terms)})` +
        (ok ? '' : `, more than ${items}`)));
  }
}

/**
 * T1: a figure stated in the text contradicts the table. Only true contradictions are flagged:
 * - "共收到政府信息公开申请N件" must equal applications.new_received.total;
 * - "主动公开政府信息N条" counts every item disclosed (documents, news, notices), of which the table's
 *   regulations and normative documents published this year (F2019 new_published, F2021 issued)
 *   are a part: N may be larger (the seed: 241 items, 0 documents) but never smaller.
 */
export function checkT1(subject: CheckSubject): CheckResult[] {
  const sink = full();
  t1Into(subject, sink);
  return sink.out;
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

/** REPORT_CHECKS' rules, in the same order, writing into a sink. */
const REPORT_RULES_INTO: readonly ((subject: CheckSubject, sink: ResultSink) => void)[] = Object.freeze([
  a1Into, a2Into, a3Into, r1Into, n1Into, p1Into, s1Into, d1Into, t1Into,
]);

/** Every within-report rule on one report: one result per rule and place (see the file comment). */
export function checkReport(subject: CheckSubject): CheckResult[] {
  const sink = full();
  for (const into of REPORT_RULES_INTO) into(subject, sink);
  return sink.out;
}

/**
 * Exactly the failed results of checkReport, in its order (`checkReport(s).filter((r) => !r.passed)`),
 * without building the messages of passed ones: what Storage stores and decides on.
 */
export function checkReportFailures(subject: CheckSubject): CheckResult[] {
  const sink: ResultSink = { failuresOnly: true, out: [] };
  for (const into of REPORT_RULES_INTO) into(subject, sink);
  return sink.out;
}
