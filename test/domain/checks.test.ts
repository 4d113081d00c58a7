import {
  cellsOf, checkAcrossYears, checkReport, failingErrors, publicationDeadline, summarise,
  type CellValues, type CheckResult, type CheckSubject, type FormatId,
} from '../../src/domain';

/** Every cell of a format set to 0, then the given overrides. */
function zeroCells(format: FormatId, overrides: Record<string, number | null> = {}): CellValues {
  const cells: Record<string, number | null> = {};
  for (const c of cellsOf(format)) cells[c.code] = 0;
  return { ...cells, ...overrides };
}

/** The seed report, 2019年度咸丰路街道办事处 (shared/seed/000_619ff23674f91ae2.txt), as the importer reads it. */
const SEED: CheckSubject = {
  format: 'F2019',
  year: 2019,
  agencyKind: 'SUBDISTRICT',
  publishedOn: '2020-01-13',
  cells: zeroCells('F2019', {
    'proactive.gov_central_procurement.items': 19,
    'proactive.gov_central_procurement.amount': 42_210_000,
  }),
  statedFigures: { proactiveItems: 241, applicationsReceived: 0 },
};

function makeReport(overrides: Partial<CheckSubject> & { readonly set?: Record<string, number | null> } = {}): CheckSubject {
  const { set = {}, ...rest } = overrides;
  const format = rest.format ?? SEED.format;
  return { ...SEED, cells: zeroCells(format, set), ...rest, ...(rest.cells ? {} : { cells: zeroCells(format, set) }) };
}

const failures = (results: readonly CheckResult[]) =>
  results.filter((r) => !r.passed).map((r) => ({ rule: r.rule, severity: r.severity, place: r.place, message: r.message }));

describe('checkReport', () => {
  it('passes the seed report on every rule', () => {
    const results = checkReport(SEED);
    expect(failures(results)).toEqual([]);
    expect(summarise(results).byRule.map((t) => t.rule)).toEqual(['A1', 'A2', 'A3', 'R1', 'N1', 'P1', 'S1', 'D1', 'T1']);
  });

  it('gives one result per applications row for A1, per column for A2 and A3, per appeals block for R1', () => {
    const tally = Object.fromEntries(summarise(checkReport(SEED)).byRule.map((t) => [t.rule, t.passed + t.failed]));
    expect(tally).toEqual({ A1: 23, A2: 7, A3: 7, R1: 3, N1: 1, P1: 2, S1: 1, D1: 1, T1: 2 });
  });

  it('A1: flags a row whose total is not the sum of its applicant columns, with the numbers', () => {
    const report = makeReport({
      set: {
        'applications.granted.natural_person': 2, 'applications.granted.commercial': 1, 'applications.granted.total': 5,
      },
    });
    expect(failures(checkReport(report)).filter((f) => f.rule === 'A1')).toEqual([
      { rule: 'A1', severity: 'error', place: 'applications.granted', message: 'applications.granted: 总计 total 5 ≠ 2+1+0+0+0+0 = 3' },
    ]);
  });

  it('A1: flags a blank total next to non-zero applicant cells instead of filling it in', () => {
    const report = makeReport({ set: { 'applications.granted.natural_person': 2, 'applications.granted.total': null } });
    expect(failures(checkReport(report)).filter((f) => f.rule === 'A1')).toEqual([
      { rule: 'A1', severity: 'error', place: 'applications.granted', message: 'applications.granted: 总计 total is blank but the applicants add up to 2+0+0+0+0+0 = 2' },
    ]);
  });

  it('A1: accepts a blank total when every applicant cell is zero or blank', () => {
    const report = makeReport({ set: { 'applications.granted.total': null, 'applications.granted.natural_person': null } });
    expect(failures(checkReport(report))).toEqual([]);
  });

  it('A2: flags a column where received + carried over ≠ handled + carried forward', () => {
    const report = makeReport({
      statedFigures: {},
      set: {
        'applications.new_received.natural_person': 5, 'applications.new_received.total': 5,
        'applications.granted.natural_person': 4, 'applications.granted.total': 4,
        'applications.total_handled.natural_person': 4, 'applications.total_handled.total': 4,
      },
    });
    expect(failures(checkReport(report))).toEqual([
      {
        rule: 'A2', severity: 'error', place: 'applications.*.natural_person',
        message: 'applications.*.natural_person (自然人): new_received 5 + carried_over 0 = 5 ≠ total_handled 4 + carried_forward 0 = 4',
      },
      {
        rule: 'A2', severity: 'error', place: 'applications.*.total',
        message: 'applications.*.total (总计): new_received 5 + carried_over 0 = 5 ≠ total_handled 4 + carried_forward 0 = 4',
      },
    ]);
  });

  it('A3: flags a column whose total handled is not the sum of the outcome rows (F2021 counts the three other_* rows)', () => {
    const report = makeReport({
      format: 'F2021', year: 2021, publishedOn: '2022-01-20', statedFigures: {},
      set: {
        'applications.new_received.research': 3, 'applications.new_received.total': 3,
        'applications.granted.research': 1, 'applications.granted.total': 1,
        'applications.other_misc.research': 1, 'applications.other_misc.total': 1,
        'applications.total_handled.research': 3, 'applications.total_handled.total': 3,
      },
    });
    const a3 = failures(checkReport(report));
    expect(a3).toEqual([
      {
        rule: 'A3', severity: 'error', place: 'applications.*.research',
        message: 'applications.*.research (法人或其他组织 / 科研机构): total_handled 3 ≠ sum of the 21 outcome rows = 2 (granted 1 + other_misc 1)',
      },
      {
        rule: 'A3', severity: 'error', place: 'applications.*.total',
        message: 'applications.*.total (总计): total_handled 3 ≠ sum of the 21 outcome rows = 2 (granted 1 + other_misc 1)',
      },
    ]);
  });

  it('R1: flags an appeals block whose total is not the sum of its outcomes', () => {
    const report = makeReport({ set: { 'appeals.review.upheld': 1, 'appeals.review.corrected': 1, 'appeals.review.total': 3 } });
    expect(failures(checkReport(report))).toEqual([
      { rule: 'R1', severity: 'error', place: 'appeals.review', message: 'appeals.review: total 3 ≠ upheld 1 + corrected 1 + other 0 + pending 0 = 2' },
    ]);
  });

  it('N1: flags a negative count and a negative amount but lets change be negative', () => {
    const report = makeReport({
      set: {
        'proactive.admin_licensing.decisions': -1,
        'proactive.admin_licensing.change': -4,
        'proactive.gov_central_procurement.amount': -1_500_000,
      },
    });
    expect(failures(checkReport(report))).toEqual([
      { rule: 'N1', severity: 'error', place: 'proactive.admin_licensing.decisions', message: 'proactive.admin_licensing.decisions: -1 is not a non-negative whole number' },
      { rule: 'N1', severity: 'error', place: 'proactive.gov_central_procurement.amount', message: 'proactive.gov_central_procurement.amount: amount -1.5 万元 is negative' },
    ]);
  });

  it('P1: flags more documents published this year than published in all (F2019 only)', () => {
    const report = makeReport({
      agencyKind: 'CITY', publishedOn: '2020-03-01',
      set: { 'proactive.normative_documents.new_published': 7, 'proactive.normative_documents.total_published': 3 },
    });
    expect(failures(checkReport(report))).toEqual([
      { rule: 'P1', severity: 'warning', place: 'proactive.normative_documents', message: 'proactive.normative_documents: new_published 7 > total_published 3' },
    ]);
  });

  it('S1: flags regulations made by a sub-district, and by a department of a district, but not by a city', () => {
    const set = { 'proactive.regulations.new_made': 2, 'proactive.regulations.new_published': 2, 'proactive.regulations.total_published': 2 };
    expect(failures(checkReport(makeReport({ set })))).toEqual([
      {
        rule: 'S1', severity: 'warning', place: 'proactive.regulations',
        message: 'proactive.regulations: new_made 2 + new_published 2 + total_published 2 for a SUBDISTRICT; only provincial and 设区的市 governments make 规章',
      },
    ]);
    expect(failures(checkReport(makeReport({ set, agencyKind: 'DEPARTMENT', governmentKind: 'DISTRICT' }))).map((f) => f.rule)).toEqual(['S1']);
    expect(failures(checkReport(makeReport({ set, agencyKind: 'CITY' })))).toEqual([]);
    expect(failures(checkReport(makeReport({ set, agencyKind: 'DEPARTMENT' })))).toEqual([]);
  });

  it('D1: flags a sub-district report published after 31 January and allows a district government until 31 March', () => {
    expect(failures(checkReport(makeReport({ publishedOn: '2020-02-01' })))).toEqual([
      { rule: 'D1', severity: 'warning', place: 'report', message: 'published 2020-02-01, after the deadline 2020-01-31 of a SUBDISTRICT report for 2019' },
    ]);
    expect(failures(checkReport(makeReport({ publishedOn: '2020-03-31', agencyKind: 'DISTRICT' })))).toEqual([]);
    expect(checkReport(makeReport({ publishedOn: null })).filter((r) => r.rule === 'D1')).toEqual([]);
    expect(publicationDeadline('COMMUNITY', 2023)).toBe('2024-01-31');
    expect(publicationDeadline('PROVINCE', 2023)).toBe('2024-03-31');
  });

  it('T1: flags a stated number of applications that differs from the table', () => {
    const report = makeReport({ statedFigures: { applicationsReceived: 12 } });
    expect(failures(checkReport(report))).toEqual([
      { rule: 'T1', severity: 'warning', place: 'statedFigures.applicationsReceived', message: 'the text states 12 applications received; applications.new_received.total is 0' },
    ]);
  });

  it('T1: flags stated proactive items fewer than the documents the table lists, never more', () => {
    const report = makeReport({
      agencyKind: 'CITY', publishedOn: '2020-03-01', statedFigures: { proactiveItems: 5 },
      set: {
        'proactive.normative_documents.new_published': 8, 'proactive.normative_documents.total_published': 8,
      },
    });
    expect(failures(checkReport(report))).toEqual([
      {
        rule: 'T1', severity: 'warning', place: 'statedFigures.proactiveItems',
        message: 'the text states 5 items disclosed proactively; the table lists 8 documents (proactive.normative_documents.new_published 8), more than 5',
      },
    ]);
  });

  it('evaluates nothing for a table the document does not contain', () => {
    const results = checkReport({ ...SEED, cells: { 'proactive.gov_central_procurement.items': 19 }, statedFigures: {} });
    expect(results.map((r) => r.rule)).toEqual(['N1', 'D1']);
  });

  it('takes each severity from the catalogue: identities are errors, the rest warnings', () => {
    const severities = Object.fromEntries(checkReport(SEED).map((r) => [r.rule, r.severity]));
    expect(severities).toEqual({
      A1: 'error', A2: 'error', A3: 'error', R1: 'error', N1: 'error', P1: 'warning', S1: 'warning', D1: 'warning', T1: 'warning',
    });
  });
});

describe('checkAcrossYears', () => {
  const withCarry = (format: FormatId, year: number, set: Record<string, number>): CheckSubject =>
    makeReport({ format, year, publishedOn: `${year + 1}-01-20`, statedFigures: {}, set });

  it('returns nothing without a report of the year before', () => {
    expect(checkAcrossYears(SEED, null)).toEqual([]);
    expect(checkAcrossYears({ ...SEED, year: 2021 }, SEED)).toEqual([]);
  });

  it('passes the seed followed by an empty 2020 report', () => {
    const next = makeReport({ year: 2020 });
    expect(failures(checkAcrossYears(next, SEED))).toEqual([]);
  });

  it('X1: flags a carry-over that is not last year’s carry-forward, across the format change', () => {
    const y2020 = withCarry('F2019', 2020, {
      'applications.new_received.natural_person': 2, 'applications.new_received.total': 2,
      'applications.carried_forward.natural_person': 2, 'applications.carried_forward.total': 2,
    });
    const y2021 = withCarry('F2021', 2021, {
      'applications.carried_over.natural_person': 2, 'applications.carried_over.total': 1,
    });
    expect(failures(checkAcrossYears(y2021, y2020))).toEqual([
      { rule: 'X1', severity: 'warning', place: 'applications.*.total', message: 'applications.carried_over.total 1 in 2021 ≠ applications.carried_forward.total 2 in 2020' },
    ]);
  });

  it('X2: flags previous-year items that are not last year’s items plus last year’s change (F2019)', () => {
    const y2019 = withCarry('F2019', 2019, { 'proactive.admin_penalty.prev_year_items': 10, 'proactive.admin_penalty.change': -3 });
    const y2020 = withCarry('F2019', 2020, { 'proactive.admin_penalty.prev_year_items': 9 });
    expect(failures(checkAcrossYears(y2020, y2019))).toEqual([
      { rule: 'X2', severity: 'warning', place: 'proactive.admin_penalty', message: 'proactive.admin_penalty.prev_year_items 9 in 2020 ≠ 10 + (-3) = 7 in 2019' },
    ]);
  });

  it('X3: flags documents in force that do not follow from last year plus issued minus repealed (F2021)', () => {
    const y2021 = withCarry('F2021', 2021, { 'proactive.normative_documents.in_force': 20 });
    const y2022 = withCarry('F2021', 2022, {
      'proactive.normative_documents.issued': 4, 'proactive.normative_documents.repealed': 1, 'proactive.normative_documents.in_force': 25,
    });
    expect(failures(checkAcrossYears(y2022, y2021))).toEqual([
      { rule: 'X3', severity: 'warning', place: 'proactive.normative_documents', message: 'proactive.normative_documents.in_force 25 ≠ 20 in 2021 + issued 4 − repealed 1 = 23' },
    ]);
  });

  it('X4: flags a report identical to last year’s with non-zero figures, not one of all zeros', () => {
    const copied = { ...SEED, year: 2020, publishedOn: '2021-01-10' };
    expect(failures(checkAcrossYears(copied, SEED))).toEqual([
      {
        rule: 'X4', severity: 'warning', place: 'report',
        message: 'all 198 figures of 2020 are identical to 2019, including 2 non-zero (proactive.gov_central_procurement.items 19, proactive.gov_central_procurement.amount 42210000)',
      },
    ]);
    const zeros = makeReport({ set: { 'proactive.gov_central_procurement.items': 0, 'proactive.gov_central_procurement.amount': 0 } });
    expect(failures(checkAcrossYears({ ...zeros, year: 2020 }, zeros))).toEqual([]);
  });
});

describe('failingErrors and summarise', () => {
  it('names the error rules that failed, once each, and counts the rest', () => {
    const report = makeReport({
      publishedOn: '2020-05-01',
      set: { 'appeals.review.total': 1, 'appeals.litigation_direct.total': 2, 'applications.granted.total': 1 },
    });
    const results = checkReport(report);
    expect(failingErrors(results)).toEqual(['A1', 'A3', 'R1']);
    const summary = summarise(results);
    expect({ ...summary, byRule: undefined }).toEqual({
      clean: false, passed: results.length - 5, failed: 5, errors: ['A1', 'A3', 'R1'], warnings: ['D1'], byRule: undefined,
    });
  });
});
