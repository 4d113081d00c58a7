/**
 * Entry point (`npm start`): load the configuration, open the storage (migrated), build the schema
 * and listen. reflect-metadata must be imported before any decorated class.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { openStorage } from './db';
import { startServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const storage = await openStorage({ url: config.databaseUrl, migrate: true, logging: false });
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
