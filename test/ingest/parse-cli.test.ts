/**
 * `npm run parse -- FILE [FILE…]` end to end: one JSON line per file on stdout, nothing else,
 * exit 0 only when every file was read (DESIGN.md §5).
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '../..');
const FIXTURE = (name: string) => join('test/fixtures/ingest', name);

function parseCli(...files: string[]) {
  const run = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--swc', 'scripts/parse.ts', ...files], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: run.status, lines: run.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l)), stdout: run.stdout };
}

describe('npm run parse', () => {
  it('prints one interchange document per file, with its source, and exits 0 when all were read', () => {
    const { status, lines } = parseCli(FIXTURE('seed-f2019-l6.txt'), FIXTURE('l8-f2019.html'));
    expect(status).toBe(0);
    expect(lines.map((l) => [l.source, l.format, l.year, l.agencyName])).toEqual([
      [FIXTURE('seed-f2019-l6.txt'), 'F2019', 2019, '咸丰路街道办事处'],
      [FIXTURE('l8-f2019.html'), 'F2019', 2020, '东风街道办事处'],
    ]);
    expect(lines[0].cells['proactive.gov_central_procurement.amount']).toBe('42.21');
  });

  it('prints the error of a file it cannot read, keeps going, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parse-cli-'));
    const bad = join(dir, 'scan.pdf');
    writeFileSync(bad, '%PDF-1.4');
    const { status, lines } = parseCli(bad, FIXTURE('l9-headings-only.txt'), FIXTURE('seed-f2019-l6.txt'));
    expect(status).toBe(1);
    expect(lines.map((l) => [l.source, l.error?.code ?? l.format])).toEqual([
      [bad, 'UNSUPPORTED_FILE'],
      [FIXTURE('l9-headings-only.txt'), 'NO_TABLE_FOUND'],
      [FIXTURE('seed-f2019-l6.txt'), 'F2019'],
    ]);
    expect(lines[0]).toEqual({ source: bad, error: { code: 'UNSUPPORTED_FILE', message: expect.stringContaining('.pdf') }, diagnostics: [] });
  });
});
