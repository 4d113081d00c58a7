/**
 * Tiny factories for export tests: storage records built from interchange documents, without a
 * database (the renderers only read records).
 */
import type { AgencyRecord, ReportRecord, PlainRollup, RollupRecord, Storage } from '../../src/db/api';
import { cellTotalsOf } from '../../src/domain/rollup';
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

export function makeRollup(year: number, sums: Record<string, number>, options: Partial<PlainRollup> = {}): RollupRecord {
  const plain: PlainRollup = {
    agencyId: 1,
    year,
    sums,
    cellReporters: Object.fromEntries(Object.keys(sums).map((code) => [code, 1])),
    reportersByFormat: { F2019: year < 2021 ? 1 : 0, F2021: year >= 2021 ? 1 : 0 },
    expected: 1,
    reported: 1,
    ...options,
  };
  return { ...plain, ...cellTotalsOf(plain) };
}

/**
 * A district d1 (和平区) with two sub-districts from 2019: s1 publishes the seed report (19 items,
 * 42.21 万元 of procurement), s2 the same figures but 1 item for 0.5 万元; d1 itself has no report.
 */
export async function loadDistrict(storage: Storage): Promise<void> {
  await storage.upsertAgency({ code: 'd1', name: '和平区', kind: 'DISTRICT' });
  for (const [code, name] of [['s1', '咸丰路街道办事处'], ['s2', '东湖街道办事处']] as const) {
    await storage.upsertAgency({ code, name, kind: 'SUBDISTRICT' });
    await storage.setParent({ childCode: code, parentCode: 'd1', fromYear: 2019, toYear: null });
  }
  const seed = seedDocument();
  await storage.submitReport({ agencyCode: 's1', document: { ...seed, agencyCode: 's1' }, submittedBy: 'test', sourceName: null, publish: true });
  const cells = { ...seed.cells, 'proactive.gov_central_procurement.items': 1, 'proactive.gov_central_procurement.amount': '0.5' };
  await storage.submitReport({ agencyCode: 's2', document: { ...seed, agencyName: '东湖街道办事处', agencyCode: 's2', cells }, submittedBy: 'test', sourceName: null, publish: true });
}
