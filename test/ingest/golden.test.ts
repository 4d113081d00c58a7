/**
 * Golden fixtures: every input in test/fixtures/ingest has its expected result beside it
 * (<name>.expected.json), compared whole. Regenerate with test/fixtures/ingest/regenerate-expected.ts
 * and review the diff by eye: the expected files are the truth.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseDocument, parseHtml, parseText } from '../../src/ingest';

const FIXTURES = join(__dirname, '../fixtures/ingest');
const inputs = readdirSync(FIXTURES).filter((n) => /\.(txt|html|docx|xlsx|json)$/.test(n) && !n.endsWith('.expected.json')).sort();
const expected = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name.replace(/\.[a-z]+$/, '.expected.json')), 'utf8'));

describe('golden fixtures', () => {
  it.each(inputs)('%s is read exactly as its expected JSON says', async (name) => {
    const result = await parseDocument(readFileSync(join(FIXTURES, name)), name);
    expect(result).toEqual(expected(name));
  });

  it('the sync fast paths agree with parseDocument on UTF-8 text and HTML', () => {
    for (const name of inputs.filter((n) => n.endsWith('.txt') && !n.includes('gbk'))) {
      expect(parseText(readFileSync(join(FIXTURES, name), 'utf8'))).toEqual(expected(name));
    }
    expect(parseHtml(readFileSync(join(FIXTURES, 'l8-f2019.html'), 'utf8'))).toEqual(expected('l8-f2019.html'));
  });
});

describe('the seed report (L6, F2019)', () => {
  const read = () => parseText(readFileSync(join(FIXTURES, 'seed-f2019-l6.txt'), 'utf8'));

  it('reads title, signature and format', () => {
    const result = read();
    if (!result.ok) throw new Error(result.error.message);
    const { format, year, agencyName, publishedOn, statedFigures } = result.document;
    expect({ format, year, agencyName, publishedOn, statedFigures }).toEqual({
      format: 'F2019',
      year: 2019,
      agencyName: '咸丰路街道办事处',
      publishedOn: '2020-01-13',
      statedFigures: { proactiveItems: 241, applicationsReceived: 0 },
    });
  });

  it('reads procurement with its unit and merges row 一 back together', () => {
    const result = read();
    if (!result.ok) throw new Error(result.error.message);
    const { cells, diagnostics } = result.document;
    expect(cells['proactive.gov_central_procurement.amount']).toBe('42.21');
    expect(cells['proactive.gov_central_procurement.items']).toBe(19);
    const applications = Object.entries(cells).filter(([code]) => code.startsWith('applications.'));
    expect(applications).toHaveLength(161);
    expect(applications.every(([, v]) => v === 0)).toBe(true);
    expect(Object.keys(cells)).toHaveLength(22 + 161 + 15);
    expect(diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['SPLIT_ROW_MERGED', 108]]);
  });
});
