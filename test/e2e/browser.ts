/**
 * What the browser tests share: Debian's chromium driven by playwright-core (nothing downloaded), the
 * API read directly (so that pages are checked against the server's own answers), and downloads.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Download } from 'playwright-core';
import type { DemoServer } from './demo-server';

const CHROMIUM = '/usr/bin/chromium';
/** Without the background-networking flags chromium keeps trying hosts this closed network refuses. */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts headless chromium; fails, saying how to install it, when it is missing (never skips). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: the browser tests need Debian's chromium; run \`apt-get install chromium\``);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** One GraphQL request to the demo server; throws on any error in the answer. */
export async function api<T>(demo: DemoServer, query: string, variables: Record<string, unknown> = {}, token: string | null = null): Promise<T> {
  const response = await fetch(`${demo.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors) throw new Error(`API error: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

export async function readDownload(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
