/**
 * npm run import -- [--agency CODE] [--year Y] [--create-agencies] [--publish] [--dry-run]
 *                   [--agencies FILE.csv] FILE|DIR …
 * Imports documents into the database of DATABASE_URL (DESIGN.md §5, issue 3 item 3): a progress bar
 * on stderr when it is a terminal (plain lines otherwise), the summary on stdout.
 * Exit 0 when nothing was rejected, 1 otherwise; 2 for bad arguments or configuration.
 * The work is done by src/import; this file only wires it to the process.
 */
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { loadConfig } from '../src/config';
import { answerWithUsage, runCli } from './run-cli';
import { openStorage } from '../src/db';
import { formatAgenciesLoad, formatSummary, IMPORT_USAGE, importFiles, loadAgencies, parseImportArgs, resultLine, type ImportProgress } from '../src/import';

function actor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

/** A bar on a terminal; a line per file otherwise (logs, CI, pipes). */
function progressOn(stream: NodeJS.WriteStream): ImportProgress & { stop(): void } {
  if (!stream.isTTY) {
    return {
      file: (result, done, total) => stream.write(`[${done}/${total}] ${resultLine(result)}\n`),
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({ stream, format: 'importing [{bar}] {value}/{total} {file}', hideCursor: true, clearOnComplete: true });
  return {
    start: (total) => bar.start(total, 0, { file: '' }),
    file: (result, done) => bar.update(done, { file: path.basename(result.source) }),
    stop: () => bar.stop(),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseImportArgs(argv);
  if (args.kind !== 'run') return answerWithUsage(args, IMPORT_USAGE);
  const { command } = args;
  const config = loadConfig();
  if (config.databaseUrl.startsWith('sqlite:') && config.databaseUrl !== 'sqlite::memory:') {
    mkdirSync(path.dirname(path.resolve(config.databaseUrl.slice('sqlite:'.length))), { recursive: true });
  }
  const storage = await openStorage({ url: config.databaseUrl, migrate: true });
  try {
    if (command.agenciesFile !== null) {
      let text: string;
      try {
        text = await readFile(command.agenciesFile, 'utf8');
      } catch (error) {
        process.stdout.write(`${command.agenciesFile}: REJECTED, cannot read it: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
      }
      const loaded = await loadAgencies(storage, text, { dryRun: command.dryRun });
      process.stdout.write(formatAgenciesLoad(command.agenciesFile, loaded));
      if (!loaded.ok) return 1;
    }
    if (command.paths.length === 0) return 0;
    const progress = progressOn(process.stderr);
    let results;
    try {
      results = await importFiles(storage, command.paths, {
        agencyCode: command.agencyCode, year: command.year, createAgencies: command.createAgencies,
        publish: command.publish, dryRun: command.dryRun, submittedBy: actor(),
      }, progress);
    } finally {
      progress.stop();
    }
    process.stdout.write(formatSummary(results, { dryRun: command.dryRun }));
    return results.some((r) => r.outcome === 'REJECTED') ? 1 : 0;
  } finally {
    await storage.close();
  }
}

runCli(main);
