/**
 * The CSV renderer against a small, independent RFC 4180 reader: whatever the rows hold (Chinese
 * labels, commas, quotes, line breaks, spaces at the ends, empty fields), reading the text back gives
 * the same rows.
 */
import fc from 'fast-check';
import { csvText, tableOf, type ExportColumn, type ExportRow } from '../../src/export';

/** RFC 4180, strictly: records end in CRLF, quoted fields may hold anything, "" is a quote. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unclosed quote');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else {
          field += text[i++];
        }
      }
      if (text[i] !== ',' && !text.startsWith('\r\n', i)) throw new Error(`text after a closing quote at ${i}`);
    } else if (text[i] === ',') {
      fields.push(field);
      field = '';
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
      i += 2;
    } else {
      if (text[i] === '"' || text[i] === '\n' || text[i] === '\r') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
      field += text[i++];
    }
  }
  if (field !== '' || fields.length > 0) throw new Error('the last record does not end in CRLF');
  return records;
}

const tricky = fc.constantFrom('咸丰路街道办事处', '（三）不予公开', ',', '"', '""', '\n', '\r\n', '\r', ' ', '万元', 'a,b', '3.危及“三安全一稳定”', '=1+1', '-8', '\u00a0');
const textArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.array(fc.oneof(tricky, fc.string({ unit: 'grapheme-composite', maxLength: 3 })), { maxLength: 6 }).map((parts) => parts.join('')),
);
const valueArb = fc.oneof(textArb, fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.constant(null));

const asRead = (row: ExportRow) => row.map((v) => (v === null ? '' : String(v)));

describe('CSV rendering', () => {
  it('reads back as the same rows, whatever the fields hold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.tuple(fc.constant(width), fc.array(fc.array(valueArb, { minLength: width, maxLength: width }), { maxLength: 8 })),
        ),
        fc.boolean(),
        async ([width, rows], bom) => {
          const columns: ExportColumn[] = Array.from({ length: width }, (_, i) => ({ key: `c${i}`, zh: `列${i}`, en: `column ${i}` }));
          const text = await csvText(tableOf(columns, rows), { bom });
          expect(text.startsWith('\ufeff')).toBe(bom);
          expect(readCsv(text.replace(/^\ufeff/, ''))).toEqual([columns.map((c) => c.key), ...rows.map(asRead)]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('quotes only what needs quoting and writes integers and nulls plainly', async () => {
    const columns: ExportColumn[] = ['a', 'b', 'c', 'd', 'e'].map((key) => ({ key, zh: key, en: key }));
    const text = await csvText(tableOf(columns, [['规章', 42, null, '说"明",另', ' 空格']]));
    expect(text).toBe('a,b,c,d,e\r\n规章,42,,"说""明"",另"," 空格"\r\n');
  });
});
