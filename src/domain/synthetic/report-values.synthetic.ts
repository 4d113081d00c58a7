/**
 * Synthetic report figures that satisfy the identities of FORMATS.md "Checks": A1 (row totals),
 * A2 (received + carried over = handled + carried forward), A3 (handled = outcome rows), R1
 * (appeals blocks), N1 (non-negative), P1 (published ≤ total published), and, given last year's
 * figures, X1 (carried over = last carried forward), X2 (F2019 items) and X3 (F2021 in force).
 * Regulations stay 0 (S1: the generated agencies are county-level and below).
 */
import { cellsOf, tableDef, type FormatId } from '../catalogue';
import type { CellValues } from '../report-values';
import type { Rng } from './random';

/** busy ≈ a district department; quiet ≈ a community (nearly all zeros); empty: every figure 0. */
export type ReportProfile = 'busy' | 'quiet' | 'empty';

export interface GenerateReportOptions {
  readonly format: FormatId;
  readonly profile: ReportProfile;
  /** Last year's figures of the same agency (any format): carried figures continue from them. */
  readonly previous?: CellValues;
}

const ZERO_CELLS = new Map<FormatId, Readonly<Record<string, number>>>(
  (['F2019', 'F2021'] as const).map((f) => [f, Object.freeze(Object.fromEntries(cellsOf(f).map((c) => [c.code, 0])))]),
);

/** True for the shared all-zero values zeroReportValues returns (a quick way to skip comparing them). */
export function isZeroTemplate(cells: CellValues): boolean {
  return cells === ZERO_CELLS.get('F2019') || cells === ZERO_CELLS.get('F2021');
}

/** Every cell of the format, written as 0 (what an agency with nothing to report publishes). */
export function zeroReportValues(format: FormatId): CellValues {
  return ZERO_CELLS.get(format)!;
}

const APPLICANTS = ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other_org'] as const;

/** Relative frequency of each outcome row in a busy agency (granted dominates, then not held). */
const OUTCOME_WEIGHTS: Readonly<Record<string, number>> = {
  granted: 40, partially_granted: 8,
  denied_state_secret: 0.2, denied_prohibited_by_law: 0.5, denied_security_stability: 0.3, denied_third_party_rights: 1,
  denied_internal_affairs: 1, denied_process_info: 1.5, denied_enforcement_case_file: 0.5, denied_admin_query: 1,
  unable_not_held: 25, unable_needs_creation: 3, unable_unclear_after_correction: 2,
  not_processed_petition_complaint: 3, not_processed_duplicate: 3, not_processed_publication: 0.5,
  not_processed_excessive_repeated: 0.5, not_processed_confirm_or_reissue: 1,
  other_handling: 4, other_overdue_correction: 2, other_unpaid_fee: 0.3, other_misc: 2,
};

/** Splits `count` over `names` by weight with random jitter; the rounding remainder goes to the first. */
function split(rng: Rng, count: number, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  if (count === 0) return out;
  const weights = names.map((n) => (OUTCOME_WEIGHTS[n] ?? 1) * (0.5 + rng.next()));
  const total = weights.reduce((a, b) => a + b, 0);
  let given = 0;
  names.forEach((name, i) => {
    if (i === 0) return;
    const share = Math.floor((count * weights[i]!) / total);
    out[name] = share;
    given += share;
  });
  out[names[0]!] = count - given;
  return out;
}

function newApplications(rng: Rng, profile: ReportProfile, applicant: (typeof APPLICANTS)[number]): number {
  switch (profile) {
    case 'empty':
      return 0;
    case 'quiet':
      // A community: almost never an application, and then from a resident.
      return applicant === 'natural_person' && rng.chance(0.08) ? rng.int(1, 2) : 0;
    case 'busy':
      switch (applicant) {
        case 'natural_person': return rng.int(10, 180);
        case 'commercial': return rng.int(0, 25);
        case 'legal_service': return rng.int(0, 6);
        default: return rng.chance(0.3) ? rng.int(1, 4) : 0;
      }
    default: {
      const unreachable: never = profile;
      throw new Error(`unknown profile ${String(unreachable)}`);
    }
  }
}

function fillApplications(rng: Rng, format: FormatId, profile: ReportProfile, cells: Record<string, number>, previous: CellValues | undefined): void {
  const rows = tableDef(format, 'applications').rows.map((r) => r.code);
  const outcomes = rows.slice(rows.indexOf('granted'), rows.indexOf('total_handled'));
  for (const applicant of APPLICANTS) {
    const cell = (row: string) => `applications.${row}.${applicant}`;
    // X1: this year's carry-over is last year's carry-forward.
    const carriedOver = previous ? previous[`applications.carried_forward.${applicant}`] ?? 0 : profile === 'busy' && rng.chance(0.5) ? rng.int(0, 5) : 0;
    const received = newApplications(rng, profile, applicant);
    const open = carriedOver + received;
    const carriedForward = profile === 'busy' && open > 0 ? Math.min(open, rng.int(0, Math.ceil(open * 0.08))) : 0;
    const handled = open - carriedForward; // A2
    cells[cell('new_received')] = received;
    cells[cell('carried_over')] = carriedOver;
    cells[cell('carried_forward')] = carriedForward;
    cells[cell('total_handled')] = handled;
    const shares = split(rng, handled, outcomes); // A3
    for (const outcome of outcomes) cells[cell(outcome)] = shares[outcome]!;
  }
  // A1: every row's total is the sum of its applicant columns.
  for (const row of rows) {
    cells[`applications.${row}.total`] = APPLICANTS.reduce((sum, a) => sum + cells[`applications.${row}.${a}`]!, 0);
  }
}

function fillAppeals(rng: Rng, profile: ReportProfile, cells: Record<string, number>): void {
  for (const block of ['review', 'litigation_direct', 'litigation_after_review']) {
    const parts = ['upheld', 'corrected', 'other', 'pending'].map((p) => {
      const value = profile === 'busy' && rng.chance(0.5) ? rng.int(0, block === 'review' ? 6 : 3) : 0;
      cells[`appeals.${block}.${p}`] = value;
      return value;
    });
    cells[`appeals.${block}.total`] = parts.reduce((a, b) => a + b, 0); // R1
  }
}

/** Amounts in 分, realistic: whole yuan with occasional jiao. */
function yuanToFen(rng: Rng, minYuan: number, maxYuan: number): number {
  return rng.int(minYuan, maxYuan) * 100 + (rng.chance(0.2) ? rng.int(1, 9) * 10 : 0);
}

function fillProactiveF2019(rng: Rng, profile: ReportProfile, cells: Record<string, number>, previous: CellValues | undefined): void {
  const busy = profile === 'busy';
  const previousIsF2019 = previous !== undefined && 'proactive.admin_licensing.prev_year_items' in previous;
  // 规章: none below the city (S1).
  for (const column of ['new_made', 'new_published', 'total_published']) cells[`proactive.regulations.${column}`] = 0;
  const made = busy ? rng.int(0, 12) : 0;
  const published = busy ? rng.int(0, made) : 0;
  const before = previousIsF2019 ? previous['proactive.normative_documents.total_published'] ?? 0 : busy ? rng.int(10, 120) : 0;
  cells['proactive.normative_documents.new_made'] = made;
  cells['proactive.normative_documents.new_published'] = published;
  cells['proactive.normative_documents.total_published'] = before + published; // P1
  const ranges: Readonly<Record<string, readonly [number, number]>> = {
    admin_licensing: [50, 2000], other_external_services: [0, 300], admin_penalty: [0, 600], admin_coercion: [0, 40], admin_fees: [0, 0],
  };
  for (const row of ['admin_licensing', 'other_external_services', 'admin_penalty', 'admin_coercion', 'admin_fees']) {
    // X2: this year's previous-year items = last year's items + last year's change.
    const items = previousIsF2019
      ? (previous[`proactive.${row}.prev_year_items`] ?? 0) + (previous[`proactive.${row}.change`] ?? 0)
      : busy && rng.chance(0.7) ? rng.int(1, 60) : 0;
    cells[`proactive.${row}.prev_year_items`] = items;
    cells[`proactive.${row}.change`] = busy && rng.chance(0.4) ? rng.int(-Math.min(items, 3), 4) : 0;
    if (row !== 'admin_fees') {
      const [min, max] = ranges[row]!;
      cells[`proactive.${row}.decisions`] = busy && items > 0 ? rng.int(min, max) : 0;
    }
  }
  const procurementItems = busy ? rng.int(2, 40) : profile === 'quiet' && rng.chance(0.05) ? rng.int(1, 3) : 0;
  cells['proactive.gov_central_procurement.items'] = procurementItems;
  // 10,000 to 2,000,000 yuan per item.
  let amount = 0;
  for (let i = 0; i < procurementItems; i++) amount += yuanToFen(rng, 10_000, 2_000_000);
  cells['proactive.gov_central_procurement.amount'] = amount;
}

function fillProactiveF2021(rng: Rng, profile: ReportProfile, cells: Record<string, number>, previous: CellValues | undefined): void {
  const busy = profile === 'busy';
  const previousIsF2021 = previous !== undefined && 'proactive.normative_documents.in_force' in previous;
  for (const column of ['issued', 'repealed', 'in_force']) cells[`proactive.regulations.${column}`] = 0;
  const before = previousIsF2021
    ? previous['proactive.normative_documents.in_force'] ?? 0
    : previous !== undefined ? previous['proactive.normative_documents.total_published'] ?? 0 : busy ? rng.int(10, 120) : 0;
  const issued = busy ? rng.int(0, 10) : 0;
  const repealed = busy ? rng.int(0, Math.min(before, 4)) : 0;
  cells['proactive.normative_documents.issued'] = issued;
  cells['proactive.normative_documents.repealed'] = repealed;
  cells['proactive.normative_documents.in_force'] = before + issued - repealed; // X3
  cells['proactive.admin_licensing.decisions'] = busy ? rng.int(50, 2000) : 0;
  cells['proactive.admin_penalty.decisions'] = busy ? rng.int(0, 600) : 0;
  cells['proactive.admin_coercion.decisions'] = busy && rng.chance(0.5) ? rng.int(0, 40) : 0;
  cells['proactive.admin_fees.amount'] = busy && rng.chance(0.4) ? yuanToFen(rng, 1_000, 500_000) : 0;
}

/**
 * A community with nothing carried from last year: usually nothing at all; now and then one or two
 * applications from residents, all handled within the year, or (F2019) a procurement item or two.
 * Built sparsely because most reports of a province are these (DESIGN.md §7).
 */
function quietValues(rng: Rng, format: FormatId): CellValues {
  const applications = rng.chance(0.08) ? rng.int(1, 2) : 0;
  const procurement = format === 'F2019' && rng.chance(0.05) ? rng.int(1, 3) : 0;
  if (applications === 0 && procurement === 0) return ZERO_CELLS.get(format)!;
  const cells: Record<string, number> = { ...ZERO_CELLS.get(format)! };
  if (applications > 0) {
    const outcome = rng.chance(0.7) ? 'granted' : rng.pick(['partially_granted', 'unable_not_held', 'not_processed_petition_complaint']);
    for (const row of ['new_received', 'total_handled', outcome]) {
      cells[`applications.${row}.natural_person`] = applications; // A2, A3
      cells[`applications.${row}.total`] = applications; // A1
    }
  }
  if (procurement > 0) {
    cells['proactive.gov_central_procurement.items'] = procurement;
    let amount = 0;
    for (let i = 0; i < procurement; i++) amount += yuanToFen(rng, 5_000, 200_000);
    cells['proactive.gov_central_procurement.amount'] = amount;
  }
  return cells;
}

/** Last year's cells that this year's figures continue from (X1, X2, X3, and P1's running total). */
const CARRIED_CODES: readonly string[] = [
  ...APPLICANTS.map((a) => `applications.carried_forward.${a}`),
  ...['admin_licensing', 'other_external_services', 'admin_penalty', 'admin_coercion', 'admin_fees'].flatMap((row) => [
    `proactive.${row}.prev_year_items`, `proactive.${row}.change`,
  ]),
  'proactive.normative_documents.total_published',
  'proactive.normative_documents.in_force',
];

/**
 * One report's figures, every cell of the format present: integers, amounts in 分, no blanks.
 * Deterministic in the draws of `rng`.
 */
export function generateReportValues(rng: Rng, options: GenerateReportOptions): CellValues {
  const { format, profile, previous } = options;
  const nothingCarried = previous === undefined || CARRIED_CODES.every((code) => !previous[code]);
  if (profile === 'empty' && nothingCarried) return zeroReportValues(format);
  if (profile === 'quiet' && nothingCarried) return quietValues(rng, format);
  const cells: Record<string, number> = { ...ZERO_CELLS.get(format)! };
  fillApplications(rng, format, profile, cells, previous);
  fillAppeals(rng, profile, cells);
  if (format === 'F2019') fillProactiveF2019(rng, profile, cells, previous);
  else fillProactiveF2021(rng, profile, cells, previous);
  return cells;
}
