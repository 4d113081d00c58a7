/**
 * `npm run export` end to end once (a spawned run costs seconds): the real script on a SQLite file,
 * CSV on stdout. The arguments themselves are checked in-process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStorage } from '../../src/db';
import { parseExportArgs } from '../../src/export';
import { loadDistrict } from './export-fixtures';

const ROOT = path.resolve(__dirname, '..', '..');

function runExport(args: readonly string[], databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['ts-node', '--swc', 'scripts/export.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' }, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run export', () => {
  let dir: string;
  let databaseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'xxgk-export-'));
    databaseUrl = `sqlite:${path.join(dir, 'xxgk.sqlite')}`;
    const storage = await openStorage({ url: databaseUrl, migrate: true });
    try {
      await loadDistrict(storage);
    } finally {
      await storage.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a rollup as CSV to stdout', async () => {
    const run = await runExport(['rollup', '--agency', 'd1', '--year', '2019', '--codes', 'proactive.gov_central_procurement.amount'], databaseUrl);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      'agency_code,agency_name,year,expected,reported,code,table,row,column,label_zh,label_en,unit,value,reporters\r\n' +
        'd1,和平区,2019,3,2,proactive.gov_central_procurement.amount,proactive,gov_central_procurement,amount,' +
        '第二十条第（九）项 › 政府集中采购 › 采购总金额,Art. 20 (9): central government procurement › central government procurement › procurement total (10k yuan),amount,42.71,2\r\n',
    );
  });
});

describe('the arguments of npm run export', () => {
  it('reads each kind with its options', () => {
    expect(parseExportArgs(['rollup', '--agency', 'd1', '--year', '2019', '--hierarchy', 'current', '--include-drafts', '--format', 'xlsx', '--out', 'r.xlsx'])).toEqual({
      kind: 'run',
      command: {
        request: { kind: 'rollup', agencyCode: 'd1', year: 2019, codes: null, fileFormat: 'xlsx', layout: null, hierarchy: 'CURRENT', includeDrafts: true },
        out: 'r.xlsx',
        bom: false,
      },
    });
    expect(parseExportArgs(['aggregate', '--group-by', 'YEAR,KIND', '--codes', 'applications.granted.total', '--years', '2019,2020', '--bom'])).toEqual({
      kind: 'run',
      command: {
        request: {
          kind: 'aggregate',
          groupBy: ['YEAR', 'KIND'],
          order: null,
          filter: { agencyCodes: null, subtreeOf: null, kinds: null, years: [2019, 2020], formats: null, codes: ['applications.granted.total'], status: 'PUBLISHED' },
        },
        out: null,
        bom: true,
      },
    });
  });

  it('says what is wrong, naming the option as typed', () => {
    expect(parseExportArgs(['series', '--agency', 'd1', '--from', '2021', '--to', '2019'])).toEqual({ kind: 'invalid', message: '--from: expected a year not after to (2019), received "2021"' });
    expect(parseExportArgs(['children', '--parent', 'd1', '--year', '2019', '--format', 'xlsx'])).toEqual({ kind: 'invalid', message: '--format: expected one of csv, received "xlsx"' });
    expect(parseExportArgs(['aggregate', '--group-by', 'YEAR', '--include-drafts'])).toEqual({
      kind: 'invalid', message: '--include-drafts: expected a parameter of the aggregate export (groupBy, agencyCodes, subtreeOf, kinds, years, formats, codes, status, order), received "includeDrafts"',
    });
    expect(parseExportArgs(['everything'])).toEqual({ kind: 'invalid', message: 'expected one of report, rollup, children, series, aggregate, validation first, received "everything"' });
    expect(parseExportArgs(['--help'])).toEqual({ kind: 'help' });
  });
});
