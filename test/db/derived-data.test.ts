/**
 * The derived data can be checked and rebuilt whole (issue 4 item 7, `npm run rollups -- verify|rebuild`,
 * the verifyRollups / rebuildRollups mutations): a closure row lost or altered by hand is named by
 * agency codes, and a rebuild makes the closure and the rollups agree with the links and reports again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '../../src/db/data-source';
import { openStorage, plainRollup, type Storage } from '../../src/db';
import { describeEachEngine } from '../support/databases';
import { buildDistrict } from '../api/rollup-fixtures';

describeEachEngine('verifying and rebuilding the derived data', (engine) => {
  let dir: string | null = null;
  let url: string;
  let storage: Storage;
  beforeAll(async () => {
    url = await engine.url();
    if (engine.name === 'sqlite') {
      // A file: the hand edits below come through a second connection.
      dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-derived-'));
      url = `sqlite:${path.join(dir, 'db.sqlite')}`;
    }
    storage = await openStorage({ url });
    await buildDistrict(storage);
  });
  afterAll(async () => {
    await storage?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const byHand = async (sql: string) => {
    const dataSource = createDataSource(url);
    await dataSource.initialize();
    try {
      await dataSource.query(sql);
    } finally {
      await dataSource.destroy();
    }
  };
  const keysOf = async (codes: readonly string[], year: number) => (await storage.agenciesByCode(codes)).map((a) => ({ agencyId: a!.id, year }));

  it('names closure rows that differ from the links, and a rebuild repairs them and the rollups', async () => {
    expect(await storage.verifyRollups()).toEqual({ differences: [] });
    const keys = await keysOf(['D', 'S1', 'S2', 'C1'], 2021);
    const before = (await storage.rollups(keys)).map(plainRollup);
    const [c1, s1] = await storage.agenciesByCode(['C1', 'S1']);

    // C1 loses its row under S1, and its depth under D is wrong.
    await byHand(`DELETE FROM agency_closure WHERE descendant_id = ${c1!.id} AND ancestor_id = ${s1!.id}`);
    await byHand(`UPDATE agency_closure SET depth = 7 WHERE descendant_id = ${c1!.id} AND depth = 2`);
    const { differences } = await storage.verifyRollups();
    expect(differences.filter((d) => d.startsWith('agency_closure'))).toEqual([
      'agency_closure D above C1 from 2020: stored depth 7, 2020–open; from the links depth 2, 2020–open',
      'agency_closure S1 above C1 from 2020: stored no row; from the links depth 1, 2020–open',
    ]);

    await storage.rebuildRollups();
    expect(await storage.verifyRollups()).toEqual({ differences: [] });
    expect((await storage.rollups(keys)).map(plainRollup)).toEqual(before);
  });
});
