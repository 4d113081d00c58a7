/** The import CLI's words: one line per file as it is done, and the closing summary (issue 3 item 3). Pure. */
import type { AgenciesLoadResult } from './agencies-csv';
import type { AcceptedImport, DocumentImport } from './import-document';

export interface ImportTally {
  readonly files: number;
  /** CREATED: a report the database did not have. */
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** Stored (or, in a dry run, to be stored) as DRAFT because an ERROR check failed. */
  readonly draftsWithFailures: number;
  readonly agenciesCreated: number;
}

export function tally(results: readonly DocumentImport[]): ImportTally {
  const accepted = results.filter((r): r is AcceptedImport => r.outcome !== 'REJECTED');
  const count = (outcome: DocumentImport['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return {
    files: results.length,
    imported: count('CREATED'),
    updated: count('UPDATED'),
    unchanged: count('UNCHANGED'),
    rejected: count('REJECTED'),
    draftsWithFailures: accepted.filter((r) => r.failingErrors.length > 0 && r.status === 'DRAFT').length,
    agenciesCreated: new Set(accepted.filter((r) => r.agencyCreated).map((r) => r.agency.code)).size,
  };
}

/** "a.txt: CREATED 咸丰路街道办事处 (XFL) 2019 F2019, DRAFT: ERROR checks A2 failed". */
export function resultLine(result: DocumentImport): string {
  if (result.outcome === 'REJECTED') return `${result.source}: REJECTED (${result.reasons.map((r) => r.code).join(', ')})`;
  const { agency, document } = result;
  const created = result.agencyCreated ? `, agency ${result.dryRun ? 'to be created' : 'created'} as ${agency.kind}` : '';
  const failing = result.failingErrors.length > 0 ? `: ERROR checks ${result.failingErrors.join(', ')} failed` : '';
  return `${result.source}: ${result.outcome} ${agency.name} (${agency.code}${created}) ${document.year} ${document.format}, ${result.status}${failing}`;
}

/** The closing summary: every file with its outcome, the reasons of each rejection, then the counts. */
export function formatSummary(results: readonly DocumentImport[], options: { readonly dryRun?: boolean } = {}): string {
  const lines: string[] = [options.dryRun ? 'Import summary (dry run: nothing was written)' : 'Import summary'];
  for (const result of results) {
    lines.push(`  ${resultLine(result)}`);
    if (result.outcome === 'REJECTED') for (const reason of result.reasons) lines.push(`      ${reason.code}: ${reason.message}`);
  }
  const t = tally(results);
  const extras = [
    t.draftsWithFailures > 0 ? `${t.draftsWithFailures} kept as draft with failing ERROR checks` : '',
    t.agenciesCreated > 0 ? `${t.agenciesCreated} ${t.agenciesCreated === 1 ? 'agency' : 'agencies'} ${options.dryRun ? 'to be created' : 'created'}` : '',
  ].filter(Boolean);
  lines.push(
    `${t.files} ${t.files === 1 ? 'file' : 'files'}: ${t.imported} imported, ${t.updated} updated, ${t.unchanged} unchanged, ${t.rejected} rejected` +
      (extras.length ? ` (${extras.join('; ')})` : ''),
  );
  return `${lines.join('\n')}\n`;
}

/** The outcome of an agencies file: counts, or every bad row with its line. */
export function formatAgenciesLoad(file: string, result: AgenciesLoadResult): string {
  if (!result.ok) {
    const rows = result.problems.map((p) => (p.line === null ? `  ${p.message}` : `  line ${p.line}: ${p.message}`));
    return `${file}: REJECTED, nothing was loaded (${result.problems.length} bad ${result.problems.length === 1 ? 'row' : 'rows'})\n${rows.join('\n')}\n`;
  }
  return `${file}: ${result.agencies} ${result.agencies === 1 ? 'agency' : 'agencies'} and ${result.links} parent ${result.links === 1 ? 'link' : 'links'} ${result.dryRun ? 'valid (dry run: nothing was written)' : 'loaded'}\n`;
}
