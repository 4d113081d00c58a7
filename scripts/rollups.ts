/**
 * npm run rollups -- rebuild|verify
 * Operates the materialised rollups of the database of DATABASE_URL (DESIGN.md §4; issue 4 item 7):
 *   rebuild  recomputes the derived data (after a manual repair or a restore): the hierarchy closure from
 *            the parent links, then every rollup from the reports; prints the rollup row count
 *   verify   compares the closure with the links and the materialised rollups with the reports; prints one line per difference
 * Exit 0 when done (verify: no difference), 1 when verify found differences or the work failed,
 * 2 for bad arguments or configuration. The work is Storage.rebuildRollups / verifyRollups.
 */
import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { runCli } from './run-cli';
import { openStorage } from '../src/db';

export const ROLLUPS_USAGE = `usage: npm run rollups -- rebuild|verify
  rebuild   recompute the hierarchy closure from the parent links, then every materialised rollup
            from the reports (one transaction)
  verify    compare the closure with the links and the rollups with the reports; exit 1 on any difference
The database is DATABASE_URL (default sqlite:./data/xxgk.sqlite).
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    process.stdout.write(ROLLUPS_USAGE);
    return 0;
  }
  if ((command !== 'rebuild' && command !== 'verify') || rest.length > 0) {
    process.stderr.write(`expected one command, rebuild or verify; received ${JSON.stringify(argv.join(' '))}\n\n${ROLLUPS_USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const storage = await openStorage({ url: config.databaseUrl, migrate: true });
  try {
    if (command === 'rebuild') {
      const started = Date.now();
      const { rows } = await storage.rebuildRollups();
      process.stdout.write(`rebuilt the rollups: ${rows} rollup rows in ${Date.now() - started} ms\n`);
      return 0;
    }
    const { differences } = await storage.verifyRollups();
    for (const line of differences) process.stdout.write(`${line}\n`);
    process.stdout.write(differences.length === 0 ? 'rollups verified: no difference from the links and the reports\n' : `${differences.length} difference(s): run \`npm run rollups -- rebuild\`\n`);
    return differences.length === 0 ? 0 : 1;
  } finally {
    await storage.close();
  }
}

runCli(main);
