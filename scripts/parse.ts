/**
 * npm run parse -- FILE [FILE…]
 * Prints one JSON line per file on stdout: the interchange document with "source": FILE, or
 * {"source", "error": {code, message}, "diagnostics"} when the file could not be read. Nothing
 * else goes to stdout. Exit 0 when every file was read, 1 otherwise (DESIGN.md §5).
 */
import { readFile } from 'fs/promises';
import { parseDocument } from '../src/ingest';

async function main(files: readonly string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write('usage: npm run parse -- FILE [FILE…]\n');
    return 1;
  }
  let allRead = true;
  for (const source of files) {
    let line: object;
    try {
      const result = await parseDocument(await readFile(source), source);
      if (result.ok) line = { source, ...result.document };
      else {
        allRead = false;
        line = { source, error: result.error, diagnostics: result.diagnostics };
      }
    } catch (error) {
      allRead = false;
      const message = error instanceof Error ? error.message : String(error);
      line = { source, error: { code: 'UNREADABLE_FILE', message: `cannot open "${source}": ${message}` }, diagnostics: [] };
    }
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  return allRead ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
