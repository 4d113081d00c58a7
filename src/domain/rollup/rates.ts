/**
 * Rates as data (DESIGN.md §2: "Rates are computed from rolled-up parts, never averaged"). Each rate
 * is a numerator and a denominator over cell codes of the `total` column or the appeals blocks;
 * computeRate reads them from any figures (one report, a rollup; computeRateOverYears: a range of years).
 */
import type { Label } from '../catalogue';
import { aggregateYears, type YearSums } from './rollup';
import type { CellTotals } from './series';

/** A linear combination of cells: the sum of `plus` minus the sum of `minus`. */
export interface CellExpression {
  readonly plus: readonly string[];
  readonly minus: readonly string[];
}

export interface RateDef {
  readonly id: string;
  readonly label: Label;
  readonly numerator: readonly string[];
  /** Cell codes to add, or an expression (decided appeals = total − pending). */
  readonly denominator: readonly string[] | CellExpression;
}

export interface RateValue {
  /** numerator / denominator, or null when the denominator is 0 (nothing to divide by). */
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
  /** Fewer than 10 cases: the rate says little (dashboards should show it greyed out). */
  readonly smallDenominator: boolean;
}

export const SMALL_DENOMINATOR = 10;

const total = (row: string) => `applications.${row}.total`;
const HANDLED = [total('total_handled')];
const DENIED_ROWS = [
  'denied_state_secret', 'denied_prohibited_by_law', 'denied_security_stability', 'denied_third_party_rights',
  'denied_internal_affairs', 'denied_process_info', 'denied_enforcement_case_file', 'denied_admin_query',
];
const UNABLE_ROWS = ['unable_not_held', 'unable_needs_creation', 'unable_unclear_after_correction'];

export const RATES: readonly RateDef[] = Object.freeze([
  {
    id: 'granted_share',
    label: { zh: '予以公开（含部分公开）占比', en: 'share granted (fully or partly)' },
    numerator: [total('granted'), total('partially_granted')],
    denominator: HANDLED,
  },
  {
    id: 'denied_share',
    label: { zh: '不予公开占比', en: 'share denied' },
    numerator: DENIED_ROWS.map(total),
    denominator: HANDLED,
  },
  {
    id: 'unable_share',
    label: { zh: '无法提供占比', en: 'share unable to provide' },
    numerator: UNABLE_ROWS.map(total),
    denominator: HANDLED,
  },
  {
    id: 'review_correction_rate',
    label: { zh: '行政复议纠错率', en: 'administrative review correction rate' },
    numerator: ['appeals.review.corrected'],
    denominator: { plus: ['appeals.review.total'], minus: ['appeals.review.pending'] },
  },
  {
    id: 'litigation_loss_rate',
    label: { zh: '行政诉讼败诉率', en: 'lawsuit loss rate' },
    numerator: ['appeals.litigation_direct.corrected', 'appeals.litigation_after_review.corrected'],
    denominator: {
      plus: ['appeals.litigation_direct.total', 'appeals.litigation_after_review.total'],
      minus: ['appeals.litigation_direct.pending', 'appeals.litigation_after_review.pending'],
    },
  },
]);

export function rateDef(id: string): RateDef {
  const found = RATES.find((r) => r.id === id);
  if (!found) throw new Error(`unknown rate "${id}": expected one of ${RATES.map((r) => r.id).join(', ')}`);
  return found;
}

export function asExpression(codes: readonly string[] | CellExpression): CellExpression {
  return 'plus' in codes ? codes : { plus: codes, minus: [] };
}

/** Every cell a rate reads. */
export function rateCells(rate: RateDef): readonly string[] {
  const d = asExpression(rate.denominator);
  return [...new Set([...rate.numerator, ...d.plus, ...d.minus])];
}

function evaluate(codes: readonly string[] | CellExpression, read: (code: string) => number): number {
  // Plain loops, no asExpression object: a dashboard screen evaluates ~200 of these.
  let value = 0;
  if (!('plus' in codes)) {
    for (const code of codes) value += read(code);
    return value;
  }
  for (const code of codes.plus) value += read(code);
  for (const code of codes.minus) value -= read(code);
  return value;
}

function rateFrom(rate: RateDef, read: (code: string) => number): RateValue {
  const numerator = evaluate(rate.numerator, read);
  const denominator = evaluate(rate.denominator, read);
  return {
    value: denominator > 0 ? numerator / denominator : null,
    numerator,
    denominator,
    smallDenominator: denominator < SMALL_DENOMINATOR,
  };
}

/** A rate from a rollup or a sum of reports, read cell by cell (CellTotals; cellTotalsOf for plain sums); a cell nobody had reads as 0. */
export function computeRate(rate: RateDef, totals: CellTotals): RateValue {
  return rateFrom(rate, (code) => totals.sumOf(code) ?? 0);
}

/** A rate over a range of years: each part aggregated over the years first (aggregateYears), then divided. */
export function computeRateOverYears(rate: RateDef, perYear: readonly YearSums[]): RateValue {
  return rateFrom(rate, (code) => aggregateYears(perYear, code) ?? 0);
}
