/**
 * npm run tokens -- create --role ADMIN|EDITOR|READER [--agency CODE] [--label TEXT] | list | revoke ID
 * Manages the bearer tokens of the database of DATABASE_URL (DESIGN.md §6):
 *   create  makes a token and prints its secret ONCE on stdout (alone, so `$(npm run -s tokens -- create …)`
 *           captures it); what was created goes to stderr. EDITOR tokens need --agency.
 *   list    one line per token, revoked ones included (never a secret: only digests are stored)
 *   revoke  refuses the token from now on
 * Exit 0 when done, 1 when the work failed (unknown agency or token), 2 for bad arguments or configuration.
 * The work is Storage.createToken / listTokens / revokeToken.
 */
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { runCli } from './run-cli';
import { openStorage, type Storage, type TokenRecord, type TokenRole } from '../src/db';
import { AppError } from '../src/errors';

export const TOKENS_USAGE = `usage: npm run tokens -- create --role ADMIN|EDITOR|READER [--agency CODE] [--label TEXT]
       npm run tokens -- list
       npm run tokens -- revoke ID
  create   make a token; its secret is printed once, on stdout (EDITOR tokens need --agency:
           they write that agency and every agency below it)
  list     every token: id, role, agency, created, last used, revoked, label
  revoke   refuse the token with this id from now on
The database is DATABASE_URL (default sqlite:./data/xxgk.sqlite).
`;

const ROLES: readonly TokenRole[] = ['ADMIN', 'EDITOR', 'READER'];

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'create'; readonly role: TokenRole; readonly agencyCode: string | null; readonly label: string | null }
  | { readonly kind: 'list' }
  | { readonly kind: 'revoke'; readonly id: number };

class UsageError extends Error {}

/** @throws UsageError saying what was expected and what arrived. */
export function parseTokensArgs(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { role: { type: 'string' }, agency: { type: 'string' }, label: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [command, ...rest] = positionals;
  const noOptions = (name: string) => {
    if (values.role !== undefined || values.agency !== undefined || values.label !== undefined) throw new UsageError(`${name} takes no --role, --agency or --label`);
  };
  switch (command) {
    case 'create': {
      if (rest.length > 0) throw new UsageError(`create takes options only; received ${JSON.stringify(rest.join(' '))}`);
      const role = values.role?.toUpperCase();
      if (!ROLES.includes(role as TokenRole)) throw new UsageError(`--role: expected one of ${ROLES.join(', ')}, received ${JSON.stringify(values.role ?? null)}`);
      return { kind: 'create', role: role as TokenRole, agencyCode: values.agency ?? null, label: values.label ?? null };
    }
    case 'list':
      noOptions('list');
      if (rest.length > 0) throw new UsageError(`list takes no arguments; received ${JSON.stringify(rest.join(' '))}`);
      return { kind: 'list' };
    case 'revoke': {
      noOptions('revoke');
      const id = rest.length === 1 && /^\d{1,15}$/.test(rest[0]) ? Number(rest[0]) : NaN;
      if (!Number.isSafeInteger(id) || id < 1) throw new UsageError(`revoke: expected one token id (a positive integer), received ${JSON.stringify(rest.join(' '))}`);
      return { kind: 'revoke', id };
    }
    default:
      throw new UsageError(`expected a command, create, list or revoke; received ${JSON.stringify(command ?? '')}`);
  }
}

const shown = (value: string | null | Date): string => (value === null ? '-' : value instanceof Date ? value.toISOString() : value);

/** One line per token, columns aligned; the header first. */
export function formatTokens(tokens: readonly TokenRecord[]): string {
  const rows = [
    ['id', 'role', 'agency', 'created', 'last used', 'revoked', 'label'],
    ...tokens.map((t) => [String(t.id), t.role, shown(t.agencyCode), shown(t.createdAt), shown(t.lastUsedAt), shown(t.revokedAt), shown(t.label)]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ')).join('\n') + '\n';
}

function describe(token: TokenRecord): string {
  const agency = token.agencyCode === null ? '' : ` of ${token.agencyCode}`;
  const label = token.label === null ? '' : ` (${token.label})`;
  return `token ${token.id}: ${token.role}${agency}${label}`;
}

/** Runs one command against `storage`; returns the exit code. Storage failures that are AppErrors exit 1 with their message. */
export async function runTokensCommand(command: Exclude<Command, { kind: 'help' }>, storage: Storage, out: Output): Promise<number> {
  try {
    switch (command.kind) {
      case 'create': {
        const { token, secret } = await storage.createToken({ role: command.role, agencyCode: command.agencyCode, label: command.label });
        out.stdout(`${secret}\n`);
        out.stderr(`created ${describe(token)}; the secret above is shown only this once: send it as "Authorization: Bearer <secret>"\n`);
        return 0;
      }
      case 'list':
        out.stdout(formatTokens(await storage.listTokens()));
        return 0;
      case 'revoke': {
        const token = await storage.revokeToken(command.id);
        out.stdout(`revoked ${describe(token)} at ${shown(token.revokedAt)}\n`);
        return 0;
      }
      default: {
        const unreachable: never = command;
        throw new Error(`unreachable command ${JSON.stringify(unreachable)}`);
      }
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    out.stderr(`${error.code}: ${error.message}\n`);
    return 1;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const out: Output = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };
  let command: Command;
  try {
    command = parseTokensArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.stderr(`${error.message}\n\n${TOKENS_USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    out.stdout(TOKENS_USAGE);
    return 0;
  }
  const config = loadConfig();
  if (config.databaseUrl.startsWith('sqlite:') && config.databaseUrl !== 'sqlite::memory:') {
    mkdirSync(path.dirname(path.resolve(config.databaseUrl.slice('sqlite:'.length))), { recursive: true });
  }
  const storage = await openStorage({ url: config.databaseUrl, migrate: true });
  try {
    return await runTokensCommand(command, storage, out);
  } finally {
    await storage.close();
  }
}

if (require.main === module) {
  runCli(main);
}
