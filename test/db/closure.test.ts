import { closureRows } from '../../src/db/closure';
import { OPEN_YEAR } from '../../src/db/sql';

const sorted = <T extends { ancestorId: number; descendantId: number; fromYear: number }>(rows: T[]) =>
  [...rows].sort((a, b) => a.descendantId - b.descendantId || a.ancestorId - b.ancestorId || a.fromYear - b.fromYear);

describe('closureRows', () => {
  it('gives an unplaced agency one self row for every year', () => {
    expect(closureRows([], [7])).toEqual([{ ancestorId: 7, descendantId: 7, depth: 0, fromYear: 0, toYear: OPEN_YEAR }]);
  });

  it('follows a move, merging the years where nothing changed', () => {
    const links = [
      { childId: 2, parentId: 1, fromYear: 2019, toYear: null },
      { childId: 3, parentId: 2, fromYear: 2019, toYear: 2021 },
      { childId: 3, parentId: 1, fromYear: 2022, toYear: null },
    ];
    expect(sorted(closureRows(links, [3]))).toEqual([
      { ancestorId: 1, descendantId: 3, depth: 2, fromYear: 2019, toYear: 2021 },
      { ancestorId: 1, descendantId: 3, depth: 1, fromYear: 2022, toYear: OPEN_YEAR },
      { ancestorId: 2, descendantId: 3, depth: 1, fromYear: 2019, toYear: 2021 },
      { ancestorId: 3, descendantId: 3, depth: 0, fromYear: 2019, toYear: OPEN_YEAR },
    ]);
  });

  it('stops a chain at a parent not active that year, which gets no self row', () => {
    const links = [
      { childId: 2, parentId: null, fromYear: 2021, toYear: null },
      { childId: 3, parentId: 2, fromYear: 2019, toYear: null },
    ];
    expect(sorted(closureRows(links, [2, 3]))).toEqual([
      { ancestorId: 2, descendantId: 2, depth: 0, fromYear: 2021, toYear: OPEN_YEAR },
      { ancestorId: 2, descendantId: 3, depth: 1, fromYear: 2019, toYear: OPEN_YEAR },
      { ancestorId: 3, descendantId: 3, depth: 0, fromYear: 2019, toYear: OPEN_YEAR },
    ]);
  });

  it('gives an agency ended before its first year no row at all', () => {
    expect(closureRows([{ childId: 4, parentId: null, fromYear: 0, toYear: -1 }], [4])).toEqual([]);
  });

  it('refuses a cycle', () => {
    const links = [
      { childId: 1, parentId: 2, fromYear: 2020, toYear: null },
      { childId: 2, parentId: 1, fromYear: 2020, toYear: null },
    ];
    expect(() => closureRows(links, [1])).toThrow(/cycle/);
  });
});
