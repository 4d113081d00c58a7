import { openStorage, type AgencyRecord, type Storage } from '../../src/db';
import { describeEachEngine } from '../support/databases';

const codes = (agencies: readonly (AgencyRecord | null)[]) => agencies.map((a) => a?.code ?? null);

describeEachEngine('the dated hierarchy', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await openStorage({ url: await engine.url() });
    await storage.upsertAgency({ code: 'D', name: '区', kind: 'DISTRICT' });
    for (const code of ['S1', 'S2']) await storage.upsertAgency({ code, name: `街道${code}`, kind: 'SUBDISTRICT', aliases: code === 'S1' ? ['一街'] : [] });
    for (const code of ['C1', 'C2', 'C3']) await storage.upsertAgency({ code, name: `社区${code}`, kind: 'COMMUNITY', aliases: code === 'C2' ? ['社区乙', '二社区'] : [] });
    await storage.setParent({ childCode: 'S1', parentCode: 'D', fromYear: 2019, toYear: null });
    await storage.setParent({ childCode: 'S2', parentCode: 'D', fromYear: 2019, toYear: null });
    await storage.setParent({ childCode: 'C1', parentCode: 'S1', fromYear: 2019, toYear: null });
    await storage.setParent({ childCode: 'C2', parentCode: 'S1', fromYear: 2019, toYear: null });
    await storage.setParent({ childCode: 'C3', parentCode: 'S2', fromYear: 2019, toYear: null });
    // 2022: C2 moves to S2. 2024: S2 is merged into S1 (it ends in 2023; its communities move).
    await storage.setParent({ childCode: 'C2', parentCode: 'S2', fromYear: 2022, toYear: null });
    await storage.endAgency({ code: 'S2', lastYear: 2023 });
    await storage.setParent({ childCode: 'C2', parentCode: 'S1', fromYear: 2024, toYear: null });
    await storage.setParent({ childCode: 'C3', parentCode: 'S1', fromYear: 2024, toYear: null });
  });
  afterAll(() => storage.close());

  const id = async (code: string) => (await storage.agenciesByCode([code]))[0]!.id;

  it('lists the children of a node as the tree was in each year', async () => {
    const [d, s1, s2] = [await id('D'), await id('S1'), await id('S2')];
    const children = await storage.childrenOf([
      { agencyId: d, year: 2019 }, { agencyId: d, year: 2024 },
      { agencyId: s1, year: 2021 }, { agencyId: s1, year: 2022 }, { agencyId: s1, year: 2024 },
      { agencyId: s2, year: 2022 }, { agencyId: s2, year: 2024 },
    ]);
    expect(children.map(codes)).toEqual([['S1', 'S2'], ['S1'], ['C1', 'C2'], ['C1'], ['C1', 'C2', 'C3'], ['C2', 'C3'], []]);
  });

  it('finds the parent of a node in each year, and none for a root', async () => {
    const c2 = await id('C2');
    const parents = await storage.parentsOf([2021, 2022, 2023, 2024].map((year) => ({ agencyId: c2, year })).concat([{ agencyId: await id('D'), year: 2020 }]));
    expect(codes(parents)).toEqual(['S1', 'S2', 'S2', 'S1', null]);
  });

  it('gives children and parents with their aliases, an agency under several keys whole under each', async () => {
    const [d, s1, s2, c2] = [await id('D'), await id('S1'), await id('S2'), await id('C2')];
    const children = await storage.childrenOf([{ agencyId: s1, year: 2021 }, { agencyId: s2, year: 2022 }, { agencyId: d, year: 2021 }]);
    const aliases = (agencies: readonly AgencyRecord[]) => agencies.map((a) => [a.code, [...a.aliases].sort()]);
    expect(children.map(aliases)).toEqual([
      [['C1', []], ['C2', ['二社区', '社区乙']]],
      [['C2', ['二社区', '社区乙']], ['C3', []]],
      [['S1', ['一街']], ['S2', []]],
    ]);
    const parents = await storage.parentsOf([{ agencyId: c2, year: 2021 }, { agencyId: c2, year: 2024 }, { agencyId: await id('C1'), year: 2021 }]);
    expect(parents.map((p) => [p?.code, p?.aliases])).toEqual([['S1', ['一街']], ['S1', ['一街']], ['S1', ['一街']]]);
  });

  it('keeps the dated links, split where a move happened', async () => {
    const [c2, s1, s2] = [await id('C2'), await id('S1'), await id('S2')];
    expect(await storage.parentLinks([c2])).toEqual([[
      { childId: c2, parentId: s1, fromYear: 2019, toYear: 2021 },
      { childId: c2, parentId: s2, fromYear: 2022, toYear: 2023 },
      { childId: c2, parentId: s1, fromYear: 2024, toYear: null },
    ]]);
  });

  it('counts the agencies expected under a node each year from the closure', async () => {
    const d = await id('D');
    const rollups = await storage.rollups([2019, 2023, 2024].map((year) => ({ agencyId: d, year })));
    // 2019–2023: D, S1, S2, C1, C2, C3; 2024: S2 is gone.
    expect(rollups.map((r) => r.expected)).toEqual([6, 6, 5]);
    expect(codes(await storage.missingReporters({ agencyId: d, year: 2024 }))).toEqual(['C1', 'C2', 'C3', 'D', 'S1']);
  });

  it('filters agencies by parent, in a year or in any year', async () => {
    const inYear = await storage.findAgencies({ parentCode: 'S2', year: 2022 }, { first: 10, offset: 0 });
    const ever = await storage.findAgencies({ parentCode: 'S2' }, { first: 10, offset: 0 });
    expect([inYear.nodes.map((n) => n.code), ever.nodes.map((n) => n.code)]).toEqual([['C2', 'C3'], ['C2', 'C3']]);
    const c2ParentIn2024 = await storage.findAgencies({ parentCode: 'S2', year: 2024 }, { first: 10, offset: 0 });
    expect(c2ParentIn2024.totalCount).toBe(0);
  });

  it('refuses a cycle, an unknown agency and a reversed span', async () => {
    await expect(storage.setParent({ childCode: 'D', parentCode: 'C1', fromYear: 2020, toYear: null })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'parentCode' } });
    await expect(storage.setParent({ childCode: 'C1', parentCode: 'C1', fromYear: 2020, toYear: null })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(storage.setParent({ childCode: 'C1', parentCode: 'nobody', fromYear: 2020, toYear: null })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'parentCode' } });
    await expect(storage.setParent({ childCode: 'C1', parentCode: 'S1', fromYear: 2020, toYear: 2019 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'toYear' } });
  });

  it('runs the same number of statements for 30 keys as for 3', async () => {
    const ids = await Promise.all(['D', 'S1', 'S2', 'C1', 'C2', 'C3'].map(id));
    const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ agencyId: ids[i % ids.length], year: 2019 + (i % 7) }));
    const countFor = async (run: () => Promise<unknown>) => {
      storage.statements.reset();
      await run();
      return storage.statements.count();
    };
    for (const call of [
      (n: number) => storage.childrenOf(keys(n)),
      (n: number) => storage.parentsOf(keys(n)),
      (n: number) => storage.agenciesById(keys(n).map((k) => k.agencyId)),
      (n: number) => storage.parentLinks(keys(n).map((k) => k.agencyId)),
    ]) {
      expect(await countFor(() => call(30))).toBe(await countFor(() => call(3)));
    }
  });
});
