import { describeEachEngine } from '../support/databases';
import { cellsOf } from '../../src/domain/catalogue';
import { ADMIN_TOKEN, makeAgency, seedCells, startTestApi, submit, SUBMIT_REPORT, type TestApi } from './api-client';

const REPORT = /* GraphQL */ `
  query Report($code: ID!, $year: Int!, $codes: [String!]) {
    report(agencyCode: $code, year: $year) {
      agency { code }
      year format status scope revision publishedOn acceptedFailures
      text { overview }
      proactive {
        govCentralProcurement { items amount }
        adminFees { prevYearItems change amount }
        regulations { newMade issued }
      }
      applications { newReceived { naturalPerson total } otherHandling { total } otherMisc { total } }
      appeals { review { upheld total } litigationAfterReview { pending } }
      cells(codes: $codes) { code value present unit rowLabel { zh } columnLabel { zh } }
    }
  }
`;

const PUBLISH = /* GraphQL */ `
  mutation Publish($code: ID!, $year: Int!, $accept: [String!], $expected: Int) {
    publishReport(agencyCode: $code, year: $year, acceptFailures: $accept, expectedRevision: $expected) { status revision acceptedFailures }
  }
`;

/** The seed with A2 broken in the natural-person column: one new application, nothing handled nor carried forward. */
function cellsBreakingA2() {
  return {
    ...seedCells(),
    'applications.new_received.natural_person': 1,
    'applications.new_received.total': 1,
  };
}

const failedRules = (checks: readonly { rule: string; passed: boolean }[]) => [...new Set(checks.filter((c) => !c.passed).map((c) => c.rule))];

describeEachEngine('reports through the API', (engine) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(await engine.url());
    await makeAgency(api, 'XFL', 'SUBDISTRICT');
    await makeAgency(api, 'DRAFTY', 'SUBDISTRICT');
    await makeAgency(api, 'BAD', 'SUBDISTRICT');
  });
  afterAll(() => api?.close());

  describe('checks against the year before', () => {
    /** Seed figures carrying `n` applications over: carried_over of this year or carried_forward of the last. */
    const carrying = (row: 'carried_over' | 'carried_forward', n: number) => {
      const cells = { ...seedCells(), [`applications.${row}.natural_person`]: n, [`applications.${row}.total`]: n };
      // keep A2 true within the report: what is carried over is handled (granted) this year, what is carried forward was received
      const balancing = row === 'carried_over' ? ['granted', 'total_handled'] : ['new_received'];
      for (const r of balancing) Object.assign(cells, { [`applications.${r}.natural_person`]: n, [`applications.${r}.total`]: n });
      return cells;
    };

    it('shows X1 on this year as soon as last year is corrected, without rewriting this year', async () => {
      await makeAgency(api, 'XONE', 'SUBDISTRICT');
      await submit(api, { agencyCode: 'XONE', year: 2019, cells: carrying('carried_forward', 3) });
      const later = await submit(api, { agencyCode: 'XONE', year: 2020, cells: carrying('carried_over', 5) });
      expect(failedRules(later.report.checks)).toEqual(['X1']);

      await submit(api, { agencyCode: 'XONE', year: 2019, cells: carrying('carried_forward', 5) });
      const reread = await api.admin(`query { report(agencyCode: "XONE", year: 2020) { revision checks { rule passed } } }`);
      expect(reread.data).toMatchObject({ report: { revision: 1 } });
      const checks = (reread.data as { report: { checks: { rule: string; passed: boolean }[] } }).report.checks;
      expect(failedRules(checks)).toEqual([]);
      expect(checks).toContainEqual({ rule: 'X1', passed: true });
      // the stored failures that validation summaries count were re-checked in the same write
      const validation = await api.admin(`query { validation(agencyCode: "XONE", year: 2020, includeDrafts: true) { failures { rule reports } } }`);
      expect(validation.data).toEqual({ validation: { failures: [] } });
    });
  });

  describe('the seed report', () => {
    it('is stored and published when every check passes', async () => {
      const payload = await submit(api, {
        agencyCode: 'XFL',
        agencyName: '咸丰路街道办事处',
        publishedOn: '2020-01-13',
        cells: seedCells(),
        text: { overview: '总体情况' },
        publish: true,
      });
      expect(payload.outcome).toBe('CREATED');
      expect(payload.report).toMatchObject({ year: 2019, format: 'F2019', status: 'PUBLISHED', acceptedFailures: [] });
      // Every within-report rule that applies is reported, and every one passed (no year before it: no X rule;
      // no figures stated in this submission's text: no T1).
      expect(failedRules(payload.report.checks)).toEqual([]);
      expect([...new Set(payload.report.checks.map((c: { rule: string }) => c.rule))].sort()).toEqual(['A1', 'A2', 'A3', 'D1', 'N1', 'P1', 'R1', 'S1']);
    });

    it('reads back as typed tables and exact cells, for anyone', async () => {
      const result = await api.anonymous(REPORT, {
        code: 'XFL',
        year: 2019,
        codes: ['proactive.gov_central_procurement.items', 'proactive.gov_central_procurement.amount', 'proactive.regulations.issued'],
      });
      expect(result).toEqual({
        status: 200,
        data: {
          report: {
            agency: { code: 'XFL' },
            year: 2019,
            format: 'F2019',
            status: 'PUBLISHED',
            scope: 'OWN',
            revision: expect.any(Number),
            publishedOn: '2020-01-13',
            acceptedFailures: [],
            text: { overview: '总体情况' },
            proactive: {
              govCentralProcurement: { items: 19, amount: '42.21' },
              // F2021's fee amount does not exist in F2019: null, never 0.
              adminFees: { prevYearItems: 0, change: 0, amount: null },
              regulations: { newMade: 0, issued: null },
            },
            applications: { newReceived: { naturalPerson: 0, total: 0 }, otherHandling: { total: 0 }, otherMisc: null },
            appeals: { review: { upheld: 0, total: 0 }, litigationAfterReview: { pending: 0 } },
            cells: [
              { code: 'proactive.gov_central_procurement.items', value: '19', present: true, unit: 'COUNT', rowLabel: { zh: '政府集中采购' }, columnLabel: { zh: '采购项目数量' } },
              { code: 'proactive.gov_central_procurement.amount', value: '42.21', present: true, unit: 'AMOUNT', rowLabel: { zh: '政府集中采购' }, columnLabel: { zh: '采购总金额' } },
            ],
          },
        },
      });
    });

    it('lists every cell of its format when no codes are given', async () => {
      const result = await api.anonymous(REPORT, { code: 'XFL', year: 2019 });
      expect(result.data.report.cells).toHaveLength(cellsOf('F2019').length);
    });

    it('changes nothing when the same content is submitted again', async () => {
      const payload = await submit(api, {
        agencyCode: 'XFL', agencyName: '咸丰路街道办事处', publishedOn: '2020-01-13', cells: seedCells(), text: { overview: '总体情况' }, publish: true,
      });
      expect(payload.outcome).toBe('UNCHANGED');
    });

    it('shows its revisions to a token holder only', async () => {
      const query = `{ report(agencyCode: "XFL", year: 2019) { revisions { revision status action } } }`;
      const asAdmin = await api.admin(query);
      expect(asAdmin.data.report.revisions.length).toBeGreaterThan(0);
      expect(await api.anonymous(query)).toEqual({ status: 200, data: { report: { revisions: [] } } });
    });
  });

  describe('a report breaking identity A2', () => {
    it('is refused whole when asked to publish at once, naming the failure', async () => {
      const result = await api.admin(SUBMIT_REPORT, { input: { agencyCode: 'DRAFTY', format: 'F2019', year: 2019, cells: cellsBreakingA2(), publish: true } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'PUBLISH_BLOCKED', rules: ['A2'] });
      expect((await api.admin(`{ report(agencyCode: "DRAFTY", year: 2019) { status } }`)).data).toEqual({ report: null });
    });

    it('is kept as a draft with the failure named', async () => {
      const payload = await submit(api, { agencyCode: 'DRAFTY', cells: cellsBreakingA2() });
      expect(payload.report.status).toBe('DRAFT');
      expect(failedRules(payload.report.checks)).toEqual(['A2']);
      expect(payload.report.checks).toContainEqual({
        rule: 'A2',
        severity: 'ERROR',
        passed: false,
        cells: [
          'applications.new_received.natural_person',
          'applications.carried_over.natural_person',
          'applications.total_handled.natural_person',
          'applications.carried_forward.natural_person',
        ],
        message: expect.stringContaining('natural_person'),
      });
    });

    it('is hidden from anonymous readers but visible with a token', async () => {
      expect(await api.anonymous(`{ report(agencyCode: "DRAFTY", year: 2019) { status } }`)).toEqual({ status: 200, data: { report: null } });
      expect(await api.anonymous(`{ agency(code: "DRAFTY") { report(year: 2019) { status } reports { year } } }`)).toEqual({
        status: 200,
        data: { agency: { report: null, reports: [] } },
      });
      expect((await api.admin(`{ report(agencyCode: "DRAFTY", year: 2019) { status } }`)).data).toEqual({ report: { status: 'DRAFT' } });
    });

    it('cannot be published unless A2 is accepted', async () => {
      const refused = await api.admin(PUBLISH, { code: 'DRAFTY', year: 2019 });
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0].extensions?.code).toBe('PUBLISH_BLOCKED');
      expect(refused.errors?.[0].message).toContain('A2');

      const published = await api.admin(PUBLISH, { code: 'DRAFTY', year: 2019, accept: ['A2'] });
      expect(published.errors).toBeUndefined();
      expect(published.data.publishReport).toMatchObject({ status: 'PUBLISHED', acceptedFailures: ['A2'] });
    });
  });

  describe('bad input', () => {
    const reportOfBad = () => api.admin(`{ report(agencyCode: "BAD", year: 2019) { revision } }`);

    it('refuses an unknown cell code, naming it, and stores nothing', async () => {
      const result = await api.admin(SUBMIT_REPORT, {
        input: { agencyCode: 'BAD', format: 'F2019', year: 2019, cells: { ...seedCells(), 'applications.granted.total_typo': 1 } },
      });
      expect(result.errors?.map((e) => e.extensions)).toEqual([
        {
          code: 'VALIDATION_FAILED',
          field: 'input.cells.applications.granted.total_typo',
          expected: 'a cell code of format F2019',
          received: 'applications.granted.total_typo',
          problems: [{ field: 'input.cells.applications.granted.total_typo', expected: 'a cell code of format F2019', received: 'applications.granted.total_typo' }],
        },
      ]);
      expect((await reportOfBad()).data).toEqual({ report: null });
    });

    it('refuses a string where a count is expected, and stores nothing', async () => {
      const result = await api.admin(SUBMIT_REPORT, {
        input: { agencyCode: 'BAD', format: 'F2019', year: 2019, cells: { ...seedCells(), 'applications.granted.total': 'many' } },
      });
      expect(result.errors?.[0].extensions).toMatchObject({
        code: 'VALIDATION_FAILED',
        field: 'input.cells.applications.granted.total',
        expected: 'a whole number',
        received: '"many"',
      });
      expect((await reportOfBad()).data).toEqual({ report: null });
    });

    it('refuses an unknown agency', async () => {
      const result = await api.admin(SUBMIT_REPORT, { input: { agencyCode: 'NOBODY', format: 'F2019', year: 2019, cells: seedCells() } });
      expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('refuses a write based on a stale revision with CONFLICT, keeping the stored one', async () => {
      const first = await submit(api, { agencyCode: 'BAD', cells: seedCells() });
      const stale = await api.admin(SUBMIT_REPORT, {
        input: { agencyCode: 'BAD', format: 'F2019', year: 2019, cells: cellsBreakingA2(), expectedRevision: first.report.revision + 5 },
      });
      expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect((await reportOfBad()).data).toEqual({ report: { revision: first.report.revision } });
    });

    it('refuses cell codes the catalogue does not know in a read', async () => {
      const result = await api.anonymous(REPORT, { code: 'XFL', year: 2019, codes: ['proactive.nope.items'] });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'codes' });
    });
  });

  describe('authentication', () => {
    const publishXfl = `mutation { publishReport(agencyCode: "XFL", year: 2019) { status } }`;

    it('refuses an anonymous mutation with UNAUTHENTICATED', async () => {
      const result = await api.anonymous(SUBMIT_REPORT, { input: { agencyCode: 'XFL', format: 'F2019', year: 2019, cells: seedCells() } });
      expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'UNAUTHENTICATED' }]);
    });

    it('refuses a wrong token with UNAUTHENTICATED', async () => {
      const { json } = await api.post(JSON.stringify({ query: publishXfl }), { authorization: `Bearer ${ADMIN_TOKEN}x` });
      expect(json.errors.map((e: { extensions: unknown }) => e.extensions)).toEqual([{ code: 'UNAUTHENTICATED' }]);
    });
  });
});
