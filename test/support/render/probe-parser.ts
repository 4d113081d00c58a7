/**
 * Probes the importer with the renderer and writes the minimal failing cases to
 * /work/helpers/parser-failures.md (overwritten each run):
 *   1. every layout with no quirk, then with each quirk value alone, on a report with distinct figures;
 *   2. per layout, a fast-check run of the round-trip property, reporting its shrunk counterexample.
 *
 *   npx ts-node --swc test/support/render/probe-parser.ts [output.md] [runsPerLayout]
 */
import { writeFileSync } from 'fs';
import fc from 'fast-check';
import { cellsOf, type FormatId } from '../../../src/domain/catalogue';
import type { InterchangeCellValue } from '../../../src/domain/interchange';
import { describeCase, quirksOn, renderCaseArb, type RenderCase } from '../arbitraries';
import { LAYOUT_IDS, NO_QUIRKS, readableIn, renderReport, renderReportAsync, type LayoutId, type QuirkSet, type RenderInput } from './index';
import { parseRendered } from './parse-rendered';
import { parseText } from '../../../src/ingest';
import { describeMismatch, excerpt, mismatches, readingOf, silentlyWrong } from './reading';

/** Distinct figures (a value in the wrong cell shows), one negative change, one wholly blank row, one row of zeros. */
export function probeReport(format: FormatId): RenderInput {
  const cells: Record<string, InterchangeCellValue> = {};
  cellsOf(format).forEach((c, i) => {
    cells[c.code] = c.unit === 'amount' ? (format === 'F2019' ? '42.21' : '3.5') : 100 + i;
    if (c.row === 'granted') cells[c.code] = 0;
    if (c.row === 'carried_over') cells[c.code] = null;
  });
  if (format === 'F2019') cells['proactive.admin_licensing.change'] = -8;
  return {
    format,
    year: format === 'F2019' ? 2020 : 2022,
    agencyName: '咸丰路街道办事处',
    publishedOn: format === 'F2019' ? '2021-01-13' : '2023-01-20',
    cells,
    statedFigures: { proactiveItems: 241, applicationsReceived: Number(cells['applications.new_received.total']) },
  };
}

/** probeReport with one blank cell in every row, at a position that moves from row to row (first, middle, last …). */
export function probeReportWithBlanks(format: FormatId): RenderInput {
  const base = probeReport(format);
  const cells: Record<string, InterchangeCellValue> = { ...base.cells };
  const rows = [...new Set(cellsOf(format).map((c) => `${c.table}.${c.row}`))];
  rows.forEach((row, r) => {
    const codes = cellsOf(format).filter((c) => `${c.table}.${c.row}` === row);
    if (row === 'applications.carried_over') return;
    cells[codes[r % codes.length].code] = null;
  });
  return { ...base, cells, statedFigures: { proactiveItems: 241 } };
}

const QUIRK_VALUES: { [K in keyof QuirkSet]: readonly QuirkSet[K][] } = {
  labelVariants: [true],
  traditionalLabels: [true],
  bracketNotes: [true],
  asciiBrackets: [true],
  extraSpaces: [true],
  headerSplit: ['spaces', 'newlines'],
  groupStyle: ['inline'],
  infoContentOnce: [true],
  fullWidthDigits: [true],
  zeroAs: ['-', '—', '/'],
  amountUnit: ['wan', 'yuan'],
  valuePadding: ['spaces', 'nbsp', 'question'],
  paddedPipes: [true],
  strayEmptyCells: [true],
  splitFirstRow: [true],
  renamedHeadings: [true],
  sentenceBeforeTable: [true],
  artefacts: [true],
  pageChrome: [true],
  titleStyle: ['agency-first'],
  titleWithoutYear: [true],
  extraLocalRow: [true],
  groupLabelBreak: [true],
  labelWrap: [true],
  pinyinNoise: [true],
  otherNoticeCited: [true],
  dateStyle: ['padded', 'iso', 'hanzi'],
  encoding: ['gb18030'],
};

interface Failure {
  readonly layout: LayoutId;
  readonly what: string;
  readonly detail: string;
}

async function check(input: RenderInput, layout: LayoutId, quirks: QuirkSet): Promise<string | undefined> {
  const rendered = await renderReportAsync(readableIn(layout, input), layout, quirks);
  let result;
  try {
    result = await parseRendered(rendered);
  } catch (e) {
    return `the parser THREW: ${(e as Error).stack?.split('\n').slice(0, 4).join('\n')}`;
  }
  if (!result.ok) return `the parser refused it: ${result.error.code}: ${result.error.message}`;
  const wrong = mismatches(rendered.expected, readingOf(result.document));
  if (wrong.length === 0) return undefined;
  const textView = typeof rendered.content === 'string' ? undefined : String(renderReport(readableIn(layout, input), 'L5', { ...quirks, encoding: 'utf8' }).content);
  return describeMismatch(rendered, wrong, result.document.diagnostics, textView);
}

function withoutBlanks(c: RenderCase): RenderCase {
  const zero = (code: string) => (cellsOf(c.report.format).find((d) => d.code === code)?.unit === 'amount' ? '0' : 0);
  const cells = Object.fromEntries(Object.entries(c.report.cells).map(([k, v]) => [k, v === null ? zero(k) : v]));
  return Object.assign({ ...c, report: { ...c.report, cells } }, { [fc.toStringMethod]: () => describeCase({ ...c, report: { ...c.report, cells } }) });
}

/** Every count distinct (a value in the wrong cell shows), as in test/ingest/fuzz.test.ts. */
function distinctReport(): RenderInput {
  const cells: Record<string, InterchangeCellValue> = {};
  cellsOf('F2019').forEach((c, i) => (cells[c.code] = c.unit === 'amount' ? `${i}.5` : 100 + i));
  return { format: 'F2019', year: 2019, agencyName: '咸丰路街道办事处', publishedOn: '2020-01-13', cells };
}

/** Deletes each line of a rendered report in turn; lists the deletions that produce unflagged wrong values. */
function mutationFailures(layout: 'L1' | 'L2' | 'L4' | 'L6'): Failure | undefined {
  const report = distinctReport();
  const lines = String(renderReport(report, layout, NO_QUIRKS).content).split('\n');
  const bad: { at: number; wrong: string[] }[] = [];
  lines.forEach((_, at) => {
    const mutated = lines.filter((__, i) => i !== at);
    const wrong = silentlyWrong(parseText(mutated.join('\n')), report.cells);
    if (wrong.length > 0) bad.push({ at, wrong });
  });
  if (bad.length === 0) return undefined;
  const first = bad[0];
  const context = excerpt(lines.join('\n'), lines[first.at] === '' ? lines[first.at + 1] : lines[first.at], 4);
  return {
    layout,
    what: `fuzz: deleting one line gives unflagged wrong values (${bad.length} of ${lines.length} single-line deletions)`,
    detail: [
      `report: every count distinct (cell i = 100 + i, F2019, test/ingest/fuzz.test.ts DISTINCT); line ${first.at + 1} deleted:`,
      context,
      'read without any warning/error on the row:',
      ...first.wrong.slice(0, 8).map((w) => `  ${w}`),
      `other failing deletions at lines: ${bad.slice(1, 30).map((b) => b.at + 1).join(', ')}${bad.length > 30 ? ' …' : ''}`,
    ].join('\n'),
  };
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? '/work/helpers/parser-failures.md';
  const runs = Number(process.argv[3] ?? 300);
  const failures: Failure[] = [];
  const passed: string[] = [];
  for (const layout of LAYOUT_IDS) {
    const reports = [
      { name: 'probeReport', make: probeReport },
      { name: 'probeReportWithBlanks', make: probeReportWithBlanks },
    ];
    for (const { name, make } of reports) {
      for (const format of ['F2019', 'F2021'] as const) {
        const baseline = await check(make(format), layout, NO_QUIRKS);
        if (baseline) failures.push({ layout, what: `${name}(${format}), no quirks`, detail: baseline });
        else passed.push(`${layout} ${name}(${format}) no quirks`);
      }
    }
    for (const [quirk, values] of Object.entries(QUIRK_VALUES) as [keyof QuirkSet, readonly unknown[]][]) {
      for (const value of values) {
        const quirks = { ...NO_QUIRKS, [quirk]: value } as QuirkSet;
        const problems: string[] = [];
        for (const { name, make } of reports) {
          for (const format of ['F2019', 'F2021'] as const) {
            if (await check(make(format), layout, NO_QUIRKS)) continue; // already listed as a baseline failure
            const detail = await check(make(format), layout, quirks);
            if (detail) problems.push(`(${name}(${format}))\n${detail}`);
          }
        }
        if (problems.length > 0) failures.push({ layout, what: `quirk ${quirk}=${JSON.stringify(value)}`, detail: problems[0] });
        else passed.push(`${layout} ${quirk}=${JSON.stringify(value)}`);
      }
    }
    // Up to four rounds: after each counterexample, the quirks it used are switched off (or, when it
    // used none, blank cells are), so that one failure does not hide the others.
    let disabled: Partial<QuirkSet> = {};
    let noBlanks = false;
    for (let round = 1; round <= 4; round += 1) {
      const frozen = { ...disabled };
      const blanksOff = noBlanks;
      const arb = renderCaseArb(layout).map((c) => {
        const adjusted = { ...c, quirks: { ...c.quirks, ...frozen } };
        return blanksOff ? withoutBlanks(adjusted) : Object.assign(adjusted, { [fc.toStringMethod]: () => describeCase(adjusted) });
      });
      const label = `round ${round}${Object.keys(frozen).length > 0 ? `, quirks off: ${Object.keys(frozen).join(', ')}` : ''}${blanksOff ? ', no blank cells' : ''}`;
      const property = await fc.check(
        fc.asyncProperty(arb, async (c) => {
          const detail = await check(c.report, c.layout, c.quirks);
          if (detail) throw new Error(detail);
        }),
        { numRuns: layout === 'docx' || layout === 'xlsx' ? Math.ceil(runs / 5) : runs, seed: 42 },
      );
      if (!property.failed || !property.counterexample) {
        passed.push(`${layout} property ${label} (${property.numRuns} runs)`);
        break;
      }
      const [c] = property.counterexample;
      const detail = await check(c.report, c.layout, c.quirks);
      failures.push({ layout, what: `shrunk property counterexample (seed 42, ${label})`, detail: `case:\n${describeCase(c)}\n${detail ?? String(property.errorInstance)}` });
      const on = quirksOn(c.quirks);
      if (Object.keys(on).length === 0) {
        if (noBlanks) break;
        noBlanks = true;
      } else {
        disabled = { ...disabled, ...Object.fromEntries(Object.keys(on).map((k) => [k, NO_QUIRKS[k as keyof QuirkSet]])) };
      }
    }
    process.stderr.write(`${layout}: ${failures.filter((f) => f.layout === layout).length} failing\n`);
  }
  for (const layout of ['L6', 'L4', 'L2', 'L1'] as const) {
    const failure = mutationFailures(layout);
    if (failure) failures.push(failure);
    else passed.push(`${layout} single-line deletions`);
  }
  const byLayout = LAYOUT_IDS.map((l) => `| ${l} | ${failures.filter((f) => f.layout === l).map((f) => f.what).join('; ') || 'all pass'} |`);
  const md = [
    '# Importer round-trip failures (generated)',
    '',
    `Generated ${new Date().toISOString()} by \`npx ts-node --swc test/support/render/probe-parser.ts\` (test/support/render).`,
    'Each case: a report rendered by the test-input generator, what a careful reader reads back (expected) and what',
    '`src/ingest` read (got). The property tests in test/ingest/roundtrip.property.test.ts assert the same thing.',
    'Reproduce one: `renderReport(probeReport(FORMAT), LAYOUT, { ...NO_QUIRKS, QUIRK })` (probeReport and probeReportWithBlanks are in probe-parser.ts;',
    'for layouts L1b and L7 pass it through readableIn first).',
    '',
    'Expectations a fixer may want to question (the renderer documents each in test/support/render):',
    '- A row or a whole table printed with its labels but no figure reads back as blank (null), in every layout: the',
    '  document printed the row and said nothing in it (FORMATS.md "Blank cells"); absent is only for rows/tables the',
    '  document does not print at all. In L1b and L7 (empty cells vanish) only wholly blank rows/tables are generated.',
    '- An extension row (quirk extraLocalRow, 其他主动公开文件) is expected under the code of its label normalised like any',
    '  label (traditional → simplified), so the same local row gets the same code in every document.',
    '- A title without a year reads back year null (FORMATS.md: null when the document does not say).',
    '- Fuzz "unflagged wrong values": after a mutation, a cell whose value differs from the true one must have a warning',
    '  or error naming a cell of its row (or a document-level warning without a cell).',
    '',
    '| layout | failing |',
    '|---|---|',
    ...byLayout,
    '',
    ...failures.flatMap((f) => [`## FAILING: ${f.layout}, ${f.what}`, '', '```', f.detail, '```', '']),
    `Passing (${passed.length}): ${passed.join(', ')}`,
    '',
  ].join('\n');
  writeFileSync(out, md);
  process.stderr.write(`wrote ${out}: ${failures.length} failing, ${passed.length} passing\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
