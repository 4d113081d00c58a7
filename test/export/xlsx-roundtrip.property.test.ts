/**
 * Export → import: a report exported in the national layout (.xlsx) and read by our own importer
 * (src/ingest parseDocument) gives back the same cells, format, year, agency and publication date,
 * for generated reports of both formats (blank rows, blank tables, absent sub-tables and tables).
 */
import fc from 'fast-check';
import { reportXlsx } from '../../src/export';
import { parseDocument } from '../../src/ingest';
import { reportArb } from '../support/arbitraries';
import { expectedCells } from '../support/render/table-model';
import { makeAgency, makeReport, SEED_AGENCY, seedDocument, seedReport } from './export-fixtures';

describe('an exported report read back by the importer', () => {
  it('gives back the seed report', async () => {
    const parsed = await parseDocument(await reportXlsx(SEED_AGENCY, seedReport()), 'seed.xlsx');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const seed = seedDocument();
    expect({ ...parsed.document, diagnostics: [] }).toEqual({ ...seed, diagnostics: [] });
    expect(parsed.document.diagnostics.map((d) => d.code)).toEqual(['UNIT_ASSUMED']);
  });

  for (const format of ['F2019', 'F2021'] as const) {
    it(`gives back the same cells for generated ${format} reports`, async () => {
      await fc.assert(
        fc.asyncProperty(reportArb(format), async (input) => {
          const agency = makeAgency('a1', input.agencyName);
          const report = makeReport(agency, {
            format: input.format, year: input.year, agencyName: input.agencyName, agencyCode: agency.code, publishedOn: input.publishedOn,
            cells: input.cells, text: {}, statedFigures: {}, diagnostics: [],
          });
          const parsed = await parseDocument(await reportXlsx(agency, report), 'report.xlsx');
          if (!parsed.ok) throw new Error(`${parsed.error.code}: ${parsed.error.message}`);
          const { format: readFormat, year, agencyName, publishedOn, cells } = parsed.document;
          expect({ format: readFormat, year, agencyName, publishedOn, cells }).toEqual({
            format: input.format, year: input.year, agencyName: input.agencyName, publishedOn: input.publishedOn, cells: expectedCells(input),
          });
        }),
        { numRuns: 15 },
      );
    });
  }
});
