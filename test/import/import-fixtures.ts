/** Documents for the import tests: the seed report (shared/seed), edited copies, and broken ones. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from '../../src/ingest';
import type { InterchangeDocument } from '../../src/domain/interchange';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'ingest');

/** The seed report as published (F2019, 2019, 咸丰路街道办事处): all zeros but 19 procurement items for 42.21 万元. */
export const SEED_TEXT = readFileSync(path.join(FIXTURES, 'seed-f2019-l6.txt'), 'utf8');
export const SEED_NAME = '咸丰路街道办事处';

/** The seed with another procurement amount: new content for the same agency and year. */
export const EDITED_SEED_TEXT = SEED_TEXT.replace('42.21万元', '50万元');

/** A document with headings but no table (LAYOUTS L9): cannot be read. */
export const HEADINGS_ONLY_TEXT = readFileSync(path.join(FIXTURES, 'l9-headings-only.txt'), 'utf8');

/** The seed read into an interchange document. */
export async function seedDocument(): Promise<InterchangeDocument> {
  const parsed = await parseDocument(SEED_TEXT, 'seed.txt');
  if (!parsed.ok) throw new Error(`the seed no longer parses: ${parsed.error.message}`);
  return parsed.document;
}

/**
 * The seed as interchange JSON with A2 broken in the natural-person and total columns: one new
 * application, nothing handled nor carried forward (A1 and A3 still hold).
 */
export async function a2BreakingJson(overrides: Partial<InterchangeDocument> = {}): Promise<string> {
  const seed = await seedDocument();
  return JSON.stringify({
    ...seed,
    cells: { ...seed.cells, 'applications.new_received.natural_person': 1, 'applications.new_received.total': 1 },
    diagnostics: [],
    ...overrides,
  });
}
