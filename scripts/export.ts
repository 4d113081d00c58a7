/**
 * npm run export -- report|rollup|children|series|aggregate|validation [options] (DESIGN.md §5)
 * Reads the database of DATABASE_URL through Storage and writes CSV (or .xlsx in the national table
 * layout) to stdout or --out FILE. Exit 0 when written, 1 when the export failed, 2 for bad
 * arguments or configuration. The work is done by src/export; this file only wires it to the process.
 */
import 'reflect-metadata';
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../src/config';
import { answerWithUsage, runCli } from './run-cli';
import { openStorage } from '../src/db';
import { AppError } from '../src/errors';
import { csvChunks, EXPORT_USAGE, parseExportArgs, runExport } from '../src/export';

async function main(argv: readonly string[]): Promise<number> {
  const args = parseExportArgs(argv);
  if (args.kind !== 'run') return answerWithUsage(args, EXPORT_USAGE);
  const { command } = args;
  const config = loadConfig();
  if (config.databaseUrl.startsWith('sqlite:') && config.databaseUrl !== 'sqlite::memory:' && !existsSync(path.resolve(config.databaseUrl.slice('sqlite:'.length)))) {
    process.stderr.write(`no database at ${config.databaseUrl}: start the server once or import reports first\n`);
    return 1;
  }
  if (command.out === null && command.request.kind !== 'aggregate' && 'fileFormat' in command.request && command.request.fileFormat === 'xlsx' && process.stdout.isTTY) {
    process.stderr.write('an .xlsx is not written to a terminal: give --out FILE.xlsx or redirect stdout\n');
    return 2;
  }
  const storage = await openStorage({ url: config.databaseUrl, migrate: true });
  try {
    const output = await runExport(storage, command.request, { maxCost: null, maxAggregateCost: config.maxAggregateCost, publishedOnly: false });
    const target: Writable = command.out === null ? process.stdout : createWriteStream(command.out);
    const source = output.kind === 'xlsx' ? Readable.from([output.bytes]) : Readable.from(csvChunks(output.table, { bom: command.bom }));
    await pipeline(source, target, { end: command.out !== null });
    if (command.out !== null) process.stderr.write(`${command.out}: written\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await storage.close();
  }
}

runCli(main);
