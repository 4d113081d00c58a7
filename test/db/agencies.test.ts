import { openStorage, type Storage } from '../../src/db';
import { AppError } from '../../src/errors';
import { describeEachEngine } from '../support/databases';

describeEachEngine('agencies', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await openStorage({ url: await engine.url() });
  });
  afterAll(() => storage.close());

  it('creates an agency and finds it by code, id, name and alias', async () => {
    const created = await storage.upsertAgency({ code: 'A-1', name: '咸丰路街道办事处', kind: 'SUBDISTRICT', aliases: ['咸丰路街道'] });
    expect(created).toEqual({ id: expect.any(Number), code: 'A-1', name: '咸丰路街道办事处', kind: 'SUBDISTRICT', aliases: ['咸丰路街道'] });
    expect(await storage.agenciesByCode(['nope', 'A-1'])).toEqual([null, created]);
    expect(await storage.agenciesById([created.id, -1])).toEqual([created, null]);
    expect(await storage.agencyByName('咸丰路街道办事处')).toEqual(created);
    expect(await storage.agencyByName('咸丰路街道')).toEqual(created);
    expect(await storage.agencyByName('别的')).toBeNull();
  });

  it('keeps the former name in the history and as an alias when renamed', async () => {
    const first = await storage.upsertAgency({ code: 'R-1', name: '旧名', kind: 'TOWN', nameFromYear: 2019 });
    const renamed = await storage.upsertAgency({ code: 'R-1', name: '新名', kind: 'SUBDISTRICT', nameFromYear: 2022 });
    expect(renamed).toEqual({ id: first.id, code: 'R-1', name: '新名', kind: 'SUBDISTRICT', aliases: ['旧名'] });
    const [history] = await storage.nameHistory([first.id]);
    expect(history.map((h) => [h.name, h.fromYear])).toEqual([['旧名', 2019], ['新名', 2022]]);
    expect(history.every((h) => h.recordedAt instanceof Date)).toBe(true);
    expect(await storage.agencyByName('旧名')).toEqual(renamed);
  });

  it('an alias shared by two agencies matches neither', async () => {
    await storage.upsertAgency({ code: 'S-1', name: '甲', kind: 'OTHER', aliases: ['同名'] });
    await storage.upsertAgency({ code: 'S-2', name: '乙', kind: 'OTHER', aliases: ['同名'] });
    expect(await storage.agencyByName('同名')).toBeNull();
  });

  it('refuses bad input naming the field', async () => {
    await expect(storage.upsertAgency({ code: ' ', name: 'x', kind: 'OTHER' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'code' } });
    await expect(storage.upsertAgency({ code: 'k', name: 'x', kind: 'PLANET' as never })).rejects.toBeInstanceOf(AppError);
  });

  it('pages through agencies filtered by kind and name', async () => {
    const page = await storage.findAgencies({ kind: 'OTHER', nameContains: '乙' }, { first: 10, offset: 0 });
    expect({ codes: page.nodes.map((n) => n.code), total: page.totalCount, next: page.hasNextPage }).toEqual({ codes: ['S-2'], total: 1, next: false });
    const all = await storage.findAgencies({}, { first: 2, offset: 1 });
    expect({ codes: all.nodes.map((n) => n.code), total: all.totalCount, next: all.hasNextPage }).toEqual({ codes: ['R-1', 'S-1'], total: 4, next: true });
    const wildcard = await storage.findAgencies({ nameContains: '%' }, { first: 10, offset: 0 });
    expect(wildcard.totalCount).toBe(0);
  });

  it('hands every statement with its parameters to a logging function, and counts them', async () => {
    const seen: { query: string; parameters: readonly unknown[] }[] = [];
    const observed = await openStorage({ url: await engine.url(), logging: (query, parameters) => seen.push({ query, parameters }) });
    try {
      observed.statements.reset();
      seen.length = 0; // the migrations and the dictionary of opening
      await observed.agenciesByCode(['A-1', 'no-such-code']);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.length).toBe(observed.statements.count());
      const lookUp = seen[seen.length - 1];
      expect(lookUp.query).toMatch(/FROM agency a/);
      expect(lookUp.parameters).toEqual(['A-1', 'no-such-code']);
    } finally {
      await observed.close();
    }
  });
});
