/**
 * The server's configuration: the only module that reads `process.env` (STYLE.md principle 9).
 * Every variable is parsed once at start-up into a typed, frozen value; a bad value stops the start
 * with a message that lists every problem, what was expected and what arrived.
 * The variables are documented in `.env.example`.
 */

export type NodeEnv = 'development' | 'production' | 'test';
const NODE_ENVS: readonly NodeEnv[] = ['development', 'production', 'test'];

export interface Config {
  /** `sqlite:PATH` (a file, or `sqlite::memory:`) or `mysql://user:pass@host:3306/db`. */
  readonly databaseUrl: string;
  readonly databaseEngine: 'sqlite' | 'mysql';
  /** TCP port of the HTTP server (0: any free port). */
  readonly port: number;
  /** Redis for the shared response cache; null: in-memory cache. */
  readonly redisUrl: string | null;
  readonly nodeEnv: NodeEnv;
  readonly isProduction: boolean;
  /** Deepest selection a GraphQL operation may have (DESIGN.md §6 "depth limit"). */
  readonly maxQueryDepth: number;
  /** Largest estimated cost (agencies × years × cells) an operation may have. */
  readonly maxQueryCost: number;
  /** Largest estimated cost (agencies × years × cells) of one `aggregate` query (issue 4 item 5). */
  readonly maxAggregateCost: number;
  /** Largest accepted request body, in bytes. */
  readonly bodyLimitBytes: number;
  /** Bootstrap bearer token granting the ADMIN role (DESIGN.md §6); null: no admin token. */
  readonly adminToken: string | null;
  /** Fill a new (empty) database with the demo data (DESIGN.md §5 `npm start`). */
  readonly demoData: boolean;
  /** Whole-response cache of anonymous reads (DESIGN.md §4); in Redis when redisUrl is set. */
  readonly responseCache: boolean;
  /** Bounds of the in-memory response cache (LRU). */
  readonly responseCacheMaxEntries: number;
  readonly responseCacheMaxBytes: number;
  /** Lifetime of a cached response. */
  readonly responseCacheTtlSeconds: number;
  /** How often the server reads the change log for writes of other processes (import CLI) to drop from the cache. */
  readonly responseCachePollMs: number;
  /** Requests per minute per client (token or IP) on /graphql; 0: no limit. */
  readonly rateLimitPerMinute: number;
  /** How operations run: 'jit' (compiled by graphql-jit, the default) or 'interpreter' (graphql-js's execute). */
  readonly graphqlExecutor: 'jit' | 'interpreter';
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/xxgk.sqlite';
const DEFAULT_PORT = 4000;
const DEFAULT_MAX_QUERY_DEPTH = 12;
const DEFAULT_MAX_QUERY_COST = 100_000;
const DEFAULT_MAX_AGGREGATE_COST = 50_000_000;
const DEFAULT_BODY_LIMIT = '1mb';
const DEFAULT_RESPONSE_CACHE_MAX_ENTRIES = 10_000;
const DEFAULT_RESPONSE_CACHE_MAX_BYTES = '64mb';
const DEFAULT_RESPONSE_CACHE_TTL_SECONDS = 3600;
const DEFAULT_RESPONSE_CACHE_POLL_MS = 1000;
/** Generous: a person clicking never meets it; a script looping does. */
const DEFAULT_RATE_LIMIT_PER_MINUTE = 6000;
/** A shorter admin token is guessable: refuse it rather than run with it. */
const MIN_ADMIN_TOKEN_LENGTH = 16;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the configuration from `env` (default: `process.env`).
 * @throws ConfigError naming every invalid variable, with what was expected and what arrived.
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = <T>(name: string, fallback: T, parse: (text: string) => T | Problem): T => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const parsed = parse(raw.trim());
    if (parsed instanceof Problem) {
      problems.push(`${name}: expected ${parsed.expected}, received ${JSON.stringify(raw)}`);
      return fallback;
    }
    return parsed;
  };

  const databaseUrl = read('DATABASE_URL', DEFAULT_DATABASE_URL, parseDatabaseUrl);
  const port = read('PORT', DEFAULT_PORT, integerIn(0, 65535));
  const redisUrl = read<string | null>('REDIS_URL', null, (t) =>
    /^rediss?:\/\/\S+$/.test(t) ? t : new Problem('a URL such as redis://localhost:6379'),
  );
  const nodeEnv = read<NodeEnv>('NODE_ENV', 'development', (t) =>
    (NODE_ENVS as readonly string[]).includes(t) ? (t as NodeEnv) : new Problem(`one of ${NODE_ENVS.join(', ')}`),
  );
  const maxQueryDepth = read('MAX_QUERY_DEPTH', DEFAULT_MAX_QUERY_DEPTH, integerIn(2, 100));
  const maxQueryCost = read('MAX_QUERY_COST', DEFAULT_MAX_QUERY_COST, integerIn(1, Number.MAX_SAFE_INTEGER));
  const maxAggregateCost = read('MAX_AGGREGATE_COST', DEFAULT_MAX_AGGREGATE_COST, integerIn(1, Number.MAX_SAFE_INTEGER));
  const bodyLimitBytes = read('BODY_LIMIT', parseByteSize(DEFAULT_BODY_LIMIT) as number, parseByteSize);
  const adminToken = read<string | null>('ADMIN_TOKEN', null, (t) =>
    t.length >= MIN_ADMIN_TOKEN_LENGTH && !/\s/.test(t)
      ? t
      : new Problem(`a token of at least ${MIN_ADMIN_TOKEN_LENGTH} characters without spaces`),
  );
  const demoData = read('DEMO_DATA', true, parseBoolean);
  const responseCache = read('RESPONSE_CACHE', true, parseBoolean);
  const responseCacheMaxEntries = read('RESPONSE_CACHE_MAX_ENTRIES', DEFAULT_RESPONSE_CACHE_MAX_ENTRIES, integerIn(1, 10_000_000));
  const responseCacheMaxBytes = read('RESPONSE_CACHE_MAX_BYTES', parseByteSize(DEFAULT_RESPONSE_CACHE_MAX_BYTES) as number, parseByteSize);
  const responseCacheTtlSeconds = read('RESPONSE_CACHE_TTL_SECONDS', DEFAULT_RESPONSE_CACHE_TTL_SECONDS, integerIn(1, 30 * 24 * 3600));
  const responseCachePollMs = read('RESPONSE_CACHE_POLL_MS', DEFAULT_RESPONSE_CACHE_POLL_MS, integerIn(10, 600_000));
  const rateLimitPerMinute = read('RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMIT_PER_MINUTE, integerIn(0, Number.MAX_SAFE_INTEGER));
  const graphqlExecutor = read<'jit' | 'interpreter'>('GRAPHQL_EXECUTOR', 'jit', (t) =>
    t === 'jit' || t === 'interpreter' ? t : new Problem('jit or interpreter'),
  );

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    databaseUrl,
    databaseEngine: databaseUrl.startsWith('mysql://') ? 'mysql' : 'sqlite',
    port,
    redisUrl,
    nodeEnv,
    isProduction: nodeEnv === 'production',
    maxQueryDepth,
    maxQueryCost,
    maxAggregateCost,
    bodyLimitBytes,
    adminToken,
    demoData,
    responseCache,
    responseCacheMaxEntries,
    responseCacheMaxBytes,
    responseCacheTtlSeconds,
    responseCachePollMs,
    graphqlExecutor,
    rateLimitPerMinute,
  });
}

class Problem {
  constructor(readonly expected: string) {}
}

function parseDatabaseUrl(text: string): string | Problem {
  if (/^sqlite:.+$/.test(text) || /^mysql:\/\/[^/\s]+\/[^/\s]+$/.test(text)) return text;
  return new Problem('sqlite:PATH or mysql://user:pass@host:3306/database');
}

function integerIn(min: number, max: number) {
  return (text: string): number | Problem => {
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max ? n : new Problem(`a whole number from ${min} to ${max}`);
  };
}

const BYTE_UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** "1mb", "500kb", "2048" (bytes). */
function parseByteSize(text: string): number | Problem {
  const m = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(text);
  const bytes = m ? Number(m[1]) * BYTE_UNITS[(m[2] ?? '').toLowerCase()] : NaN;
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : new Problem('a size such as 1mb, 500kb or 2048 (bytes)');
}

function parseBoolean(text: string): boolean | Problem {
  switch (text.toLowerCase()) {
    case '1': case 'true': case 'yes': case 'on': return true;
    case '0': case 'false': case 'no': case 'off': return false;
    default: return new Problem('true or false (also 1/0, yes/no, on/off)');
  }
}
