import fc from 'fast-check';
import {
  aggregateYears, cellsOf, cellTotalsOf, computeRate, computeRateOverYears, mergeRollups, rateCells, rateDef, RATES, sumReports, findCell,
  type FormatId, type RollupInput, type YearSums,
} from '../../src/domain';

const report = (format: FormatId, cells: Record<string, number | null>): RollupInput => ({ format, cells });

describe('sumReports', () => {
  it('adds cells over reports, reads blank as 0, and counts who had each cell', () => {
    const rollup = sumReports([
      report('F2019', { 'applications.granted.total': 3, 'proactive.gov_central_procurement.amount': 42_210_000 }),
      report('F2021', { 'applications.granted.total': null, 'proactive.admin_fees.amount': 5_000_000 }),
      report('F2021', { 'applications.granted.total': 4 }),
    ]);
    expect(rollup).toEqual({
      sums: {
        'applications.granted.total': 7,
        'proactive.gov_central_procurement.amount': 42_210_000,
        'proactive.admin_fees.amount': 5_000_000,
      },
      cellReporters: {
        'applications.granted.total': 3,
        'proactive.gov_central_procurement.amount': 1,
        'proactive.admin_fees.amount': 1,
      },
      reportersByFormat: { F2019: 1, F2021: 2 },
    });
  });

  it('gives the rollup of a union as the sum of the rollups of its parts', () => {
    const cellValue = fc.oneof(fc.constant(null), fc.nat({ max: 1000 }), fc.integer({ min: -5, max: 5 }));
    const anyReport = fc.constantFrom<FormatId>('F2019', 'F2021').chain((format) =>
      fc.dictionary(fc.constantFrom(...cellsOf(format).map((c) => c.code)), cellValue, { maxKeys: 25 })
        .map((cells) => report(format, cells)));
    fc.assert(fc.property(fc.array(anyReport, { maxLength: 12 }), fc.nat(), (reports, cut) => {
      const at = reports.length === 0 ? 0 : cut % (reports.length + 1);
      const whole = sumReports(reports);
      const parts = mergeRollups(sumReports(reports.slice(0, at)), sumReports(reports.slice(at)));
      expect(parts).toEqual(whole);
    }), { numRuns: 300 });
  });
});

describe('aggregateYears', () => {
  const years: readonly YearSums[] = [
    { year: 2020, format: 'F2019' as const, sums: { 'applications.new_received.total': 10, 'applications.carried_over.total': 2, 'applications.carried_forward.total': 3, 'applications.other_handling.total': 1 } },
    { year: 2021, format: 'F2021' as const, sums: { 'applications.new_received.total': 20, 'applications.carried_over.total': 3, 'applications.carried_forward.total': 5, 'applications.other_misc.total': 2, 'applications.other_unpaid_fee.total': 1 } },
    { year: 2022, format: 'F2021' as const, sums: { 'applications.new_received.total': 30, 'applications.carried_over.total': 5, 'applications.carried_forward.total': 1 } },
  ];

  it('adds flows, takes the first year of an opening stock and the last year of a closing stock', () => {
    expect(aggregateYears(years, 'applications.new_received.total')).toBe(60);
    expect(aggregateYears(years, 'applications.carried_over.total')).toBe(2);
    expect(aggregateYears([...years].reverse(), 'applications.carried_forward.total')).toBe(1);
  });

  it('derives F2019 other_handling from the F2021 other_* rows across the format change', () => {
    expect(aggregateYears(years, 'applications.other_handling.total')).toBe(1 + 3);
    expect(aggregateYears(years.map(({ year, sums }) => ({ year, sums })), 'applications.other_handling.total')).toBe(4);
  });

  it('is null when no year has the measure, and never treats a format’s missing cell as 0', () => {
    expect(aggregateYears(years, 'proactive.gov_central_procurement.amount')).toBeNull();
    expect(aggregateYears([], 'applications.new_received.total')).toBeNull();
    expect(aggregateYears([{ year: 2021, format: 'F2021', sums: {} }, { year: 2020, format: 'F2019', sums: { 'proactive.gov_central_procurement.amount': 5 } }],
      'proactive.gov_central_procurement.amount')).toBe(5);
  });

  it('keeps the A2 identity over a range of years when the carried figures chain', () => {
    const measure = (row: string) => aggregateYears(years, `applications.${row}.total`)!;
    // 2 + (10 + 20 + 30) = handled over the years + 1; handled per year = received + over − forward.
    const handled = [10 + 2 - 3, 20 + 3 - 5, 30 + 5 - 1].reduce((a, b) => a + b, 0);
    expect(measure('new_received') + measure('carried_over')).toBe(handled + measure('carried_forward'));
  });
});

describe('rates', () => {
  it('reads only cells the catalogue knows in both formats', () => {
    for (const rate of RATES) for (const code of rateCells(rate)) {
      expect(findCell('F2019', code)).toBeDefined();
      expect(findCell('F2021', code)).toBeDefined();
    }
    expect(RATES.map((r) => r.id)).toEqual(['granted_share', 'denied_share', 'unable_share', 'review_correction_rate', 'litigation_loss_rate']);
  });

  it('divides rolled-up parts, flags small denominators and is null without a denominator', () => {
    const plain = (sums: Record<string, number>) => cellTotalsOf({ sums, cellReporters: {} });
    const sums = {
      'applications.granted.total': 30, 'applications.partially_granted.total': 10, 'applications.total_handled.total': 80,
      'applications.denied_process_info.total': 6, 'applications.denied_third_party_rights.total': 2,
      'appeals.review.corrected': 1, 'appeals.review.total': 5, 'appeals.review.pending': 1,
    };
    expect(computeRate(rateDef('granted_share'), plain(sums))).toEqual({ value: 0.5, numerator: 40, denominator: 80, smallDenominator: false });
    expect(computeRate(rateDef('denied_share'), plain(sums))).toEqual({ value: 0.1, numerator: 8, denominator: 80, smallDenominator: false });
    expect(computeRate(rateDef('review_correction_rate'), plain(sums))).toEqual({ value: 0.25, numerator: 1, denominator: 4, smallDenominator: true });
    expect(computeRate(rateDef('litigation_loss_rate'), plain(sums))).toEqual({ value: null, numerator: 0, denominator: 0, smallDenominator: true });
  });

  it('computes a rollup’s rate from its summed parts, not as the average of its members’ rates', () => {
    const big = { 'applications.granted.total': 90, 'applications.total_handled.total': 100 };
    const small = { 'applications.granted.total': 0, 'applications.total_handled.total': 2 };
    const rollup = sumReports([report('F2021', big), report('F2021', small)]);
    expect(computeRate(rateDef('granted_share'), cellTotalsOf(rollup)).value).toBeCloseTo(90 / 102, 12);
  });

  it('over years, aggregates numerator and denominator first', () => {
    const perYear = [
      { year: 2021, sums: { 'applications.granted.total': 1, 'applications.total_handled.total': 1 } },
      { year: 2022, sums: { 'applications.granted.total': 0, 'applications.total_handled.total': 9 } },
    ];
    expect(computeRateOverYears(rateDef('granted_share'), perYear)).toEqual({ value: 0.1, numerator: 1, denominator: 10, smallDenominator: false });
  });
});
