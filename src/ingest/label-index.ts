/**
 * What each label of a format means, built once per format from the catalogue
 * (src/domain/catalogue: rows, columns, aliases, groups), and a tolerant lookup.
 */
import { FORMATS, type ColumnDef, type FormatDef, type FormatId, type RowDef, type TableId } from '../domain/catalogue';
import { boundedDistance, coreKey, matchKey, simplified } from './normalize';

export type LabelMeaning =
  /** A row label: the values that follow belong to this row. */
  | { readonly kind: 'row'; readonly table: TableId; readonly row: RowDef; readonly columns: readonly ColumnDef[] }
  /** A proactive sub-table header (第二十条第（一）项): sets the columns of any local row that follows. */
  | { readonly kind: 'article'; readonly table: 'proactive'; readonly columns: readonly ColumnDef[] }
  /** A header of the appeals table: the one row of values comes after the last of them. */
  | { readonly kind: 'appeals_header' }
  /** Any other header: column labels, group labels, 信息内容, 申请人情况. */
  | { readonly kind: 'header'; readonly table: TableId | null };

export interface LabelMatch {
  readonly meaning: LabelMeaning;
  /** exact, or how tolerance was needed. */
  readonly how: 'exact' | 'fuzzy' | 'simplified';
  readonly official: string;
}

interface Entry {
  readonly meaning: LabelMeaning;
  readonly official: string;
}

export interface LabelIndex {
  readonly format: FormatId;
  /** Looks up a match key (see normalize.matchKey); undefined when nothing matches. */
  lookup(key: string): LabelMatch | undefined;
}

const APPEALS_HEADERS = ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '结果纠正', '其他结果', '尚未审结'];
const OTHER_HEADERS = ['信息内容', '申请人情况', '法人或其他组织'];

function buildIndex(format: FormatDef): LabelIndex {
  const exact = new Map<string, Entry>();
  const coreCandidates = new Map<string, Entry[]>();
  const put = (label: string, meaning: LabelMeaning) => {
    const key = matchKey(label);
    if (!key || exact.has(key)) return;
    const entry = { meaning, official: label };
    exact.set(key, entry);
    const core = coreKey(key);
    if (core && core !== key) coreCandidates.set(core, [...(coreCandidates.get(core) ?? []), entry]);
  };
  const groupKeys: string[] = [];

  for (const table of format.tables) {
    const columnsOf = (row: RowDef) => row.columns.map((code) => table.columns.find((c) => c.code === code)!);
    for (const row of table.rows) {
      if (table.id === 'appeals') continue;
      const meaning: LabelMeaning = { kind: 'row', table: table.id, row, columns: columnsOf(row) };
      put(row.label.zh, meaning);
      for (const alias of row.aliases ?? []) put(alias, meaning);
    }
    for (const row of table.rows) {
      if (!row.group) continue;
      if (table.id === 'proactive') put(row.group.zh, { kind: 'article', table: 'proactive', columns: columnsOf(row) });
      else for (const part of row.group.zh.split('›')) {
        put(part, { kind: 'header', table: table.id });
        groupKeys.push(matchKey(part), coreKey(matchKey(part)));
      }
    }
    for (const column of table.columns) {
      const meaning: LabelMeaning = table.id === 'appeals' ? { kind: 'appeals_header' } : { kind: 'header', table: table.id };
      for (const label of [column.label.zh, ...(column.aliases ?? [])]) {
        for (const part of label.split('/')) put(part.trim(), meaning);
        put(label, meaning);
      }
    }
  }
  for (const label of APPEALS_HEADERS) put(label, { kind: 'appeals_header' });
  for (const label of OTHER_HEADERS) put(label, { kind: 'header', table: null });

  // A core (label without its numbering) identifies a label only when no other label shares it:
  // `（七）总计` needs its numbering, the column 总计 exists too.
  const core = new Map<string, Entry>();
  for (const [key, entries] of coreCandidates) {
    if (entries.length === 1 && !exact.has(key)) core.set(key, entries[0]);
  }
  const keys = [...exact.keys()];
  const prefixes = [...new Set(groupKeys.filter((k) => k.length >= 3))].sort((a, b) => b.length - a.length);

  const direct = (key: string): Entry | undefined => exact.get(key) ?? core.get(key) ?? core.get(coreKey(key));

  const withoutGroupPrefix = (key: string): Entry | undefined => {
    // A group label printed inline with its first child (L7: `三、本年度办理结果 (一)予以公开 2 1 …`).
    let rest = key;
    for (let guard = 0; guard < 3; guard++) {
      const prefix = prefixes.find((p) => rest.startsWith(p) && rest.length > p.length);
      if (!prefix) return undefined;
      rest = rest.slice(prefix.length);
      const found = direct(rest);
      if (found) return found;
    }
    return undefined;
  };

  const fuzzy = (key: string): Entry | undefined => {
    if (key.length < 4) return undefined;
    const max = key.length >= 8 ? 2 : 1;
    let best: Entry | undefined;
    let bestDistance = max + 1;
    let tie = false;
    for (const candidate of keys) {
      if (Math.abs(candidate.length - key.length) > max || candidate.length < 4) continue;
      const d = boundedDistance(key, candidate, max);
      if (d < bestDistance) {
        best = exact.get(candidate);
        bestDistance = d;
        tie = false;
      } else if (d === bestDistance && d <= max && exact.get(candidate)!.meaning !== best?.meaning) {
        tie = true;
      }
    }
    return tie ? undefined : best;
  };

  const cache = new Map<string, LabelMatch | null>();
  const resolve = (key: string): LabelMatch | undefined => {
    const found = direct(key) ?? withoutGroupPrefix(key);
    if (found) return { meaning: found.meaning, how: 'exact', official: found.official };
    // Traditional script before typos: `規範性文件` is a spelling, not a near miss.
    const simple = simplified(key);
    const converted = simple !== key ? direct(simple) ?? withoutGroupPrefix(simple) : undefined;
    if (converted) return { meaning: converted.meaning, how: 'simplified', official: converted.official };
    const near = fuzzy(key) ?? (simple !== key ? fuzzy(simple) : undefined);
    if (near) return { meaning: near.meaning, how: 'fuzzy', official: near.official };
    return undefined;
  };

  return {
    format: format.id,
    lookup(key) {
      if (!key) return undefined;
      const cached = cache.get(key);
      if (cached !== undefined) return cached ?? undefined;
      const result = resolve(key);
      if (cache.size > 20_000) cache.clear();
      cache.set(key, result ?? null);
      return result;
    },
  };
}

const INDEXES = new Map<FormatId, LabelIndex>();

export function labelIndex(format: FormatId): LabelIndex {
  let index = INDEXES.get(format);
  if (!index) {
    index = buildIndex(FORMATS.find((f) => f.id === format)!);
    INDEXES.set(format, index);
  }
  return index;
}
