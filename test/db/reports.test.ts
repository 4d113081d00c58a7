import { countRows, openStorage, type Storage } from '../../src/db';
import { cellsOf } from '../../src/domain/catalogue';
import { describeEachEngine } from '../support/databases';
import { makeDocument } from './report-fixtures';

describeEachEngine('reports', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await openStorage({ url: await engine.url() });
    await storage.upsertAgency({ code: 'D', name: '区政府', kind: 'DISTRICT' });
    await storage.upsertAgency({ code: 'S', name: '街道', kind: 'SUBDISTRICT' });
    await storage.setParent({ childCode: 'S', parentCode: 'D', fromYear: 2019, toYear: null });
  });
  afterAll(() => storage.close());

  const submit = (document = makeDocument(), extra: Partial<Parameters<Storage['submitReport']>[0]> = {}) =>
    storage.submitReport({ agencyCode: 'S', document, submittedBy: 'clerk', sourceName: 'report.docx', ...extra });

  describe('compact cells', () => {
    it('stores an all-zero report without a single cell row and reads every zero back', async () => {
      const before = await countRows(storage);
      const { outcome, report } = await submit(makeDocument({ year: 2019, format: 'F2019' }));
      const after = await countRows(storage);
      expect(outcome).toBe('CREATED');
      expect(after.report_cell - before.report_cell).toBe(0);
      expect(report.cells).toEqual(Object.fromEntries(cellsOf('F2019').map((c) => [c.code, 0])));
    });

    it('keeps 0, blank and absent apart, and amounts exact to the 分', async () => {
      const document = makeDocument({
        year: 2020, format: 'F2019',
        cells: {
          'proactive.regulations.new_made': null,
          'proactive.regulations.new_published': undefined,
          'proactive.gov_central_procurement.amount': '42.210001',
          'proactive.admin_licensing.change': -3,
          'appeals.review.total': 0,
        },
      });
      const { report } = await submit(document);
      const [reread] = await storage.reportsByAgencyYear([{ agencyId: report.agencyId, year: 2020 }]);
      expect(reread!.cells['proactive.regulations.new_made']).toBeNull();
      expect('proactive.regulations.new_published' in reread!.cells).toBe(false);
      expect(reread!.cells['proactive.gov_central_procurement.amount']).toBe(42_210_001);
      expect(reread!.cells['proactive.admin_licensing.change']).toBe(-3);
      expect(reread!.cells['appeals.review.total']).toBe(0);
      expect(Object.keys(reread!.cells)).toHaveLength(cellsOf('F2019').length - 1);
      expect(reread).toEqual(report);
    });

    it('stores one cell row per non-zero value only', async () => {
      const before = await countRows(storage);
      await submit(makeDocument({ year: 2021, received: 4 }));
      const after = await countRows(storage);
      // natural_person and total of new_received, granted and total_handled
      expect(after.report_cell - before.report_cell).toBe(6);
    });
  });

  describe('submitting and publishing', () => {
    it('creates a draft with provenance and one revision, then ignores identical content', async () => {
      const first = await submit(makeDocument({ year: 2022, received: 2 }));
      expect(first.report).toMatchObject({
        agencyCode: 'S', year: 2022, format: 'F2021', status: 'DRAFT', scope: 'OWN', revision: 1,
        provenance: { sourceName: 'report.docx', submittedBy: 'clerk', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
        acceptedFailures: [], text: { overview: '总体情况', problems: null, other: null },
      });
      const rowsBefore = await countRows(storage);
      const again = await submit(makeDocument({ year: 2022, received: 2 }), { sourceName: 'same-content.html' });
      expect({ outcome: again.outcome, report: again.report }).toEqual({ outcome: 'UNCHANGED', report: first.report });
      expect(await countRows(storage)).toEqual(rowsBefore);
      expect((await storage.revisionsOf([first.report.id]))[0]).toHaveLength(1);
    });

    it('updates with a new revision and keeps every former one', async () => {
      const updated = await submit(makeDocument({ year: 2022, received: 5 }), { expectedRevision: 1 });
      expect([updated.outcome, updated.report.revision, updated.report.cells['applications.granted.total']]).toEqual(['UPDATED', 2, 5]);
      const [revisions] = await storage.revisionsOf([updated.report.id]);
      expect(revisions.map((r) => [r.revision, r.action, r.status, r.cells['applications.granted.total']])).toEqual([
        [1, 'submitted', 'DRAFT', 2],
        [2, 'updated', 'DRAFT', 5],
      ]);
    });

    it('refuses a stale revision with CONFLICT and writes nothing', async () => {
      const before = await countRows(storage);
      await expect(submit(makeDocument({ year: 2022, received: 9 }), { expectedRevision: 1 })).rejects.toMatchObject({
        code: 'CONFLICT', details: { expected: '1', received: '2', actual: 2 },
      });
      expect(await countRows(storage)).toEqual(before);
    });

    it('publishes at once when asked and no ERROR check fails', async () => {
      const { report } = await submit(makeDocument({ year: 2022, received: 5 }), { publish: true });
      expect([report.status, report.revision]).toEqual(['PUBLISHED', 3]);
      const [revisions] = await storage.revisionsOf([report.id]);
      expect(revisions.map((r) => r.action)).toEqual(['submitted', 'updated', 'published']);
    });

    it('blocks publishing while an ERROR check fails, writing nothing, and keeps it as a draft when not publishing', async () => {
      const broken = makeDocument({ year: 2023, received: 3, cells: { 'applications.new_received.total': 5 } });
      const before = await countRows(storage);
      await expect(submit(broken, { publish: true })).rejects.toMatchObject({ code: 'PUBLISH_BLOCKED', details: { rules: expect.arrayContaining(['A1']) } });
      expect(await countRows(storage)).toEqual(before);

      const draft = await submit(broken);
      expect(draft.report.status).toBe('DRAFT');
      expect(draft.report.checks.filter((c) => c.severity === 'error').map((c) => c.rule)).toEqual(expect.arrayContaining(['A1', 'A2']));
      await expect(storage.publishReport({ agencyCode: 'S', year: 2023, publishedBy: 'boss', acceptFailures: ['A1'] })).rejects.toMatchObject({
        code: 'PUBLISH_BLOCKED', details: { rules: ['A2'] },
      });
      const published = await storage.publishReport({ agencyCode: 'S', year: 2023, publishedBy: 'boss', acceptFailures: ['A1', 'A2'], expectedRevision: 1 });
      expect([published.status, published.revision, published.acceptedFailures]).toEqual(['PUBLISHED', 2, ['A1', 'A2']]);
    });

    it('summarises the failing checks of a subtree by rule', async () => {
      const [d] = await storage.agenciesByCode(['D']);
      const [summary, clean] = await storage.checkFailures([{ agencyId: d!.id, year: 2023 }, { agencyId: d!.id, year: 2019 }]);
      expect(summary.filter((f) => f.severity === 'error')).toEqual([
        { rule: 'A1', severity: 'error', reports: 1 },
        { rule: 'A2', severity: 'error', reports: 1 },
      ]);
      expect(clean.filter((f) => f.severity === 'error')).toEqual([]);
    });

    it('refuses documents that are not reports, naming the field, and writes nothing', async () => {
      const before = await countRows(storage);
      const cases: [unknown, string][] = [
        [{ ...makeDocument(), format: null }, 'document.format'],
        [{ ...makeDocument(), year: 1899 }, 'document.year'],
        [{ ...makeDocument(), publishedOn: '2024-13-01' }, 'document.publishedOn'],
        [makeDocument({ cells: { 'applications.granted.nonsense': 1 } }), 'document.cells.applications.granted.nonsense'],
        [makeDocument({ cells: { 'proactive.admin_fees.amount': '1.2345678' } }), 'document.cells.proactive.admin_fees.amount'],
        [makeDocument({ cells: { 'appeals.review.total': 1.5 } }), 'document.cells.appeals.review.total'],
      ];
      for (const [document, field] of cases) {
        await expect(submit(document as never)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
      }
      await expect(storage.submitReport({ agencyCode: 'nobody', document: makeDocument(), submittedBy: null, sourceName: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(storage.publishReport({ agencyCode: 'S', year: 2030, publishedBy: null, acceptFailures: [] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await countRows(storage)).toEqual(before);
    });

    it('reads reports in batches aligned with the keys, with a constant number of statements', async () => {
      const [s] = await storage.agenciesByCode(['S']);
      const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ agencyId: s!.id, year: 2018 + (i % 8) }));
      storage.statements.reset();
      const three = await storage.reportsByAgencyYear(keys(3));
      const forThree = storage.statements.count();
      storage.statements.reset();
      const thirty = await storage.reportsByAgencyYear(keys(30));
      expect(storage.statements.count()).toBe(forThree);
      expect(three.map((r) => r?.year ?? null)).toEqual([null, 2019, 2020]);
      expect(thirty.slice(0, 8).map((r) => r?.year ?? null)).toEqual([null, 2019, 2020, 2021, 2022, 2023, null, null]);
      const [all] = await storage.reportsOfAgencies([s!.id]);
      expect(all.map((r) => r.year)).toEqual([2019, 2020, 2021, 2022, 2023]);
    });

    it('serialises concurrent writes: one of two racing updates from the same revision conflicts', async () => {
      const results = await Promise.allSettled([
        submit(makeDocument({ year: 2021, received: 7 }), { expectedRevision: 1 }),
        submit(makeDocument({ year: 2021, received: 8 }), { expectedRevision: 1 }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await storage.verifyRollups()).toEqual({ differences: [] });
    });
  });
});
