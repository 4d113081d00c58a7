import fc from 'fast-check';
import { openStorage, plainRollup, type ReportRecord, type PlainRollup, type Storage } from '../../src/db';
import { AppError } from '../../src/errors';
import { describeEachEngine } from '../support/databases';
import { makeDocument } from './report-fixtures';

const ALL_ERRORS = ['A1', 'A2', 'A3', 'R1', 'N1'];

describeEachEngine('rollups', (engine) => {
  describe('of a small district', () => {
    let storage: Storage;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      storage = await openStorage({ url: await engine.url() });
      for (const [code, kind] of [['D', 'DISTRICT'], ['S1', 'SUBDISTRICT'], ['S2', 'SUBDISTRICT'], ['C1', 'COMMUNITY'], ['C2', 'COMMUNITY']] as const) {
        ids[code] = (await storage.upsertAgency({ code, name: code, kind })).id;
      }
      await storage.setParent({ childCode: 'S1', parentCode: 'D', fromYear: 2019, toYear: null });
      await storage.setParent({ childCode: 'S2', parentCode: 'D', fromYear: 2019, toYear: null });
      await storage.setParent({ childCode: 'C1', parentCode: 'S1', fromYear: 2019, toYear: null });
      await storage.setParent({ childCode: 'C2', parentCode: 'S1', fromYear: 2019, toYear: 2022 });
      await storage.setParent({ childCode: 'C2', parentCode: 'S2', fromYear: 2023, toYear: null });
      const submit = (code: string, document = makeDocument(), publish = true) =>
        storage.submitReport({ agencyCode: code, document, submittedBy: null, sourceName: null, publish });
      await submit('D', makeDocument({ year: 2023, received: 1, cells: { 'proactive.admin_fees.amount': '0.000001' } }));
      await submit('S1', makeDocument({ year: 2023, received: 10, cells: { 'proactive.admin_fees.amount': '42.21' } }));
      await submit('C1', makeDocument({ year: 2023, received: 100, cells: { 'proactive.admin_fees.amount': null, 'appeals.review.total': undefined } }));
      await submit('C2', makeDocument({ year: 2023, received: 1000 }), false);
      await submit('S2', makeDocument({ year: 2023, received: 10000, scope: 'REGION' }));
      await submit('C2', makeDocument({ year: 2022, received: 7, format: 'F2019' }));
    });
    afterAll(() => storage.close());

    it('adds up the PUBLISHED, OWN reports of the node and its descendants that year', async () => {
      const [d, s1, s2] = await storage.rollups([{ agencyId: ids.D, year: 2023 }, { agencyId: ids.S1, year: 2023 }, { agencyId: ids.S2, year: 2023 }]);
      expect([d.sums['applications.new_received.total'], s1.sums['applications.new_received.total'], s2.sums['applications.new_received.total']]).toEqual([111, 110, undefined]);
      expect(d.sums['proactive.admin_fees.amount']).toBe(42_210_001);
      expect({ expected: d.expected, reported: d.reported, byFormat: d.reportersByFormat }).toEqual({ expected: 5, reported: 3, byFormat: { F2019: 0, F2021: 3 } });
      // C1 left appeals.review.total out: two of three reporters had it; its blank amount still counts as reported.
      expect([d.cellReporters['appeals.review.total'], d.cellReporters['proactive.admin_fees.amount']]).toEqual([2, 3]);
      expect(plainRollup(s2)).toEqual({ agencyId: ids.S2, year: 2023, sums: {}, cellReporters: {}, reportersByFormat: { F2019: 0, F2021: 0 }, expected: 2, reported: 0 });
    });

    it('counts drafts only when asked, and never a REGION report', async () => {
      const [withDrafts] = await storage.rollups([{ agencyId: ids.D, year: 2023 }], { includeDrafts: true });
      expect([withDrafts.sums['applications.new_received.total'], withDrafts.reported]).toEqual([1111, 4]);
    });

    it('restates a year over the current tree when asked', async () => {
      const [s1Then, s1Now] = [
        ...(await storage.rollups([{ agencyId: ids.S1, year: 2022 }])),
        ...(await storage.rollups([{ agencyId: ids.S1, year: 2022 }], { hierarchy: 'CURRENT' })),
      ];
      expect([s1Then.sums['applications.new_received.total'], s1Now.sums['applications.new_received.total']]).toEqual([7, undefined]);
      const [s2Now] = await storage.rollups([{ agencyId: ids.S2, year: 2022 }], { hierarchy: 'CURRENT' });
      expect([s2Now.sums['applications.new_received.total'], s2Now.reportersByFormat]).toEqual([7, { F2019: 1, F2021: 0 }]);
    });

    it('lists who has not reported', async () => {
      const missing = await storage.missingReporters({ agencyId: ids.D, year: 2023 });
      expect(missing.map((a) => a.code)).toEqual(['C2', 'S2']);
      const missingWithDrafts = await storage.missingReporters({ agencyId: ids.D, year: 2023 }, { includeDrafts: true });
      expect(missingWithDrafts.map((a) => a.code)).toEqual(['S2']);
    });

    it('follows a correction and a move at once, and equals a rebuild', async () => {
      await storage.submitReport({ agencyCode: 'C1', document: makeDocument({ year: 2023, received: 50 }), submittedBy: null, sourceName: null, publish: true });
      await storage.setParent({ childCode: 'C1', parentCode: 'S2', fromYear: 2023, toYear: null });
      const [s1, s2, d] = await storage.rollups([ids.S1, ids.S2, ids.D].map((agencyId) => ({ agencyId, year: 2023 })));
      expect([s1, s2, d].map((r) => r.sums['applications.new_received.total'])).toEqual([10, 50, 61]);
      expect(await storage.verifyRollups()).toEqual({ differences: [] });
      const before = (await storage.rollups([ids.S1, ids.S2, ids.D].map((agencyId) => ({ agencyId, year: 2023 })))).map(plainRollup);
      await storage.rebuildRollups();
      expect((await storage.rollups([ids.S1, ids.S2, ids.D].map((agencyId) => ({ agencyId, year: 2023 })))).map(plainRollup)).toEqual(before);
    });

    it('reads 30 rollups with as many statements as 3, in every mode', async () => {
      const all = Object.values(ids);
      const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ agencyId: all[i % all.length], year: 2019 + (i % 6) }));
      for (const options of [{}, { includeDrafts: true }, { hierarchy: 'CURRENT' as const }]) {
        storage.statements.reset();
        await storage.rollups(keys(3), options);
        const three = storage.statements.count();
        storage.statements.reset();
        await storage.rollups(keys(30), options);
        expect(storage.statements.count()).toBe(three);
      }
    });
  });

  describe('under random histories of writes and moves', () => {
    const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
    const CODES = ['applications.new_received.total', 'applications.granted.other_org', 'proactive.admin_fees.amount', 'appeals.review.total', 'proactive.regulations.issued'];

    type Op =
      | { kind: 'submit'; agency: number; year: number; values: (number | null | undefined)[]; publish: boolean; region: boolean }
      | { kind: 'publish'; agency: number; year: number }
      | { kind: 'move'; agency: number; parent: number | null; from: number; to: number | null }
      | { kind: 'end'; agency: number; lastYear: number }
      | { kind: 'add' };

    const agencyIndex = fc.nat({ max: 7 });
    const year = fc.constantFrom(...YEARS);
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('submit' as const), agency: agencyIndex, year, publish: fc.boolean(), region: fc.boolean().map((b) => b && Math.random() < 0.3),
        values: fc.array(fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })), { minLength: CODES.length, maxLength: CODES.length }) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('publish' as const), agency: agencyIndex, year }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('move' as const), agency: agencyIndex, parent: fc.option(agencyIndex, { freq: 4 }), from: year, to: fc.option(year, { freq: 2 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('end' as const), agency: agencyIndex, lastYear: year }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'add' as const }) },
    );

    /** The hierarchy as the tests understand it (closure.ts semantics), year by year. */
    class Model {
      readonly placed = new Set<number>();
      readonly parentIn = new Map<number, Map<number, number | null>>();
      link(child: number, parent: number | null, from: number, to: number | null) {
        this.placed.add(child);
        const years = this.parentIn.get(child) ?? new Map();
        for (const y of YEARS) if (y >= from && (to === null || y <= to)) years.set(y, parent);
        this.parentIn.set(child, years);
      }
      end(agency: number, lastYear: number) {
        const years = this.parentIn.get(agency) ?? new Map(this.placed.has(agency) ? [] : YEARS.map((y) => [y, null]));
        for (const y of YEARS) if (y > lastYear) years.delete(y);
        this.placed.add(agency);
        this.parentIn.set(agency, years);
      }
      active(agency: number, y: number) {
        return !this.placed.has(agency) || this.parentIn.get(agency)!.has(y);
      }
      chain(agency: number, y: number): number[] {
        if (!this.active(agency, y)) return [];
        const chain = [agency];
        let parent = this.placed.has(agency) ? this.parentIn.get(agency)!.get(y) ?? null : null;
        while (parent !== null) {
          chain.push(parent);
          parent = this.placed.has(parent) ? this.parentIn.get(parent)!.get(y) ?? null : null;
        }
        return chain;
      }
    }

    function bruteForce(model: Model, agencyIds: readonly number[], reports: readonly ReportRecord[], key: { agencyId: number; year: number }, includeDrafts: boolean): PlainRollup {
      const sums: Record<string, number> = {};
      const cellReporters: Record<string, number> = {};
      const byFormat = { F2019: 0, F2021: 0 };
      let expected = 0;
      let reported = 0;
      for (const id of agencyIds) {
        if (!model.chain(id, key.year).includes(key.agencyId)) continue;
        expected += 1;
        const report = reports.find((r) => r.agencyId === id && r.year === key.year && r.scope === 'OWN' && (includeDrafts || r.status === 'PUBLISHED'));
        if (!report) continue;
        reported += 1;
        byFormat[report.format] += 1;
        for (const [code, value] of Object.entries(report.cells)) {
          sums[code] = (sums[code] ?? 0) + (value ?? 0);
          cellReporters[code] = (cellReporters[code] ?? 0) + 1;
        }
      }
      return { ...key, sums, cellReporters, reportersByFormat: byFormat, expected, reported };
    }

    async function run(ops: readonly Op[]): Promise<void> {
      const storage = await openStorage({ url: await engine.url() });
      try {
        const model = new Model();
        const codes: string[] = [];
        const add = async () => {
          const code = `A${codes.length}`;
          await storage.upsertAgency({ code, name: code, kind: 'OTHER' });
          codes.push(code);
        };
        for (let i = 0; i < 4; i++) await add();
        const codeOf = (i: number) => codes[i % codes.length];
        const indexOf = (i: number) => i % codes.length;
        for (const o of ops) {
          try {
            switch (o.kind) {
              case 'submit': {
                const cells = Object.fromEntries(CODES.map((code, i) => [code, o.values[i] === null || o.values[i] === undefined ? o.values[i] : code.endsWith('amount') ? String(o.values[i]! / 100) : o.values[i]]));
                const document = makeDocument({ year: o.year, cells, scope: o.region ? 'REGION' : 'OWN' });
                await storage.submitReport({ agencyCode: codeOf(o.agency), document, submittedBy: null, sourceName: null, publish: o.publish, acceptFailures: ALL_ERRORS });
                break;
              }
              case 'publish':
                await storage.publishReport({ agencyCode: codeOf(o.agency), year: o.year, publishedBy: null, acceptFailures: ALL_ERRORS });
                break;
              case 'move': {
                const to = o.to !== null && o.to < o.from ? null : o.to;
                await storage.setParent({ childCode: codeOf(o.agency), parentCode: o.parent === null ? null : codeOf(o.parent), fromYear: o.from, toYear: to });
                model.link(indexOf(o.agency), o.parent === null ? null : indexOf(o.parent), o.from, to);
                break;
              }
              case 'end':
                await storage.endAgency({ code: codeOf(o.agency), lastYear: o.lastYear });
                model.end(indexOf(o.agency), o.lastYear);
                break;
              case 'add':
                await add();
                break;
              default: {
                const unreachable: never = o;
                throw new Error(`unknown op ${JSON.stringify(unreachable)}`);
              }
            }
          } catch (error) {
            if (!(error instanceof AppError) || !['NOT_FOUND', 'VALIDATION_FAILED'].includes(error.code)) throw error;
          }
        }
        expect(await storage.verifyRollups()).toEqual({ differences: [] });

        const agencies = (await storage.agenciesByCode(codes)).map((a) => a!);
        const reports = (await storage.reportsOfAgencies(agencies.map((a) => a.id))).flat();
        // The model knows agencies by index; map its chains to ids.
        const idModel = new Model();
        for (const [index, years] of model.parentIn) {
          idModel.placed.add(agencies[index].id);
          idModel.parentIn.set(agencies[index].id, new Map([...years].map(([y, p]) => [y, p === null ? null : agencies[p].id])));
        }
        const keys = agencies.flatMap((a) => YEARS.map((y) => ({ agencyId: a.id, year: y })));
        const ids = agencies.map((a) => a.id);
        for (const includeDrafts of [false, true]) {
          const expected = keys.map((k) => bruteForce(idModel, ids, reports, k, includeDrafts));
          expect((await storage.rollups(keys, { includeDrafts })).map(plainRollup)).toEqual(expected);
        }
        const incremental = (await storage.rollups(keys)).map(plainRollup);
        await storage.rebuildRollups();
        expect((await storage.rollups(keys)).map(plainRollup)).toEqual(incremental);
      } finally {
        await storage.close();
      }
    }

    it('incremental rollups equal a rebuild and a brute-force sum over the facts', async () => {
      await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), run), { numRuns: engine.name === 'sqlite' ? 40 : 12 });
    });
  });
});
