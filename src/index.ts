/**
 * Entry point (`npm start`): load the configuration, open the storage (migrated), build the schema
 * and listen. reflect-metadata must be imported before any decorated class.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { openStorage } from './db';
import { loadDemoData } from './demo';
import { startServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const storage = await openStorage({ url: config.databaseUrl, migrate: true, logging: false });
  if (config.demoData) {
    const existing = await storage.findAgencies({}, { first: 1, offset: 0 });
    if (existing.totalCount === 0) {
      const started = Date.now();
      const demo = await loadDemoData(storage);
      console.log(
        `new database: loaded demo data (${demo.agencies} agencies, ${demo.reports} reports, ${demo.drafts} drafts; ` +
          `district root ${demo.rootCode}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  }
  const server = await startServer(storage, config);
  console.log(`xxgk-stats listening on ${server.url} (/graphql, /dashboard, /healthz), ${storage.engine} database`);
  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    await server.close();
    await storage.close();
    process.exit(0);
  };
  process.once('SIGINT', (s) => void shutdown(s));
  process.once('SIGTERM', (s) => void shutdown(s));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
