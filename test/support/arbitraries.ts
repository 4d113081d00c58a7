/**
 * fast-check arbitraries for the importer's property tests: a report of either format, a layout and
 * a quirk set. Shrinking goes towards the plain case (zeros, no quirks, the first layout), so a
 * shrunk counterexample names only what matters.
 */
import fc from 'fast-check';
import { cellsOf, tableDef, type FormatId } from '../../src/domain/catalogue';
import type { InterchangeCellValue } from '../../src/domain/interchange';
import { canonicalWan } from '../../src/domain/money';
import { LAYOUT_IDS, NO_QUIRKS, readableIn, type LayoutId, type QuirkSet, type RenderInput } from './render';

export const AGENCY_NAMES: readonly string[] = [
  '咸丰路街道办事处',
  '东湖街道办事处',
  '青山镇人民政府',
  '和平区财政局',
  '城南社区居民委员会',
  '南山区人民政府办公室',
];

const PLACES = ['咸丰路', '东湖', '青山', '和平', '城南', '高新区', '望江'];
const BODIES = ['街道办事处', '镇人民政府', '区财政局', '社区居民委员会', '区人民政府办公室', '县教育局', '市场监督管理局'];

/** An agency name: mostly from AGENCY_NAMES (shrinks to the seed's), sometimes a place + body combination. */
export const agencyNameArb: fc.Arbitrary<string> = fc.oneof(
  { withCrossShrink: true },
  { weight: 3, arbitrary: fc.constantFrom(...AGENCY_NAMES) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PLACES), fc.constantFrom(...BODIES)).map(([p, b]) => p + b) },
);

const countArb: fc.Arbitrary<InterchangeCellValue> = fc.oneof(
  { withCrossShrink: true },
  { weight: 5, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 61, max: 99_999 }) },
  { weight: 1, arbitrary: fc.constant(null) },
);

const signedArb: fc.Arbitrary<InterchangeCellValue> = fc.oneof(
  { withCrossShrink: true },
  { weight: 4, arbitrary: countArb },
  { weight: 1, arbitrary: fc.integer({ min: -500, max: -1 }) },
);

/** Amounts in 万元 with up to 6 decimals (1 分), canonical ("42.21", "0.000001", "0"). */
export const amountArb: fc.Arbitrary<InterchangeCellValue> = fc.oneof(
  { withCrossShrink: true },
  { weight: 2, arbitrary: fc.constant('0') },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 999_999 }))
      .map(([whole, decimals, frac]) => canonicalWan(decimals === 0 ? String(whole) : `${whole}.${String(frac % 10 ** decimals).padStart(decimals, '0')}`)),
  },
  { weight: 1, arbitrary: fc.constant(null) },
);

function valueArb(format: FormatId, code: string): fc.Arbitrary<InterchangeCellValue> {
  const def = cellsOf(format).find((c) => c.code === code)!;
  return def.unit === 'amount' ? amountArb : def.unit === 'signed' ? signedArb : countArb;
}

/** Whole proactive sub-tables (article groups) of a format, as lists of cell codes. */
function proactiveGroups(format: FormatId): string[][] {
  const groups = new Map<string, string[]>();
  for (const row of tableDef(format, 'proactive').rows) {
    const list = groups.get(row.group!.zh) ?? [];
    list.push(...row.columns.map((c) => `proactive.${row.code}.${c}`));
    groups.set(row.group!.zh, list);
  }
  return [...groups.values()];
}

export interface ReportShape {
  /** Proactive sub-tables left out ("a table reduced to one sub-table"); at least one stays. */
  readonly droppedProactiveGroups: readonly number[];
  readonly appealsAbsent: boolean;
  /** Rows written wholly blank ("whole rows blank where the agency meant zero"), by index among all rows. */
  readonly blankRows: readonly number[];
  /** Applications rows where only 总计 is filled ("only the 总计 cell filled"), by index. */
  readonly onlyTotalRows: readonly number[];
  /** A table printed with no figures at all. */
  readonly blankTable: 'none' | 'proactive' | 'appeals';
}

export function reportArb(format?: FormatId): fc.Arbitrary<RenderInput> {
  const formatArb = format ? fc.constant(format) : fc.constantFrom<FormatId>('F2019', 'F2021');
  return formatArb.chain((f) => {
    const codes = cellsOf(f).map((c) => c.code);
    const groups = proactiveGroups(f);
    const yearArb =
      f === 'F2019'
        ? fc.oneof({ withCrossShrink: true }, { weight: 4, arbitrary: fc.integer({ min: 2019, max: 2020 }) }, { weight: 1, arbitrary: fc.integer({ min: 2021, max: 2022 }) })
        : fc.integer({ min: 2021, max: 2025 });
    return fc
      .record({
        year: yearArb,
        agencyName: agencyNameArb,
        month: fc.integer({ min: 1, max: 3 }),
        day: fc.integer({ min: 1, max: 28 }),
        values: fc.tuple(...codes.map((code) => valueArb(f, code))),
        shape: fc.record({
          droppedProactiveGroups: fc.oneof(
  { withCrossShrink: true },
            { weight: 6, arbitrary: fc.constant([] as number[]) },
            { weight: 1, arbitrary: fc.uniqueArray(fc.integer({ min: 0, max: groups.length - 1 }), { maxLength: groups.length - 1 }) },
          ),
          appealsAbsent: fc.oneof({ withCrossShrink: true }, { weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
          blankRows: fc.oneof({ withCrossShrink: true }, { weight: 4, arbitrary: fc.constant([] as number[]) }, { weight: 1, arbitrary: fc.uniqueArray(fc.nat(40), { maxLength: 3 }) }),
          onlyTotalRows: fc.oneof({ withCrossShrink: true }, { weight: 4, arbitrary: fc.constant([] as number[]) }, { weight: 1, arbitrary: fc.uniqueArray(fc.nat(30), { maxLength: 4 }) }),
          blankTable: fc.oneof(
            { withCrossShrink: true },
            { weight: 12, arbitrary: fc.constant('none' as const) },
            { weight: 1, arbitrary: fc.constantFrom('proactive' as const, 'appeals' as const) },
          ),
        }),
        proactiveItems: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
      })
      .map(({ year, agencyName, month, day, values, shape, proactiveItems }): RenderInput => {
        const cells: Record<string, InterchangeCellValue> = {};
        codes.forEach((code, i) => (cells[code] = values[i]));
        const rows = [...new Set(codes.map((c) => c.split('.').slice(0, 2).join('.')))];
        for (const index of shape.blankRows) {
          const row = rows[index % rows.length];
          for (const code of codes) if (code.startsWith(`${row}.`)) cells[code] = null;
        }
        const applicationRows = rows.filter((r) => r.startsWith('applications.'));
        for (const index of shape.onlyTotalRows) {
          const row = applicationRows[index % applicationRows.length];
          for (const code of codes) if (code.startsWith(`${row}.`) && !code.endsWith('.total')) cells[code] = null;
        }
        if (shape.blankTable !== 'none') for (const code of codes) if (code.startsWith(`${shape.blankTable}.`)) cells[code] = null;
        shape.droppedProactiveGroups.forEach((g) => groups[g].forEach((code) => delete cells[code]));
        if (shape.appealsAbsent) for (const code of codes) if (code.startsWith('appeals.')) delete cells[code];
        const received = cells['applications.new_received.total'];
        return {
          format: f,
          year,
          agencyName,
          publishedOn: `${year + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
          cells,
          statedFigures: {
            ...(proactiveItems !== undefined ? { proactiveItems } : {}),
            ...(typeof received === 'number' ? { applicationsReceived: received } : {}),
          },
        };
      });
  });
}

const flag = (weight = 1) => fc.oneof({ withCrossShrink: true }, { weight: 3, arbitrary: fc.constant(false) }, { weight, arbitrary: fc.constant(true) });

/** A quirk set: each quirk off more often than on, so runs mix plain and heavily quirked documents. */
export const quirkSetArb: fc.Arbitrary<QuirkSet> = fc.record({
  labelVariants: flag(),
  traditionalLabels: flag(),
  bracketNotes: flag(),
  asciiBrackets: flag(),
  extraSpaces: flag(),
  headerSplit: fc.constantFrom<QuirkSet['headerSplit']>('none', 'spaces', 'newlines'),
  groupStyle: fc.constantFrom<QuirkSet['groupStyle']>('spanned', 'inline'),
  infoContentOnce: flag(),
  fullWidthDigits: flag(),
  zeroAs: fc.constantFrom<QuirkSet['zeroAs']>('digit', '-', '—', '/'),
  amountUnit: fc.constantFrom<QuirkSet['amountUnit']>('none', 'wan', 'yuan'),
  valuePadding: fc.constantFrom<QuirkSet['valuePadding']>('none', 'spaces', 'nbsp', 'question'),
  paddedPipes: flag(),
  strayEmptyCells: flag(),
  splitFirstRow: flag(),
  renamedHeadings: flag(),
  sentenceBeforeTable: flag(),
  artefacts: flag(),
  pageChrome: flag(),
  titleStyle: fc.constantFrom<QuirkSet['titleStyle']>('year-first', 'agency-first'),
  titleWithoutYear: fc.oneof({ withCrossShrink: true }, { weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  extraLocalRow: flag(),
  groupLabelBreak: flag(),
  labelWrap: flag(),
  pinyinNoise: flag(),
  otherNoticeCited: flag(),
  dateStyle: fc.constantFrom<QuirkSet['dateStyle']>('plain', 'padded', 'iso', 'hanzi'),
  encoding: fc.constantFrom<QuirkSet['encoding']>('utf8', 'gb18030'),
});

export const layoutArb: fc.Arbitrary<LayoutId> = fc.constantFrom(...LAYOUT_IDS);

/** Quirks that differ from NO_QUIRKS: what a failure message prints. */
export function quirksOn(quirks: QuirkSet): Partial<QuirkSet> {
  return Object.fromEntries(Object.entries(quirks).filter(([k, v]) => NO_QUIRKS[k as keyof QuirkSet] !== v)) as Partial<QuirkSet>;
}

export interface RenderCase {
  readonly layout: LayoutId;
  readonly report: RenderInput;
  readonly quirks: QuirkSet;
}

/**
 * A case for one layout: the report made readable in that layout (readableIn), and a compact
 * printout for fast-check's counterexample (layout, quirks that are on, non-zero cells only).
 */
export function renderCaseArb(layout: LayoutId, format?: FormatId): fc.Arbitrary<RenderCase> {
  return fc.tuple(reportArb(format), quirkSetArb).map(([report, quirks]) => {
    const value: RenderCase = { layout, report: readableIn(layout, report), quirks };
    return Object.assign(value, {
      [fc.toStringMethod]: () => describeCase(value),
    });
  });
}

/**
 * The case in a few lines: layout, the quirks that are on, the report's header fields, and the rows
 * that hold anything but zeros (as value arrays in column order; null = blank); absent rows listed.
 */
export function describeCase(c: RenderCase): string {
  const { cells, ...rest } = c.report;
  const rows: Record<string, InterchangeCellValue[]> = {};
  const absentRows = new Set<string>();
  for (const def of cellsOf(c.report.format)) {
    const row = `${def.table}.${def.row}`;
    if (!(def.code in cells)) {
      absentRows.add(row);
      continue;
    }
    (rows[row] ??= []).push(cells[def.code]);
  }
  const notable = Object.entries(rows)
    .filter(([, values]) => values.some((v) => v !== 0 && v !== '0'))
    .map(([row, values]) => `    ${row}: ${JSON.stringify(values)}`);
  return [
    `layout ${c.layout}, quirks ${JSON.stringify(quirksOn(c.quirks))}`,
    `  report ${JSON.stringify(rest)}`,
    `  rows other than all zeros (columns in table order):`,
    ...notable,
    ...(absentRows.size > 0 ? [`  absent rows: ${[...absentRows].join(', ')}`] : []),
  ].join('\n');
}
