import { describeEachEngine } from '../support/databases';
import type { TestApi } from './api-client';
import { startWithOneDistrictReport } from './rollup-fixtures';

describeEachEngine('rollup API errors and admin mutations', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startWithOneDistrictReport(await engine.url());
  });
  afterAll(() => api?.close());

  const firstError = async (query: string, admin = false) => {
    const result = admin ? await api.admin(query) : await api.anonymous(query);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors!;
    return { message: error.message, code: error.extensions?.code, field: error.extensions?.field };
  };

  describe('bad year ranges get VALIDATION_FAILED naming the argument', () => {
    it.each([
      ['fromYear after toYear', 2022, 2021, 'fromYear', 'fromYear: expected a year not after toYear (2021), received 2022'],
      ['more than 30 years', 2000, 2030, 'toYear', 'toYear: expected at most 30 years from fromYear (2000), i.e. up to 2029, received 2030'],
      ['a year before 1990', 1980, 2021, 'fromYear', 'fromYear: expected a year from 1990 to 2100, received 1980'],
      ['a year after 2100', 2021, 2101, 'toYear', 'toYear: expected a year from 1990 to 2100, received 2101'],
    ])('%s', async (_, from, to, field, message) => {
      expect(await firstError(`{ series(agencyCode: "D", fromYear: ${from}, toYear: ${to}) { fromYear } }`)).toEqual({ message, code: 'VALIDATION_FAILED', field });
    });

    it('a rollup year outside the report years', async () => {
      expect(await firstError('{ rollup(agencyCode: "D", year: 1999) { year } }')).toMatchObject({ code: 'VALIDATION_FAILED', field: 'year' });
    });
  });

  describe('unknown codes get VALIDATION_FAILED naming the code and what was expected', () => {
    it.each([
      ['rollup cells', '{ rollup(agencyCode: "D", year: 2021) { cells(codes: ["applications.granted.total", "applications.granted.totl"]) { value } } }', 'codes'],
      ['series codes', '{ series(agencyCode: "D", fromYear: 2020, toYear: 2021, codes: ["applications.granted.totl"]) { fromYear } }', 'codes'],
      ['compare by', '{ compare(parentCode: "D", year: 2021, by: "applications.granted.totl") { by } }', 'by'],
    ])('%s', async (_, query, field) => {
      const error = await firstError(query);
      expect(error).toEqual({
        message: `${field}: unknown cell code "applications.granted.totl"; expected codes of the catalogue such as "applications.granted.total"`,
        code: 'VALIDATION_FAILED',
        field,
      });
    });

    it('an unknown agency is NOT_FOUND', async () => {
      expect(await firstError('{ rollup(agencyCode: "NOPE", year: 2021) { year } }')).toEqual({
        message: 'agencyCode: no agency has the code "NOPE"', code: 'NOT_FOUND', field: 'agencyCode',
      });
    });

    it('ranking by a cell and a rate at once is refused', async () => {
      expect(await firstError('{ compare(parentCode: "D", year: 2021, by: "applications.granted.total", rate: GRANTED_SHARE) { by } }')).toMatchObject({ code: 'VALIDATION_FAILED', field: 'rate' });
    });
  });

  describe('drafts and admin mutations need a token', () => {
    it('refuses includeDrafts without a token', async () => {
      expect(await firstError('{ rollup(agencyCode: "D", year: 2021, includeDrafts: true) { year } }')).toMatchObject({ code: 'UNAUTHENTICATED', field: 'includeDrafts' });
    });

    it('lets only ADMIN rebuild and verify the rollups', async () => {
      expect(await firstError('mutation { rebuildRollups }')).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await firstError('mutation { verifyRollups }')).toMatchObject({ code: 'UNAUTHENTICATED' });
      const rebuilt = await api.admin('mutation { rebuildRollups }');
      expect(rebuilt.data.rebuildRollups).toBeGreaterThan(0);
      expect((await api.admin('mutation { verifyRollups }')).data).toEqual({ verifyRollups: [] });
      expect((await api.anonymous('{ rollup(agencyCode: "D", year: 2021) { cells(codes: ["applications.granted.total"]) { value } } }')).data.rollup.cells).toEqual([{ value: '3' }]);
    });
  });
});
