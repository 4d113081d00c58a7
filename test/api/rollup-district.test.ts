import { describeEachEngine } from '../support/databases';
import { startTestApi, type TestApi } from './api-client';
import { buildDistrict } from './rollup-fixtures';

const RECEIVED = 'applications.new_received.total';
const OTHER = 'applications.other_handling.total';
const PROCUREMENT = 'proactive.gov_central_procurement.items';

const ROLLUP = /* GraphQL */ `
  query Rollup($code: ID!, $year: Int!, $hierarchy: HierarchyMode, $drafts: Boolean, $codes: [String!]) {
    rollup(agencyCode: $code, year: $year, hierarchy: $hierarchy, includeDrafts: $drafts) {
      agency { code } year hierarchy includeDrafts
      coverage { expected reported ratio missingCount missing { code } }
      reportersByFormat { format reporters }
      cells(codes: $codes) { code value reporters }
    }
  }
`;

describeEachEngine('rollups of a hand-built district', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(await engine.url(), { MAX_AGGREGATE_COST: '1000' });
    await buildDistrict(api.storage);
  });
  afterAll(() => api?.close());

  const rollup = async (code: string, year: number, extra: Record<string, unknown> = {}, admin = false) => {
    const variables = { code, year, codes: [RECEIVED, PROCUREMENT], ...extra };
    const result = admin ? await api.admin(ROLLUP, variables) : await api.anonymous(ROLLUP, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data.rollup;
  };

  describe('a rollup', () => {
    it('adds the published OWN reports of the 2020 tree, never the REGION report, and lists who is missing', async () => {
      expect(await rollup('D', 2020)).toEqual({
        agency: { code: 'D' }, year: 2020, hierarchy: 'YEAR', includeDrafts: false,
        // D 1 + S1 10 + C1 4 + C2 5 + C3 20; S2 has only a REGION report, P none.
        coverage: { expected: 7, reported: 5, ratio: 5 / 7, missingCount: 2, missing: [{ code: 'P' }, { code: 'S2' }] },
        reportersByFormat: [{ format: 'F2019', reporters: 5 }, { format: 'F2021', reporters: 0 }],
        cells: [{ code: RECEIVED, value: '40', reporters: 5 }, { code: PROCUREMENT, value: '19', reporters: 5 }],
      });
    });

    it('follows the move of C2 from S1 to S2 in 2021, and leaves out the draft of C3 unless asked', async () => {
      const s1 = await rollup('S1', 2021);
      const s2 = await rollup('S2', 2021);
      expect([s1.cells[0].value, s1.coverage.expected, s2.cells[0].value, s2.coverage.expected, s2.coverage.missing]).toEqual(['16', 2, '11', 3, [{ code: 'C3' }]]);
      // Procurement exists only in F2019: no reporter had it in 2021, so it is null, not 0.
      expect(s1.cells[1]).toEqual({ code: PROCUREMENT, value: null, reporters: 0 });
      const withDrafts = await rollup('S2', 2021, { drafts: true }, true);
      expect([withDrafts.cells[0].value, withDrafts.coverage.reported, withDrafts.coverage.missingCount]).toEqual(['41', 3, 0]);
    });

    it('restates 2020 over the current tree when asked', async () => {
      const s1 = await rollup('S1', 2020, { hierarchy: 'CURRENT' });
      const s2 = await rollup('S2', 2020, { hierarchy: 'CURRENT' });
      // S1 10 + C1 4 (C2 now sits under S2); S2: C2 5 + C3 20.
      expect([s1.cells[0].value, s1.coverage.expected, s2.cells[0].value, s2.coverage.expected]).toEqual(['14', 2, '25', 3]);
    });

    it('sums the typed tables, with amounts exact and cells a format lacks as null', async () => {
      const result = await api.anonymous(`{
        y2020: rollup(agencyCode: "D", year: 2020) { proactive { govCentralProcurement { items amount } } applications { otherHandling { total } otherMisc { total } } appeals { review { upheld corrected total } } }
        y2021: rollup(agencyCode: "D", year: 2021) { proactive { govCentralProcurement { items amount } } applications { otherHandling { total } otherMisc { total } } }
      }`);
      expect(result.data).toEqual({
        y2020: {
          proactive: { govCentralProcurement: { items: 19, amount: '42.21' } },
          applications: { otherHandling: { total: 3 }, otherMisc: { total: null } },
          appeals: { review: { upheld: 2, corrected: 1, total: 3 } },
        },
        y2021: {
          proactive: { govCentralProcurement: { items: null, amount: null } },
          applications: { otherHandling: { total: null }, otherMisc: { total: 2 } },
        },
      });
    });

    it('computes rates from rolled-up parts, null without a denominator, flagged when small', async () => {
      const result = await api.anonymous(`{ rollup(agencyCode: "D", year: 2021) { rates { id value numerator denominator smallDenominator } } }`);
      // 2021: 30 handled: 25 granted, 1 denied; review 1 corrected of 2 decided; lawsuits 1 lost of 1.
      expect(result.data.rollup.rates).toEqual([
        { id: 'GRANTED_SHARE', value: 25 / 30, numerator: '25', denominator: '30', smallDenominator: false },
        { id: 'DENIED_SHARE', value: 1 / 30, numerator: '1', denominator: '30', smallDenominator: false },
        { id: 'UNABLE_SHARE', value: 0, numerator: '0', denominator: '30', smallDenominator: false },
        { id: 'REVIEW_CORRECTION_RATE', value: 0.5, numerator: '1', denominator: '2', smallDenominator: true },
        { id: 'LITIGATION_LOSS_RATE', value: 1, numerator: '1', denominator: '1', smallDenominator: true },
      ]);
      const empty = await api.anonymous(`{ rollup(agencyCode: "P", year: 2020) { rates { id value } } }`);
      expect(empty.data.rollup.rates.map((r: { value: number | null }) => r.value)).toEqual([null, null, null, null, null]);
    });

    it('compares a REGION report with the rollup of its node (rule H2)', async () => {
      const result = await api.anonymous(`{ rollup(agencyCode: "S2", year: 2020) { regionCheck { passed differences } } d: rollup(agencyCode: "D", year: 2020) { regionCheck { passed } } }`);
      expect(result.data.d.regionCheck).toBeNull();
      expect(result.data.rollup.regionCheck.passed).toBe(false);
      expect([...result.data.rollup.regionCheck.differences].sort()).toEqual([
        'applications.granted.natural_person: region report 100, rollup 20',
        'applications.granted.total: region report 100, rollup 20',
        'applications.new_received.natural_person: region report 100, rollup 20',
        'applications.new_received.total: region report 100, rollup 20',
        'applications.total_handled.natural_person: region report 100, rollup 20',
        'applications.total_handled.total: region report 100, rollup 20',
      ]);
    });

    it('is a field of Agency too', async () => {
      const result = await api.anonymous(`{ agency(code: "D") { children(year: 2021) { code rollup(year: 2021) { cells(codes: ["${RECEIVED}"]) { value } } } } }`);
      const byCode = [...result.data.agency.children].sort((a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code));
      expect(byCode).toEqual([
        { code: 'P', rollup: { cells: [{ value: '1' }] } },
        { code: 'S1', rollup: { cells: [{ value: '16' }] } },
        { code: 'S2', rollup: { cells: [{ value: '11' }] } },
      ]);
    });
  });

  describe('a series', () => {
    it('makes other_handling comparable across 2020 → 2021, adds flows and gives year-over-year changes', async () => {
      const result = await api.anonymous(`{ series(agencyCode: "D", fromYear: 2020, toYear: 2021, codes: ["${RECEIVED}", "${OTHER}", "${PROCUREMENT}"]) {
        fromYear toYear
        points { year format cells { code value reporters derived } coverage { expected reported } }
        total { code value derived }
        totalRates { id value numerator denominator }
        changes { code year value previous delta ratio }
      } }`);
      expect(result.data.series).toEqual({
        fromYear: 2020,
        toYear: 2021,
        points: [
          {
            year: 2020, format: 'F2019', coverage: { expected: 7, reported: 5 },
            cells: [
              { code: RECEIVED, value: '40', reporters: 5, derived: false },
              { code: OTHER, value: '3', reporters: 5, derived: false },
              { code: PROCUREMENT, value: '19', reporters: 5, derived: false },
            ],
          },
          {
            year: 2021, format: 'F2021', coverage: { expected: 7, reported: 6 },
            cells: [
              { code: RECEIVED, value: '30', reporters: 6, derived: false },
              // S1 1 other_misc + C1 2 other_overdue_correction + C2 1 other_misc.
              { code: OTHER, value: '4', reporters: 6, derived: true },
              { code: PROCUREMENT, value: null, reporters: 0, derived: false },
            ],
          },
        ],
        total: [
          { code: RECEIVED, value: '70', derived: false },
          { code: OTHER, value: '7', derived: true },
          { code: PROCUREMENT, value: '19', derived: false },
        ],
        totalRates: [
          { id: 'GRANTED_SHARE', value: 60 / 70, numerator: '60', denominator: '70' },
          { id: 'DENIED_SHARE', value: 3 / 70, numerator: '3', denominator: '70' },
          { id: 'UNABLE_SHARE', value: 0, numerator: '0', denominator: '70' },
          { id: 'REVIEW_CORRECTION_RATE', value: 2 / 5, numerator: '2', denominator: '5' },
          { id: 'LITIGATION_LOSS_RATE', value: 1, numerator: '1', denominator: '1' },
        ],
        changes: [
          { code: RECEIVED, year: 2021, value: '30', previous: '40', delta: '-10', ratio: -0.25 },
          { code: OTHER, year: 2021, value: '4', previous: '3', delta: '1', ratio: 1 / 3 },
          { code: PROCUREMENT, year: 2021, value: null, previous: '19', delta: null, ratio: null },
        ],
      });
    });
  });

  describe('a comparison', () => {
    it('ranks the children of a node on a cell, nulls last', async () => {
      const result = await api.anonymous(`{ compare(parentCode: "D", year: 2020, order: ASC) { by order rows { rank value agency { code } rollup { coverage { expected reported } } } } }`);
      expect(result.data.compare).toEqual({
        by: RECEIVED,
        order: 'ASC',
        rows: [
          { rank: 1, value: '19', agency: { code: 'S1' }, rollup: { coverage: { expected: 3, reported: 3 } } },
          { rank: 2, value: '20', agency: { code: 'S2' }, rollup: { coverage: { expected: 2, reported: 1 } } },
          { rank: null, value: null, agency: { code: 'P' }, rollup: { coverage: { expected: 1, reported: 0 } } },
        ],
      });
    });

    it('ranks on a rate, ties sharing a rank', async () => {
      const result = await api.anonymous(`{ compare(parentCode: "D", year: 2021, rate: DENIED_SHARE) { by rows { rank agency { code } rate { value numerator denominator } } } }`);
      expect(result.data.compare).toEqual({
        by: 'DENIED_SHARE',
        rows: [
          { rank: 1, agency: { code: 'S1' }, rate: { value: 1 / 16, numerator: '1', denominator: '16' } },
          { rank: 2, agency: { code: 'P' }, rate: { value: 0, numerator: '0', denominator: '1' } },
          { rank: 2, agency: { code: 'S2' }, rate: { value: 0, numerator: '0', denominator: '11' } },
        ],
      });
    });
  });

  describe('a validation summary', () => {
    it('names the missing agencies (H1) and the REGION report that differs (H2)', async () => {
      const result = await api.anonymous(`{ validation(agencyCode: "D", year: 2020) { reportsChecked failures { rule severity reports agencies { code } } coverage { missingCount } } }`);
      expect(result.data.validation).toEqual({
        reportsChecked: 6,
        failures: [
          { rule: 'H1', severity: 'WARNING', reports: 2, agencies: [{ code: 'P' }, { code: 'S2' }] },
          { rule: 'H2', severity: 'WARNING', reports: 1, agencies: [{ code: 'S2' }] },
        ],
        coverage: { missingCount: 2 },
      });
    });

    it('counts stored check failures under the node with the agencies to chase', async () => {
      const result = await api.anonymous(`{ validation(agencyCode: "D", year: 2021) { reportsChecked failures { rule severity reports agencies { code } } } }`);
      expect(result.data.validation).toEqual({
        reportsChecked: 6,
        failures: [
          { rule: 'H1', severity: 'WARNING', reports: 1, agencies: [{ code: 'C3' }] },
          { rule: 'S1', severity: 'WARNING', reports: 1, agencies: [{ code: 'C2' }] },
        ],
      });
    });
  });

  describe('an aggregate', () => {
    const AGGREGATE = /* GraphQL */ `
      query Aggregate($filter: AggregateFilter!, $groupBy: [GroupDimension!]!, $orderBy: SortOrder, $first: Int, $after: String) {
        aggregate(filter: $filter, groupBy: $groupBy, orderBy: $orderBy, first: $first, after: $after) {
          rows { keys { dimension value label } value reports } totalCount pageInfo { hasNextPage } estimatedCost
        }
      }
    `;

    it('sums a subtree by year over the tree of each year', async () => {
      const result = await api.anonymous(AGGREGATE, { filter: { subtreeOf: 'D', codes: [RECEIVED] }, groupBy: ['YEAR'] });
      expect(result.data.aggregate).toEqual({
        rows: [
          { keys: [{ dimension: 'YEAR', value: '2020', label: null }], value: '40', reports: 5 },
          { keys: [{ dimension: 'YEAR', value: '2021', label: null }], value: '30', reports: 6 },
        ],
        totalCount: 2,
        pageInfo: { hasNextPage: false },
        estimatedCost: 7 * 2 * 1,
      });
    });

    it('groups by the parent of each report’s year, and pages', async () => {
      const first = await api.anonymous(AGGREGATE, { filter: { years: [2021], codes: [RECEIVED] }, groupBy: ['PARENT'], first: 2 });
      expect(first.data.aggregate.rows).toEqual([
        { keys: [{ dimension: 'PARENT', value: '', label: null }], value: '2', reports: 1 },
        { keys: [{ dimension: 'PARENT', value: 'D', label: '机关D' }], value: '14', reports: 3 },
      ]);
      expect([first.data.aggregate.totalCount, first.data.aggregate.pageInfo.hasNextPage]).toEqual([4, true]);
      const cursor = (await api.anonymous(`query($f: AggregateFilter!) { aggregate(filter: $f, groupBy: [PARENT], first: 2) { pageInfo { endCursor } } }`, { f: { years: [2021], codes: [RECEIVED] } })).data.aggregate.pageInfo.endCursor;
      const second = await api.anonymous(AGGREGATE, { filter: { years: [2021], codes: [RECEIVED] }, groupBy: ['PARENT'], first: 2, after: cursor });
      expect(second.data.aggregate.rows.map((r: { keys: { value: string }[]; value: string }) => [r.keys[0].value, r.value])).toEqual([['S1', '6'], ['S2', '8']]);
    });

    it('groups by cell with catalogue labels, by value, and filters by kind', async () => {
      const byCode = await api.anonymous(AGGREGATE, {
        filter: { years: [2021], codes: ['applications.other_overdue_correction.total', 'applications.other_misc.total'] }, groupBy: ['CODE'], orderBy: 'DESC',
      });
      expect(byCode.data.aggregate.rows.map((r: { keys: { value: string; label: string }[]; value: string; reports: number }) => [r.keys[0].value, r.value, r.reports])).toEqual([
        ['applications.other_misc.total', '2', 2],
        ['applications.other_overdue_correction.total', '2', 1],
      ]);
      expect(byCode.data.aggregate.rows[0].keys[0].label).toContain('其他');
      const communities = await api.anonymous(AGGREGATE, { filter: { kinds: ['COMMUNITY'], years: [2020], codes: [RECEIVED] }, groupBy: ['KIND', 'FORMAT'] });
      expect(communities.data.aggregate.rows).toEqual([
        { keys: [{ dimension: 'KIND', value: 'COMMUNITY', label: null }, { dimension: 'FORMAT', value: 'F2019', label: null }], value: '29', reports: 3 },
      ]);
      const amounts = await api.anonymous(AGGREGATE, { filter: { codes: ['proactive.gov_central_procurement.amount'] }, groupBy: ['TABLE', 'ROW', 'COLUMN'] });
      expect(amounts.data.aggregate.rows).toEqual([{
        keys: [
          { dimension: 'TABLE', value: 'proactive', label: expect.any(String) },
          { dimension: 'ROW', value: 'proactive.gov_central_procurement', label: expect.any(String) },
          { dimension: 'COLUMN', value: 'amount', label: expect.any(String) },
        ],
        value: '42.21',
        reports: 1,
      }]);
    });

    it('refuses an aggregate above MAX_AGGREGATE_COST before running it', async () => {
      const result = await api.anonymous(AGGREGATE, { filter: { subtreeOf: 'D' }, groupBy: ['AGENCY'] });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'TOO_COSTLY', maxCost: 1000, agencies: 7, years: 2 });
      expect(result.errors?.[0].message).toMatch(/above the limit of 1000/);
    });

    it('refuses codes mixing counts and amounts, unknown codes and drafts without a token', async () => {
      const mixed = await api.anonymous(AGGREGATE, { filter: { codes: [RECEIVED, 'proactive.gov_central_procurement.amount'] }, groupBy: [] });
      expect(mixed.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
      const unknown = await api.anonymous(AGGREGATE, { filter: { codes: ['applications.nope.total'] }, groupBy: [] });
      expect(unknown.errors?.[0]).toMatchObject({ message: expect.stringContaining('"applications.nope.total"'), extensions: { code: 'VALIDATION_FAILED' } });
      const drafts = await api.anonymous(AGGREGATE, { filter: { status: 'DRAFT', codes: [RECEIVED] }, groupBy: [] });
      expect(drafts.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const draftsAdmin = await api.admin(AGGREGATE, { filter: { status: 'DRAFT', codes: [RECEIVED] }, groupBy: [] });
      expect(draftsAdmin.data.aggregate.rows).toEqual([{ keys: [], value: '30', reports: 1 }]);
    });
  });
});
