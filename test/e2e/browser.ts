/**
 * What the browser tests share: Debian's chromium driven by playwright-core (nothing downloaded), the
 * API read directly (so that pages are checked against the server's own answers), and downloads.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Download, type Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from './demo-server';

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

/** A demo server and one page of chromium on it, its script errors collected in `errors`. */
export interface DemoPage {
  readonly demo: DemoServer;
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * Starts the demo server and chromium at once and opens a page (1280×900, zh-CN) whose script
 * errors and console errors go into `errors` (each test ends by expecting none); console messages
 * matching `ignoreConsole` are left out (a test that makes the API refuse a request on purpose).
 */
export async function openDemoPage(errors: string[], options: { readonly acceptDownloads?: boolean; readonly ignoreConsole?: RegExp } = {}): Promise<DemoPage> {
  const [demo, browser] = await Promise.all([startDemoServer(), launchChromium()]);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', ...(options.acceptDownloads ? { acceptDownloads: true } : {}) });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !(options.ignoreConsole?.test(message.text()) ?? false)) errors.push(message.text());
  });
  return {
    demo,
    page,
    async close() {
      await browser.close();
      await demo.close();
    },
  };
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
