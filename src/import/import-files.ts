/**
 * Files and directories → documents to import (issue 3 item 3: "DIR: recurse, take .txt .html .htm
 * .docx .xlsx .json"), imported one after the other, each all-or-nothing.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Storage } from '../db/api';
import { importDocument, type DocumentImport, type ImportOptions, type RejectedImport } from './import-document';

/** What a directory contributes; a file named explicitly is read whatever its extension. */
export const IMPORT_EXTENSIONS: readonly string[] = ['.txt', '.html', '.htm', '.docx', '.xlsx', '.json'];

export interface CollectedFiles {
  /** Files to import, in a stable order: arguments in order, each directory's files sorted by path. */
  readonly files: readonly string[];
  /** Arguments that do not exist (or cannot be listed), as rejections. */
  readonly missing: readonly RejectedImport[];
}

export async function collectFiles(paths: readonly string[], options: { readonly dryRun?: boolean } = {}): Promise<CollectedFiles> {
  const files: string[] = [];
  const missing: RejectedImport[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = path.resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  for (const given of paths) {
    try {
      const info = await stat(given);
      if (info.isDirectory()) for (const file of await filesUnder(given)) add(file);
      else add(given);
    } catch (error) {
      missing.push({
        outcome: 'REJECTED', source: given, dryRun: options.dryRun === true, document: null, diagnostics: [],
        reasons: [{ code: 'FILE_NOT_FOUND', message: `cannot open ${JSON.stringify(given)}: ${messageOf(error)}` }],
      });
    }
  }
  return { files, missing };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile() && IMPORT_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) out.push(full);
  }
  return out;
}

export interface ImportProgress {
  /** Called once, with the number of files found. */
  readonly start?: (total: number) => void;
  /** Called after each file. */
  readonly file?: (result: DocumentImport, done: number, total: number) => void;
}

/**
 * Imports every file under `paths` into the storage. The results are in file order; arguments that
 * do not exist come first, as REJECTED. A file that cannot be read is REJECTED; storage outages throw.
 */
export async function importFiles(storage: Storage, paths: readonly string[], options: ImportOptions, progress: ImportProgress = {}): Promise<readonly DocumentImport[]> {
  const { files, missing } = await collectFiles(paths, options);
  progress.start?.(files.length);
  const results: DocumentImport[] = [...missing];
  for (const [index, file] of files.entries()) {
    let content: Buffer | null = null;
    let readError: unknown = null;
    try {
      content = await readFile(file);
    } catch (error) {
      readError = error;
    }
    const result: DocumentImport =
      content !== null
        ? await importDocument(storage, { content, filename: file }, options)
        : {
            outcome: 'REJECTED', source: file, dryRun: options.dryRun === true, document: null, diagnostics: [],
            reasons: [{ code: 'UNREADABLE_FILE', message: `cannot read ${JSON.stringify(file)}: ${messageOf(readError)}` }],
          };
    results.push(result);
    progress.file?.(result, index + 1, files.length);
  }
  return results;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
