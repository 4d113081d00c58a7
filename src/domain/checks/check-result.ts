/**
 * Small shared pieces of the checks: how a result is built (severity always from the catalogue's
 * RULES, never repeated here) and how cells are read.
 */
import { ruleDef, tableDef, type FormatId } from '../catalogue';
import type { CellValues } from '../report-values';
import type { Severity } from '../catalogue';
import type { CheckResult } from './types';

export function resultOf(
  rule: string,
  passed: boolean,
  place: string,
  cells: readonly string[],
  message: string,
): CheckResult {
  return frozenResult(rule, passed, place, Object.freeze([...cells]), message);
}

const SEVERITIES = new Map<string, Severity>();

/** The catalogue severity of a rule, looked up once per rule (the checks run on every report of a bulk load). */
export function severityOf(rule: string): Severity {
  let severity = SEVERITIES.get(rule);
  if (severity === undefined) SEVERITIES.set(rule, (severity = ruleDef(rule).severity));
  return severity;
}

/** As resultOf, for cells already frozen (the precomputed, shared lists of the check plans). */
export function frozenResult(rule: string, passed: boolean, place: string, cells: readonly string[], message: string): CheckResult {
  return Object.freeze({ rule, severity: severityOf(rule), passed, cells, message, place });
}

/**
 * Where a check puts its results. With `failuresOnly`, passed results are skipped before their
 * message is built: what Storage keeps (failures, failing rules) is the same, at a fraction of the cost.
 */
export interface ResultSink {
  readonly failuresOnly: boolean;
  readonly out: CheckResult[];
}

/** Per-format values computed once (codes of the places each rule reads), keyed by format. */
export function perFormat<T>(build: (format: FormatId) => T): (format: FormatId) => T {
  const cache = new Map<FormatId, T>();
  return (format) => {
    let value = cache.get(format);
    if (value === undefined) cache.set(format, (value = build(format)));
    return value;
  };
}

/** True when the document contained the cell (a blank cell is present, with value null). */
export function isPresent(cells: CellValues, code: string): boolean {
  return Object.prototype.hasOwnProperty.call(cells, code);
}

/**
 * A place is evaluated only when the document contained at least one of its cells: a table the
 * document lacks (truncated, partial) is absent, not a row of zeros (FORMATS.md "Blank cells").
 */
export function anyPresent(cells: CellValues, codes: readonly string[]): boolean {
  return codes.some((code) => isPresent(cells, code));
}

/** Blank and absent read as 0 in identities (FORMATS.md "Checks and rollups read null as 0"). */
export function read(cells: CellValues, code: string): number {
  return cells[code] ?? 0;
}

/** "2+1+0" */
export function joinPlus(values: readonly number[]): string {
  return values.map(String).join('+');
}

/** "granted 2 + partially_granted 1", naming only the non-zero terms (or "all 0"). */
export function nonZeroTerms(terms: readonly { readonly name: string; readonly value: number }[]): string {
  const nonZero = terms.filter((t) => t.value !== 0);
  return nonZero.length === 0 ? 'all 0' : nonZero.map((t) => `${t.name} ${t.value}`).join(' + ');
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Column codes of the applications table (six applicant columns then total), per format. */
export const applicationColumns: (format: FormatId) => readonly { readonly code: string; readonly zh: string }[] = perFormat((format) =>
  Object.freeze(tableDef(format, 'applications').columns.map((c) => Object.freeze({ code: c.code, zh: c.label.zh }))));

/** Codes of the rows between granted and the last other_* row (rule A3's outcome rows). */
export const outcomeRows: (format: FormatId) => readonly string[] = perFormat((format) => {
  const rows = tableDef(format, 'applications').rows.map((r) => r.code);
  return Object.freeze(rows.slice(rows.indexOf('granted'), rows.indexOf('total_handled')));
});
