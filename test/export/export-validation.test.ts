/**
 * GET /export/validation.csv: the agencies to chase under a node that year, one row per failing rule
 * and agency, as the API's `validation` lists them (stored checks, H1 without a report, H2 REGION
 * reports that differ from their rollup), with the catalogue's labels.
 */
import { readCsv } from '../../src/import/csv';
import { RULES } from '../../src/domain/catalogue';
import { startTestApi, type TestApi } from '../api/api-client';
import { buildDistrict } from '../api/rollup-fixtures';
import { describeEachEngine } from '../support/databases';

const VALIDATION = /* GraphQL */ `
  query V($code: ID!, $year: Int!, $hierarchy: HierarchyMode) {
    validation(agencyCode: $code, year: $year, hierarchy: $hierarchy) { failures { rule severity reports agencies { code name kind } } }
  }
`;

describeEachEngine('the validation export', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(await engine.url());
    await buildDistrict(api.storage);
  });
  afterAll(() => api.close());

  const csvRows = async (path: string) => {
    const response = await fetch(`${api.url}${path}`);
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    const [header, ...rows] = readCsv(await response.text()).records.map((r) => r.fields);
    return rows.map((fields) => Object.fromEntries(header.map((key, i) => [key, fields[i]])));
  };

  it.each([
    ['D', 2020, 'YEAR'],
    ['D', 2021, 'YEAR'],
    ['D', 2020, 'CURRENT'],
  ] as const)('lists what validation(%s, %i, %s) lists, rule by rule and agency by agency', async (code, year, hierarchy) => {
    const answer = await api.anonymous(VALIDATION, { code, year, hierarchy });
    const failures = answer.data.validation.failures as { rule: string; severity: string; reports: number; agencies: { code: string; name: string; kind: string }[] }[];
    expect(failures.length).toBeGreaterThan(0);
    const rows = await csvRows(`/export/validation.csv?agency=${code}&year=${year}&hierarchy=${hierarchy}`);
    expect(rows.map((r) => [r.rule, r.severity, Number(r.reports), r.agency_code, r.agency_name, r.kind])).toEqual(
      failures.flatMap((f) => f.agencies.map((a) => [f.rule, f.severity, f.reports, a.code, a.name, a.kind])),
    );
    const labelOf = new Map(RULES.map((r) => [r.id, r.label.zh]));
    expect(rows.every((r) => r.rule_label_zh === labelOf.get(r.rule) && r.kind_label_zh !== r.kind)).toBe(true);
  });

  it('names H1 (no report) and H2 (a REGION report that differs from its rollup) in 2020', async () => {
    const rows = await csvRows('/export/validation.csv?agency=D&year=2020');
    // P has no 2020 report; S2 filed only a REGION report of 100 granted, its subtree adds up to 25.
    expect(rows.filter((r) => r.rule === 'H1' || r.rule === 'H2').map((r) => [r.rule, r.agency_code])).toEqual([['H1', 'P'], ['H1', 'S2'], ['H2', 'S2']]);
  });

  it('refuses drafts over HTTP and an unknown agency with coded errors', async () => {
    const drafts = await fetch(`${api.url}/export/validation.csv?agency=D&year=2021&includeDrafts=true`);
    const unknown = await fetch(`${api.url}/export/validation.csv?agency=NOPE&year=2021`);
    expect([drafts.status, ((await drafts.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect([unknown.status, ((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code]).toEqual([404, 'NOT_FOUND']);
  });
});
