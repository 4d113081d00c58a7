/**
 * Parse throughput (DESIGN.md §7): text and HTML documents per second on one core, over the golden
 * fixtures of every text layout plus the seed; the target is ≥ 500 documents/second/core.
 * Wired into `npm run bench -- parse`; runnable alone: npx ts-node --swc scripts/bench/parse.bench.ts
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseHtml, parseText } from '../../src/ingest';

const FIXTURES = join(__dirname, '../../test/fixtures/ingest');
export const TARGET_DOCS_PER_SECOND = 500;

export interface ParseBenchResult {
  readonly docsPerSecond: number;
  readonly textDocsPerSecond: number;
  readonly htmlDocsPerSecond: number;
  readonly documents: number;
  readonly meanBytes: number;
  readonly target: number;
  readonly meetsTarget: boolean;
}

function corpus(): { text: string[]; html: string[] } {
  const names = readdirSync(FIXTURES).filter((n) => !n.endsWith('.expected.json'));
  const text = names.filter((n) => n.endsWith('.txt') && !n.includes('gbk')).map((n) => readFileSync(join(FIXTURES, n), 'utf8'));
  const html = names.filter((n) => n.endsWith('.html')).map((n) => readFileSync(join(FIXTURES, n), 'utf8'));
  // Vary the figures so no cache sees the same document twice in a row.
  const vary = (doc: string, i: number) => doc.replace(/(\D)0(\D)/, `$1${i % 97}$2`);
  return {
    text: Array.from({ length: 200 }, (_, i) => vary(text[i % text.length], i)),
    html: Array.from({ length: 200 }, (_, i) => vary(html[i % html.length], i)),
  };
}

function rate(docs: readonly string[], parse: (doc: string) => unknown, minMillis: number): number {
  for (const doc of docs.slice(0, 20)) parse(doc); // warm-up: JIT, label caches, lazy converters
  let count = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMillis) {
    for (const doc of docs) parse(doc);
    count += docs.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return (count / elapsed) * 1000;
}

export async function benchParse(options: { minMillis?: number } = {}): Promise<ParseBenchResult> {
  const minMillis = options.minMillis ?? 2000;
  const { text, html } = corpus();
  const textDocsPerSecond = rate(text, (d) => parseText(d), minMillis);
  const htmlDocsPerSecond = rate(html, (d) => parseHtml(d), minMillis);
  // One mixed figure: the harmonic mean of an equal mix of text and HTML documents.
  const docsPerSecond = 2 / (1 / textDocsPerSecond + 1 / htmlDocsPerSecond);
  const all = [...text, ...html];
  return {
    docsPerSecond: Math.round(docsPerSecond),
    textDocsPerSecond: Math.round(textDocsPerSecond),
    htmlDocsPerSecond: Math.round(htmlDocsPerSecond),
    documents: all.length,
    meanBytes: Math.round(all.reduce((n, d) => n + Buffer.byteLength(d), 0) / all.length),
    target: TARGET_DOCS_PER_SECOND,
    meetsTarget: docsPerSecond >= TARGET_DOCS_PER_SECOND,
  };
}

if (require.main === module) {
  benchParse().then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.exitCode = result.meetsTarget ? 0 : 1;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
