/**
 * A running server for the browser tests and for looking at the dashboard by hand: the real express
 * app on an ephemeral port over a fresh SQLite file filled with the demo data of a first start
 * (src/demo: the seed report and a generated district of about 200 agencies, 2019–2025).
 *
 * By hand: `npx ts-node --swc test/e2e/demo-server.ts [PORT]` serves until interrupted.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { openStorage, type Storage } from '../../src/db';
import { DEMO_DISTRICT, loadDemoData } from '../../src/demo';
import type { DistrictOptions } from '../../src/domain/synthetic';
import { startServer } from '../../src/server';

export interface DemoServer {
  readonly url: string;
  readonly storage: Storage;
  /** The generated district's root (a DISTRICT). */
  readonly rootCode: string;
  close(): Promise<void>;
}

/** Starts the server over a new SQLite file filled by loadDemoData, as `npm start` fills a new database. */
export async function startDemoServer(options: { port?: number; district?: DistrictOptions } = {}): Promise<DemoServer> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'xxgk-e2e-'));
  const url = `sqlite:${path.join(directory, 'demo.sqlite')}`;
  const config = loadConfig({ DATABASE_URL: url, DEMO_DATA: 'false', NODE_ENV: 'test' });
  const storage = await openStorage({ url, migrate: true, logging: false });
  let rootCode: string;
  try {
    ({ rootCode } = await loadDemoData(storage, options.district ?? DEMO_DISTRICT));
  } catch (error) {
    await storage.close();
    throw error;
  }
  const server = await startServer(storage, config, { port: options.port ?? 0, host: '127.0.0.1', logError: () => undefined });
  return {
    url: server.url,
    storage,
    rootCode,
    async close() {
      await server.close();
      await storage.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

if (require.main === module) {
  const started = Date.now();
  startDemoServer({ port: Number(process.argv[2] ?? 4100) })
    .then((demo) => {
      console.log(`demo district loaded in ${Date.now() - started} ms: ${demo.url}/dashboard/`);
      process.once('SIGINT', () => void demo.close().then(() => process.exit(0)));
      process.once('SIGTERM', () => void demo.close().then(() => process.exit(0)));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
