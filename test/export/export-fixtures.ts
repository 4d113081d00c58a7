/**
 * Tiny factories for export tests: storage records built from interchange documents, without a
 * database (the renderers only read records).
 */
import type { AgencyRecord, ReportRecord, RollupRecord } from '../../src/db/api';
import type { AgencyKind } from '../../src/domain/checks/types';
import type { InterchangeDocument } from '../../src/domain/interchange';
import { cellsFromInterchange } from '../../src/domain/report-values';
import { seedDocumentText } from '../../src/demo/demo-data';
import { parseText } from '../../src/ingest';

export function makeAgency(code: string, name: string, kind: AgencyKind = 'SUBDISTRICT', id = 1): AgencyRecord {
  return { id, code, name, kind, aliases: [] };
}

export function makeReport(agency: AgencyRecord, document: InterchangeDocument): ReportRecord {
  const { values, problems } = cellsFromInterchange(document.format!, document.cells);
  if (problems.length > 0) throw new Error(`makeReport: ${JSON.stringify(problems)}`);
  return {
    id: agency.id,
    agencyId: agency.id,
    agencyCode: agency.code,
    year: document.year!,
    format: document.format!,
    status: document.status ?? 'PUBLISHED',
    scope: document.scope ?? 'OWN',
    publishedOn: document.publishedOn,
    text: document.text,
    statedFigures: document.statedFigures,
    cells: values,
    revision: 1,
    provenance: { sourceName: null, contentHash: 'x', submittedBy: null, submittedAt: new Date(0) },
    checks: [],
    acceptedFailures: [],
    diagnostics: [],
  };
}

/** The seed report (咸丰路街道办事处 2019, F2019) as the importer reads it. */
export function seedDocument(): InterchangeDocument {
  const parsed = parseText(seedDocumentText());
  if (!parsed.ok) throw new Error(`the seed does not parse: ${parsed.error.message}`);
  return parsed.document;
}

export const SEED_AGENCY = makeAgency('xianfenglu', '咸丰路街道办事处');

export function seedReport(): ReportRecord {
  return makeReport(SEED_AGENCY, seedDocument());
}

export function makeRollup(year: number, sums: Record<string, number>, options: Partial<RollupRecord> = {}): RollupRecord {
  return {
    agencyId: 1,
    year,
    sums,
    cellReporters: Object.fromEntries(Object.keys(sums).map((code) => [code, 1])),
    reportersByFormat: { F2019: year < 2021 ? 1 : 0, F2021: year >= 2021 ? 1 : 0 },
    expected: 1,
    reported: 1,
    ...options,
  };
}
