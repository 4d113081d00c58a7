import fc from 'fast-check';
import {
  closureRows, descendantsInYear, treeInYear, validateLinks,
  type ActiveSpan, type ClosureRow, type ParentLink,
} from '../../src/domain/hierarchy';

const link = (child: string, parent: string, fromYear: number, toYear: number | null = null): ParentLink<string> =>
  ({ child, parent, fromYear, toYear });

/** A district with two sub-districts; community c2 moves from s1 to s2 in 2022; s1 merges into s2 in 2023. */
const DISTRICT: readonly ParentLink<string>[] = [
  link('s1', 'd', 2019, 2022),
  link('s2', 'd', 2019),
  link('c1', 's1', 2019, 2022), link('c1', 's2', 2023),
  link('c2', 's1', 2019, 2021), link('c2', 's2', 2022),
  link('c3', 's2', 2019),
];

const sortRows = (rows: readonly ClosureRow<string>[]) =>
  [...rows].sort((a, b) => `${a.ancestorId}|${a.descendantId}|${a.fromYear}`.localeCompare(`${b.ancestorId}|${b.descendantId}|${b.fromYear}`));

describe('treeInYear and descendantsInYear', () => {
  it('uses the tree as it was in the year asked', () => {
    expect(descendantsInYear(DISTRICT, 's1', 2021)).toEqual(['c1', 'c2']);
    expect(descendantsInYear(DISTRICT, 's1', 2022)).toEqual(['c1']);
    expect(descendantsInYear(DISTRICT, 's1', 2023)).toEqual([]);
    expect(descendantsInYear(DISTRICT, 'd', 2023)).toEqual(['s2', 'c1', 'c2', 'c3']);
    expect(treeInYear(DISTRICT, 2020).parentOf.get('c2')).toBe('s1');
    expect(treeInYear(DISTRICT, 2022).childrenOf.get('s2')).toEqual(['c2', 'c3']);
  });
});

describe('validateLinks', () => {
  it('accepts a forest in every year', () => {
    expect(validateLinks(DISTRICT)).toEqual([]);
  });

  it('names a reversed range, a self parent, two parents and a cycle, with the year', () => {
    const problems = validateLinks([
      link('a', 'b', 2021, 2020),
      link('x', 'x', 2019),
      link('c', 'p', 2019), link('c', 'q', 2020, 2020),
      link('m', 'n', 2019), link('n', 'o', 2019), link('o', 'm', 2022),
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'a → b: fromYear 2021 > toYear 2020',
      'x is its own parent from 2019',
      'c has 2 parents in 2020: p, q',
      'cycle in 2022: m → n → o → m',
    ]);
  });
});

describe('closureRows', () => {
  it('gives self rows, children and grandchildren with the years each holds', () => {
    const rows = closureRows(DISTRICT).filter((r) => r.descendantId === 'c2' || r.ancestorId === 's1');
    expect(sortRows(rows)).toEqual(sortRows([
      { ancestorId: 'c2', descendantId: 'c2', depth: 0, fromYear: 2019, toYear: null },
      { ancestorId: 's1', descendantId: 'c2', depth: 1, fromYear: 2019, toYear: 2021 },
      { ancestorId: 's2', descendantId: 'c2', depth: 1, fromYear: 2022, toYear: null },
      { ancestorId: 'd', descendantId: 'c2', depth: 2, fromYear: 2019, toYear: null },
      { ancestorId: 's1', descendantId: 's1', depth: 0, fromYear: 2019, toYear: 2022 },
      { ancestorId: 's1', descendantId: 'c1', depth: 1, fromYear: 2019, toYear: 2022 },
    ]));
  });

  it('gives a lone root a self row over its span', () => {
    expect(closureRows([], [{ id: 'r', fromYear: 2019, toYear: 2020 }])).toEqual([
      { ancestorId: 'r', descendantId: 'r', depth: 0, fromYear: 2019, toYear: 2020 },
    ]);
  });

  it('throws on a cycle', () => {
    expect(() => closureRows([link('a', 'b', 2019), link('b', 'a', 2019)])).toThrow(/cycle/);
  });

  /**
   * Random dated forests: node i's life is split into segments, each under no parent or under some
   * node j < i (so no cycles), which makes moves, merges (a node's life ends and its children move)
   * and splits (new nodes start later) as the random draws fall.
   */
  const FIRST = 2019;
  const LAST = 2025;
  const forest = fc.integer({ min: 1, max: 10 }).chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          start: fc.integer({ min: FIRST, max: LAST }),
          length: fc.integer({ min: 0, max: 8 }),
          open: fc.boolean(),
          cuts: fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 3 }),
          parents: fc.array(fc.integer({ min: -1, max: Math.max(0, i - 1) }), { minLength: 4, maxLength: 4 }),
        }),
      ),
    ).map((nodes) => {
      const links: ParentLink<string>[] = [];
      const spans: ActiveSpan<string>[] = [];
      nodes.forEach((node, i) => {
        const end = node.open ? null : node.start + node.length;
        const last = end ?? LAST + 2;
        spans.push({ id: `n${i}`, fromYear: node.start, toYear: end });
        const starts = [node.start, ...node.cuts.map((c) => node.start + c).filter((y) => y <= last)].sort((a, b) => a - b);
        starts.forEach((from, k) => {
          const parent = node.parents[k]!;
          if (i === 0 || parent < 0) return;
          const to = k + 1 < starts.length ? starts[k + 1]! - 1 : end;
          links.push({ child: `n${i}`, parent: `n${parent}`, fromYear: from, toYear: to });
        });
      });
      return { links, spans };
    }),
  );

  const HORIZON = { from: FIRST - 1, to: LAST + 4 };

  function bruteForce(links: readonly ParentLink<string>[], spans: readonly ActiveSpan<string>[]): string[] {
    const facts: string[] = [];
    for (let year = HORIZON.from; year <= HORIZON.to; year++) {
      const { parentOf } = treeInYear(links, year);
      const covers = (r: { fromYear: number; toYear: number | null }) => r.fromYear <= year && (r.toYear === null || year <= r.toYear);
      const active = new Set<string>();
      for (const l of links) if (covers(l)) { active.add(l.child); active.add(l.parent); }
      for (const s of spans) if (covers(s)) active.add(s.id);
      for (const node of active) {
        facts.push(`${node}|${node}|0|${year}`);
        let depth = 1;
        for (let a = parentOf.get(node); a !== undefined; a = parentOf.get(a)) facts.push(`${a}|${node}|${depth++}|${year}`);
      }
    }
    return facts.sort();
  }

  function expand(rows: readonly ClosureRow<string>[]): string[] {
    const facts: string[] = [];
    for (const r of rows) {
      for (let year = Math.max(r.fromYear, HORIZON.from); year <= Math.min(r.toYear ?? HORIZON.to, HORIZON.to); year++) {
        facts.push(`${r.ancestorId}|${r.descendantId}|${r.depth}|${year}`);
      }
    }
    return facts.sort();
  }

  it('holds exactly the facts of a walk up every year’s tree, for random dated forests', () => {
    fc.assert(fc.property(forest, ({ links, spans }) => {
      expect(validateLinks(links)).toEqual([]);
      expect(expand(closureRows(links, spans))).toEqual(bruteForce(links, spans));
    }), { numRuns: 300 });
  });

  it('keeps each run of years in one row: no two rows of the same pair and depth touch or overlap', () => {
    fc.assert(fc.property(forest, ({ links, spans }) => {
      const rows = closureRows(links, spans);
      const byKey = new Map<string, ClosureRow<string>[]>();
      for (const r of rows) {
        const key = `${r.ancestorId}|${r.descendantId}|${r.depth}`;
        byKey.set(key, [...(byKey.get(key) ?? []), r]);
      }
      for (const group of byKey.values()) {
        const sorted = [...group].sort((a, b) => a.fromYear - b.fromYear);
        for (let i = 1; i < sorted.length; i++) {
          expect(sorted[i - 1]!.toYear).not.toBeNull();
          expect(sorted[i - 1]!.toYear! + 1).toBeLessThan(sorted[i]!.fromYear);
        }
      }
    }), { numRuns: 200 });
  });
});
