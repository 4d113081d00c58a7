/**
 * The closure of the dated hierarchy, computed from parent links (pure; DESIGN.md §2 "Dated hierarchy").
 *
 * Activity ("is agency A active in year Y", which H1 coverage counts):
 * - an agency with at least one parent link (a NULL parent is an explicit root span) is active exactly
 *   in the years its links cover; gaps mean it did not exist (not yet created, merged away, dissolved);
 * - an agency ended before its first active year keeps one empty root span [0, -1] (endAgency), so
 *   that it counts as placed and active in no year;
 * - an agency with no link at all ("unplaced", e.g. a district created with upsertAgency and never
 *   given a parent) is a root in every year.
 * An active agency has a self row (depth 0) for its active years and one row per ancestor. A parent
 * that is not active in a year still receives its children's rows that year (the chain stops there),
 * but no self row: it is not counted as expected.
 */
import { OPEN_YEAR } from './sql';

export interface LinkSpan {
  readonly childId: number;
  readonly parentId: number | null;
  readonly fromYear: number;
  /** Inclusive; null = open. */
  readonly toYear: number | null;
}

export interface ClosureRow {
  readonly ancestorId: number;
  readonly descendantId: number;
  readonly depth: number;
  readonly fromYear: number;
  /** Inclusive; OPEN_YEAR for an open span. */
  readonly toYear: number;
}

/** The span given to an agency with no link at all: a root in every year. */
export const UNPLACED_FROM_YEAR = 0;

/**
 * Closure rows of every agency in `descendants` (each agency's rows as descendant), from all `links`.
 * @throws Error on a cycle (setParent refuses cycles before they are stored, so this is a bug).
 */
export function closureRows(links: readonly LinkSpan[], descendants: Iterable<number>): ClosureRow[] {
  const byChild = new Map<number, LinkSpan[]>();
  for (const link of links) {
    const list = byChild.get(link.childId) ?? [];
    list.push(link);
    byChild.set(link.childId, list);
  }
  const linkAt = (agencyId: number, year: number): LinkSpan | undefined =>
    byChild.get(agencyId)?.find((l) => l.fromYear <= year && (l.toYear ?? OPEN_YEAR) >= year);

  // Elementary year intervals: within one, every agency's parent is constant.
  const bounds = new Set<number>([UNPLACED_FROM_YEAR]);
  for (const l of links) {
    bounds.add(l.fromYear);
    if (l.toYear !== null && l.toYear < OPEN_YEAR) bounds.add(l.toYear + 1);
  }
  const starts = [...bounds].sort((a, b) => a - b);
  const intervals = starts.map((from, i) => ({ from, to: i + 1 < starts.length ? starts[i + 1] - 1 : OPEN_YEAR }));

  const rows: ClosureRow[] = [];
  for (const descendantId of descendants) {
    const placed = byChild.has(descendantId);
    // key ancestor:depth → the span being extended
    const open = new Map<string, { ancestorId: number; depth: number; fromYear: number; toYear: number }>();
    const flush = (key: string) => {
      const span = open.get(key)!;
      rows.push({ ancestorId: span.ancestorId, descendantId, depth: span.depth, fromYear: span.fromYear, toYear: span.toYear });
      open.delete(key);
    };
    for (const { from, to } of intervals) {
      const chain: number[] = [];
      if (!placed) chain.push(descendantId);
      else if (linkAt(descendantId, from)) {
        chain.push(descendantId);
        let parent = linkAt(descendantId, from)!.parentId;
        while (parent !== null) {
          if (chain.includes(parent)) throw new Error(`hierarchy cycle through agency ${parent} in ${from}`);
          chain.push(parent);
          parent = linkAt(parent, from)?.parentId ?? null;
        }
      }
      const seen = new Set<string>();
      chain.forEach((ancestorId, depth) => {
        const key = `${ancestorId}:${depth}`;
        seen.add(key);
        const span = open.get(key);
        if (span && span.toYear === from - 1) span.toYear = to;
        else {
          if (span) flush(key);
          open.set(key, { ancestorId, depth, fromYear: from, toYear: to });
        }
      });
      for (const key of [...open.keys()]) if (!seen.has(key)) flush(key);
    }
    for (const key of [...open.keys()]) flush(key);
  }
  return rows;
}
