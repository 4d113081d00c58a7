/**
 * What callers decide on: which ERROR rules failed (DESIGN.md §6: a report failing an ERROR check
 * stays a draft unless the named failures are accepted) and a per-rule tally for display.
 */
import type { Severity } from '../catalogue';
import type { CheckResult } from './types';

/** Ids of the rules with at least one failed result of severity error, without repeats, in first-seen order. */
export function failingErrors(results: readonly CheckResult[]): string[] {
  return [...new Set(results.filter((r) => !r.passed && r.severity === 'error').map((r) => r.rule))];
}

export interface RuleTally {
  readonly rule: string;
  readonly severity: Severity;
  readonly passed: number;
  readonly failed: number;
}

export interface CheckSummary {
  /** True when no result failed, whatever its severity. */
  readonly clean: boolean;
  readonly passed: number;
  readonly failed: number;
  /** Rule ids with a failed error result (as failingErrors). */
  readonly errors: readonly string[];
  /** Rule ids with a failed warning result. */
  readonly warnings: readonly string[];
  /** One tally per rule that produced results, in first-seen order. */
  readonly byRule: readonly RuleTally[];
}

export function summarise(results: readonly CheckResult[]): CheckSummary {
  const tallies = new Map<string, { severity: Severity; passed: number; failed: number }>();
  for (const r of results) {
    const t = tallies.get(r.rule) ?? { severity: r.severity, passed: 0, failed: 0 };
    if (r.passed) t.passed += 1;
    else t.failed += 1;
    tallies.set(r.rule, t);
  }
  const failed = results.filter((r) => !r.passed).length;
  return {
    clean: failed === 0,
    passed: results.length - failed,
    failed,
    errors: failingErrors(results),
    warnings: [...new Set(results.filter((r) => !r.passed && r.severity === 'warning').map((r) => r.rule))],
    byRule: [...tallies.entries()].map(([rule, t]) => ({ rule, severity: t.severity, passed: t.passed, failed: t.failed })),
  };
}
