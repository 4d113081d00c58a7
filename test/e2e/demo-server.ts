/**
 * A running server for the browser tests and for looking at the dashboard by hand: the real express
 * app on an ephemeral port over a fresh SQLite file filled with a small generated district
 * (src/domain/synthetic), loaded through Storage as an import would be.
 *
 * By hand: `npx ts-node --swc test/e2e/demo-server.ts [PORT]` serves until interrupted.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { openStorage, type Storage } from '../../src/db';
import type { InterchangeDocument } from '../../src/domain/interchange';
import { cellsToInterchange } from '../../src/domain/report-values';
import { generateDistrict, mulberry32, type DistrictOptions, type SyntheticDistrict } from '../../src/domain/synthetic';
import { startServer } from '../../src/server';

/** Small enough to load in a few seconds, large enough to show every part of the page. */
export const SMALL_DISTRICT: DistrictOptions = { subdistricts: 4, communitiesPerSubdistrict: [3, 5], departments: 6 };

export interface DemoServer {
  readonly url: string;
  readonly storage: Storage;
  readonly district: SyntheticDistrict;
  close(): Promise<void>;
}

/**
 * Writes the district through Storage: agencies, the end of merged agencies, their dated links,
 * and every report published (a deliberate ERROR defect is published with its failure accepted,
 * as a district clerk would, so that the validation panel has something to show).
 */
export async function loadDistrict(storage: Storage, district: SyntheticDistrict): Promise<void> {
  const byCode = new Map(district.agencies.map((a) => [a.code, a]));
  for (const agency of district.agencies) {
    await storage.upsertAgency({ code: agency.code, name: agency.name, kind: agency.kind });
  }
  // Ends first, links after: ending an agency after its children were moved away drops them from
  // the ancestors' subtree in the later years (seen 2026-11-28; reported to the storage layer).
  for (const agency of district.agencies) {
    if (agency.toYear !== null) await storage.endAgency({ code: agency.code, lastYear: agency.toYear });
  }
  for (const link of district.links) {
    await storage.setParent({ childCode: link.child, parentCode: link.parent, fromYear: link.fromYear, toYear: link.toYear });
  }
  for (const report of district.reports) {
    const document: InterchangeDocument = {
      format: report.format,
      year: report.year,
      agencyName: byCode.get(report.agencyCode)?.name ?? null,
      agencyCode: report.agencyCode,
      publishedOn: report.publishedOn,
      scope: report.scope,
      cells: cellsToInterchange(report.format, report.cells),
      text: { overview: '总体情况', problems: null, other: null },
      statedFigures: report.statedFigures,
      diagnostics: [],
    };
    const accepted = district.defects
      .filter((d) => d.agencyCode === report.agencyCode && d.year === report.year)
      .flatMap((d) => d.rules.filter((rule) => ['A1', 'A2', 'A3', 'R1', 'N1'].includes(rule)));
    await storage.submitReport({
      agencyCode: report.agencyCode,
      document,
      submittedBy: 'demo',
      sourceName: null,
      publish: report.status === 'PUBLISHED',
      acceptFailures: accepted,
    });
  }
}

export async function startDemoServer(options: { port?: number; seed?: number; district?: DistrictOptions } = {}): Promise<DemoServer> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'xxgk-e2e-'));
  const url = `sqlite:${path.join(directory, 'demo.sqlite')}`;
  const config = loadConfig({ DATABASE_URL: url, DEMO_DATA: 'false', NODE_ENV: 'test' });
  const storage = await openStorage({ url, migrate: true, logging: false });
  const district = generateDistrict(mulberry32(options.seed ?? 20261128), options.district ?? SMALL_DISTRICT);
  try {
    await loadDistrict(storage, district);
  } catch (error) {
    await storage.close();
    throw error;
  }
  const server = await startServer(storage, config, { port: options.port ?? 0, host: '127.0.0.1', logError: () => undefined });
  return {
    url: server.url,
    storage,
    district,
    async close() {
      await server.close();
      await storage.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

if (require.main === module) {
  const started = Date.now();
  startDemoServer({ port: Number(process.argv[2] ?? 4100) })
    .then((demo) => {
      console.log(`demo district loaded in ${Date.now() - started} ms: ${demo.url}/dashboard/`);
      process.once('SIGINT', () => void demo.close().then(() => process.exit(0)));
      process.once('SIGTERM', () => void demo.close().then(() => process.exit(0)));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
