import { openStorage, type Storage } from '../../src/db';
import { RULES } from '../../src/domain/catalogue';
import { generateDistrict, mulberry32 } from '../../src/domain/synthetic';
import { DEMO_DISTRICT, SEED_AGENCY_CODE, loadDemoData } from '../../src/demo';

/** The demo data a new database gets on `npm start` (DESIGN.md §5), on the embedded engine. */
describe('demo data of a new database', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await openStorage({ url: 'sqlite::memory:' });
  });
  afterAll(() => storage.close());

  it('loads the seed report and a generated district with drafts where an ERROR rule fails', async () => {
    const summary = await loadDemoData(storage);
    const district = generateDistrict(mulberry32(20191213), DEMO_DISTRICT);
    expect(summary.agencies).toBe(district.agencies.length + 1);
    expect(summary.reports).toBe(district.reports.length + 1);
    expect(summary.agencies).toBeGreaterThan(150);

    const [seedReport] = await storage.reportsByAgencyYear([{ agencyId: (await storage.agenciesByCode([SEED_AGENCY_CODE]))[0]!.id, year: 2019 }]);
    expect(seedReport).toMatchObject({ format: 'F2019', status: 'PUBLISHED', publishedOn: '2020-01-13' });
    expect(seedReport!.cells['proactive.gov_central_procurement.items']).toBe(19);
    expect(seedReport!.cells['proactive.gov_central_procurement.amount']).toBe(42_210_000);
    expect(seedReport!.statedFigures.proactiveItems).toBe(241);
    expect(seedReport!.checks.filter((c) => !c.passed)).toEqual([]);

    const errorRules = new Set(RULES.filter((r) => r.severity === 'error').map((r) => r.id));
    const expectedDrafts = district.defects.filter((d) => d.rules.some((r) => errorRules.has(r)));
    expect(summary.drafts).toBe(expectedDrafts.length);
    expect(summary.drafts).toBeGreaterThan(0);
    for (const defect of expectedDrafts) {
      const [agency] = await storage.agenciesByCode([defect.agencyCode]);
      const [report] = await storage.reportsByAgencyYear([{ agencyId: agency!.id, year: defect.year }]);
      expect(report!.status).toBe('DRAFT');
      expect(report!.checks.filter((c) => !c.passed).map((c) => c.rule)).toEqual(expect.arrayContaining([...defect.rules]));
    }
    for (const gap of district.missing) {
      const [agency] = await storage.agenciesByCode([gap.agencyCode]);
      expect((await storage.reportsByAgencyYear([{ agencyId: agency!.id, year: gap.year }]))[0]).toBeNull();
    }
  });
});
