/**
 * The response cache in Redis (REDIS_URL), shared by every instance of the server (DESIGN.md §8).
 * Same contract as the memory store (response-cache.store.ts); each operation is one Lua script, so a
 * lookup is one round trip and a store or an invalidation is atomic.
 *
 * Keys, under `prefix` (default "xxgk:rc:"):
 *   gen           generation; invalidateAll advances it, which orphans every entry (they expire by TTL)
 *   epoch         advanced by every invalidation (the write-race guard of response-cache.store.ts)
 *   <gen>:e:<key> an entry (serialised response), with the TTL
 *   <gen>:t:<tag> the set of entry keys carrying the tag, with the TTL of its newest entry
 * Memory is bounded by the TTL and by Redis's own maxmemory policy (e.g. allkeys-lru).
 */
import Redis from 'ioredis';
import { type CachedResponse, type CacheLookup, deserialiseEntry, type ResponseCacheStore, serialiseEntry } from './response-cache.store';

const LOOKUP = `
local gen = redis.call('GET', KEYS[1]) or '0'
local epoch = redis.call('GET', KEYS[2]) or '0'
local value = redis.call('GET', ARGV[1] .. gen .. ':e:' .. ARGV[2])
return {gen .. ':' .. epoch, value}
`;

const STORE = `
local gen = redis.call('GET', KEYS[1]) or '0'
local epoch = redis.call('GET', KEYS[2]) or '0'
if gen .. ':' .. epoch ~= ARGV[2] then return 0 end
local entryKey = ARGV[1] .. gen .. ':e:' .. ARGV[3]
redis.call('SET', entryKey, ARGV[4], 'EX', ARGV[5])
for i = 6, #ARGV do
  local tagKey = ARGV[1] .. gen .. ':t:' .. ARGV[i]
  redis.call('SADD', tagKey, entryKey)
  redis.call('EXPIRE', tagKey, ARGV[5])
end
return 1
`;

const INVALIDATE = `
local gen = redis.call('GET', KEYS[1]) or '0'
redis.call('INCR', KEYS[2])
for i = 2, #ARGV do
  local tagKey = ARGV[1] .. gen .. ':t:' .. ARGV[i]
  local members = redis.call('SMEMBERS', tagKey)
  for j = 1, #members, 500 do
    redis.call('DEL', unpack(members, j, math.min(j + 499, #members)))
  end
  redis.call('DEL', tagKey)
end
return 1
`;

type ScriptedRedis = Redis & {
  rcLookup(gen: string, epoch: string, prefix: string, key: string): Promise<[string, string | null]>;
  rcStore(gen: string, epoch: string, ...args: string[]): Promise<number>;
  rcInvalidate(gen: string, epoch: string, ...args: string[]): Promise<number>;
};

export class RedisResponseStore implements ResponseCacheStore {
  readonly kind = 'redis';
  private readonly redis: ScriptedRedis;
  private readonly genKey: string;
  private readonly epochKey: string;

  constructor(url: string, private readonly ttlSeconds: number, private readonly prefix = 'xxgk:rc:') {
    const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: true });
    redis.defineCommand('rcLookup', { numberOfKeys: 2, lua: LOOKUP });
    redis.defineCommand('rcStore', { numberOfKeys: 2, lua: STORE });
    redis.defineCommand('rcInvalidate', { numberOfKeys: 2, lua: INVALIDATE });
    // Errors surface on the commands (the cache then steps aside); do not crash on the event.
    redis.on('error', () => undefined);
    this.redis = redis as ScriptedRedis;
    this.genKey = `${prefix}gen`;
    this.epochKey = `${prefix}epoch`;
  }

  /** The ioredis client (the rate limiter shares the connection). */
  get client(): Redis {
    return this.redis;
  }

  async lookup(key: string): Promise<CacheLookup> {
    const [epoch, value] = await this.redis.rcLookup(this.genKey, this.epochKey, this.prefix, key);
    return { entry: value === null ? null : deserialiseEntry(value), epoch };
  }

  async store(key: string, entry: CachedResponse, tags: readonly string[], epoch: string): Promise<boolean> {
    const stored = await this.redis.rcStore(this.genKey, this.epochKey, this.prefix, epoch, key, serialiseEntry(entry), String(this.ttlSeconds), ...tags);
    return stored === 1;
  }

  async invalidate(tags: readonly string[]): Promise<void> {
    await this.redis.rcInvalidate(this.genKey, this.epochKey, this.prefix, ...tags);
  }

  async invalidateAll(): Promise<void> {
    await this.redis.multi().incr(this.genKey).incr(this.epochKey).exec();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
