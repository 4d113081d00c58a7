/**
 * Whole-response cache for public GraphQL reads (DESIGN.md §4 "Response cache"; issue 4 item 7).
 *
 * What is cached: POST /graphql requests WITHOUT an Authorization header (anonymous, so they cannot
 * see drafts) whose operation is a query, answered 200 without `errors`. Mutations, authenticated
 * requests and error responses always go to Apollo. The key is the sha256 of the normalised query
 * (graphql `print`), the operation name and the variables (keys sorted).
 *
 * Tags: while a request runs, its Storage (a per-request proxy, `storageFor`) records what it read:
 *   `ay:<agencyId>:<year>` reports, rollups, coverage and check summaries of an agency-year
 *   `a:<agencyId>`         every report of an agency (all years)
 *   `tree`                 agencies, names and the hierarchy
 *   `global`               anything else (revisions, future Storage reads): dropped by every write
 * The catalogue reads no storage: its responses carry no tag and live until TTL or eviction.
 * Writes through the same proxy invalidate after they finish: a report write (submitReport,
 * publishReport, loadReports; importDocument goes through submitReport) drops `ay:<x>:<year>` for the
 * agency and all its ancestors (any year's tree: CURRENT-hierarchy rollups included), `a:<agency>` and
 * `global`; a hierarchy or agency write (upsertAgency, setParent, endAgency, loadAgencies) and
 * rebuildRollups drop everything. Unrelated agency-years keep their entries.
 * Writes made by another process (the import CLI, a second server) do not pass this proxy: every
 * write also appends to the database's change_log in its transaction, and `followChanges` polls it
 * (RESPONSE_CACHE_POLL_MS, default 1 s) and drops the same tags for each change it has not seen.
 */
import { createHash } from 'node:crypto';
import etag from 'etag';
import type { RequestHandler, Response } from 'express';
import { Kind, type OperationDefinitionNode, parse, print } from 'graphql';
import type { Config } from '../config';
import { MAX_NAMED_CHANGES, type RollupKey, type Storage, type SubmitReportCommand } from '../db/api';
import { RedisResponseStore } from './response-cache.redis';
import { type CachedResponse, MemoryResponseStore, type ResponseCacheStore } from './response-cache.store';

export const CACHE_STATUS_HEADER = 'x-response-cache';

/** Storage reads and the tag each key gives; every Storage method must appear here or in WRITES. */
const READS_BY_AGENCY_YEAR = ['reportsByAgencyYear', 'rollups', 'checkFailures', 'validationSummaries', 'missingReportersMany'] as const;
const READS_OF_ONE_AGENCY_YEAR = ['missingReporters'] as const;
const READS_BY_AGENCY = ['reportsOfAgencies'] as const;
const READS_OF_TREE = [
  'agenciesByCode', 'agenciesById', 'agencyByName', 'findAgencies', 'nameHistory', 'parentsOf', 'childrenOf', 'parentLinks',
  'selfAndAncestorIds', 'subtreeCodes',
] as const;
/** Ad-hoc analytics read facts by filter (no agency-year key): every write drops them. */
const READS_GLOBAL = ['revisionsOf', 'verifyRollups', 'countRows', 'aggregate', 'estimateAggregate'] as const;
const REPORT_WRITES = ['submitReport', 'publishReport', 'loadReports'] as const;
const TREE_WRITES = ['upsertAgency', 'setParent', 'endAgency', 'loadAgencies', 'rebuildRollups'] as const;
/** Tokens: only authenticated requests see them, and those are never cached. */
const NEUTRAL = ['close', 'engine', 'statements', 'createToken', 'verifyToken', 'listTokens', 'revokeToken', 'changesAfter'] as const;

/** Every Storage member the cache knows (a test checks SqlStorage has no other). */
export const CLASSIFIED_STORAGE_MEMBERS: readonly string[] = [
  ...READS_BY_AGENCY_YEAR, ...READS_OF_ONE_AGENCY_YEAR, ...READS_BY_AGENCY, ...READS_OF_TREE, ...READS_GLOBAL,
  ...REPORT_WRITES, ...TREE_WRITES, ...NEUTRAL,
];

type Classification =
  | { readonly kind: 'read'; readonly tags: (args: readonly unknown[]) => readonly string[] }
  | { readonly kind: 'report-write'; readonly writes: (args: readonly unknown[]) => readonly ReportWrite[] }
  | { readonly kind: 'tree-write' }
  | { readonly kind: 'neutral' };

interface ReportWrite {
  readonly agencyCode: string;
  readonly year: number | null;
}

const agencyYearTag = (k: RollupKey) => `ay:${k.agencyId}:${k.year}`;
const asKeys = (value: unknown) => (Array.isArray(value) ? (value as readonly RollupKey[]) : []);
const asIds = (value: unknown) => (Array.isArray(value) ? (value as readonly number[]) : []);
const commandWrite = (c: SubmitReportCommand): ReportWrite => ({ agencyCode: c.agencyCode, year: c.document.year });

function classify(name: string): Classification {
  if ((READS_BY_AGENCY_YEAR as readonly string[]).includes(name)) return { kind: 'read', tags: (args) => asKeys(args[0]).map(agencyYearTag) };
  if ((READS_OF_ONE_AGENCY_YEAR as readonly string[]).includes(name)) return { kind: 'read', tags: (args) => [agencyYearTag(args[0] as RollupKey)] };
  if ((READS_BY_AGENCY as readonly string[]).includes(name)) return { kind: 'read', tags: (args) => asIds(args[0]).map((id) => `a:${id}`) };
  if ((READS_OF_TREE as readonly string[]).includes(name)) return { kind: 'read', tags: () => ['tree'] };
  if ((READS_GLOBAL as readonly string[]).includes(name)) return { kind: 'read', tags: () => ['global'] };
  if ((NEUTRAL as readonly string[]).includes(name)) return { kind: 'neutral' };
  if ((TREE_WRITES as readonly string[]).includes(name)) return { kind: 'tree-write' };
  switch (name) {
    case 'submitReport':
      return { kind: 'report-write', writes: (args) => [commandWrite(args[0] as SubmitReportCommand)] };
    case 'publishReport':
      return { kind: 'report-write', writes: (args) => [args[0] as { agencyCode: string; year: number }] };
    case 'loadReports':
      return { kind: 'report-write', writes: (args) => (args[0] as readonly SubmitReportCommand[]).map(commandWrite) };
  }
  // A member added to Storage after this file: stay correct. A name that says "write" drops everything;
  // anything else is a read that every write drops.
  return /^(submit|publish|import|set|upsert|end|load|rebuild|delete|remove|create|update|save|record|accept|revoke|write)/.test(name)
    ? { kind: 'tree-write' }
    : { kind: 'read', tags: () => ['global'] };
}


interface ParsedOperation {
  readonly cacheable: boolean;
  readonly normalised: string;
}

/** JSON with object keys sorted, so that `{a,b}` and `{b,a}` variables share an entry. */
function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record).sort().filter((k) => record[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableStringify(record[k])}`).join(',')}}`;
}

/** Headers not replayed from a stored response (they belong to the connection or are recomputed). */
const UNSTORED_HEADERS = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', CACHE_STATUS_HEADER]);

export interface ResponseCacheOptions {
  /** Called when the store fails; the request then goes on uncached. */
  readonly onStoreError?: (error: unknown) => void;
}

/**
 * Seqs re-read behind the newest seen: on MySQL, concurrent writers commit AUTO_INCREMENT seqs out of
 * order, so a seq below one already seen can still appear; it is handled when it does.
 */
const CHANGE_REWIND = 1000;

export class ResponseCache {
  private readonly operations = new Map<string, ParsedOperation>();
  private static readonly MAX_OPERATIONS = 1000;
  private follower: NodeJS.Timeout | null = null;

  constructor(readonly store: ResponseCacheStore, private readonly options: ResponseCacheOptions = {}) {}

  /** The cache key of a request body, or null when the request is not a cacheable query. */
  keyOf(body: unknown): string | null {
    if (typeof body !== 'object' || body === null) return null;
    const { query, operationName, variables, extensions } = body as Record<string, unknown>;
    if (typeof query !== 'string' || extensions !== undefined) return null;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
    const operation = this.parsed(query, operationName ?? null);
    if (!operation.cacheable) return null;
    return createHash('sha256')
      .update(operation.normalised)
      .update('\0')
      .update(operationName ?? '')
      .update('\0')
      .update(stableStringify(variables ?? {}))
      .digest('base64url');
  }

  /** Express middleware in front of Apollo: answers hits, and stores the misses it may. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const key = req.method === 'POST' && !req.headers.authorization ? this.keyOf(req.body) : null;
      if (key === null) {
        next();
        return;
      }
      this.store.lookup(key).then(
        ({ entry, epoch }) => {
          if (entry) {
            sendHit(req.headers['if-none-match'], res, entry);
            return;
          }
          const tags = new Set<string>();
          setReadTags(res, tags);
          this.captureMiss(res, key, tags, epoch);
          next();
        },
        (error: unknown) => {
          this.options.onStoreError?.(error);
          next();
        },
      );
    };
  }

  /**
   * The Storage one request uses: reads add their tags to `readTags` (null: not recorded), writes
   * invalidate what they changed once they finish.
   */
  storageFor(storage: Storage, readTags: Set<string> | null): Storage {
    const wrappers = new Map<string, unknown>();
    return new Proxy(storage, {
      get: (target, property) => {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        const known = wrappers.get(property);
        if (known) return known;
        const method = value as (...args: unknown[]) => unknown;
        const classification = classify(property);
        let wrapper: unknown;
        switch (classification.kind) {
          case 'neutral':
            wrapper = method.bind(target);
            break;
          case 'read':
            wrapper = (...args: unknown[]) => {
              if (readTags) for (const tag of classification.tags(args)) readTags.add(tag);
              return method.apply(target, args);
            };
            break;
          case 'report-write':
            wrapper = async (...args: unknown[]) => {
              try {
                return await method.apply(target, args);
              } finally {
                await this.invalidateReportWrites(target, classification.writes(args));
              }
            };
            break;
          case 'tree-write':
            wrapper = async (...args: unknown[]) => {
              try {
                return await method.apply(target, args);
              } finally {
                await this.invalidateAll();
              }
            };
            break;
          default: {
            const unreachable: never = classification;
            throw new Error(`unhandled classification ${String(unreachable)}`);
          }
        }
        wrappers.set(property, wrapper);
        return wrapper;
      },
    });
  }

  /** Drops what reports of these agency-years fed: the agency-year and its ancestors' agency-years. */
  async invalidateReportWrites(storage: Storage, writes: readonly ReportWrite[]): Promise<void> {
    try {
      if (writes.length === 0) return;
      if (writes.length > MAX_NAMED_CHANGES || writes.some((w) => w.year === null)) {
        await this.store.invalidateAll();
        return;
      }
      const codes = [...new Set(writes.map((w) => w.agencyCode))];
      const agencies = await storage.agenciesByCode(codes);
      const idByCode = new Map(agencies.flatMap((a) => (a ? [[a.code, a.id] as const] : [])));
      const tags = new Set<string>(['global']);
      for (const write of writes) {
        const id = idByCode.get(write.agencyCode);
        if (id === undefined) continue; // no such agency: the write failed and changed nothing
        tags.add(`a:${id}`);
        for (const upper of await storage.selfAndAncestorIds([id])) tags.add(`ay:${upper}:${write.year}`);
      }
      await this.store.invalidate([...tags]);
    } catch (error) {
      // Never leave a stale entry behind because a targeted invalidation failed.
      this.options.onStoreError?.(error);
      await this.invalidateAll();
    }
  }

  async invalidateAll(): Promise<void> {
    try {
      await this.store.invalidateAll();
    } catch (error) {
      this.options.onStoreError?.(error);
    }
  }

  /**
   * Follows the database's change_log every `pollMs`: drops what writes committed since (by any
   * process) made stale, as a write through storageFor does. A change log pruned past what was
   * read, or a shared store (Redis) that may have outlived writes made while no server ran, drops
   * everything. Resolves once the current end of the log is known.
   */
  async followChanges(storage: Storage, pollMs: number): Promise<void> {
    let head = (await storage.changesAfter(Number.MAX_SAFE_INTEGER)).newest ?? 0;
    if (this.store.kind === 'redis') await this.invalidateAll();
    // What is in the log at start happened before any entry of this cache (or was just dropped).
    const seen = new Set<number>((await storage.changesAfter(Math.max(0, head - CHANGE_REWIND))).changes.map((c) => c.seq).filter((seq) => seq <= head));
    let polling = false;
    const poll = async () => {
      if (polling) return;
      polling = true;
      try {
        const from = Math.max(0, head - CHANGE_REWIND);
        const batch = await storage.changesAfter(from);
        const fresh = batch.changes.filter((c) => c.seq > head || !seen.has(c.seq));
        const missed = head > 0 && batch.oldestKept !== null && batch.oldestKept > head + 1;
        if (missed || fresh.some((c) => c.agencyCode === null || c.year === null)) await this.invalidateAll();
        else if (fresh.length > 0) await this.invalidateReportWrites(storage, fresh.map((c) => ({ agencyCode: c.agencyCode!, year: c.year })));
        for (const change of fresh) seen.add(change.seq);
        head = Math.max(head, ...fresh.map((c) => c.seq));
        for (const seq of seen) if (seq <= head - CHANGE_REWIND) seen.delete(seq);
      } catch (error) {
        this.options.onStoreError?.(error);
      } finally {
        polling = false;
      }
    };
    this.follower = setInterval(() => void poll(), pollMs);
    this.follower.unref();
  }

  close(): Promise<void> {
    if (this.follower) clearInterval(this.follower);
    this.follower = null;
    return this.store.close();
  }

  private parsed(query: string, operationName: string | null): ParsedOperation {
    const id = `${operationName ?? ''}\0${query}`;
    const known = this.operations.get(id);
    if (known) return known;
    let operation: ParsedOperation;
    try {
      const document = parse(query, { noLocation: true });
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      const chosen = operationName === null ? (operations.length === 1 ? operations[0] : undefined) : operations.find((o) => o.name?.value === operationName);
      operation = { cacheable: chosen?.operation === 'query', normalised: print(document) };
    } catch {
      operation = { cacheable: false, normalised: '' }; // Apollo answers the syntax error
    }
    if (this.operations.size >= ResponseCache.MAX_OPERATIONS) this.operations.delete(this.operations.keys().next().value as string);
    this.operations.set(id, operation);
    return operation;
  }

  /** Wraps `res.send` to keep a 200 answer without errors, with its headers and the tags read. */
  private captureMiss(res: Response, key: string, tags: ReadonlySet<string>, epoch: string): void {
    const send = res.send.bind(res);
    res.setHeader(CACHE_STATUS_HEADER, 'MISS');
    res.send = (body?: unknown) => {
      const status = res.statusCode;
      const keep = status === 200 && typeof body === 'string' && !hasErrors(body);
      // Only a response kept here gets an ETag (express makes none: server.ts), so that a client
      // holding it is answered 304 by sendHit; an uncached answer is never revalidated.
      if (keep) res.setHeader('ETag', etag(body));
      const result = send(body);
      if (keep && res.statusCode === 200) {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.getHeaders())) {
          if (!UNSTORED_HEADERS.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
        }
        const entry: CachedResponse = { status, headers, body };
        this.store.store(key, entry, [...tags], epoch).catch((error: unknown) => this.options.onStoreError?.(error));
      }
      return result;
    };
  }
}

/**
 * Writes a stored answer straight to the socket: the same status, headers and bytes as the miss that
 * stored it (its ETag included, so a client's If-None-Match still gets a 304), without express's send.
 */
function sendHit(ifNoneMatch: string | undefined, res: Response, entry: CachedResponse): void {
  const etag = entry.headers.etag;
  if (etag !== undefined && ifNoneMatch !== undefined && ifNoneMatch.split(/\s*,\s*/).includes(etag)) {
    res.writeHead(304, { etag, [CACHE_STATUS_HEADER]: 'HIT' });
    res.end();
    return;
  }
  const payload = entry.encoded ?? Buffer.from(entry.body, 'utf8');
  res.writeHead(entry.status, { ...entry.headers, 'content-length': String(payload.length), [CACHE_STATUS_HEADER]: 'HIT' });
  res.end(payload);
}

function hasErrors(body: string): boolean {
  if (!body.includes('"errors"')) return false;
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    return parsed.errors !== undefined;
  } catch {
    return true;
  }
}

const READ_TAGS = Symbol('responseCacheReadTags');

function setReadTags(res: Response, tags: Set<string>): void {
  (res.locals as Record<symbol, unknown>)[READ_TAGS] = tags;
}

/** The tag set the middleware opened for this response (null: the response is not being cached). */
export function readTagsOf(res: Response): Set<string> | null {
  return ((res.locals as Record<symbol, unknown>)[READ_TAGS] as Set<string> | undefined) ?? null;
}

/** The configured cache: Redis when REDIS_URL is set, else memory; null when RESPONSE_CACHE is off. */
export function createResponseCache(
  config: Pick<Config, 'responseCache' | 'redisUrl' | 'responseCacheMaxEntries' | 'responseCacheMaxBytes' | 'responseCacheTtlSeconds'>,
  options: ResponseCacheOptions = {},
): ResponseCache | null {
  if (!config.responseCache) return null;
  const store: ResponseCacheStore = config.redisUrl
    ? new RedisResponseStore(config.redisUrl, config.responseCacheTtlSeconds)
    : new MemoryResponseStore({
        maxEntries: config.responseCacheMaxEntries,
        maxBytes: config.responseCacheMaxBytes,
        ttlSeconds: config.responseCacheTtlSeconds,
      });
  return new ResponseCache(store, options);
}
