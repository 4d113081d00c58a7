/**
 * Demo data for a new database (DESIGN.md §5 `npm start`): the seed report of 咸丰路街道办事处 (2019),
 * read by the real importer, and a generated district with sub-districts, communities and departments
 * over 2019–2025 in both formats, with its deliberate check failures and missing reports.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Storage, SubmitReportCommand } from '../db/api';
import { ruleDef } from '../domain/catalogue';
import type { InterchangeDocument } from '../domain/interchange';
import { cellsToInterchange } from '../domain/report-values';
import { generateDistrict, mulberry32, type DistrictOptions, type SyntheticDistrict } from '../domain/synthetic';
import { parseText } from '../ingest';

/** The seed agency's code (a slug: the real 统一社会信用代码 is not in the document). */
export const SEED_AGENCY_CODE = 'xianfenglu';
export const SEED_AGENCY_NAME = '咸丰路街道办事处';

/** About 200 agencies × 7 years: large enough to show every part of the dashboard, quick to load. */
export const DEMO_DISTRICT: DistrictOptions = { subdistricts: 12, communitiesPerSubdistrict: [10, 18], departments: 20 };
const DEMO_SEED = 20191213;

export interface DemoSummary {
  readonly agencies: number;
  readonly reports: number;
  readonly drafts: number;
  readonly rootCode: string;
}

/** The seed document shipped with the code (a copy of shared/seed), found from this file's folder in src/ or dist/. */
export function seedDocumentText(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'src', 'demo', 'seed-xianfenglu-2019.txt');
    try {
      return readFileSync(candidate, 'utf8');
    } catch {
      // not at this level; keep walking up to the project root
    }
  }
  throw new Error('demo data: src/demo/seed-xianfenglu-2019.txt not found above ' + __dirname);
}

/**
 * Loads the seed report and a generated district into an EMPTY database through the Storage bulk
 * loads (one transaction each). A generated report that fails an ERROR rule on purpose is kept as a
 * DRAFT (as a clerk's unfinished report would be); the others are published.
 */
export async function loadDemoData(storage: Storage, options: DistrictOptions = DEMO_DISTRICT): Promise<DemoSummary> {
  const seed = parseText(seedDocumentText(), { filename: 'seed-xianfenglu-2019.txt' });
  if (!seed.ok) throw new Error(`demo data: the seed report no longer parses: ${seed.error.code} ${seed.error.message}`);
  await storage.upsertAgency({ code: SEED_AGENCY_CODE, name: SEED_AGENCY_NAME, kind: 'SUBDISTRICT', aliases: ['咸丰路街道'] });
  await storage.submitReport({
    agencyCode: SEED_AGENCY_CODE,
    document: { ...seed.document, agencyCode: SEED_AGENCY_CODE },
    submittedBy: 'demo-data',
    sourceName: 'seed-xianfenglu-2019.txt',
    publish: true,
  });

  const district = generateDistrict(mulberry32(DEMO_SEED), options);
  await storage.loadAgencies({
    agencies: district.agencies.map((a) => ({ code: a.code, name: a.name, kind: a.kind, nameFromYear: a.fromYear })),
    links: district.links.map((l) => ({ childCode: l.child, parentCode: l.parent, fromYear: l.fromYear, toYear: l.toYear })),
  });
  const commands = districtReportCommands(district);
  await storage.loadReports(commands);
  return {
    agencies: district.agencies.length + 1,
    reports: commands.length + 1,
    drafts: commands.filter((c) => !c.publish).length,
    rootCode: district.rootCode,
  };
}

/** The submit commands of a synthetic district's reports: published unless a defect breaks an ERROR rule. */
export function districtReportCommands(district: SyntheticDistrict): SubmitReportCommand[] {
  const names = new Map(district.agencies.map((a) => [a.code, a.name]));
  return district.reports.map((report) => {
    const breaksError = district.defects.some(
      (d) => d.agencyCode === report.agencyCode && d.year === report.year && d.rules.some((r) => ruleDef(r).severity === 'error'),
    );
    const document: InterchangeDocument = {
      format: report.format,
      year: report.year,
      agencyName: names.get(report.agencyCode) ?? null,
      agencyCode: report.agencyCode,
      publishedOn: report.publishedOn,
      scope: report.scope,
      cells: cellsToInterchange(report.format, report.cells),
      text: { overview: null, problems: null, other: null },
      statedFigures: report.statedFigures,
      diagnostics: [],
    };
    return { agencyCode: report.agencyCode, document, submittedBy: 'demo-data', sourceName: null, publish: !breaksError };
  });
}
