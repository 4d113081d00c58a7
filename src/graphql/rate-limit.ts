/**
 * Per-client rate limit on /graphql (DESIGN.md §6 "per-token rate limit"): a fixed window of one
 * minute per client, the client being its bearer token (hashed) or, without one, its IP address.
 * Counted in memory, or in Redis when REDIS_URL is set (shared by every instance). Over the limit:
 * 429 with a GraphQL-shaped body whose extensions.code is RATE_LIMITED and a Retry-After header.
 * RATE_LIMIT_PER_MINUTE=0 turns it off.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import Redis from 'ioredis';

const WINDOW_MS = 60_000;

export interface RateCounter {
  /** Counts one request of `client` in the window starting at `windowStart`; returns the count so far. */
  hit(client: string, windowStart: number): Promise<number>;
  close(): Promise<void>;
}

/** One process: a count per client for the current window; older windows are dropped as time moves. */
export class MemoryRateCounter implements RateCounter {
  private window = -1;
  private counts = new Map<string, number>();

  async hit(client: string, windowStart: number): Promise<number> {
    if (windowStart !== this.window) {
      this.window = windowStart;
      this.counts = new Map();
    }
    const count = (this.counts.get(client) ?? 0) + 1;
    this.counts.set(client, count);
    return count;
  }

  async close(): Promise<void> {
    this.counts.clear();
  }
}

const INCREMENT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
`;

/** Shared by instances: one key per client and window, expiring with the window. */
export class RedisRateCounter implements RateCounter {
  private readonly redis: Redis & { rlIncrement(key: string, ttlMs: string): Promise<number> };

  constructor(url: string, private readonly prefix = 'xxgk:rl:') {
    const redis = new Redis(url, { maxRetriesPerRequest: 1 });
    redis.defineCommand('rlIncrement', { numberOfKeys: 1, lua: INCREMENT });
    redis.on('error', () => undefined);
    this.redis = redis as typeof this.redis;
  }

  hit(client: string, windowStart: number): Promise<number> {
    return this.redis.rlIncrement(`${this.prefix}${windowStart}:${client}`, String(WINDOW_MS + 1000));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The client a request counts against: its token (never stored in clear) or its IP address. */
export function clientOf(req: Pick<Request, 'headers' | 'ip' | 'socket'>): string {
  const authorization = req.headers.authorization;
  if (authorization && authorization.trim() !== '') {
    return `t:${createHash('sha256').update(authorization.trim()).digest('base64url').slice(0, 22)}`;
  }
  return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

export interface RateLimitOptions {
  readonly perMinute: number;
  readonly counter: RateCounter;
  readonly now?: () => number;
  /** When the counter fails the request is let through (availability over strictness). */
  readonly onCounterError?: (error: unknown) => void;
}

export function rateLimitMiddleware(options: RateLimitOptions): RequestHandler {
  const now = options.now ?? Date.now;
  return (req, res, next) => {
    const time = now();
    const windowStart = time - (time % WINDOW_MS);
    options.counter.hit(clientOf(req), windowStart).then(
      (count) => {
        if (count <= options.perMinute) {
          next();
          return;
        }
        const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - time) / 1000));
        res
          .status(429)
          .set('retry-after', String(retryAfterSeconds))
          .json({
            errors: [
              {
                message: `too many requests: at most ${options.perMinute} a minute per client (RATE_LIMIT_PER_MINUTE); retry in ${retryAfterSeconds} s`,
                extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
              },
            ],
          });
      },
      (error: unknown) => {
        options.onCounterError?.(error);
        next();
      },
    );
  };
}

/** The configured limiter, or null when RATE_LIMIT_PER_MINUTE is 0. */
export function createRateLimit(
  config: { readonly rateLimitPerMinute: number; readonly redisUrl: string | null },
  onCounterError?: (error: unknown) => void,
): { readonly middleware: RequestHandler; close(): Promise<void> } | null {
  if (config.rateLimitPerMinute <= 0) return null;
  const counter: RateCounter = config.redisUrl ? new RedisRateCounter(config.redisUrl) : new MemoryRateCounter();
  return {
    middleware: rateLimitMiddleware({ perMinute: config.rateLimitPerMinute, counter, ...(onCounterError ? { onCounterError } : {}) }),
    close: () => counter.close(),
  };
}
