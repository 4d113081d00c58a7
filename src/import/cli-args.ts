/** The arguments of `npm run import` (issue 3 item 3), checked at the boundary. Pure. */
import { parseArgs } from 'node:util';

export const IMPORT_USAGE = `usage: npm run import -- [options] FILE|DIR …
       npm run import -- --agencies FILE.csv [FILE|DIR …]

Imports annual reports (.txt .html .htm .docx .xlsx .json; directories are searched recursively)
into the database of DATABASE_URL. Each document is stored whole or not at all.

options:
  --agency CODE        bind every document to this agency (instead of what the document says)
  --year Y             the report year (instead of what the document says)
  --create-agencies    create agencies the database lacks (code from the name, kind guessed)
  --publish            publish the documents that pass every ERROR check (others stay drafts)
  --dry-run            read and check everything, write nothing
  --agencies FILE.csv  load agencies and the dated hierarchy first
                       (columns code,name,kind,parent_code,valid_from,valid_to)
  -h, --help           this text

exit status: 0 when nothing was rejected, 1 otherwise.
`;

export interface ImportCommand {
  readonly paths: readonly string[];
  readonly agenciesFile: string | null;
  readonly agencyCode: string | null;
  readonly year: number | null;
  readonly createAgencies: boolean;
  readonly publish: boolean;
  readonly dryRun: boolean;
}

export type ParsedImportArgs =
  | { readonly kind: 'run'; readonly command: ImportCommand }
  | { readonly kind: 'help' }
  | { readonly kind: 'invalid'; readonly message: string };

export function parseImportArgs(argv: readonly string[]): ParsedImportArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        agency: { type: 'string' },
        year: { type: 'string' },
        'create-agencies': { type: 'boolean', default: false },
        publish: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        agencies: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return { kind: 'invalid', message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const agencyCode = values.agency?.trim() ?? null;
  if (agencyCode !== null && (agencyCode === '' || agencyCode.length > 64)) {
    return { kind: 'invalid', message: `--agency: expected an agency code of 1 to 64 characters, received ${JSON.stringify(values.agency)}` };
  }
  let year: number | null = null;
  if (values.year !== undefined) {
    year = /^\d{4}$/.test(values.year.trim()) ? Number(values.year.trim()) : NaN;
    if (!(year >= 2008 && year <= 2100)) return { kind: 'invalid', message: `--year: expected a report year from 2008 to 2100, received ${JSON.stringify(values.year)}` };
  }
  const agenciesFile = values.agencies ?? null;
  if (positionals.length === 0 && agenciesFile === null) return { kind: 'invalid', message: 'nothing to import: give at least one FILE or DIR (or --agencies FILE.csv)' };
  return {
    kind: 'run',
    command: {
      paths: positionals, agenciesFile, agencyCode, year,
      createAgencies: values['create-agencies'] === true, publish: values.publish === true, dryRun: values['dry-run'] === true,
    },
  };
}
