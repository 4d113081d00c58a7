/**
 * change_log (src/db/change-log.queries.ts): every committed write names what it changed, in its own
 * transaction; failed writes and token writes log nothing; only the newest rows are kept.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '../../src/db/data-source';
import { MAX_NAMED_CHANGES } from '../../src/db/api';
import { appendChanges, selectChangesAfter } from '../../src/db/change-log.queries';
import { openStorage, type Storage } from '../../src/db';
import { describeEachEngine } from '../support/databases';
import { buildDistrict, outcomesDocument } from '../api/rollup-fixtures';

describeEachEngine('the change log', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await openStorage({ url: await engine.url() });
    await buildDistrict(storage);
  });
  afterAll(() => storage?.close());

  const after = async (seq: number) => (await storage.changesAfter(seq)).changes.map((c) => [c.agencyCode, c.year]);
  const newest = async () => (await storage.changesAfter(Number.MAX_SAFE_INTEGER)).newest ?? 0;

  it('names the agency-year of a report write, and logs "anything" for a hierarchy write', async () => {
    const start = await newest();
    await storage.submitReport({ agencyCode: 'C1', document: outcomesDocument('F2021', 2021, { granted: 5 }), submittedBy: null, sourceName: null, publish: true });
    await storage.publishReport({ agencyCode: 'C3', year: 2021, publishedBy: null, acceptFailures: [] });
    await storage.setParent({ childCode: 'P', parentCode: 'S1', fromYear: 2022, toYear: null });
    expect(await after(start)).toEqual([['C1', 2021], ['C3', 2021], [null, null]]);
  });

  it('logs nothing for a write that fails, nor for tokens', async () => {
    const start = await newest();
    await expect(storage.submitReport({ agencyCode: 'nobody', document: outcomesDocument('F2021', 2021, {}), submittedBy: null, sourceName: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await storage.createToken({ role: 'READER', agencyCode: null, label: 'x' });
    expect(await after(start)).toEqual([]);
  });

  it('logs a large bulk load as one "anything" row, a small one by agency-year', async () => {
    const start = await newest();
    await storage.loadReports([{ agencyCode: 'C2', document: outcomesDocument('F2021', 2022, { granted: 1 }), submittedBy: null, sourceName: null, publish: true }]);
    const many = Array.from({ length: MAX_NAMED_CHANGES + 1 }, (_, i) => `B${i}`);
    await storage.loadAgencies({ agencies: many.map((code) => ({ code, name: code, kind: 'COMMUNITY', nameFromYear: 2019 })), links: [] });
    await storage.loadReports(many.map((code) => ({ agencyCode: code, document: outcomesDocument('F2021', 2022, { granted: 1 }), submittedBy: null, sourceName: null, publish: true })));
    expect(await after(start)).toEqual([['C2', 2022], [null, null], [null, null]]);
  });

  it('keeps only the newest rows', async () => {
    // A database of its own, reached with a bare DataSource (an in-memory SQLite one is private to its connection).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-log-'));
    const own = engine.name === 'sqlite' ? `sqlite:${path.join(dir, 'db.sqlite')}` : await engine.url();
    await (await openStorage({ url: own })).close();
    const dataSource = createDataSource(own);
    await dataSource.initialize();
    try {
      for (let i = 0; i < 5; i++) await appendChanges(dataSource, [{ agencyCode: `K${i}`, year: 2020 }], 3);
      const { changes, oldestKept, newest: last } = await selectChangesAfter(dataSource, 0);
      expect(changes.map((c) => [c.seq, c.agencyCode])).toEqual([[3, 'K2'], [4, 'K3'], [5, 'K4']]);
      expect([oldestKept, last]).toEqual([3, 5]);
    } finally {
      await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
