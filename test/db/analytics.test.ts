import { openStorage, type Storage } from '../../src/db';
import { AppError } from '../../src/errors';
import { buildDistrict } from '../api/rollup-fixtures';
import { describeEachEngine } from '../support/databases';

const RECEIVED = 'applications.new_received.total';

describeEachEngine('analytics storage', (engine) => {
  let storage: Storage;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    storage = await openStorage({ url: await engine.url() });
    await buildDistrict(storage);
    for (const agency of await storage.agenciesByCode(['D', 'S1', 'S2', 'C1', 'C2', 'C3', 'P'])) ids[agency!.code] = agency!.id;
  });
  afterAll(() => storage.close());

  describe('aggregate', () => {
    it('estimates from one cheap statement, then runs one GROUP BY and one count of groups', async () => {
      storage.statements.reset();
      const result = await storage.aggregate({ filter: { codes: [RECEIVED] }, groupBy: ['AGENCY'], order: 'DESC', first: 3, offset: 0 }, { maxCost: 1000 });
      expect(storage.statements.count()).toBe(3);
      expect(result).toEqual({
        rows: [
          // S2's 2021 OWN report (3) only: its 2020 report is REGION, never read.
          { keys: [{ dimension: 'AGENCY', value: 'C3', name: '机关C3' }], value: 20, reports: 1 },
          { keys: [{ dimension: 'AGENCY', value: 'S1', name: '机关S1' }], value: 20, reports: 2 },
          { keys: [{ dimension: 'AGENCY', value: 'C2', name: '机关C2' }], value: 13, reports: 2 },
        ],
        totalCount: 7,
        unit: 'count',
        cost: { agencies: 7, years: 2, cells: 1, cost: 14 },
      });
    });

    it('refuses above the limit after the estimate alone', async () => {
      storage.statements.reset();
      const attempt = storage.aggregate({ filter: { kinds: ['COMMUNITY'] }, groupBy: ['CODE'], order: null, first: 10, offset: 0 }, { maxCost: 100 });
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({ code: 'TOO_COSTLY', details: { agencies: 3, years: 2, maxCost: 100 } });
      expect(storage.statements.count()).toBe(1);
    });

    it('reads drafts only when asked, and gives a grand total without groups', async () => {
      const drafts = await storage.aggregate({ filter: { status: 'DRAFT', codes: [RECEIVED] }, groupBy: [], order: null, first: 10, offset: 0 }, { maxCost: 1000 });
      expect(drafts.rows).toEqual([{ keys: [], value: 30, reports: 1 }]);
      const nothing = await storage.aggregate({ filter: { years: [2030], codes: [RECEIVED] }, groupBy: [], order: null, first: 10, offset: 0 }, { maxCost: 1000 });
      expect(nothing.rows).toEqual([{ keys: [], value: 0, reports: 0 }]);
    });
  });

  describe('validation summaries', () => {
    it('are aligned with their keys, in as many statements for 30 keys as for 3', async () => {
      const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ agencyId: [ids.D, ids.S2, ids.C2][i % 3], year: 2020 + (i % 2) }));
      storage.statements.reset();
      const three = await storage.validationSummaries(keys(3));
      const statements = storage.statements.count();
      storage.statements.reset();
      const thirty = await storage.validationSummaries(keys(30));
      expect(storage.statements.count()).toBe(statements);
      expect(thirty.slice(0, 3)).toEqual(three);
      expect(three).toEqual([
        { reportsChecked: 6, failures: [], regionAgencyIds: [ids.S2] },
        { reportsChecked: 2, failures: [{ rule: 'S1', severity: 'warning', reports: 1, agencyIds: [ids.C2] }], regionAgencyIds: [] },
        { reportsChecked: 1, failures: [], regionAgencyIds: [] },
      ]);
    });
  });
});
