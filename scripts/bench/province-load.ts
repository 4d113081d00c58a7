/**
 * Loads a synthetic province (src/domain/synthetic/province.synthetic.ts) into a Storage through its
 * bulk loads, timing only the Storage calls (the generator runs between them, untimed): agencies and
 * links in one loadAgencies call, then the reports in chunks.
 */
import type { Storage, SubmitReportCommand } from '../../src/db/api';
import { checkAcrossYears, checkReport } from '../../src/domain/checks';
import type { AgencyKind, CheckSubject } from '../../src/domain/checks/types';
import type { InterchangeDocument } from '../../src/domain/interchange';
import { cellsToInterchange } from '../../src/domain/report-values';
import { generateProvince, mulberry32, type ProvinceItem } from '../../src/domain/synthetic';
import type { SyntheticReport } from '../../src/domain/synthetic/agencies.synthetic';

export const BENCH_YEARS: readonly number[] = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
export const BENCH_SEED = 20261128;

export interface ProvinceLoad {
  readonly agencies: number;
  readonly reports: number;
  readonly rootCode: string;
  /** A leaf (community or village) with a report in every year. */
  readonly leafCode: string;
  /** A node with about 30 children (a street, or a district), for the dashboard request. */
  readonly dashboardCode: string;
  readonly dashboardChildren: number;
  /** Seconds spent inside Storage calls. */
  readonly storageSeconds: number;
  readonly agencySeconds: number;
  readonly reportSeconds: number;
  /**
   * Seconds the checks alone take on the same reports (checkReport + checkAcrossYears, pure domain code,
   * run here outside Storage, on every 10th agency and scaled up): the part of the load no raw insert does.
   */
  readonly checkSeconds: number;
}

function* items(agencies: number): Generator<ProvinceItem> {
  yield* generateProvince(mulberry32(BENCH_SEED), { agencies, years: BENCH_YEARS });
}

function commandOf(report: SyntheticReport, name: string): SubmitReportCommand {
  const document: InterchangeDocument = {
    format: report.format, year: report.year, agencyName: name, agencyCode: report.agencyCode, publishedOn: report.publishedOn,
    scope: report.scope, cells: cellsToInterchange(report.format, report.cells), text: { overview: null, problems: null, other: null },
    statedFigures: report.statedFigures, diagnostics: [],
  };
  return { agencyCode: report.agencyCode, document, submittedBy: 'bench', sourceName: null, publish: true };
}

const CHECK_SAMPLE = 10;
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

export type LoadReports = (storage: Storage, commands: readonly SubmitReportCommand[]) => Promise<unknown>;

export async function loadProvince(
  storage: Storage,
  options: { readonly agencies: number; readonly chunk?: number; readonly progress?: (text: string) => void },
): Promise<ProvinceLoad> {
  const chunk = options.chunk ?? 20_000;
  // Pass 1: the agencies and their links (the generator is deterministic; reports are skipped here).
  const agencies: { code: string; name: string; kind: AgencyKind; nameFromYear: number }[] = [];
  const links: { childCode: string; parentCode: string | null; fromYear: number; toYear: number | null }[] = [];
  const childCount = new Map<string, number>();
  const names = new Map<string, string>();
  for (const item of items(options.agencies)) {
    if (item.kind !== 'agency') continue;
    const a = item.agency;
    agencies.push({ code: a.code, name: a.name, kind: a.kind, nameFromYear: a.fromYear });
    names.set(a.code, a.name);
    links.push({ childCode: a.code, parentCode: item.parentCode, fromYear: a.fromYear, toYear: a.toYear });
    if (item.parentCode) childCount.set(item.parentCode, (childCount.get(item.parentCode) ?? 0) + 1);
  }
  let start = process.hrtime.bigint();
  await storage.loadAgencies({ agencies, links });
  const agencySeconds = seconds(start);
  options.progress?.(`agencies ${agencies.length} in ${agencySeconds.toFixed(1)} s`);

  // Pass 2: the reports, in chunks.
  let reportSeconds = 0;
  let checkSeconds = 0;
  let reports = 0;
  const kinds = new Map(agencies.map((a) => [a.code, a.kind]));
  let previous: CheckSubject | null = null;
  // The checks alone are timed on every CHECK_SAMPLE-th agency (all its years) and scaled up.
  let agencyIndex = 0;
  let sampledAgency = false;
  let sampledReports = 0;
  let batch: SubmitReportCommand[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    start = process.hrtime.bigint();
    await storage.loadReports(batch);
    reportSeconds += seconds(start);
    reports += batch.length;
    batch = [];
    options.progress?.(`reports ${reports} in ${reportSeconds.toFixed(1)} s`);
  };
  for (const item of items(options.agencies)) {
    if (item.kind !== 'report') continue;
    const r = item.report;
    if (r.year === BENCH_YEARS[0]) sampledAgency = agencyIndex++ % CHECK_SAMPLE === 0;
    if (sampledAgency) {
      const subject: CheckSubject = { format: r.format, year: r.year, agencyKind: kinds.get(r.agencyCode)!, publishedOn: r.publishedOn, cells: r.cells, statedFigures: r.statedFigures };
      const checkStart = process.hrtime.bigint();
      checkReport(subject);
      checkAcrossYears(subject, previous !== null && previous.year === r.year - 1 ? previous : null);
      checkSeconds += seconds(checkStart);
      sampledReports += 1;
      // Reports of one agency come in year order: the one before is last year's of the same agency.
      previous = r.year === BENCH_YEARS[BENCH_YEARS.length - 1] ? null : subject;
    }
    batch.push(commandOf(item.report, names.get(item.report.agencyCode) ?? item.report.agencyCode));
    if (batch.length >= chunk) await flush();
  }
  await flush();

  const root = agencies[0].code;
  const leaf = agencies.find((a) => a.kind === 'COMMUNITY' || a.kind === 'VILLAGE')?.code ?? agencies[agencies.length - 1].code;
  // The node whose child count is nearest 30 (the dashboard's "node with ~30 children").
  let dashboardCode = root;
  let best = Infinity;
  for (const [code, count] of childCount) {
    if (Math.abs(count - 30) < best) {
      best = Math.abs(count - 30);
      dashboardCode = code;
    }
  }
  return {
    agencies: agencies.length, reports, rootCode: root, leafCode: leaf, dashboardCode, dashboardChildren: childCount.get(dashboardCode) ?? 0,
    storageSeconds: agencySeconds + reportSeconds, agencySeconds, reportSeconds,
    checkSeconds: sampledReports > 0 ? (checkSeconds * reports) / sampledReports : 0,
  };
}
