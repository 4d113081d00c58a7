/**
 * rollup_node.cells as packed text (src/db/packed-cells.ts): what is packed reads back exactly,
 * whole or one cell at a time by binary search, and a corrupt text is refused with what was expected.
 */
import fc from 'fast-check';
import { findPackedCell, forEachPackedCell, packCells, unpackCells, type PackedTriple } from '../../src/db/packed-cells';

const triples = fc
  .uniqueArray(
    fc.record({
      codeId: fc.integer({ min: 1, max: 2000 }),
      valueSum: fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.constantFrom(0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER)),
      absentReporters: fc.nat({ max: 5000 }),
    }),
    { selector: (t) => t.codeId, maxLength: 250 },
  );

const sorted = (rows: readonly PackedTriple[]) => [...rows].sort((a, b) => a.codeId - b.codeId);

describe('packed rollup cells', () => {
  it('read back whole: unpack(pack(x)) = x in ascending code ids', () => {
    fc.assert(fc.property(triples, (rows) => {
      expect(unpackCells(packCells(rows), 'test')).toEqual(sorted(rows));
    }), { numRuns: 300 });
  });

  it('find every packed cell by binary search, and no other', () => {
    fc.assert(fc.property(triples, fc.array(fc.integer({ min: 0, max: 2100 }), { maxLength: 30 }), (rows, probes) => {
      const text = packCells(rows);
      const byId = new Map(rows.map((r) => [r.codeId, r]));
      for (const id of [...byId.keys(), ...probes]) {
        const out = { sum: NaN, absent: NaN };
        const found = findPackedCell(text, id, 'test', out);
        const row = byId.get(id);
        expect(found).toBe(row !== undefined);
        if (row) expect(out).toEqual({ sum: row.valueSum, absent: row.absentReporters });
      }
    }), { numRuns: 300 });
  });

  it('separates triples with ";" and numbers with ","', () => {
    expect(packCells([{ codeId: 17, valueSum: -5, absentReporters: 0 }, { codeId: 3, valueSum: 120, absentReporters: 2 }])).toBe('3,120,2;17,-5,0');
    expect(packCells([])).toBe('');
  });

  it.each([
    ['3,120', 'incomplete triple'],
    ['3,120,2,4', 'fourth number'],
    ['3,1x0,2', 'character "x"'],
    ['17,1,0;3,1,0', 'ascending order'],
    ['3,,2', 'received "," where an integer was due at 2'],
    ['3,99999999999999999,0', 'not a safe integer'],
  ])('refuses the corrupt text %j naming what it expected', (text, what) => {
    expect(() => forEachPackedCell(text, '42:2023', () => undefined)).toThrow(/rollup_node\.cells of 42:2023: expected codeId,sum,absent triples/);
    expect(() => forEachPackedCell(text, '42:2023', () => undefined)).toThrow(what);
  });
});
