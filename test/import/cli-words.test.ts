import { formatAgenciesLoad, formatSummary, guessAgencyKind, parseImportArgs, slugAgencyCode, type DocumentImport } from '../../src/import';
import type { AgencyKind } from '../../src/domain/checks/types';

describe('guessing an agency kind from its name', () => {
  const cases: readonly (readonly [string, AgencyKind])[] = [
    ['咸丰路街道办事处', 'SUBDISTRICT'],
    ['西岭镇人民政府', 'TOWN'],
    ['西岭镇', 'TOWN'],
    ['和平社区居民委员会', 'COMMUNITY'],
    ['和平社区', 'COMMUNITY'],
    ['李家村', 'VILLAGE'],
    ['新区教育局', 'DEPARTMENT'],
    ['新区发展和改革委员会', 'DEPARTMENT'],
    ['新区人民政府办公室', 'DEPARTMENT'],
    ['新区人民政府', 'DISTRICT'],
    ['某县人民政府', 'DISTRICT'],
    ['某市人民政府', 'CITY'],
    ['某省人民政府', 'PROVINCE'],
    ['某某有限公司', 'OTHER'],
  ];
  it.each(cases)('%s is %s', (name, kind) => expect(guessAgencyKind(name)).toBe(kind));
});

describe('a code for an agency known only by name', () => {
  it('is the same for the same name, different for another, ASCII and short', () => {
    const code = slugAgencyCode('咸丰路街道办事处');
    expect(code).toMatch(/^agency-[0-9a-f]{10}$/);
    expect(slugAgencyCode(' 咸丰路街道办事处 ')).toBe(code);
    expect(slugAgencyCode('西岭街道办事处')).not.toBe(code);
    expect(slugAgencyCode('第2中学 Office')).toMatch(/^2-office-[0-9a-f]{10}$/);
  });
});

describe('the import command line', () => {
  it('reads files, directories and every option', () => {
    expect(parseImportArgs(['--agency', 'XFL', '--year', '2019', '--create-agencies', '--publish', '--dry-run', '--agencies', 'a.csv', 'x.txt', 'dir'])).toEqual({
      kind: 'run',
      command: { paths: ['x.txt', 'dir'], agenciesFile: 'a.csv', agencyCode: 'XFL', year: 2019, createAgencies: true, publish: true, dryRun: true },
    });
    expect(parseImportArgs(['--agencies', 'a.csv'])).toMatchObject({ kind: 'run', command: { paths: [], agenciesFile: 'a.csv', publish: false } });
  });

  it('says what is wrong with bad arguments', () => {
    expect(parseImportArgs([])).toEqual({ kind: 'invalid', message: 'nothing to import: give at least one FILE or DIR (or --agencies FILE.csv)' });
    expect(parseImportArgs(['--year', '19', 'x.txt'])).toEqual({ kind: 'invalid', message: '--year: expected a report year from 2008 to 2100, received "19"' });
    expect(parseImportArgs(['--frobnicate', 'x.txt'])).toMatchObject({ kind: 'invalid', message: expect.stringContaining('--frobnicate') });
    expect(parseImportArgs(['-h'])).toEqual({ kind: 'help' });
  });
});

describe('the closing summary', () => {
  const document = { format: 'F2019', year: 2019, agencyName: '咸丰路街道办事处', agencyCode: null, publishedOn: null, cells: {}, text: {}, statedFigures: {}, diagnostics: [] } as const;
  const agency = { code: 'XFL', name: '咸丰路街道办事处', kind: 'SUBDISTRICT' } as const;
  const results: DocumentImport[] = [
    { outcome: 'CREATED', source: 'a.txt', dryRun: false, document, diagnostics: [], checks: [], failingErrors: [], agency, agencyCreated: true, status: 'PUBLISHED', report: null },
    { outcome: 'UPDATED', source: 'b.json', dryRun: false, document, diagnostics: [], checks: [], failingErrors: ['A2'], agency, agencyCreated: false, status: 'DRAFT', report: null },
    { outcome: 'UNCHANGED', source: 'c.txt', dryRun: false, document, diagnostics: [], checks: [], failingErrors: [], agency, agencyCreated: false, status: 'PUBLISHED', report: null },
    { outcome: 'REJECTED', source: 'd.txt', dryRun: false, document: null, diagnostics: [], reasons: [{ code: 'NO_TABLE_FOUND', message: 'no report table was found' }] },
  ];

  it('lists every file with its outcome, the reasons of rejections, and the counts', () => {
    expect(formatSummary(results)).toBe(
      [
        'Import summary',
        '  a.txt: CREATED 咸丰路街道办事处 (XFL, agency created as SUBDISTRICT) 2019 F2019, PUBLISHED',
        '  b.json: UPDATED 咸丰路街道办事处 (XFL) 2019 F2019, DRAFT: ERROR checks A2 failed',
        '  c.txt: UNCHANGED 咸丰路街道办事处 (XFL) 2019 F2019, PUBLISHED',
        '  d.txt: REJECTED (NO_TABLE_FOUND)',
        '      NO_TABLE_FOUND: no report table was found',
        '4 files: 1 imported, 1 updated, 1 unchanged, 1 rejected (1 kept as draft with failing ERROR checks; 1 agency created)',
        '',
      ].join('\n'),
    );
  });

  it('names every bad row of a rejected agencies file', () => {
    expect(formatAgenciesLoad('a.csv', { ok: false, problems: [{ line: 3, message: 'name: expected 1 to 200 characters, received ""' }] })).toBe(
      'a.csv: REJECTED, nothing was loaded (1 bad row)\n  line 3: name: expected 1 to 200 characters, received ""\n',
    );
    expect(formatAgenciesLoad('a.csv', { ok: true, agencies: 4, links: 5, dryRun: false })).toBe('a.csv: 4 agencies and 5 parent links loaded\n');
  });
});
