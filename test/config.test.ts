import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: 'sqlite:./data/xxgk.sqlite',
      databaseEngine: 'sqlite',
      port: 4000,
      redisUrl: null,
      nodeEnv: 'development',
      isProduction: false,
      maxQueryDepth: 12,
      maxQueryCost: 100000,
      maxAggregateCost: 50000000,
      bodyLimitBytes: 1024 * 1024,
      adminToken: null,
      demoData: true,
      responseCache: true,
      responseCacheMaxEntries: 10000,
      responseCacheMaxBytes: 64 * 1024 * 1024,
      responseCacheTtlSeconds: 3600,
      responseCachePollMs: 1000,
      graphqlExecutor: 'jit',
      rateLimitPerMinute: 6000,
    });
  });

  it('reads every variable into a typed, frozen value', () => {
    const config = loadConfig({
      DATABASE_URL: 'mysql://u:p@127.0.0.1:3306/xxgk',
      PORT: '8080',
      REDIS_URL: 'redis://localhost:6379',
      NODE_ENV: 'production',
      MAX_QUERY_DEPTH: '8',
      MAX_QUERY_COST: '5000',
      BODY_LIMIT: '500kb',
      ADMIN_TOKEN: 'a-very-long-admin-token',
      DEMO_DATA: 'false',
      RESPONSE_CACHE: 'false',
      RESPONSE_CACHE_MAX_ENTRIES: '500',
      RESPONSE_CACHE_MAX_BYTES: '8mb',
      RESPONSE_CACHE_TTL_SECONDS: '60',
      RESPONSE_CACHE_POLL_MS: '250',
      GRAPHQL_EXECUTOR: 'interpreter',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    expect(config).toEqual({
      databaseUrl: 'mysql://u:p@127.0.0.1:3306/xxgk',
      databaseEngine: 'mysql',
      port: 8080,
      redisUrl: 'redis://localhost:6379',
      nodeEnv: 'production',
      isProduction: true,
      maxQueryDepth: 8,
      maxQueryCost: 5000,
      maxAggregateCost: 50000000,
      bodyLimitBytes: 500 * 1024,
      adminToken: 'a-very-long-admin-token',
      demoData: false,
      responseCache: false,
      responseCacheMaxEntries: 500,
      responseCacheMaxBytes: 8 * 1024 * 1024,
      responseCacheTtlSeconds: 60,
      responseCachePollMs: 250,
      graphqlExecutor: 'interpreter',
      rateLimitPerMinute: 0,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every invalid variable with what it expected and what it received, at once', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x/y', ADMIN_TOKEN: 'short', DEMO_DATA: 'maybe', GRAPHQL_EXECUTOR: 'turbo' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'DATABASE_URL: expected sqlite:PATH or mysql://user:pass@host:3306/database, received "postgres://x/y"',
        'PORT: expected a whole number from 0 to 65535, received "eighty"',
        'ADMIN_TOKEN: expected a token of at least 16 characters without spaces, received "short"',
        'DEMO_DATA: expected true or false (also 1/0, yes/no, on/off), received "maybe"',
        'GRAPHQL_EXECUTOR: expected jit or interpreter, received "turbo"',
      ]);
    }
  });
});
