/**
 * Bearer tokens in the storage (DESIGN.md §6): hashed at rest, verified by digest, revocable, bound to
 * an agency for EDITOR; and `npm run tokens`. The table is read directly (a second connection) to
 * prove what is stored.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import { openStorage, type Storage } from '../../src/db';
import { formatTokens, parseTokensArgs, runTokensCommand } from '../../scripts/tokens';
import { describeEachEngine, type TestEngine } from '../support/databases';

const ROOT = path.resolve(__dirname, '..', '..');
const SECRET_SHAPE = /^xxgk_[A-Za-z0-9_-]{43}$/;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A second connection to the test database, beside the Storage's own. */
interface RawDatabase {
  rows(sql: string): Promise<Record<string, unknown>[]>;
  run(sql: string, params: readonly unknown[]): Promise<void>;
  close(): Promise<void>;
}

async function openRaw(url: string): Promise<RawDatabase> {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length));
    return {
      rows: async (sql) => db.prepare(sql).all() as Record<string, unknown>[],
      run: async (sql, params) => void db.prepare(sql).run(...params),
      close: async () => void db.close(),
    };
  }
  const connection = await createConnection(url);
  return {
    rows: async (sql) => (await connection.query(sql))[0] as Record<string, unknown>[],
    run: async (sql, params) => void (await connection.query(sql, [...params])),
    close: () => connection.end(),
  };
}

/** SQLite on a file (so that a second connection sees it); MySQL on a fresh database. */
async function databaseUrl(engine: TestEngine, dir: string): Promise<string> {
  return engine.name === 'sqlite' ? `sqlite:${path.join(dir, 'tokens.sqlite')}` : engine.url();
}

describeEachEngine('bearer tokens in the storage', (engine) => {
  let dir: string;
  let storage: Storage;
  let raw: RawDatabase;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'xxgk-tokens-'));
    const url = await databaseUrl(engine, dir);
    storage = await openStorage({ url });
    raw = await openRaw(url);
    // D ⊃ A ⊃ B from 2019; A leaves D for E in 2022; C is a root of its own; L was never placed.
    for (const [code, kind] of [['D', 'DISTRICT'], ['E', 'DISTRICT'], ['A', 'SUBDISTRICT'], ['B', 'COMMUNITY'], ['C', 'DISTRICT'], ['L', 'OTHER']] as const) {
      await storage.upsertAgency({ code, name: `机关${code}`, kind });
    }
    await storage.setParent({ childCode: 'A', parentCode: 'D', fromYear: 2019, toYear: 2021 });
    await storage.setParent({ childCode: 'A', parentCode: 'E', fromYear: 2022, toYear: null });
    await storage.setParent({ childCode: 'B', parentCode: 'A', fromYear: 2019, toYear: null });
    await storage.setParent({ childCode: 'C', parentCode: null, fromYear: 2019, toYear: null });
  });
  afterAll(async () => {
    await raw.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a token with a random prefixed secret and stores only the sha256 of it', async () => {
    const { token, secret } = await storage.createToken({ role: 'READER', agencyCode: null, label: '  审核组  ' });
    const other = await storage.createToken({ role: 'READER', agencyCode: null, label: null });
    expect(secret).toMatch(SECRET_SHAPE);
    expect(other.secret).not.toBe(secret);
    expect(token).toEqual({
      id: expect.any(Number), role: 'READER', agencyId: null, agencyCode: null, label: '审核组',
      createdAt: expect.any(Date), revokedAt: null, lastUsedAt: null,
    });
    const stored = await raw.rows('SELECT * FROM api_token');
    const dump = JSON.stringify(stored);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(secret.slice('xxgk_'.length));
    expect(stored.find((row) => Number(row.id) === token.id)?.token_hash).toBe(sha256(secret));
  });

  it('verifies a secret to its token, and nothing else', async () => {
    const { token, secret } = await storage.createToken({ role: 'EDITOR', agencyCode: 'D', label: null });
    expect(await storage.verifyToken(secret)).toEqual({ id: token.id, role: 'EDITOR', agencyId: token.agencyId, agencyCode: 'D' });
    const flipped = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    for (const wrong of [flipped, `${secret}x`, secret.slice(1), '', 'test-admin-token-0123456789', `xxgk_${'A'.repeat(43)}`, sha256(secret)]) {
      expect(await storage.verifyToken(wrong)).toBeNull();
    }
  });

  it('binds EDITOR tokens to an existing agency, and no other role to one', async () => {
    await expect(storage.createToken({ role: 'EDITOR', agencyCode: null, label: null })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'agencyCode' } });
    await expect(storage.createToken({ role: 'EDITOR', agencyCode: 'NOPE', label: null })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'agencyCode' } });
    await expect(storage.createToken({ role: 'READER', agencyCode: 'D', label: null })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'agencyCode' } });
    await expect(storage.createToken({ role: 'ADMIN', agencyCode: 'D', label: null })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'agencyCode' } });
    await expect(storage.createToken({ role: 'ADMIN', agencyCode: null, label: '长'.repeat(201) })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'label' } });
    await expect(storage.createToken({ role: 'ROOT' as never, agencyCode: null, label: null })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'role' } });
  });

  it('refuses a revoked token from then on and keeps the first revocation time', async () => {
    const { token, secret } = await storage.createToken({ role: 'ADMIN', agencyCode: null, label: 'to revoke' });
    const revoked = await storage.revokeToken(token.id);
    expect(revoked).toEqual({ ...token, revokedAt: expect.any(Date), lastUsedAt: null });
    expect(await storage.verifyToken(secret)).toBeNull();
    expect(await storage.revokeToken(token.id)).toEqual(revoked);
    await expect(storage.revokeToken(999_999)).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'id' } });
  });

  it('records the last use, at most once a minute', async () => {
    const { token, secret } = await storage.createToken({ role: 'READER', agencyCode: null, label: null });
    const lastUsed = async () => (await storage.listTokens()).find((t) => t.id === token.id)?.lastUsedAt?.toISOString();
    const before = Date.now();
    await storage.verifyToken(secret);
    const first = await lastUsed();
    expect(Date.parse(first!)).toBeGreaterThanOrEqual(before);

    const recent = new Date(Date.now() - 30_000).toISOString();
    await raw.run('UPDATE api_token SET last_used_at = ? WHERE id = ?', [recent, token.id]);
    await storage.verifyToken(secret);
    expect(await lastUsed()).toBe(recent);

    const stale = new Date(Date.now() - 61_000).toISOString();
    await raw.run('UPDATE api_token SET last_used_at = ? WHERE id = ?', [stale, token.id]);
    await storage.verifyToken(secret);
    expect(Date.parse((await lastUsed())!)).toBeGreaterThan(Date.parse(stale) + 60_000);
  });

  it('lists every token by id, revoked ones included, with its agency', async () => {
    const tokens = await storage.listTokens();
    expect(tokens.map((t) => t.id)).toEqual([...tokens.map((t) => t.id)].sort((a, b) => a - b));
    expect(tokens.map((t) => [t.role, t.agencyCode, t.revokedAt !== null])).toEqual([
      ['READER', null, false], ['READER', null, false], ['EDITOR', 'D', false], ['ADMIN', null, true], ['READER', null, false],
    ]);
  });

  it('gives the codes of an agency and of every agency below it in any year', async () => {
    const sorted = async (code: string) => [...(await storage.subtreeCodes(code))].sort();
    expect(await sorted('D')).toEqual(['A', 'B', 'D']);
    expect(await sorted('E')).toEqual(['A', 'B', 'E']);
    expect(await sorted('A')).toEqual(['A', 'B']);
    expect(await sorted('C')).toEqual(['C']);
    expect(await sorted('L')).toEqual(['L']);
    expect(await sorted('NOPE')).toEqual([]);
  });
});

describe('npm run tokens', () => {
  let dir: string;
  let url: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'xxgk-tokens-cli-'));
    url = `sqlite:${path.join(dir, 'db', 'xxgk.sqlite')}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runCli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile('npx', ['ts-node', '--swc', 'scripts/tokens.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' }, encoding: 'utf8' }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('creates a token printing only its secret on stdout, then lists and revokes it', async () => {
    const created = await runCli(['create', '--role', 'reader', '--label', '夜间导入']);
    expect(created).toEqual({ code: 0, stdout: expect.stringMatching(/^xxgk_[A-Za-z0-9_-]{43}\n$/), stderr: expect.stringContaining('created token 1: READER (夜间导入)') });
    const secret = created.stdout.trim();

    const storage = await openStorage({ url });
    try {
      expect(await storage.verifyToken(secret)).toEqual({ id: 1, role: 'READER', agencyId: null, agencyCode: null });
      const out: string[] = [];
      const err: string[] = [];
      const output = { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text) };

      expect(await runTokensCommand(parseTokensArgs(['list']) as { kind: 'list' }, storage, output)).toBe(0);
      expect(out.join('')).toBe(formatTokens(await storage.listTokens()));
      expect(out.join('')).toMatch(/^id +role +agency +created +last used +revoked +label\n1 +READER +- +\S+Z +\S+Z +- +夜间导入\n$/);

      out.length = 0;
      expect(await runTokensCommand({ kind: 'revoke', id: 1 }, storage, output)).toBe(0);
      expect(out.join('')).toMatch(/^revoked token 1: READER \(夜间导入\) at \S+Z\n$/);
      expect(await storage.verifyToken(secret)).toBeNull();

      expect(await runTokensCommand({ kind: 'revoke', id: 7 }, storage, output)).toBe(1);
      expect(await runTokensCommand({ kind: 'create', role: 'EDITOR', agencyCode: null, label: null }, storage, output)).toBe(1);
      expect(err).toEqual([
        'NOT_FOUND: id: no token has the id 7\n',
        'VALIDATION_FAILED: agencyCode: expected the code of the agency an EDITOR token may write, received null\n',
      ]);
    } finally {
      await storage.close();
    }
  });

  it('reads its arguments strictly, saying what was expected', () => {
    expect(parseTokensArgs(['create', '--role', 'EDITOR', '--agency', 'D', '--label', '区政务办'])).toEqual({ kind: 'create', role: 'EDITOR', agencyCode: 'D', label: '区政务办' });
    expect(parseTokensArgs(['revoke', '12'])).toEqual({ kind: 'revoke', id: 12 });
    expect(parseTokensArgs(['--help'])).toEqual({ kind: 'help' });
    expect(() => parseTokensArgs(['create', '--role', 'ROOT'])).toThrow('--role: expected one of ADMIN, EDITOR, READER, received "ROOT"');
    expect(() => parseTokensArgs(['revoke', 'x'])).toThrow('revoke: expected one token id (a positive integer), received "x"');
    expect(() => parseTokensArgs(['list', '--role', 'ADMIN'])).toThrow('list takes no --role, --agency or --label');
    expect(() => parseTokensArgs(['drop'])).toThrow('expected a command, create, list or revoke; received "drop"');
    expect(() => parseTokensArgs(['create', '--secret', 'x'])).toThrow(/--secret/);
  });
});
