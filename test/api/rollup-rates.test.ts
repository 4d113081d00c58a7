import { describeEachEngine } from '../support/databases';
import type { TestApi } from './api-client';
import { startWithOneDistrictReport } from './rollup-fixtures';

describeEachEngine('rollup rates chosen by id', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startWithOneDistrictReport(await engine.url());
  });
  afterAll(() => api?.close());

  const RATE_FIELDS = 'id label labelEn value numerator denominator smallDenominator';

  it('gives the rates asked for, in the order asked and once each, with the same figures as the full list', async () => {
    const result = await api.anonymous(`{
      rollup(agencyCode: "D", year: 2021) {
        all: rates { ${RATE_FIELDS} }
        some: rates(ids: [REVIEW_CORRECTION_RATE, GRANTED_SHARE, REVIEW_CORRECTION_RATE]) { ${RATE_FIELDS} }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const { all, some } = (result.data as { rollup: { all: { id: string }[]; some: { id: string }[] } }).rollup;
    const byId = (id: string) => all.find((rate) => rate.id === id);
    expect(some).toEqual([byId('REVIEW_CORRECTION_RATE'), byId('GRANTED_SHARE')]);
  });

  it('gives every rate without ids and none for an empty list', async () => {
    const result = await api.anonymous('{ rollup(agencyCode: "D", year: 2021) { all: rates { id } none: rates(ids: []) { id } } }');
    expect(result.data).toEqual({
      rollup: {
        all: ['GRANTED_SHARE', 'DENIED_SHARE', 'UNABLE_SHARE', 'REVIEW_CORRECTION_RATE', 'LITIGATION_LOSS_RATE'].map((id) => ({ id })),
        none: [],
      },
    });
  });
});
