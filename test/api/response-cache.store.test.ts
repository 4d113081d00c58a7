/**
 * The in-memory response store (bounds, tags, the write-race guard) and the Storage classification the
 * cache relies on: every Storage member must be known, or a new write could leave stale answers.
 */
import fc from 'fast-check';
import { SqlStorage } from '../../src/db/storage';
import { CLASSIFIED_STORAGE_MEMBERS } from '../../src/graphql/response-cache';
import { type CachedResponse, deserialiseEntry, MemoryResponseStore, serialiseEntry } from '../../src/graphql/response-cache.store';

const response = (body: string): CachedResponse => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body });

describe('the response cache classification', () => {
  it('knows every member of SqlStorage as a read, a write or neutral', () => {
    const members = Object.getOwnPropertyNames(SqlStorage.prototype).filter((name) => name !== 'constructor' && !['write', 'read'].includes(name));
    expect(members.filter((name) => !CLASSIFIED_STORAGE_MEMBERS.includes(name))).toEqual([]);
  });
});

describe('the in-memory response store', () => {
  const limits = { maxEntries: 3, maxBytes: 1_000_000, ttlSeconds: 60 };

  it('returns what was stored, and drops it when one of its tags is invalidated', async () => {
    const store = new MemoryResponseStore(limits);
    const { epoch } = await store.lookup('k1');
    await store.store('k1', response('{"data":1}'), ['ay:1:2020', 'tree'], epoch);
    await store.store('k2', response('{"data":2}'), ['ay:2:2020'], epoch);
    expect((await store.lookup('k1')).entry).toEqual({ ...response('{"data":1}'), encoded: Buffer.from('{"data":1}') });
    await store.invalidate(['ay:1:2020']);
    expect([(await store.lookup('k1')).entry?.body, (await store.lookup('k2')).entry?.body]).toEqual([undefined, '{"data":2}']);
  });

  it('refuses to store an answer read before an invalidation (write race)', async () => {
    const store = new MemoryResponseStore(limits);
    const { epoch } = await store.lookup('k');
    await store.invalidate(['ay:9:2020']);
    expect(await store.store('k', response('{}'), ['ay:1:2020'], epoch)).toBe(false);
    expect((await store.lookup('k')).entry).toBeNull();
  });

  it('evicts the least recently used entry past maxEntries', async () => {
    const store = new MemoryResponseStore(limits);
    const { epoch } = await store.lookup('a');
    for (const key of ['a', 'b', 'c']) await store.store(key, response(key), [], epoch);
    await store.lookup('a');
    await store.store('d', response('d'), [], epoch);
    const present = await Promise.all(['a', 'b', 'c', 'd'].map(async (k) => (await store.lookup(k)).entry !== null));
    expect(present).toEqual([true, false, true, true]);
  });

  it('stays within maxBytes and maxEntries whatever is stored', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.string({ maxLength: 4 }), fc.string({ maxLength: 300 })), { maxLength: 60 }), async (writes) => {
        const store = new MemoryResponseStore({ maxEntries: 10, maxBytes: 4000, ttlSeconds: 60 });
        const { epoch } = await store.lookup('');
        for (const [key, body] of writes) await store.store(key, response(body), [`t:${key.length}`], epoch);
        expect(store.size.entries).toBeLessThanOrEqual(10);
        expect(store.size.bytes).toBeLessThanOrEqual(4000);
      }),
    );
  });

  it('forgets entries after their TTL', async () => {
    let now = 0;
    const store = new MemoryResponseStore(limits, () => now);
    await store.store('k', response('{}'), [], (await store.lookup('k')).epoch);
    now = 61_000;
    expect((await store.lookup('k')).entry).toBeNull();
  });

  it('serialises entries losslessly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.dictionary(fc.string(), fc.string()), fc.string(), (status, headers, body) => {
        expect(deserialiseEntry(serialiseEntry({ status, headers, body }))).toEqual({ status, headers, body });
      }),
    );
  });
});
