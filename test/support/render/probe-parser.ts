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
import { describeCase, renderCaseArb } from '../arbitraries';
import { LAYOUT_IDS, NO_QUIRKS, readableIn, renderReport, renderReportAsync, type LayoutId, type QuirkSet, type RenderInput } from './index';
import { parseRendered } from './parse-rendered';
import { describeMismatch, mismatches, readingOf } from './reading';

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
  valuePadding: ['spaces', 'nbsp'],
  paddedPipes: [true],
  strayEmptyCells: [true],
  splitFirstRow: [true],
  renamedHeadings: [true],
  sentenceBeforeTable: [true],
  artefacts: [true],
  pageChrome: [true],
  titleStyle: ['agency-first'],
  titleWithoutYear: [true],
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

async function main(): Promise<void> {
  const out = process.argv[2] ?? '/work/helpers/parser-failures.md';
  const runs = Number(process.argv[3] ?? 100);
  const failures: Failure[] = [];
  const passed: string[] = [];
  for (const layout of LAYOUT_IDS) {
    for (const format of ['F2019', 'F2021'] as const) {
      const baseline = await check(probeReport(format), layout, NO_QUIRKS);
      if (baseline) failures.push({ layout, what: `${format}, no quirks`, detail: baseline });
      else passed.push(`${layout} ${format} no quirks`);
    }
    for (const [quirk, values] of Object.entries(QUIRK_VALUES) as [keyof QuirkSet, readonly unknown[]][]) {
      for (const value of values) {
        const quirks = { ...NO_QUIRKS, [quirk]: value } as QuirkSet;
        const problems: string[] = [];
        for (const format of ['F2019', 'F2021'] as const) {
          if (await check(probeReport(format), layout, NO_QUIRKS)) continue; // already listed as a baseline failure
          const detail = await check(probeReport(format), layout, quirks);
          if (detail) problems.push(`(${format})\n${detail}`);
        }
        if (problems.length > 0) failures.push({ layout, what: `quirk ${quirk}=${JSON.stringify(value)}`, detail: problems[0] });
        else passed.push(`${layout} ${quirk}=${JSON.stringify(value)}`);
      }
    }
    const property = await fc.check(
      fc.asyncProperty(renderCaseArb(layout), async (c) => {
        const detail = await check(c.report, c.layout, c.quirks);
        if (detail) throw new Error(detail);
      }),
      { numRuns: layout === 'docx' || layout === 'xlsx' ? Math.ceil(runs / 5) : runs, seed: 42 },
    );
    if (property.failed && property.counterexample) {
      const [c] = property.counterexample;
      const detail = await check(c.report, c.layout, c.quirks);
      failures.push({ layout, what: 'shrunk property counterexample (seed 42)', detail: `case:\n${describeCase(c)}\n${detail ?? String(property.errorInstance)}` });
    } else {
      passed.push(`${layout} property (${property.numRuns} runs, seed 42)`);
    }
    process.stderr.write(`${layout}: ${failures.filter((f) => f.layout === layout).length} failing\n`);
  }
  const byLayout = LAYOUT_IDS.map((l) => `| ${l} | ${failures.filter((f) => f.layout === l).map((f) => f.what).join('; ') || 'all pass'} |`);
  const md = [
    '# Importer round-trip failures (generated)',
    '',
    `Generated ${new Date().toISOString()} by \`npx ts-node --swc test/support/render/probe-parser.ts\` (test/support/render).`,
    'Each case: a report rendered by the test-input generator, what a careful reader reads back (expected) and what',
    '`src/ingest` read (got). The property tests in test/ingest/roundtrip.property.test.ts assert the same thing.',
    'Reproduce one: `renderReport(probeReport(FORMAT), LAYOUT, { ...NO_QUIRKS, QUIRK })` (probeReport is in probe-parser.ts;',
    'for layouts L1b and L7 pass it through readableIn first).',
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
