/**
 * Hostile input never crashes or hangs the importer: random bytes, truncated and mutated reports,
 * a 10 MB document, garbage named .docx/.xlsx, mojibake. Every call resolves to a ParseFailure with
 * a code and a message, or to a document; and where a mutation could make a value wrong, the
 * document says so in a warning or an error instead of stating the wrong value with confidence.
 *
 * Time is bounded by case counts (no timing assertions): each case is one parse of a bounded input.
 */
import { readFileSync } from 'fs';
import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import JSZip from 'jszip';
import { cellsOf } from '../../src/domain/catalogue';
import type { InterchangeCellValue } from '../../src/domain/interchange';
import { parseDocument, parseHtml, parseText, type ParseResult } from '../../src/ingest';
import { reportArb } from '../support/arbitraries';
import { NO_QUIRKS, renderReport, type RenderInput } from '../support/render';
import { silentlyWrong } from '../support/render/reading';

const SEED = readFileSync(`${__dirname}/../fixtures/ingest/seed-f2019-l6.txt`, 'utf8');

/** A result has the documented shape: a failure carries a non-empty code and message. */
function expectWellFormed(result: ParseResult): void {
  if (result.ok) {
    expect(typeof result.document.cells).toBe('object');
    expect(Array.isArray(result.document.diagnostics)).toBe(true);
    for (const d of result.document.diagnostics) {
      expect(typeof d.code).toBe('string');
      expect(d.code.length).toBeGreaterThan(0);
      expect(typeof d.message).toBe('string');
    }
  } else {
    expect(result.error.code).toMatch(/^[A-Z][A-Z_]+$/);
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(Array.isArray(result.diagnostics)).toBe(true);
  }
}

function expectFailure(result: ParseResult): void {
  expectWellFormed(result);
  expect(result.ok).toBe(false);
}

/** A report whose every count is distinct, so a value landing in the wrong cell is visible. */
function distinctReport(): RenderInput {
  const cells: Record<string, InterchangeCellValue> = {};
  cellsOf('F2019').forEach((c, i) => (cells[c.code] = c.unit === 'amount' ? `${i}.5` : 100 + i));
  return { format: 'F2019', year: 2019, agencyName: '咸丰路街道办事处', publishedOn: '2020-01-13', cells };
}

const DISTINCT = distinctReport();
const DISTINCT_L6 = String(renderReport(DISTINCT, 'L6', NO_QUIRKS).content);


describe('the importer on hostile input', () => {
  it('resolves on random bytes under any file name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom('a.txt', 'a.html', 'a.docx', 'a.xlsx', 'a.json', 'a.bin'), async (bytes, name) => {
        expectWellFormed(await parseDocument(Buffer.from(bytes), name));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses random text that holds no table, with a code and a message', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        const result = parseText(text, { filename: 'random.txt' });
        expectWellFormed(result);
        expect(result.ok).toBe(false);
        expectWellFormed(parseHtml(`<html><body>${text}</body></html>`, { filename: 'random.html' }));
      }),
      { numRuns: 200 },
    );
  });

  it('resolves on the seed cut at any point', () => {
    fc.assert(
      fc.property(fc.nat(SEED.length), (cut) => {
        expectWellFormed(parseText(SEED.slice(0, cut), { filename: 'seed-cut.txt' }));
      }),
      { numRuns: 200 },
    );
  });

  it('never states a wrong value when a report is cut at a line boundary', () => {
    const lines = DISTINCT_L6.split('\n');
    fc.assert(
      fc.property(fc.nat(lines.length), (keep) => {
        const result = parseText(lines.slice(0, keep).join('\n'), { filename: 'cut.txt' });
        expectWellFormed(result);
        expect(silentlyWrong(result, DISTINCT.cells)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it.each([['L6'], ['L4'], ['L2'], ['L1']] as const)(
    'never states a wrong value unflagged when a line of an %s report is deleted, duplicated or swapped',
    (layout) => {
      const lines = String(renderReport(DISTINCT, layout, NO_QUIRKS).content).split('\n');
      const mutation = fc.oneof(
        fc.record({ kind: fc.constant('delete' as const), at: fc.nat(lines.length - 1) }),
        fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(lines.length - 1) }),
        fc.record({ kind: fc.constant('swap' as const), at: fc.nat(lines.length - 2) }),
      );
      fc.assert(
        fc.property(mutation, (m) => {
          const mutated = [...lines];
          if (m.kind === 'delete') mutated.splice(m.at, 1);
          if (m.kind === 'duplicate') mutated.splice(m.at, 0, lines[m.at]);
          if (m.kind === 'swap') [mutated[m.at], mutated[m.at + 1]] = [mutated[m.at + 1], mutated[m.at]];
          const result = parseText(mutated.join('\n'), { filename: 'mutated.txt' });
          expectWellFormed(result);
          // Two value lines swapped make a different, equally valid document: no reader can tell.
          const isValue = (line: string) => /^\t?[\d.]+( \|)?$/.test(line);
          if (m.kind === 'swap' && isValue(lines[m.at]) && isValue(lines[m.at + 1])) return;
          expect(silentlyWrong(result, DISTINCT.cells)).toEqual([]);
        }),
        { numRuns: 150 },
      );
    },
  );

  it.each([['L4'], ['L6']] as const)('never reads a row under a wrong label unflagged when the number or a character of a label changes (%s)', (layout) => {
    const lines = String(renderReport(DISTINCT, layout, NO_QUIRKS).content).split('\n');
    // Lines holding a label (or prose): the first cell with a Chinese character is the one changed.
    const labelCell = (line: string) => line.split('|').findIndex((cell) => /[一-龥]/.test(cell));
    const labelLines = lines.map((line, i) => ({ line, i })).filter(({ line }) => labelCell(line) >= 0).map(({ i }) => i);
    fc.assert(
      fc.property(fc.constantFrom(...labelLines), fc.nat(), fc.integer({ min: 0x4e00, max: 0x9fa5 }), fc.integer({ min: 1, max: 8 }), (at, position, codePoint, digit) => {
        const cells = lines[at].split('|');
        const c = labelCell(lines[at]);
        const chars = [...cells[c]];
        // A numbered label (2.重复申请) gets another number half the time; otherwise one CJK character changes.
        const numbering = chars.findIndex((ch) => /\d/.test(ch));
        const cjk = chars.map((ch, i) => (/[一-龥]/.test(ch) ? i : -1)).filter((i) => i >= 0);
        const k = numbering >= 0 && position % 2 === 0 ? numbering : cjk[position % cjk.length];
        chars[k] = k === numbering ? String(digit) : String.fromCodePoint(codePoint);
        cells[c] = chars.join('');
        const mutated = [...lines];
        mutated[at] = cells.join('|');
        const result = parseText(mutated.join('\n'), { filename: 'label-mutated.txt' });
        expectWellFormed(result);
        expect(silentlyWrong(result, DISTINCT.cells)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('resolves when random characters are written over a rendered report', () => {
    fc.assert(
      fc.property(
        reportArb(),
        fc.array(fc.tuple(fc.nat(), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 20 }),
        (report, edits) => {
          const text = String(renderReport(report, 'L4', NO_QUIRKS).content);
          let mutated = text;
          for (const [at, chars] of edits) {
            const i = at % mutated.length;
            mutated = mutated.slice(0, i) + chars + mutated.slice(i + chars.length);
          }
          expectWellFormed(parseText(mutated, { filename: 'overwritten.txt' }));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('resolves on a 10 MB document', async () => {
    const filler = '街道办配套完善了便民服务中心的软硬件设施，加强对服务人员的培训和管理，公开办理事项和办事流程。\n';
    const big = SEED.replace('五、存在的主要问题及改进情况', filler.repeat(Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(filler))) + '五、存在的主要问题及改进情况');
    expect(Buffer.byteLength(big)).toBeGreaterThan(10 * 1024 * 1024);
    expectWellFormed(parseText(big, { filename: 'big.txt' }));
    expectWellFormed(await parseDocument(Buffer.from(big), 'big.txt'));
  });

  it('refuses binary garbage named .docx or .xlsx, and a zip that is no Office document', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2048 }), fc.constantFrom('report.docx', 'report.xlsx'), async (bytes, name) => {
        expectFailure(await parseDocument(Buffer.from(bytes), name));
      }),
      { numRuns: 100 },
    );
    const zip = new JSZip();
    zip.file('hello.txt', '规章 | 1 | 2 | 3 |');
    const notOffice = await zip.generateAsync({ type: 'nodebuffer' });
    expectFailure(await parseDocument(notOffice, 'report.docx'));
    expectFailure(await parseDocument(notOffice, 'report.xlsx'));
    // A real zip header followed by a cut: a truncated download.
    const rendered = String(renderReport(DISTINCT, 'L4', NO_QUIRKS).content);
    const truncatedZip = new JSZip();
    truncatedZip.file('word/document.xml', rendered);
    const bytes = await truncatedZip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expectFailure(await parseDocument(bytes.subarray(0, Math.floor(bytes.length / 2)), 'report.docx'));
  });

  it('refuses mojibake: UTF-8 read as Latin-1, GBK bytes read as UTF-8', () => {
    const utf8AsLatin1 = Buffer.from(DISTINCT_L6, 'utf8').toString('latin1');
    expectFailure(parseText(utf8AsLatin1, { filename: 'mojibake-latin1.txt' }));
    const gbkAsUtf8 = iconv.encode(DISTINCT_L6, 'gbk').toString('utf8');
    expectFailure(parseText(gbkAsUtf8, { filename: 'mojibake-gbk.txt' }));
  });

  it('reads GBK bytes handed over as bytes, detecting the encoding', async () => {
    const result = await parseDocument(iconv.encode(DISTINCT_L6, 'gbk'), 'gbk.txt');
    expectWellFormed(result);
    expect(result.ok && result.document.cells['applications.granted.total']).toBe(DISTINCT.cells['applications.granted.total']);
  });

  it('refuses a report whose tables were images (headings only, L9)', () => {
    const headingsOnly = SEED.split('\n')
      .filter((line) => !line.startsWith('\t'))
      .join('\n');
    expectFailure(parseText(headingsOnly, { filename: 'l9.txt' }));
  });
});
