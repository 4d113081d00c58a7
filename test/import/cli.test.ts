/**
 * `npm run import` end to end: the real script in a child process, on a SQLite file. Spawned runs
 * cost seconds each, so there are two.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStorage } from '../../src/db';
import { a2BreakingJson, HEADINGS_ONLY_TEXT, SEED_TEXT } from './import-fixtures';

const ROOT = path.resolve(__dirname, '..', '..');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runImport(args: readonly string[], databaseUrl: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['ts-node', '--swc', 'scripts/import.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' }, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run import', () => {
  let dir: string;
  let databaseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'xxgk-import-'));
    databaseUrl = `sqlite:${path.join(dir, 'db', 'xxgk.sqlite')}`;
    mkdirSync(path.join(dir, 'reports', 'nested'), { recursive: true });
    writeFileSync(path.join(dir, 'reports', 'seed.txt'), SEED_TEXT);
    writeFileSync(path.join(dir, 'reports', 'nested', 'broken-2020.json'), await a2BreakingJson({ year: 2020, publishedOn: '2021-01-10' }));
    writeFileSync(path.join(dir, 'reports', 'headings-only.txt'), HEADINGS_ONLY_TEXT);
    writeFileSync(path.join(dir, 'reports', 'notes.md.bak'), 'not a report: skipped in a directory');
    writeFileSync(path.join(dir, 'agencies.csv'), 'code,name,kind,parent_code,valid_from,valid_to\nD,新区人民政府,DISTRICT,,2019,\nXFL,咸丰路街道办事处,SUBDISTRICT,D,2019,\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the agencies, imports a directory, prints the summary and exits 1 when a document was rejected', async () => {
    const run = await runImport(['--agencies', path.join(dir, 'agencies.csv'), '--publish', path.join(dir, 'reports')], databaseUrl);
    const reports = path.join(dir, 'reports');
    expect(run.stdout).toBe(
      [
        `${path.join(dir, 'agencies.csv')}: 2 agencies and 2 parent links loaded`,
        'Import summary',
        `  ${path.join(reports, 'headings-only.txt')}: REJECTED (NO_TABLE_FOUND)`,
        '      NO_TABLE_FOUND: no report table was found: none of the row labels of 二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况 or 四、…行政复议、行政诉讼情况 appear as text (the tables may be images, or the text is garbled)',
        `  ${path.join(reports, 'nested', 'broken-2020.json')}: CREATED 咸丰路街道办事处 (XFL) 2020 F2019, DRAFT: ERROR checks A2 failed`,
        `  ${path.join(reports, 'seed.txt')}: CREATED 咸丰路街道办事处 (XFL) 2019 F2019, PUBLISHED`,
        '3 files: 2 imported, 0 updated, 0 unchanged, 1 rejected (1 kept as draft with failing ERROR checks)',
        '',
      ].join('\n'),
    );
    // stderr is not a terminal here: one plain line per file instead of a bar
    expect(run.stderr.trim().split('\n')).toEqual([
      `[1/3] ${path.join(reports, 'headings-only.txt')}: REJECTED (NO_TABLE_FOUND)`,
      `[2/3] ${path.join(reports, 'nested', 'broken-2020.json')}: CREATED 咸丰路街道办事处 (XFL) 2020 F2019, DRAFT: ERROR checks A2 failed`,
      `[3/3] ${path.join(reports, 'seed.txt')}: CREATED 咸丰路街道办事处 (XFL) 2019 F2019, PUBLISHED`,
    ]);
    expect(run.code).toBe(1);

    const storage = await openStorage({ url: databaseUrl });
    try {
      const [xfl] = await storage.agenciesByCode(['XFL']);
      const [seed, broken] = await storage.reportsByAgencyYear([{ agencyId: xfl!.id, year: 2019 }, { agencyId: xfl!.id, year: 2020 }]);
      expect(seed).toMatchObject({ status: 'PUBLISHED', provenance: { sourceName: path.join(reports, 'seed.txt'), submittedBy: expect.stringMatching(/^cli:/) } });
      expect(seed!.cells['proactive.gov_central_procurement.amount']).toBe(42_210_000);
      expect(broken).toMatchObject({ status: 'DRAFT', acceptedFailures: [] });
    } finally {
      await storage.close();
    }
  });

  it('exits 0 when nothing was rejected, and re-importing changes nothing', async () => {
    const seed = path.join(dir, 'reports', 'seed.txt');
    const run = await runImport([seed], databaseUrl);
    expect(run.stdout).toBe(
      ['Import summary', `  ${seed}: UNCHANGED 咸丰路街道办事处 (XFL) 2019 F2019, PUBLISHED`, '1 file: 0 imported, 0 updated, 1 unchanged, 0 rejected', ''].join('\n'),
    );
    expect(run.code).toBe(0);
  });
});
