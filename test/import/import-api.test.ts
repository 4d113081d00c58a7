import { describeEachEngine } from '../support/databases';
import { makeAgency, startTestApi, type TestApi } from '../api/api-client';
import { EDITED_SEED_TEXT, HEADINGS_ONLY_TEXT, SEED_NAME, SEED_TEXT } from './import-fixtures';

const IMPORT = /* GraphQL */ `
  mutation Import($content: String!, $encoding: ImportEncoding, $filename: String!, $agencyCode: ID, $year: Int, $dryRun: Boolean) {
    importDocument(content: $content, encoding: $encoding, filename: $filename, agencyCode: $agencyCode, year: $year, dryRun: $dryRun) {
      outcome dryRun agencyCode status failingErrors
      document { format year agencyName agencyCode publishedOn cells statedFigures { proactiveItems applicationsReceived } }
      diagnostics { severity code cell message location { line path } }
      checks { rule severity passed }
      report {
        year status revision
        agency { code }
        provenance { sourceName submittedBy }
        proactive { govCentralProcurement { items amount } }
      }
    }
  }
`;

const REPORT = /* GraphQL */ `
  query Report($code: ID!, $year: Int!) { report(agencyCode: $code, year: $year) { revision proactive { govCentralProcurement { amount } } } }
`;

describeEachEngine('the importDocument mutation', (engine) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(await engine.url());
    // Named 机关XFL, not as the seed says: the tests bind the seed by code.
    await makeAgency(api, 'XFL', 'SUBDISTRICT');
  });
  afterAll(() => api?.close());

  it('needs a token', async () => {
    const result = await api.anonymous(IMPORT, { content: SEED_TEXT, filename: 'seed.txt', agencyCode: 'XFL' });
    expect(result.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
  });

  it('in a dry run returns the parsed document, diagnostics and checks, and stores nothing', async () => {
    const result = await api.admin(IMPORT, { content: SEED_TEXT, filename: 'seed.txt', agencyCode: 'XFL', dryRun: true });
    expect(result.errors).toBeUndefined();
    const payload = result.data.importDocument;
    expect(payload).toMatchObject({
      outcome: 'CREATED', dryRun: true, agencyCode: 'XFL', status: 'DRAFT', failingErrors: [], report: null,
      document: { format: 'F2019', year: 2019, agencyName: SEED_NAME, agencyCode: 'XFL', publishedOn: '2020-01-13', statedFigures: { proactiveItems: 241, applicationsReceived: 0 } },
    });
    expect(payload.document.cells['proactive.gov_central_procurement.amount']).toBe('42.21');
    expect(payload.document.cells['proactive.gov_central_procurement.items']).toBe(19);
    expect(payload.checks.length).toBeGreaterThan(0);
    expect(payload.checks.every((c: { passed: boolean }) => c.passed)).toBe(true);
    for (const d of payload.diagnostics) expect(d.location === null || typeof d.location.line === 'number' || typeof d.location.path === 'string').toBe(true);
    expect((await api.admin(REPORT, { code: 'XFL', year: 2019 })).data).toEqual({ report: null });
  });

  it('stores the report (CREATED), then a new revision for new content sent as base64 (UPDATED)', async () => {
    const created = await api.admin(IMPORT, { content: SEED_TEXT, filename: 'seed.txt', agencyCode: 'XFL' });
    expect(created.errors).toBeUndefined();
    expect(created.data.importDocument).toMatchObject({
      outcome: 'CREATED', dryRun: false, status: 'DRAFT',
      report: {
        year: 2019, status: 'DRAFT', revision: 1, agency: { code: 'XFL' },
        provenance: { sourceName: 'seed.txt', submittedBy: 'admin-token' },
        proactive: { govCentralProcurement: { items: 19, amount: '42.21' } },
      },
    });

    const again = await api.admin(IMPORT, { content: Buffer.from(SEED_TEXT).toString('base64'), encoding: 'BASE64', filename: 'seed.txt', agencyCode: 'XFL' });
    expect(again.data.importDocument).toMatchObject({ outcome: 'UNCHANGED', report: { revision: 1 } });

    const updated = await api.admin(IMPORT, { content: Buffer.from(EDITED_SEED_TEXT).toString('base64'), encoding: 'BASE64', filename: 'seed-v2.txt', agencyCode: 'XFL' });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.importDocument).toMatchObject({ outcome: 'UPDATED', report: { revision: 2, proactive: { govCentralProcurement: { amount: '50' } } } });
  });

  it('refuses content that is not base64 with VALIDATION_FAILED', async () => {
    const result = await api.admin(IMPORT, { content: 'this is not base64!', encoding: 'BASE64', filename: 'seed.txt', agencyCode: 'XFL' });
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({ path: ['importDocument'], extensions: expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'content' }) }),
    ]);
  });

  it('refuses a document without a table with IMPORT_REJECTED and the reasons', async () => {
    const result = await api.admin(IMPORT, { content: HEADINGS_ONLY_TEXT, filename: 'l9.txt', agencyCode: 'XFL' });
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: 'IMPORT_REJECTED',
          reasons: [{ code: 'NO_TABLE_FOUND', message: expect.stringContaining('no report table was found') }],
        }),
      }),
    ]);
  });

  it('refuses a document whose agency is unknown (the API never creates agencies)', async () => {
    const result = await api.admin(IMPORT, { content: SEED_TEXT, filename: 'seed.txt' });
    expect(result.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'IMPORT_REJECTED', reasons: [expect.objectContaining({ code: 'AGENCY_UNKNOWN' })] }) }),
    ]);
  });
});
