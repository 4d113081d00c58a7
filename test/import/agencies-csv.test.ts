import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { openStorage, type Storage } from '../../src/db';
import { loadAgencies, parseAgenciesCsv } from '../../src/import';
import { readCsv } from '../../src/import/csv';
import { describeEachEngine } from '../support/databases';

const GOOD = [
  'code,name,kind,parent_code,valid_from,valid_to',
  'D,新区人民政府,DISTRICT,,2019,',
  'S1,咸丰路街道办事处,SUBDISTRICT,D,2019,',
  'S2,"西岭街道办事处",SUBDISTRICT,D,2019,2020',
  'C1,和平社区,COMMUNITY,S2,2019,2020',
  'C1,和平社区,COMMUNITY,S1,2021,',
  '',
].join('\r\n');

describe('reading CSV', () => {
  it('keeps quoted commas, doubled quotes and line breaks, and the line each record starts on', () => {
    expect(readCsv('\ufeffa,b\n"x, ""y""","two\nlines"\n\nlast,\n')).toEqual({
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x, "y"', 'two\nlines'] },
        { line: 5, fields: ['last', ''] },
      ],
      problems: [],
    });
  });

  it('reads back whatever a CSV writer wrote, line numbers included', () => {
    const field = fc.string({ unit: fc.constantFrom('a', '甲', ',', '"', '\n', ' ', '1') });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), (written) => {
        const text = stringify(written, { record_delimiter: 'unix' });
        const read = readCsv(text);
        expect(read.problems).toEqual([]);
        expect(read.records.map((r) => r.fields)).toEqual(written);
        let line = 1;
        read.records.forEach((record, i) => {
          expect(record.line).toBe(line);
          line += 1 + written[i].join(',').split('\n').length - 1;
        });
      }),
    );
  });

  it('reports a quoted field left open', () => {
    expect(readCsv('a,b\n"open,b\n').problems).toEqual([{ line: 2, message: 'a quoted field is not closed' }]);
  });
});

describe('checking an agencies file', () => {
  it('accepts a good file, row by row with its line', () => {
    const parsed = parseAgenciesCsv(GOOD);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.rows[3]).toEqual({ line: 5, code: 'C1', name: '和平社区', kind: 'COMMUNITY', parentCode: 'S2', validFrom: 2019, validTo: 2020 });
    expect(parsed.externalParents).toEqual([]);
  });

  it('names every bad row by its line, with what was expected and what arrived', () => {
    const text = [
      'code,name,kind,parent_code,valid_from,valid_to',
      'D,新区人民政府,DISTRICT,,2019,',
      'S1,,SUBDISTRICT,D,2019,',
      'S2,西岭街道办事处,STREET,D,19,',
      'S3,东岭街道办事处,SUBDISTRICT,D,2021,2020',
      'S4,北岭街道办事处,SUBDISTRICT,D',
      'S5,南岭街道办事处,SUBDISTRICT,D,,',
    ].join('\n');
    expect(parseAgenciesCsv(text)).toEqual({
      ok: false,
      externalParents: [],
      problems: [
        { line: 3, message: 'name: expected 1 to 200 characters, received ""' },
        { line: 4, message: 'kind: expected one of PROVINCE, CITY, DISTRICT, SUBDISTRICT, TOWN, COMMUNITY, VILLAGE, DEPARTMENT, OTHER, received "STREET"; valid_from: expected a year from 1900 to 9998, received "19"' },
        { line: 5, message: 'valid_to: expected a year ≥ valid_from (2021), received 2020' },
        { line: 6, message: 'expected 6 fields, found 4' },
        { line: 7, message: 'valid_from: expected the first year the parent link holds, received nothing' },
      ],
    });
  });

  it('rejects two parents in one year and cycles, on the lines of the links involved', () => {
    const text = [
      'code,name,kind,parent_code,valid_from,valid_to',
      'A,甲,OTHER,B,2019,',
      'B,乙,OTHER,A,2019,',
      'C,丙,OTHER,A,2019,',
      'C,丙,OTHER,B,2020,',
    ].join('\n');
    const parsed = parseAgenciesCsv(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toEqual([
      { line: 3, message: 'cycle in 2019: A → B → A (lines 2, 3)' },
      { line: 5, message: 'C has 2 parents in 2020: A, B (lines 4, 5)' },
    ]);
  });

  it('rejects rows of one agency placed twice for overlapping years', () => {
    const text = ['code,name,kind,parent_code,valid_from,valid_to', 'D,区,DISTRICT,,2019,', 'S,街道,SUBDISTRICT,D,2019,2021', 'S,街道,SUBDISTRICT,,2021,'].join('\n');
    expect(parseAgenciesCsv(text)).toMatchObject({ ok: false, problems: [{ line: 4, message: 'S is placed twice for overlapping years (lines 3, 4)' }] });
  });

  it('rejects a header without the expected columns', () => {
    expect(parseAgenciesCsv('code,name,type\nX,甲,OTHER\n')).toEqual({
      ok: false,
      externalParents: [],
      problems: [{ line: 1, message: 'header: expected the columns code,name,kind,parent_code,valid_from,valid_to; missing kind, parent_code, valid_from, valid_to; unknown "type"' }],
    });
  });
});

describeEachEngine('loading an agencies file', (engine) => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await openStorage({ url: await engine.url() });
  });
  afterEach(() => storage.close());

  it('loads the agencies and the dated hierarchy', async () => {
    expect(await loadAgencies(storage, GOOD)).toEqual({ ok: true, agencies: 4, links: 5, dryRun: false });
    const [d, s1, s2, c1] = await storage.agenciesByCode(['D', 'S1', 'S2', 'C1']);
    expect(d).toMatchObject({ name: '新区人民政府', kind: 'DISTRICT' });
    expect(s2).toMatchObject({ name: '西岭街道办事处', kind: 'SUBDISTRICT' });
    expect(await storage.parentLinks([c1!.id])).toEqual([[
      { childId: c1!.id, parentId: s2!.id, fromYear: 2019, toYear: 2020 },
      { childId: c1!.id, parentId: s1!.id, fromYear: 2021, toYear: null },
    ]]);
    const children = await storage.childrenOf([{ agencyId: d!.id, year: 2020 }, { agencyId: d!.id, year: 2021 }]);
    expect(children.map((list) => list.map((a) => a.code).sort())).toEqual([['S1', 'S2'], ['S1']]);
  });

  it('rejects a file with one bad row whole, naming the line, and writes nothing', async () => {
    const bad = GOOD.replace('C1,和平社区,COMMUNITY,S1,2021,', 'C1,和平社区,HAMLET,S1,2021,');
    expect(await loadAgencies(storage, bad)).toEqual({
      ok: false,
      problems: [{ line: 6, message: 'kind: expected one of PROVINCE, CITY, DISTRICT, SUBDISTRICT, TOWN, COMMUNITY, VILLAGE, DEPARTMENT, OTHER, received "HAMLET"' }],
    });
    expect(await storage.agenciesByCode(['D', 'S1', 'S2', 'C1'])).toEqual([null, null, null, null]);
  });

  it('accepts parents already in the database and rejects unknown ones by line', async () => {
    await storage.upsertAgency({ code: 'CITY', name: '市人民政府', kind: 'CITY' });
    const text = 'code,name,kind,parent_code,valid_from,valid_to\nD,新区人民政府,DISTRICT,CITY,2019,\nX,某局,DEPARTMENT,NOWHERE,2019,\n';
    expect(await loadAgencies(storage, text)).toEqual({
      ok: false,
      problems: [{ line: 3, message: 'parent_code: no agency has the code "NOWHERE" in this file or in the database' }],
    });
    expect(await loadAgencies(storage, text.split('\n').slice(0, 2).join('\n'))).toEqual({ ok: true, agencies: 1, links: 1, dryRun: false });
    const [city] = await storage.agenciesByCode(['CITY']);
    expect((await storage.childrenOf([{ agencyId: city!.id, year: 2019 }]))[0].map((a) => a.code)).toEqual(['D']);
  });

  it('loads a file again, and records a renamed agency with its former name', async () => {
    await loadAgencies(storage, GOOD);
    const renamed = `${GOOD}S2,西岭新街道办事处,SUBDISTRICT,D,2021,\r\n`;
    expect(await loadAgencies(storage, renamed)).toEqual({ ok: true, agencies: 4, links: 6, dryRun: false });
    const [s2] = await storage.agenciesByCode(['S2']);
    expect(s2).toMatchObject({ name: '西岭新街道办事处', aliases: ['西岭街道办事处'] });
    const [d] = await storage.agenciesByCode(['D']);
    const children = await storage.childrenOf([{ agencyId: d!.id, year: 2020 }, { agencyId: d!.id, year: 2021 }]);
    expect(children.map((list) => list.map((a) => a.code).sort())).toEqual([['S1', 'S2'], ['S1', 'S2']]);
  });

  it('checks but writes nothing in a dry run', async () => {
    expect(await loadAgencies(storage, GOOD, { dryRun: true })).toEqual({ ok: true, agencies: 4, links: 5, dryRun: true });
    expect(await storage.agenciesByCode(['D'])).toEqual([null]);
  });
});
