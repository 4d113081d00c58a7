import { readFileSync } from 'node:fs';
import path from 'node:path';
import { countRows, openStorage, type Storage } from '../../src/db';
import { importDocument, type AcceptedImport, type DocumentImport, type ImportOptions } from '../../src/import';
import { describeEachEngine } from '../support/databases';
import { a2BreakingJson, EDITED_SEED_TEXT, HEADINGS_ONLY_TEXT, SEED_NAME, SEED_TEXT } from './import-fixtures';

const CLERK: ImportOptions = { submittedBy: 'cli:clerk' };

function accepted(result: DocumentImport): AcceptedImport {
  if (result.outcome === 'REJECTED') throw new Error(`expected the document to be accepted; rejected: ${JSON.stringify(result.reasons)}`);
  return result;
}

const failedRules = (checks: readonly { rule: string; passed: boolean }[]) => [...new Set(checks.filter((c) => !c.passed).map((c) => c.rule))];

describeEachEngine('importing one document', (engine) => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await openStorage({ url: await engine.url() });
    await storage.upsertAgency({ code: 'XFL', name: SEED_NAME, kind: 'SUBDISTRICT', aliases: ['咸丰路街道'] });
  });
  afterEach(() => storage.close());

  const importText = (content: string | Buffer, filename = 'seed.txt', options: Partial<ImportOptions> = {}) =>
    importDocument(storage, { content, filename }, { ...CLERK, ...options });

  describe('the seed report', () => {
    it('is created for the agency its name matches, with its exact amount, items and provenance', async () => {
      const result = accepted(await importText(SEED_TEXT));
      expect(result.outcome).toBe('CREATED');
      expect(result.agency).toMatchObject({ code: 'XFL', name: SEED_NAME });
      expect(result.agencyCreated).toBe(false);
      expect(result.document.cells['proactive.gov_central_procurement.amount']).toBe('42.21');
      const report = result.report!;
      expect(report.cells['proactive.gov_central_procurement.items']).toBe(19);
      // 42.21 万元 in 分
      expect(report.cells['proactive.gov_central_procurement.amount']).toBe(42_210_000);
      expect(report).toMatchObject({ year: 2019, format: 'F2019', status: 'DRAFT', revision: 1, publishedOn: '2020-01-13' });
      expect(report.provenance).toMatchObject({ sourceName: 'seed.txt', submittedBy: 'cli:clerk' });
      expect(failedRules(result.checks)).toEqual([]);
    });

    it('is matched by a recorded alias as well as by the exact name', async () => {
      const aliased = SEED_TEXT.replaceAll(SEED_NAME, '咸丰路街道');
      const result = accepted(await importText(aliased));
      expect(result.document.agencyName).toBe('咸丰路街道');
      expect(result.agency.code).toBe('XFL');
    });

    it('imported again is UNCHANGED and makes no new revision', async () => {
      const first = accepted(await importText(SEED_TEXT));
      const before = await countRows(storage);
      const again = accepted(await importText(SEED_TEXT, 'copy-of-seed.txt'));
      expect(again.outcome).toBe('UNCHANGED');
      expect(again.report).toEqual(first.report);
      expect(await countRows(storage)).toEqual(before);
      expect(await storage.revisionsOf([first.report!.id])).toEqual([[expect.objectContaining({ revision: 1, action: 'submitted' })]]);
    });

    it('edited and imported again is UPDATED, with 2 revisions', async () => {
      const first = accepted(await importText(SEED_TEXT));
      const edited = accepted(await importText(EDITED_SEED_TEXT, 'seed-corrected.txt'));
      expect(edited.outcome).toBe('UPDATED');
      expect(edited.report!.cells['proactive.gov_central_procurement.amount']).toBe(50_000_000);
      expect(edited.report!.provenance.sourceName).toBe('seed-corrected.txt');
      const [revisions] = await storage.revisionsOf([first.report!.id]);
      expect(revisions.map((r) => [r.revision, r.action])).toEqual([[1, 'submitted'], [2, 'updated']]);
    });

    it('is published with publish, as it passes every ERROR check', async () => {
      const result = accepted(await importText(SEED_TEXT, 'seed.txt', { publish: true }));
      expect(result.report!.status).toBe('PUBLISHED');
      expect(result.status).toBe('PUBLISHED');
    });

    it('is bound to the given agency and year when overridden', async () => {
      await storage.upsertAgency({ code: 'OTHER', name: '另一个街道办事处', kind: 'SUBDISTRICT' });
      const result = accepted(await importText(SEED_TEXT, 'seed.txt', { agencyCode: 'OTHER', year: 2020 }));
      expect(result.agency.code).toBe('OTHER');
      expect(result.report).toMatchObject({ agencyCode: 'OTHER', year: 2020 });
    });
  });

  describe('a document with a local row the format lacks', () => {
    it('is stored without the extension cells, which an info diagnostic names', async () => {
      await storage.upsertAgency({ code: 'EDU', name: '东湖区教育局', kind: 'DEPARTMENT' });
      const text = readFileSync(path.join(__dirname, '..', 'fixtures', 'ingest', 'l1-f2019-extension-row.txt'), 'utf8');
      const result = accepted(await importText(text, 'l1.txt'));
      expect(result.outcome).toBe('CREATED');
      expect(Object.keys(result.report!.cells).some((code) => code.includes('.ext_'))).toBe(false);
      expect(result.diagnostics).toContainEqual({
        severity: 'info',
        code: 'EXTENSION_CELLS_NOT_STORED',
        message: expect.stringContaining('proactive.ext_5176_4ed6_4e3b_52a8_516c_5f00_6587_4ef6.new_made'),
      });
    });
  });

  describe('a document failing an ERROR check', () => {
    it('is stored as a DRAFT with its A2 failure, even when publishing was asked for', async () => {
      const result = accepted(await importText(await a2BreakingJson(), 'broken.json', { publish: true }));
      expect(result.outcome).toBe('CREATED');
      expect(result.failingErrors).toEqual(['A2']);
      expect(result.report!.status).toBe('DRAFT');
      // T1: the text still says 0 applications were received (a warning)
      expect(failedRules(result.report!.checks)).toEqual(['A2', 'T1']);
      expect(result.report!.checks.filter((c) => c.severity === 'error')).toEqual([
        expect.objectContaining({ rule: 'A2', severity: 'error', passed: false, cells: expect.arrayContaining(['applications.new_received.natural_person']) }),
        expect.objectContaining({ rule: 'A2', severity: 'error', passed: false, cells: expect.arrayContaining(['applications.new_received.total']) }),
      ]);
    });
  });

  describe('rejection: nothing is stored', () => {
    it('rejects a document with headings but no table (L9), with the reason', async () => {
      const before = await countRows(storage);
      const result = await importText(HEADINGS_ONLY_TEXT, 'l9.txt');
      expect(result).toMatchObject({ outcome: 'REJECTED', source: 'l9.txt', document: null, reasons: [{ code: 'NO_TABLE_FOUND', message: expect.stringContaining('no report table was found') }] });
      expect(await countRows(storage)).toEqual(before);
    });

    it('rejects a document with an ERROR diagnostic, naming it', async () => {
      const seed = JSON.parse(await a2BreakingJson());
      const withError = JSON.stringify({
        ...seed,
        diagnostics: [{ severity: 'error', code: 'VALUE_INVALID', cell: 'appeals.review.total', message: 'not a number: "x"', location: { line: 57 } }],
      });
      const result = await importText(withError, 'bad-value.json');
      expect(result).toMatchObject({ outcome: 'REJECTED', reasons: [{ code: 'VALUE_INVALID', message: 'not a number: "x" (line 57)' }] });
      expect(await storage.reportsOfAgencies([(await storage.agenciesByCode(['XFL']))[0]!.id])).toEqual([[]]);
    });

    it('rejects a document whose year is unknown unless one is given', async () => {
      const noYear = await a2BreakingJson({ year: null });
      expect(await importText(noYear, 'no-year.json')).toMatchObject({ outcome: 'REJECTED', reasons: [{ code: 'YEAR_MISSING' }] });
      expect(accepted(await importText(noYear, 'no-year.json', { year: 2019 })).outcome).toBe('CREATED');
    });
  });

  describe('agencies', () => {
    const UNKNOWN = SEED_TEXT.replaceAll(SEED_NAME, '新华街道办事处');

    it('rejects a document of an unknown agency, nothing stored', async () => {
      const before = await countRows(storage);
      const result = await importText(UNKNOWN);
      expect(result).toMatchObject({ outcome: 'REJECTED', reasons: [{ code: 'AGENCY_UNKNOWN', message: expect.stringContaining('新华街道办事处') }] });
      expect(await countRows(storage)).toEqual(before);
      expect(await storage.agencyByName('新华街道办事处')).toBeNull();
    });

    it('creates the unknown agency with createAgencies, kind guessed from its name', async () => {
      const result = accepted(await importText(UNKNOWN, 'xinhua.txt', { createAgencies: true }));
      expect(result.outcome).toBe('CREATED');
      expect(result.agencyCreated).toBe(true);
      const created = await storage.agencyByName('新华街道办事处');
      expect(created).toMatchObject({ code: result.agency.code, kind: 'SUBDISTRICT' });
      expect(result.report!.agencyCode).toBe(created!.code);
      // the same name finds the agency it created: no second agency
      const again = accepted(await importText(UNKNOWN, 'xinhua.txt', { createAgencies: true }));
      expect(again).toMatchObject({ outcome: 'UNCHANGED', agencyCreated: false, agency: { code: created!.code } });
    });

    it('rejects an unknown agency code given as override', async () => {
      expect(await importText(SEED_TEXT, 'seed.txt', { agencyCode: 'NOPE' })).toMatchObject({ outcome: 'REJECTED', reasons: [{ code: 'AGENCY_UNKNOWN' }] });
    });
  });

  describe('dry run', () => {
    it('says what would happen and writes nothing', async () => {
      const before = await countRows(storage);
      const created = accepted(await importText(SEED_TEXT, 'seed.txt', { dryRun: true }));
      expect(created).toMatchObject({ outcome: 'CREATED', dryRun: true, status: 'DRAFT', report: null });
      expect(await countRows(storage)).toEqual(before);

      await importText(SEED_TEXT);
      expect(accepted(await importText(SEED_TEXT, 'seed.txt', { dryRun: true })).outcome).toBe('UNCHANGED');
      expect(accepted(await importText(EDITED_SEED_TEXT, 'seed.txt', { dryRun: true })).outcome).toBe('UPDATED');
      expect(accepted(await importText(SEED_TEXT, 'seed.txt', { dryRun: true, publish: true }))).toMatchObject({ outcome: 'UPDATED', status: 'PUBLISHED' });
      const unknown = SEED_TEXT.replaceAll(SEED_NAME, '新华街道办事处');
      expect(accepted(await importText(unknown, 'x.txt', { dryRun: true, createAgencies: true }))).toMatchObject({ outcome: 'CREATED', agencyCreated: true });
      expect(await storage.agencyByName('新华街道办事处')).toBeNull();
    });
  });
});
