/**
 * The server of the HTTP benchmark, in its own process (so its memory is the server's alone):
 * `node serve.js DATABASE_URL cache|nocache` (compiled by http.bench.ts, as `npm start` runs compiled code);
 * prints `listening <url>` when ready.
 * Production settings; the rate limit out of the way (autocannon is one client).
 */
import 'reflect-metadata';
import { loadConfig } from '../../src/config';
import { openStorage } from '../../src/db';
import { startServer } from '../../src/server';

async function main() {
  const [databaseUrl, cache] = process.argv.slice(2);
  const config = loadConfig({
    DATABASE_URL: databaseUrl, NODE_ENV: 'production', DEMO_DATA: 'false', PORT: '0',
    RESPONSE_CACHE: cache === 'cache' ? 'true' : 'false', RATE_LIMIT_PER_MINUTE: String(Number.MAX_SAFE_INTEGER),
  });
  const storage = await openStorage({ url: databaseUrl, migrate: false });
  const server = await startServer(storage, config, { port: 0, host: '127.0.0.1', logError: (m, e) => process.stderr.write(`${m} ${String(e)}\n`) });
  process.stdout.write(`listening ${server.url}\n`);
  // Stopped by the bench once measured: no need to drain (closing the pool under in-flight requests only logs noise).
  process.on('SIGTERM', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
