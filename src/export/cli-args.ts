/** The arguments of `npm run export` (DESIGN.md §5), checked at the boundary. Pure. */
import { parseArgs } from 'node:util';
import { AppError } from '../errors';
import { EXPORT_KINDS, parseExportRequest, type ExportKind, type ExportParams, type ExportRequest } from './export-request';

export const EXPORT_USAGE = `usage: npm run export -- report    --agency CODE --year Y [--format csv|xlsx]
       npm run export -- rollup    --agency CODE --year Y [--hierarchy YEAR|CURRENT] [--include-drafts]
                                   [--codes C,…] [--format csv|xlsx] [--layout F2019|F2021]
       npm run export -- children  --parent CODE --year Y [--hierarchy …] [--include-drafts] [--codes C,…]
       npm run export -- series    --agency CODE --from Y --to Y [--hierarchy …] [--include-drafts] [--codes C,…]
       npm run export -- aggregate --group-by YEAR,KIND,… [--codes C,…] [--years Y,…] [--kinds K,…]
                                   [--formats F2019,F2021] [--agencies CODE,…] [--subtree-of CODE]
                                   [--status PUBLISHED|DRAFT] [--order ASC|DESC]
       npm run export -- validation --agency CODE --year Y [--hierarchy …] [--include-drafts]

Exports from the database of DATABASE_URL: CSV (one row per cell, with its code and its Chinese and
English labels; amounts are exact decimals of 万元), or a report or rollup in the national table
layout as .xlsx. validation: the agencies to chase under a node that year, one row per failing rule
and agency (stored checks, X1–X4, H1 without a report, H2 REGION reports that differ).

common options:
  --out FILE     write to FILE instead of stdout (.xlsx is never written to a terminal)
  --bom          start the CSV with a UTF-8 byte-order mark, for Excel
  -h, --help     this text

exit status: 0 when written; 1 when the export failed (unknown agency, no report, too costly);
2 for bad arguments.
`;

export interface ExportCommand {
  readonly request: ExportRequest;
  readonly out: string | null;
  readonly bom: boolean;
}

export type ParsedExportArgs =
  | { readonly kind: 'run'; readonly command: ExportCommand }
  | { readonly kind: 'help' }
  | { readonly kind: 'invalid'; readonly message: string };

/** CLI option → the parameter name shared with the HTTP endpoint. */
const PARAMETER_OF: Readonly<Record<string, string>> = {
  agency: 'agency', year: 'year', parent: 'parent', from: 'from', to: 'to', hierarchy: 'hierarchy', 'include-drafts': 'includeDrafts',
  codes: 'codes', layout: 'layout', 'group-by': 'groupBy', agencies: 'agencyCodes', 'subtree-of': 'subtreeOf', kinds: 'kinds', years: 'years',
  formats: 'formats', status: 'status', order: 'order',
};

export function parseExportArgs(argv: readonly string[]): ParsedExportArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(Object.keys(PARAMETER_OF).filter((o) => o !== 'include-drafts').map((o) => [o, { type: 'string' as const }])),
        'include-drafts': { type: 'boolean' },
        format: { type: 'string' },
        out: { type: 'string', short: 'o' },
        bom: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return { kind: 'invalid', message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length !== 1 || !(EXPORT_KINDS as readonly string[]).includes(positionals[0])) {
    return { kind: 'invalid', message: `expected one of ${EXPORT_KINDS.join(', ')} first, received ${positionals.length === 0 ? 'nothing' : JSON.stringify(positionals.join(' '))}` };
  }
  const kind = positionals[0] as ExportKind;
  const params: Record<string, string> = {};
  for (const [option, parameter] of Object.entries(PARAMETER_OF)) {
    const value = (values as Record<string, string | boolean | undefined>)[option];
    if (value === undefined || value === false) continue;
    params[parameter] = value === true ? 'true' : value;
  }
  try {
    const request = parseExportRequest(kind, params satisfies ExportParams, typeof values.format === 'string' ? values.format : undefined);
    return { kind: 'run', command: { request, out: typeof values.out === 'string' ? values.out : null, bom: values.bom === true } };
  } catch (error) {
    if (error instanceof AppError) return { kind: 'invalid', message: `--${cliName(error.details.field)}: ${error.message.replace(/^[^:]+: /, '')}` };
    throw error;
  }
}

/** includeDrafts → include-drafts, for messages that name the option the user typed. */
function cliName(parameter: string | undefined): string {
  if (parameter === undefined) return '?';
  return Object.entries(PARAMETER_OF).find(([, p]) => p === parameter)?.[0] ?? parameter;
}
