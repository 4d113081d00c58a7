/**
 * Writes made by another process reach the response cache through the change log (issue 4 item 7:
 * "invalidated by every write for the ancestors and years it touched"): a second Storage on the same
 * database stands for `npm run import` or another server. Its report write drops the cached answers
 * of that agency-year and its ancestors within a poll, and nothing else; its hierarchy write drops
 * everything; a change log pruned past what a server read drops everything too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { openStorage, type Storage } from '../../src/db';
import { ResponseCache } from '../../src/graphql/response-cache';
import { MemoryResponseStore } from '../../src/graphql/response-cache.store';
import { startServer, type RunningServer } from '../../src/server';
import { describeEachEngine } from '../support/databases';
import { buildDistrict, outcomesDocument } from './rollup-fixtures';

const RECEIVED = 'applications.new_received.total';
const POLL_MS = 40;
const ROLLUP = /* GraphQL */ `query R($code: ID!, $year: Int!) { rollup(agencyCode: $code, year: $year) { cells(codes: ["${RECEIVED}"]) { value } } }`;

describeEachEngine('the response cache follows writes of other processes', (engine) => {
  let dir: string | null = null;
  let server: RunningServer;
  let storage: Storage;
  let otherProcess: Storage;

  beforeAll(async () => {
    let url = await engine.url();
    if (engine.name === 'sqlite') {
      // Two connections need one database file (an in-memory database is private to its connection).
      dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-changes-'));
      url = `sqlite:${path.join(dir, 'db.sqlite')}`;
    }
    storage = await openStorage({ url });
    await buildDistrict(storage);
    otherProcess = await openStorage({ url, migrate: false });
    const config = loadConfig({ DATABASE_URL: url, DEMO_DATA: 'false', NODE_ENV: 'test', RESPONSE_CACHE: 'true', RESPONSE_CACHE_POLL_MS: String(POLL_MS) });
    server = await startServer(storage, config, { port: 0, host: '127.0.0.1', logError: () => undefined });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await storage?.close();
    await otherProcess?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (code: string, year: number) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ROLLUP, variables: { code, year } }),
    });
    const json = (await response.json()) as { data: { rollup: { cells: { value: string | null }[] } } };
    return { cache: response.headers.get('x-response-cache'), value: json.data.rollup.cells[0]!.value };
  };
  /** Asks until the answer is no longer a hit (the follower dropped it), for at most 50 polls. */
  const askUntilMiss = async (code: string, year: number) => {
    for (let i = 0; i < 50; i++) {
      const answer = await ask(code, year);
      if (answer.cache !== 'HIT') return answer;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return ask(code, year);
  };
  const polls = (n: number) => new Promise((resolve) => setTimeout(resolve, n * POLL_MS));

  it('drops the answers of the agency-year written and its ancestors, and keeps the others', async () => {
    // 2021: D 2 + (S1 10 + C1 6) + (S2 3 + C2 8; C3 is a draft) + P 1.
    const before = { D: await ask('D', 2021), S1: await ask('S1', 2021), S2: await ask('S2', 2021), D2020: await ask('D', 2020) };
    expect(Object.values(before).map((a) => a.value)).toEqual(['30', '16', '11', '40']);
    expect((await ask('D', 2021)).cache).toBe('HIT');

    // Another process corrects C1's 2021 report (under S1): 4 granted + 2 overdue → 9 granted + 2 overdue.
    await otherProcess.submitReport({ agencyCode: 'C1', document: outcomesDocument('F2021', 2021, { granted: 9, overdue: 2 }), submittedBy: null, sourceName: null, publish: true });

    expect(await askUntilMiss('D', 2021)).toEqual({ cache: 'MISS', value: '35' });
    expect(await ask('S1', 2021)).toEqual({ cache: 'MISS', value: '21' });
    await polls(3);
    expect(await ask('S2', 2021)).toEqual({ cache: 'HIT', value: '11' });
    expect(await ask('D', 2020)).toEqual({ cache: 'HIT', value: '40' });
  });

  it('drops everything after a hierarchy write of another process', async () => {
    await ask('S2', 2021);
    expect((await ask('S2', 2021)).cache).toBe('HIT');
    await otherProcess.upsertAgency({ code: 'N', name: '新机关', kind: 'DEPARTMENT' });
    expect(await askUntilMiss('S2', 2021)).toEqual({ cache: 'MISS', value: '11' });
    expect((await ask('D', 2020)).cache).toBe('MISS');
  });
});

/** The follower alone, over a scripted change log: what each poll drops. */
describe('following the change log', () => {
  type Batch = { changes: { seq: number; agencyCode: string | null; year: number | null }[]; oldestKept: number | null; newest: number | null };

  async function follow(initialNewest: number, batches: Batch[]) {
    const calls: string[] = [];
    const store = new MemoryResponseStore({ maxEntries: 10, maxBytes: 10_000, ttlSeconds: 60 });
    store.invalidate = async (tags) => void calls.push(`tags ${[...tags].sort().join(' ')}`);
    store.invalidateAll = async () => void calls.push('all');
    const asked: number[] = [];
    let next = 0;
    let started = false;
    const storage = {
      changesAfter: async (seq: number) => {
        if (seq === Number.MAX_SAFE_INTEGER) return { changes: [], oldestKept: 1, newest: initialNewest };
        // At start: what the log already holds is not news.
        if (asked.length === 0 && next === 0 && !started) {
          started = true;
          return { changes: Array.from({ length: initialNewest }, (_, i) => ({ seq: i + 1, agencyCode: 'C1', year: 2019 })), oldestKept: 1, newest: initialNewest };
        }
        asked.push(seq);
        return batches[Math.min(next++, batches.length - 1)]!;
      },
      agenciesByCode: async (codes: readonly string[]) => codes.map((code) => ({ id: code === 'C1' ? 11 : 12, code, name: code, kind: 'COMMUNITY', aliases: [] })),
      selfAndAncestorIds: async (ids: readonly number[]) => [...ids, 1],
    } as unknown as Storage;
    const cache = new ResponseCache(store);
    await cache.followChanges(storage, 5);
    while (next < batches.length) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const dropped = [...calls];
    await cache.close();
    return { calls: dropped, asked };
  }

  const quiet = (newest: number): Batch => ({ changes: [], oldestKept: 1, newest });

  it('drops the tags of each change once, including one committed out of seq order (MySQL)', async () => {
    const { calls, asked } = await follow(5, [
      { changes: [{ seq: 7, agencyCode: 'C1', year: 2021 }], oldestKept: 1, newest: 7 },
      // seq 6 commits after 7: it appears in the re-read window, 7 is not dropped twice.
      { changes: [{ seq: 6, agencyCode: 'C2', year: 2020 }, { seq: 7, agencyCode: 'C1', year: 2021 }], oldestKept: 1, newest: 7 },
      quiet(7),
    ]);
    expect(calls).toEqual(['tags a:11 ay:11:2021 ay:1:2021 global', 'tags a:12 ay:12:2020 ay:1:2020 global']);
    expect(asked[0]).toBe(0);
  });

  it('drops everything for an "anything changed" row', async () => {
    const { calls } = await follow(5, [{ changes: [{ seq: 6, agencyCode: null, year: null }], oldestKept: 1, newest: 6 }, quiet(6)]);
    expect(calls).toEqual(['all']);
  });

  it('drops everything when rows after what it read were pruned', async () => {
    const { calls } = await follow(5, [{ changes: [{ seq: 20_000, agencyCode: 'C1', year: 2021 }], oldestKept: 10_001, newest: 20_000 }, quiet(20_000)]);
    expect(calls).toEqual(['all']);
  });
});
