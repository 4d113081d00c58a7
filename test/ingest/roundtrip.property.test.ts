/**
 * parse(render(report)) = report, for every layout of LAYOUTS.md and any combination of its quirks:
 * the importer gives back exactly the cells, the year, the format, the agency, the date and the
 * figures stated in the prose that the renderer wrote (test/support/render says what a careful
 * reader reads back for each quirk).
 *
 * A failure prints the shrunk case compactly (layout, the quirks that are on, non-zero cells) and
 * the wrong fields with the document lines around them.
 */
import fc from 'fast-check';
import { renderCaseArb, type RenderCase } from '../support/arbitraries';
import { LAYOUT_IDS, renderReport, renderReportAsync, type LayoutId } from '../support/render';
import { parseRendered } from '../support/render/parse-rendered';
import { describeMismatch, mismatches, readingOf } from '../support/render/reading';

/** Runs per layout: thousands in all, within a modest time on a busy 2-core machine. */
const RUNS: Record<LayoutId, number> = {
  L1: 300, L1b: 300, L2: 300, L3: 300, L4: 300, L5: 300, L6: 300, L7: 300, L8: 300, docx: 60, xlsx: 60,
};

async function roundTrip(c: RenderCase): Promise<void> {
  const rendered = await renderReportAsync(c.report, c.layout, c.quirks);
  const result = await parseRendered(rendered);
  if (!result.ok) {
    throw new Error(`${c.layout}: the parser refused a readable document: ${result.error.code}: ${result.error.message}`);
  }
  const wrong = mismatches(rendered.expected, readingOf(result.document));
  if (wrong.length > 0) {
    const textView = typeof rendered.content === 'string' ? undefined : String(renderReport(c.report, 'L5', { ...c.quirks, encoding: 'utf8' }).content);
    throw new Error(describeMismatch(rendered, wrong, result.document.diagnostics, textView));
  }
}

describe('parse(render(report)) gives the report back', () => {
  it.each(LAYOUT_IDS.map((layout) => [layout]))('in layout %s with any quirks', async (layout) => {
    await fc.assert(fc.asyncProperty(renderCaseArb(layout), roundTrip), { numRuns: RUNS[layout] });
  });
});
