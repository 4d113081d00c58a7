/**
 * endAgency and setParent after moves (the dashboard's bug report: an agency ended after its
 * children had moved to a new parent made the ancestors lose those children in later years).
 * What the closure table yields (children, coverage, missing agencies, sums) is compared with the
 * pure oracle of src/domain/hierarchy (treeInYear, descendantsInYear) and src/domain/rollup
 * (sumReports); the stored closure itself with closureRows of the stored links, on random forests
 * changed by random setParent / endAgency calls, loaded one by one and in bulk.
 */
import fc from 'fast-check';
import { openStorage, plainRollup, storedHierarchy, type AgencyRecord, type ReportRecord, type PlainRollup, type Storage } from '../../src/db';
import { closureRows, type ClosureRow } from '../../src/db/closure';
import { districtReportCommands } from '../../src/demo';
import { descendantsInYear, linkCovers, treeInYear, type ParentLink } from '../../src/domain/hierarchy';
import { sumReports } from '../../src/domain/rollup';
import { generateDistrict, mulberry32, type SyntheticDistrict } from '../../src/domain/synthetic';
import { AppError } from '../../src/errors';
import { describeEachEngine } from '../support/databases';

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
/** The district of the bug report: the last sub-district ends in 2022, its communities move to the one before it from 2023. */
const SMALL_DISTRICT = { subdistricts: 4, communitiesPerSubdistrict: [3, 5] as const, departments: 6 };

/** Closure rows named by agency code, in one order: comparable across databases whose ids differ. */
function byCode(rows: readonly ClosureRow[], codeOf: ReadonlyMap<number, string>): string[] {
  return rows.map((r) => `${codeOf.get(r.ancestorId)} > ${codeOf.get(r.descendantId)} depth ${r.depth} ${r.fromYear}..${r.toYear}`).sort();
}

/**
 * The stored closure of the agencies, and what closureRows makes of their stored links. `ids` are
 * all the agencies of one test (their links name no parent outside them).
 */
async function closureAndRecomputed(storage: Storage, ids: readonly number[]): Promise<{ stored: ClosureRow[]; fromLinks: ClosureRow[] }> {
  const { links, closure } = await storedHierarchy(storage, ids);
  return { stored: closure, fromLinks: closureRows(links, ids) };
}

async function loadOneByOne(storage: Storage, district: SyntheticDistrict): Promise<void> {
  for (const a of district.agencies) await storage.upsertAgency({ code: a.code, name: a.name, kind: a.kind });
  for (const l of district.links) await storage.setParent({ childCode: l.child, parentCode: l.parent, fromYear: l.fromYear, toYear: l.toYear });
  for (const a of district.agencies) if (a.toYear !== null) await storage.endAgency({ code: a.code, lastYear: a.toYear });
}

async function loadInBulk(storage: Storage, district: SyntheticDistrict): Promise<void> {
  await storage.loadAgencies({
    agencies: district.agencies.map((a) => ({ code: a.code, name: a.name, kind: a.kind })),
    links: district.links.map((l) => ({ childCode: l.child, parentCode: l.parent, fromYear: l.fromYear, toYear: l.toYear })),
  });
  for (const a of district.agencies) if (a.toYear !== null) await storage.endAgency({ code: a.code, lastYear: a.toYear });
}

/** The oracle of one district: who is active, children and subtree of each year, and the rollup of the counted reports. */
function districtOracle(district: SyntheticDistrict) {
  const links: readonly ParentLink<string>[] = district.links;
  // An agency with no link is a root in every year (src/db/README.md "Active agencies").
  const active = (code: string, year: number) => !links.some((l) => l.child === code) || links.some((l) => l.child === code && linkCovers(l, year));
  const subtree = (code: string, year: number) => [code, ...descendantsInYear(links, code, year)].filter((a) => active(a, year));
  const children = (code: string, year: number) => [...(treeInYear(links, year).childrenOf.get(code) ?? [])].sort();
  const rollup = (code: string, year: number, idOf: ReadonlyMap<string, number>, reports: readonly ReportRecord[]): PlainRollup => {
    const members = subtree(code, year);
    const counted = reports.filter((r) => r.year === year && r.status === 'PUBLISHED' && r.scope === 'OWN' && members.some((m) => idOf.get(m) === r.agencyId));
    const sum = sumReports(counted);
    return {
      agencyId: idOf.get(code)!, year, sums: sum.sums, cellReporters: sum.cellReporters,
      reportersByFormat: { F2019: sum.reportersByFormat.F2019 ?? 0, F2021: sum.reportersByFormat.F2021 ?? 0 },
      expected: members.length, reported: counted.length,
    };
  };
  const missing = (code: string, year: number, idOf: ReadonlyMap<string, number>, reports: readonly ReportRecord[]) =>
    subtree(code, year).filter((m) => !reports.some((r) => r.year === year && r.status === 'PUBLISHED' && r.scope === 'OWN' && r.agencyId === idOf.get(m))).sort();
  return { subtree, children, rollup, missing };
}

describeEachEngine('endAgency after the children moved', (engine) => {
  describe('in a three-level example', () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await openStorage({ url: await engine.url() });
      for (const code of ['D', 'S1', 'S2', 'C1', 'C2']) await storage.upsertAgency({ code, name: code, kind: 'OTHER' });
      await storage.setParent({ childCode: 'S1', parentCode: 'D', fromYear: 2019, toYear: null });
      await storage.setParent({ childCode: 'S2', parentCode: 'D', fromYear: 2019, toYear: 2022 });
      await storage.setParent({ childCode: 'C1', parentCode: 'S1', fromYear: 2019, toYear: null });
      await storage.setParent({ childCode: 'C2', parentCode: 'S2', fromYear: 2019, toYear: 2022 });
      await storage.setParent({ childCode: 'C2', parentCode: 'S1', fromYear: 2023, toYear: null });
      await storage.endAgency({ code: 'S2', lastYear: 2022 });
    });
    afterAll(() => storage.close());

    it('keeps the moved community under its new parent’s ancestors in the years after the end', async () => {
      const agencies = (await storage.agenciesByCode(['D', 'S1', 'S2', 'C1', 'C2'])) as AgencyRecord[];
      const codeOf = new Map(agencies.map((a) => [a.id, a.code]));
      const d = agencies[0].id;
      const rollups = await storage.rollups([2022, 2023, 2025].map((year) => ({ agencyId: d, year })));
      expect(rollups.map((r) => r.expected)).toEqual([5, 4, 4]);
      expect((await storage.missingReporters({ agencyId: d, year: 2023 })).map((a) => a.code)).toEqual(['C1', 'C2', 'D', 'S1']);
      const { stored, fromLinks } = await closureAndRecomputed(storage, agencies.map((a) => a.id));
      expect(byCode(stored, codeOf)).toEqual(byCode(fromLinks, codeOf));
    });
  });

  describe('in the small generated district of the report', () => {
    const district = generateDistrict(mulberry32(20260101), SMALL_DISTRICT);
    const oracle = districtOracle(district);
    const codes = district.agencies.map((a) => a.code);
    let oneByOne: Storage;
    let bulk: Storage;
    let idOf: Map<string, number>;
    let codeOf: Map<number, string>;
    let reports: ReportRecord[];

    beforeAll(async () => {
      oneByOne = await openStorage({ url: await engine.url() });
      bulk = await openStorage({ url: await engine.url() });
      await loadOneByOne(oneByOne, district);
      await loadInBulk(bulk, district);
      for (const storage of [oneByOne, bulk]) await storage.loadReports(districtReportCommands(district));
      const agencies = (await oneByOne.agenciesByCode(codes)) as AgencyRecord[];
      idOf = new Map(agencies.map((a) => [a.code, a.id]));
      codeOf = new Map(agencies.map((a) => [a.id, a.code]));
      reports = (await oneByOne.reportsOfAgencies(agencies.map((a) => a.id))).flat();
    });
    afterAll(async () => {
      await oneByOne.close();
      await bulk.close();
    });

    it('has a last sub-district that ends in 2022 with communities moved away in 2023', () => {
      const ended = district.agencies.filter((a) => a.toYear !== null);
      expect(ended.map((a) => [a.kind, a.toYear])).toEqual([['SUBDISTRICT', 2022]]);
      expect(district.links.filter((l) => l.parent === ended[0].code && l.toYear === 2022).length).toBeGreaterThanOrEqual(3);
    });

    it('counts at the root, every year, itself plus what its children count', async () => {
      const root = idOf.get(district.rootCode)!;
      for (const year of YEARS) {
        const children = (await oneByOne.childrenOf([{ agencyId: root, year }]))[0];
        const rollups = await oneByOne.rollups([root, ...children.map((c) => c.id)].map((agencyId) => ({ agencyId, year })));
        const [top, ...below] = rollups.map((r) => r.expected);
        expect({ year, expected: top }).toEqual({ year, expected: 1 + below.reduce((a, b) => a + b, 0) });
      }
    });

    it('lists the children of every agency, every year, as treeInYear does', async () => {
      const keys = YEARS.flatMap((year) => codes.map((code) => ({ agencyId: idOf.get(code)!, year })));
      const children = await oneByOne.childrenOf(keys);
      expect(children.map((list) => list.map((a) => a.code))).toEqual(keys.map((k) => oracle.children(codeOf.get(k.agencyId)!, k.year)));
    });

    it('rolls up every agency, every year, as sumReports over descendantsInYear does', async () => {
      const keys = YEARS.flatMap((year) => codes.map((code) => ({ agencyId: idOf.get(code)!, year })));
      expect((await oneByOne.rollups(keys)).map(plainRollup)).toEqual(keys.map((k) => oracle.rollup(codeOf.get(k.agencyId)!, k.year, idOf, reports)));
      expect(await oneByOne.verifyRollups()).toEqual({ differences: [] });
    });

    it('names the missing agencies under every sub-district and the root as the oracle does', async () => {
      const nodes = [district.rootCode, ...district.agencies.filter((a) => a.kind === 'SUBDISTRICT').map((a) => a.code)];
      for (const year of YEARS) {
        for (const code of nodes) {
          const missing = await oneByOne.missingReporters({ agencyId: idOf.get(code)!, year });
          expect({ code, year, missing: missing.map((a) => a.code) }).toEqual({ code, year, missing: oracle.missing(code, year, idOf, reports) });
        }
      }
    });

    it('stores the closure closureRows makes of the stored links, the same one by one and in bulk', async () => {
      const { stored, fromLinks } = await closureAndRecomputed(oneByOne, [...idOf.values()]);
      expect(byCode(stored, codeOf)).toEqual(byCode(fromLinks, codeOf));
      const bulkAgencies = (await bulk.agenciesByCode(codes)) as AgencyRecord[];
      const bulkCodeOf = new Map(bulkAgencies.map((a) => [a.id, a.code]));
      const inBulk = await closureAndRecomputed(bulk, bulkAgencies.map((a) => a.id));
      expect(byCode(inBulk.stored, bulkCodeOf)).toEqual(byCode(stored, codeOf));
      expect((await bulk.rollups(bulkAgencies.map((a) => ({ agencyId: a.id, year: 2025 })))).map(plainRollup)).toEqual(
        (await oneByOne.rollups(bulkAgencies.map((a) => ({ agencyId: idOf.get(a.code)!, year: 2025 })))).map((r, i) => ({ ...plainRollup(r), agencyId: bulkAgencies[i].id })),
      );
    });
  });
});

/** Random forests changed by random setParent / endAgency calls. */
const AGENCIES = 6;
const OP_YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const opYear = fc.constantFrom(...OP_YEARS);
const agencyIndex = fc.nat({ max: AGENCIES - 1 });

/** Up to two links per agency, to an agency of lower index (so the forest has no cycle) or as a root. */
interface InitialPlacement { readonly parent: number | null; readonly from: number; readonly moveTo: number | null; readonly moveFrom: number | null; readonly placed: boolean }
const initialPlacement: fc.Arbitrary<InitialPlacement> = fc.record({
  placed: fc.nat({ max: 4 }).map((n) => n > 0),
  parent: fc.option(agencyIndex, { freq: 4 }),
  from: opYear,
  moveTo: fc.option(agencyIndex, { freq: 2 }),
  moveFrom: fc.option(opYear, { freq: 2 }),
});

type Op =
  | { readonly kind: 'move'; readonly agency: number; readonly parent: number | null; readonly from: number; readonly to: number | null }
  | { readonly kind: 'end'; readonly agency: number; readonly lastYear: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('move' as const), agency: agencyIndex, parent: fc.option(agencyIndex, { freq: 5 }), from: opYear, to: fc.option(opYear, { freq: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('end' as const), agency: agencyIndex, lastYear: fc.integer({ min: 2018, max: 2024 }) }) },
);

/** The links of the initial forest; a parent always has a lower index than its child. */
function forestLinks(codes: readonly string[], placements: readonly InitialPlacement[]): { childCode: string; parentCode: string | null; fromYear: number; toYear: number | null }[] {
  return placements.flatMap((p, i) => {
    if (!p.placed) return [];
    const parentOf = (index: number | null) => (index === null || i === 0 ? null : codes[index % i]);
    const first = { childCode: codes[i], parentCode: parentOf(p.parent), fromYear: p.from, toYear: null as number | null };
    if (p.moveFrom === null || p.moveFrom <= p.from) return [first];
    return [{ ...first, toYear: p.moveFrom - 1 }, { childCode: codes[i], parentCode: parentOf(p.moveTo), fromYear: p.moveFrom, toYear: null }];
  });
}

/** Runs one op; the outcome is 'ok' or the code of the AppError that refused it (anything else fails the test). */
async function apply(storage: Storage, codes: readonly string[], operation: Op): Promise<string> {
  try {
    switch (operation.kind) {
      case 'move': {
        const [from, to] = operation.to !== null && operation.to < operation.from ? [operation.to, operation.from] : [operation.from, operation.to];
        await storage.setParent({ childCode: codes[operation.agency], parentCode: operation.parent === null ? null : codes[operation.parent], fromYear: from, toYear: to });
        return 'ok';
      }
      case 'end':
        await storage.endAgency({ code: codes[operation.agency], lastYear: operation.lastYear });
        return 'ok';
      default: {
        const unreachable: never = operation;
        throw new Error(`unknown op ${JSON.stringify(unreachable)}`);
      }
    }
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describeEachEngine('the stored closure under random setParent / endAgency calls', (engine) => {
  let oneByOne: Storage;
  let bulk: Storage;
  let run = 0;
  beforeAll(async () => {
    oneByOne = await openStorage({ url: await engine.url() });
    bulk = await openStorage({ url: await engine.url() });
  });
  afterAll(async () => {
    await oneByOne.close();
    await bulk.close();
  });

  it('equals closureRows of the stored links after every call, the same after a one-by-one or a bulk load', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(initialPlacement, { minLength: AGENCIES, maxLength: AGENCIES }), fc.array(op, { minLength: 1, maxLength: 10 }), async (placements, ops) => {
        run += 1;
        // Each run has its own agencies, so one database serves every run.
        const codes = Array.from({ length: AGENCIES }, (_, i) => `R${run}-${i}`);
        const links = forestLinks(codes, placements);
        for (const code of codes) await oneByOne.upsertAgency({ code, name: code, kind: 'OTHER' });
        for (const l of links) await oneByOne.setParent(l);
        await bulk.loadAgencies({ agencies: codes.map((code) => ({ code, name: code, kind: 'OTHER' as const })), links });

        const check = async (step: string) => {
          const agencies = [oneByOne, bulk].map(async (storage) => (await storage.agenciesByCode(codes)) as AgencyRecord[]);
          const [mine, theirs] = await Promise.all(agencies);
          const codeOf = new Map(mine.map((a) => [a.id, a.code]));
          const bulkCodeOf = new Map(theirs.map((a) => [a.id, a.code]));
          const { stored, fromLinks } = await closureAndRecomputed(oneByOne, mine.map((a) => a.id));
          const inBulk = await closureAndRecomputed(bulk, theirs.map((a) => a.id));
          expect({ step, closure: byCode(stored, codeOf) }).toEqual({ step, closure: byCode(fromLinks, codeOf) });
          expect({ step, closure: byCode(inBulk.stored, bulkCodeOf) }).toEqual({ step, closure: byCode(stored, codeOf) });
        };
        await check('after the load');
        for (const [i, operation] of ops.entries()) {
          const outcomes = [await apply(oneByOne, codes, operation), await apply(bulk, codes, operation)];
          expect(outcomes[1]).toBe(outcomes[0]);
          await check(`after op ${i} ${JSON.stringify(operation)} (${outcomes[0]})`);
        }
      }),
      { numRuns: engine.name === 'mysql' ? 30 : 100 },
    );
  });
});
