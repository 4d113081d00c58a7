/**
 * The dated hierarchy (DESIGN.md §2): who is whose parent, for a range of years. Sub-districts merge
 * and split, communities move, departments are reorganised; a rollup for year Y uses the tree as it
 * was in Y. Pure functions over plain link values; ids are whatever the caller uses (codes or
 * database ids), compared with ===.
 */

export type NodeId = string | number;

/** `child` is under `parent` in every year from `fromYear` to `toYear` inclusive; `toYear` null = still. */
export interface ParentLink<Id extends NodeId = NodeId> {
  readonly child: Id;
  readonly parent: Id;
  readonly fromYear: number;
  readonly toYear: number | null;
}

/** The years an agency exists (a root has no link to say so). `toYear` null = still active. */
export interface ActiveSpan<Id extends NodeId = NodeId> {
  readonly id: Id;
  readonly fromYear: number;
  readonly toYear: number | null;
}

export interface YearTree<Id extends NodeId = NodeId> {
  readonly year: number;
  /** The parent of each child that has one this year. */
  readonly parentOf: ReadonlyMap<Id, Id>;
  /** The children of each parent this year, in the order of the links. */
  readonly childrenOf: ReadonlyMap<Id, readonly Id[]>;
}

export function linkCovers(link: { readonly fromYear: number; readonly toYear: number | null }, year: number): boolean {
  return link.fromYear <= year && (link.toYear === null || year <= link.toYear);
}

/**
 * The tree as it was in `year`. When links are invalid (two parents for one child in a year), the
 * first link wins; call validateLinks first to hear about it.
 */
export function treeInYear<Id extends NodeId>(links: readonly ParentLink<Id>[], year: number): YearTree<Id> {
  const parentOf = new Map<Id, Id>();
  const childrenOf = new Map<Id, Id[]>();
  for (const link of links) {
    if (!linkCovers(link, year) || parentOf.has(link.child)) continue;
    parentOf.set(link.child, link.parent);
    const siblings = childrenOf.get(link.parent);
    if (siblings) siblings.push(link.child);
    else childrenOf.set(link.parent, [link.child]);
  }
  return { year, parentOf, childrenOf };
}

/** Every descendant of `root` in `year` (not `root` itself), breadth first. */
export function descendantsInYear<Id extends NodeId>(links: readonly ParentLink<Id>[], root: Id, year: number): Id[] {
  const { childrenOf } = treeInYear(links, year);
  const out: Id[] = [];
  const seen = new Set<Id>([root]);
  const queue: Id[] = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const child of childrenOf.get(queue[i]!) ?? []) {
      if (seen.has(child)) continue; // a cycle (invalid links): stop rather than loop
      seen.add(child);
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

export type LinkProblem<Id extends NodeId = NodeId> =
  | { readonly kind: 'range'; readonly link: ParentLink<Id>; readonly message: string }
  | { readonly kind: 'self_parent'; readonly link: ParentLink<Id>; readonly message: string }
  | { readonly kind: 'two_parents'; readonly child: Id; readonly year: number; readonly parents: readonly Id[]; readonly message: string }
  | { readonly kind: 'cycle'; readonly year: number; readonly path: readonly Id[]; readonly message: string };

/**
 * The first years of the segments in which the tree stays the same: every fromYear and every
 * toYear + 1, sorted. Between two breakpoints nothing changes, so checking these years checks all.
 */
export function breakpoints(ranges: readonly { readonly fromYear: number; readonly toYear: number | null }[]): number[] {
  const years = new Set<number>();
  for (const r of ranges) {
    years.add(r.fromYear);
    if (r.toYear !== null) years.add(r.toYear + 1);
  }
  return [...years].sort((a, b) => a - b);
}

/**
 * Everything wrong with a set of links: a range with fromYear > toYear, a node its own parent,
 * a child with two parents in some year, a cycle in some year. Empty when the links form a forest
 * in every year. Each problem is reported once, at the first year it appears.
 */
export function validateLinks<Id extends NodeId>(links: readonly ParentLink<Id>[]): LinkProblem<Id>[] {
  const problems: LinkProblem<Id>[] = [];
  const usable: ParentLink<Id>[] = [];
  for (const link of links) {
    if (link.toYear !== null && link.fromYear > link.toYear) {
      problems.push({ kind: 'range', link, message: `${String(link.child)} → ${String(link.parent)}: fromYear ${link.fromYear} > toYear ${link.toYear}` });
    } else if (link.child === link.parent) {
      problems.push({ kind: 'self_parent', link, message: `${String(link.child)} is its own parent from ${link.fromYear}` });
    } else {
      usable.push(link);
    }
  }
  const reported = new Set<string>();
  for (const year of breakpoints(usable)) {
    const parents = new Map<Id, Id[]>();
    for (const link of usable) {
      if (!linkCovers(link, year)) continue;
      const list = parents.get(link.child);
      if (list) list.push(link.parent);
      else parents.set(link.child, [link.parent]);
    }
    for (const [child, list] of parents) {
      const distinct = [...new Set(list)];
      if (distinct.length < 2) continue;
      const key = `two:${String(child)}:${distinct.map(String).sort().join(',')}`;
      if (reported.has(key)) continue;
      reported.add(key);
      problems.push({ kind: 'two_parents', child, year, parents: distinct, message: `${String(child)} has ${distinct.length} parents in ${year}: ${distinct.map(String).join(', ')}` });
    }
    // Cycle detection on the first parent of each child (states: 1 = on the current path, 2 = done).
    const state = new Map<Id, 1 | 2>();
    for (const start of parents.keys()) {
      const path: Id[] = [];
      let node: Id | undefined = start;
      while (node !== undefined && !state.has(node)) {
        state.set(node, 1);
        path.push(node);
        node = parents.get(node)?.[0];
      }
      if (node !== undefined && state.get(node) === 1) {
        const cycle = path.slice(path.indexOf(node));
        const key = `cycle:${cycle.map(String).sort().join(',')}`;
        if (!reported.has(key)) {
          reported.add(key);
          problems.push({ kind: 'cycle', year, path: [...cycle, node], message: `cycle in ${year}: ${[...cycle, node].map(String).join(' → ')}` });
        }
      }
      for (const p of path) state.set(p, 2);
    }
  }
  return problems;
}

/** One row of the closure table: `ancestorId` is `depth` levels above `descendantId` in every year of the range. */
export interface ClosureRow<Id extends NodeId = NodeId> {
  readonly ancestorId: Id;
  readonly descendantId: Id;
  /** 0 for the self row of an agency, 1 for a child, 2 for a grandchild … */
  readonly depth: number;
  readonly fromYear: number;
  /** null: still true. */
  readonly toYear: number | null;
}

/**
 * The closure table with year ranges (DESIGN.md §2: "all descendants of X in year Y" is one indexed
 * query: ancestorId = X AND fromYear ≤ Y AND (toYear IS NULL OR toYear ≥ Y)). One row per
 * (ancestor, descendant, depth) and maximal run of consecutive years; a depth-0 self row for every
 * agency over the years it is active: the years it appears in a link (as child or parent), united
 * with its `spans` when given (a root with no children still needs its self row).
 * @throws Error when the links contain a cycle (validateLinks names it).
 */
export function closureRows<Id extends NodeId>(
  links: readonly ParentLink<Id>[],
  spans: readonly ActiveSpan<Id>[] = [],
): ClosureRow<Id>[] {
  const validLinks = links.filter((l) => (l.toYear === null || l.fromYear <= l.toYear) && l.child !== l.parent);
  const validSpans = spans.filter((s) => s.toYear === null || s.fromYear <= s.toYear);
  const years = breakpoints([...validLinks, ...validSpans]);
  const finished: ClosureRow<Id>[] = [];
  // Rows still open at the current segment, keyed by ancestor, then descendant; value: [depth, fromYear].
  let open = new Map<Id, Map<Id, { depth: number; fromYear: number }>>();

  for (let s = 0; s < years.length; s++) {
    const from = years[s]!;
    const segmentEnd = s + 1 < years.length ? years[s + 1]! - 1 : null;
    const active = new Set<Id>();
    const parentOf = new Map<Id, Id>();
    for (const link of validLinks) {
      if (!linkCovers(link, from)) continue;
      active.add(link.child);
      active.add(link.parent);
      if (!parentOf.has(link.child)) parentOf.set(link.child, link.parent);
    }
    for (const span of validSpans) if (linkCovers(span, from)) active.add(span.id);

    const next = new Map<Id, Map<Id, { depth: number; fromYear: number }>>();
    const keep = (ancestor: Id, descendant: Id, depth: number) => {
      const previous = open.get(ancestor)?.get(descendant);
      const fromYear = previous && previous.depth === depth ? previous.fromYear : from;
      let row = next.get(ancestor);
      if (!row) next.set(ancestor, (row = new Map()));
      row.set(descendant, { depth, fromYear });
    };
    for (const node of active) {
      keep(node, node, 0);
      let ancestor = parentOf.get(node);
      let depth = 1;
      while (ancestor !== undefined) {
        if (depth > active.size) throw new Error(`closureRows: cycle through ${String(node)} in ${from}; see validateLinks`);
        keep(ancestor, node, depth);
        ancestor = parentOf.get(ancestor);
        depth++;
      }
    }
    // Close what did not continue into this segment (or continued at another depth).
    for (const [ancestor, byDescendant] of open) {
      for (const [descendant, row] of byDescendant) {
        const continued = next.get(ancestor)?.get(descendant);
        if (continued && continued.fromYear === row.fromYear) continue;
        finished.push({ ancestorId: ancestor, descendantId: descendant, depth: row.depth, fromYear: row.fromYear, toYear: from - 1 });
      }
    }
    open = next;
    if (segmentEnd === null) {
      for (const [ancestor, byDescendant] of open) {
        for (const [descendant, row] of byDescendant) {
          finished.push({ ancestorId: ancestor, descendantId: descendant, depth: row.depth, fromYear: row.fromYear, toYear: null });
        }
      }
    }
  }
  return finished;
}
