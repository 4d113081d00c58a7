import {
  checkAcrossYears, checkReport, generateDistrict, generateProvince, generateReportValues, mulberry32, provinceShape,
  subjectOf, validateLinks, zeroReportValues, type CellValues, type CheckResult, type FormatId, type ReportProfile,
  type SyntheticAgency, type SyntheticReport,
} from '../../src/domain';

const IDENTITIES = ['A1', 'A2', 'A3', 'R1', 'N1'];

const failedRules = (results: readonly CheckResult[]) => [...new Set(results.filter((r) => !r.passed).map((r) => r.rule))].sort();

function subjectFor(format: FormatId, year: number, cells: CellValues) {
  return { format, year, agencyKind: 'DEPARTMENT' as const, publishedOn: null, cells, statedFigures: {} };
}

describe('mulberry32', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => { const rng = mulberry32(seed); return Array.from({ length: 5 }, () => rng.int(0, 1000)); };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });
});

describe('generateReportValues', () => {
  const profiles: readonly ReportProfile[] = ['busy', 'quiet', 'empty'];

  it('makes figures that pass A1, A2, A3, R1 and N1 in both formats and every profile', () => {
    const rng = mulberry32(1);
    for (const format of ['F2019', 'F2021'] as const) for (const profile of profiles) for (let i = 0; i < 40; i++) {
      const cells = generateReportValues(rng, { format, profile });
      expect(Object.keys(cells).sort()).toEqual(Object.keys(zeroReportValues(format)).sort());
      const failed = failedRules(checkReport(subjectFor(format, 2021, cells))).filter((r) => IDENTITIES.includes(r));
      expect(failed).toEqual([]);
    }
  });

  it('continues from last year: X1, X2 within F2019, X3 within F2021 and across the format change', () => {
    const rng = mulberry32(2);
    for (let run = 0; run < 20; run++) {
      let previous: CellValues | undefined;
      for (let year = 2019; year <= 2025; year++) {
        const format: FormatId = year <= 2020 ? 'F2019' : 'F2021';
        const cells = generateReportValues(rng, { format, profile: 'busy', ...(previous ? { previous } : {}) });
        if (previous) {
          const results = checkAcrossYears(subjectFor(format, year, cells), subjectFor(year <= 2021 ? 'F2019' : 'F2021', year - 1, previous));
          expect(failedRules(results)).toEqual([]);
        }
        previous = cells;
      }
    }
  });

  it('keeps a quiet agency nearly all zeros, and procurement only in F2019', () => {
    const rng = mulberry32(3);
    const nonZero = (cells: CellValues) => Object.values(cells).filter((v) => v !== 0).length;
    const quiet = Array.from({ length: 200 }, () => nonZero(generateReportValues(rng, { format: 'F2019', profile: 'quiet' })));
    expect(quiet.filter((n) => n === 0).length).toBeGreaterThan(150);
    const busy = generateReportValues(rng, { format: 'F2019', profile: 'busy' });
    expect(busy['proactive.gov_central_procurement.items']).toBeGreaterThan(0);
    expect(busy['proactive.gov_central_procurement.amount']).toBeGreaterThan(0);
    expect('proactive.gov_central_procurement.amount' in generateReportValues(rng, { format: 'F2021', profile: 'busy' })).toBe(false);
  });
});

describe('generateDistrict', () => {
  const district = generateDistrict(mulberry32(20260101));
  const agencyByCode = new Map(district.agencies.map((a) => [a.code, a]));
  const reportOf = new Map(district.reports.map((r) => [`${r.agencyCode}|${r.year}`, r]));

  function failuresOf(report: SyntheticReport): string[] {
    const agency = agencyByCode.get(report.agencyCode)!;
    const previous = reportOf.get(`${report.agencyCode}|${report.year - 1}`);
    return failedRules([
      ...checkReport(subjectOf(report, agency)),
      ...checkAcrossYears(subjectOf(report, agency), previous ? subjectOf(previous, agency) : null),
    ]);
  }

  it('is the same for the same seed', () => {
    expect(generateDistrict(mulberry32(20260101))).toEqual(district);
    expect(generateDistrict(mulberry32(7)).reports).not.toEqual(district.reports);
  });

  it('has a district government, about 8 sub-districts with 8–15 communities each, and about 20 departments', () => {
    const count = (kind: SyntheticAgency['kind']) => district.agencies.filter((a) => a.kind === kind).length;
    expect(count('DISTRICT')).toBe(1);
    expect(count('SUBDISTRICT')).toBe(8);
    expect(count('COMMUNITY')).toBeGreaterThanOrEqual(64);
    expect(count('COMMUNITY')).toBeLessThanOrEqual(120);
    expect(count('DEPARTMENT')).toBe(20);
    expect(district.agencies.find((a) => a.kind === 'SUBDISTRICT')!.name).toMatch(/街道办事处$/);
    expect(district.agencies.find((a) => a.kind === 'COMMUNITY')!.name).toMatch(/社区居民委员会$/);
    expect(district.agencies.find((a) => a.kind === 'DEPARTMENT')!.name).toBe('清河区教育局');
  });

  it('has valid dated links with a move in 2022, a merge in 2023 and a department created in 2021', () => {
    expect(validateLinks(district.links)).toEqual([]);
    const moves = district.links.filter((l) => l.fromYear === 2022);
    expect(moves).toHaveLength(1);
    expect(district.links.filter((l) => l.fromYear === 2023).length).toBeGreaterThanOrEqual(8);
    expect(district.agencies.filter((a) => a.toYear === 2022).map((a) => a.kind)).toEqual(['SUBDISTRICT']);
    expect(district.agencies.filter((a) => a.fromYear === 2021)).toEqual([
      expect.objectContaining({ kind: 'DEPARTMENT', name: '清河区数据资源管理局' }),
    ]);
  });

  it('uses F2019 for 2019–2020 and F2021 from 2021, except one 2021 report still in F2019', () => {
    const odd = district.reports.filter((r) => r.format !== (r.year <= 2020 ? 'F2019' : 'F2021'));
    expect(odd.map((r) => [r.year, r.format])).toEqual([[2021, 'F2019']]);
    expect(district.defects.filter((d) => d.diagnostic === 'FORMAT_YEAR_MISMATCH').map((d) => [d.agencyCode, d.year]))
      .toEqual(odd.map((r) => [r.agencyCode, r.year]));
  });

  it('passes every check on every report except the deliberate defects, which fail exactly their rules', () => {
    const failing = district.reports
      .map((r) => ({ agencyCode: r.agencyCode, year: r.year, rules: failuresOf(r) }))
      .filter((f) => f.rules.length > 0);
    const expected = district.defects
      .filter((d) => d.rules.length > 0)
      .map((d) => ({ agencyCode: d.agencyCode, year: d.year, rules: [...d.rules].sort() }));
    const order = (xs: { agencyCode: string; year: number }[]) => [...xs].sort((a, b) => `${a.agencyCode}${a.year}`.localeCompare(`${b.agencyCode}${b.year}`));
    expect(order(failing)).toEqual(order(expected));
    expect(expected.map((d) => d.rules.join('+')).sort()).toEqual(['A1+A3', 'A2', 'D1', 'X1']);
  });

  it('leaves out the reports it lists as missing, and only those', () => {
    const active = district.agencies.flatMap((a) =>
      Array.from({ length: 7 }, (_, i) => 2019 + i)
        .filter((y) => y >= a.fromYear && (a.toYear === null || y <= a.toYear))
        .map((year) => ({ agencyCode: a.code, year })));
    const absent = active.filter((k) => !reportOf.has(`${k.agencyCode}|${k.year}`));
    expect(absent).toEqual(expect.arrayContaining([...district.missing]));
    expect(absent).toHaveLength(district.missing.length);
    expect(district.missing.length).toBe(3);
  });
});

describe('generateProvince', () => {
  const take = (seed: number, agencies: number) => [...generateProvince(mulberry32(seed), { agencies, years: [2020, 2021, 2022] })];

  it('streams parents before children, each agency followed by its reports, and the same for the same seed', () => {
    const items = take(5, 600);
    expect(take(5, 600)).toEqual(items);
    const seen = new Set<string>();
    let current: string | null = null;
    for (const item of items) {
      if (item.kind === 'agency') {
        if (item.parentCode !== null) expect(seen.has(item.parentCode)).toBe(true);
        seen.add(item.agency.code);
        current = item.agency.code;
      } else {
        expect(item.report.agencyCode).toBe(current);
      }
    }
    const agencies = items.filter((i) => i.kind === 'agency').length;
    expect(agencies).toBeGreaterThan(500);
    expect(agencies).toBeLessThan(700);
    expect(items.filter((i) => i.kind === 'report')).toHaveLength(agencies * 3);
  });

  it('has five levels of government and bodies of every kind, with unique codes', () => {
    const agencies = take(6, 2000).flatMap((i) => (i.kind === 'agency' ? [i.agency] : []));
    expect(new Set(agencies.map((a) => a.code)).size).toBe(agencies.length);
    expect(new Set(agencies.map((a) => a.kind))).toEqual(new Set(['PROVINCE', 'CITY', 'DISTRICT', 'SUBDISTRICT', 'TOWN', 'COMMUNITY', 'VILLAGE', 'DEPARTMENT']));
  });

  it('makes reports that pass every check, most community reports all zeros', () => {
    const items = take(8, 1500);
    const agencies = new Map<string, SyntheticAgency>();
    let previous: SyntheticReport | null = null;
    let communityReports = 0;
    let zeroCommunityReports = 0;
    for (const item of items) {
      if (item.kind === 'agency') { agencies.set(item.agency.code, item.agency); previous = null; continue; }
      const agency = agencies.get(item.report.agencyCode)!;
      const subject = subjectOf(item.report, agency);
      expect(failedRules([...checkReport(subject), ...checkAcrossYears(subject, previous ? subjectOf(previous, agency) : null)])).toEqual([]);
      if (agency.kind === 'COMMUNITY' || agency.kind === 'VILLAGE') {
        communityReports++;
        if (Object.values(item.report.cells).every((v) => v === 0)) zeroCommunityReports++;
      }
      previous = item.report;
    }
    expect(zeroCommunityReports / communityReports).toBeGreaterThan(0.7);
  });

  it('shapes about 100,000 agencies over five levels', () => {
    const shape = provinceShape(100_000);
    const governments = 1 + shape.cities + shape.cities * shape.districtsPerCity;
    const streets = shape.cities * shape.districtsPerCity * shape.streetsPerDistrict;
    const total = governments * (1 + shape.departmentsPerGovernment) + streets * (1 + shape.communitiesPerStreet);
    expect(Math.abs(total - 100_000)).toBeLessThan(3_000);
  });
});
