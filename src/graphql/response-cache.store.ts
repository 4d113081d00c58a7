/**
 * Where whole GraphQL responses are kept (DESIGN.md §4 "Response cache"): the contract shared by the
 * in-memory store (this file, the default) and the Redis store (response-cache.redis.ts, REDIS_URL).
 *
 * Invalidation is by tag: an entry is stored with the tags of what its request read (`ay:12:2021`,
 * `tree`, …), and a write deletes the entries of the tags it touched. A write-race guard keeps a
 * request that read old rows from storing its answer after the write: every invalidation advances an
 * epoch, `lookup` hands out the epoch it saw, and `store` refuses when the epoch has moved since.
 * (Invalidation happens after the write commits; a request that read before the commit stores either
 * before the invalidation, which then deletes its entry, or after, which the epoch refuses.)
 */

/** A response as the HTTP layer sends it; the body is kept byte for byte. */
export interface CachedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The body as UTF-8 bytes, when a store keeps them ready (the memory store: a hit then copies nothing). */
  readonly encoded?: Buffer;
}

export interface CacheLookup {
  readonly entry: CachedResponse | null;
  /** Pass back to `store`: the state of invalidation when the lookup ran. */
  readonly epoch: string;
}

export interface ResponseCacheStore {
  readonly kind: 'memory' | 'redis';
  lookup(key: string): Promise<CacheLookup>;
  /** Stores unless something was invalidated since `epoch`; true when stored. */
  store(key: string, entry: CachedResponse, tags: readonly string[], epoch: string): Promise<boolean>;
  /** Deletes every entry carrying one of the tags. */
  invalidate(tags: readonly string[]): Promise<void>;
  /** Deletes every entry (hierarchy writes, rebuilds). */
  invalidateAll(): Promise<void>;
  close(): Promise<void>;
}

export interface MemoryStoreLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly ttlSeconds: number;
}

/** Entries are kept as one string: status, headers as JSON, body (headers JSON has no raw newline). */
export function serialiseEntry(entry: CachedResponse): string {
  return `${entry.status}\n${JSON.stringify(entry.headers)}\n${entry.body}`;
}

export function deserialiseEntry(text: string): CachedResponse {
  const first = text.indexOf('\n');
  const second = text.indexOf('\n', first + 1);
  return {
    status: Number(text.slice(0, first)),
    headers: JSON.parse(text.slice(first + 1, second)) as Record<string, string>,
    body: text.slice(second + 1),
  };
}

interface MemoryEntry {
  readonly response: CachedResponse;
  readonly tags: readonly string[];
  readonly bytes: number;
  readonly expiresAt: number;
}

/**
 * A bounded LRU (entries and bytes) with a tag index, for one process. A Map keeps insertion order:
 * a hit re-inserts its key, so the first key is always the least recently used.
 */
export class MemoryResponseStore implements ResponseCacheStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, MemoryEntry>();
  private readonly keysByTag = new Map<string, Set<string>>();
  private bytes = 0;
  private epoch = 0;

  constructor(private readonly limits: MemoryStoreLimits, private readonly now: () => number = Date.now) {}

  /** Entries and bytes held (tests, diagnostics). */
  get size(): { readonly entries: number; readonly bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  async lookup(key: string): Promise<CacheLookup> {
    const found = this.entries.get(key);
    if (found && found.expiresAt <= this.now()) this.remove(key);
    else if (found) {
      this.entries.delete(key);
      this.entries.set(key, found);
      return { entry: found.response, epoch: String(this.epoch) };
    }
    return { entry: null, epoch: String(this.epoch) };
  }

  async store(key: string, response: CachedResponse, tags: readonly string[], epoch: string): Promise<boolean> {
    if (epoch !== String(this.epoch)) return false;
    // Strings are UTF-16 in memory: two bytes a unit is the honest estimate of what the entry holds.
    const bytes = 2 * (response.body.length + key.length) + 256;
    if (bytes * 1.5 > this.limits.maxBytes) return false;
    this.remove(key);
    const encoded = Buffer.from(response.body, 'utf8');
    this.entries.set(key, { response: { ...response, encoded }, tags, bytes: bytes + encoded.length, expiresAt: this.now() + this.limits.ttlSeconds * 1000 });
    this.bytes += bytes + encoded.length;
    for (const tag of tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    while (this.entries.size > this.limits.maxEntries || this.bytes > this.limits.maxBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.remove(oldest);
    }
    return true;
  }

  async invalidate(tags: readonly string[]): Promise<void> {
    this.epoch += 1;
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) this.remove(key);
      this.keysByTag.delete(tag);
    }
  }

  async invalidateAll(): Promise<void> {
    this.epoch += 1;
    this.entries.clear();
    this.keysByTag.clear();
    this.bytes = 0;
  }

  async close(): Promise<void> {
    await this.invalidateAll();
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys && keys.size === 0) this.keysByTag.delete(tag);
    }
  }
}
