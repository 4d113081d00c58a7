/**
 * The dashboard's static routes (DESIGN.md §5 `/dashboard`): the page itself (plain HTML, CSS and
 * ES modules, no build step) and chart.js from node_modules, so that the page needs no CDN.
 *
 * The page's files stay in src/web; this module may run from there (ts-node, jest) or compiled
 * next to the server (dist/src/web), where the HTML is not copied: it looks for index.html in both.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';

/** The directory holding index.html, or null when the page's files are not deployed. */
export function dashboardDirectory(): string | null {
  const candidates = [__dirname, path.resolve(__dirname, '..', '..', '..', 'src', 'web')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}

/** chart.js's UMD build (defines window.Chart); the package's `exports` hide dist/, so resolve the main file. */
function chartJsDirectory(): string {
  return path.dirname(require.resolve('chart.js'));
}

/** Vendor files the page loads, by public name → file in chart.js's dist/. */
const VENDOR_FILES: Readonly<Record<string, string>> = {
  'chart.umd.min.js': 'chart.umd.min.js',
  'chart.umd.min.js.map': 'chart.umd.min.js.map',
};

/**
 * Scripts, styles and data only from this server; the page calls /graphql on the same origin.
 * chart.js sets canvas sizes through the CSSOM, which style-src does not restrict.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  next();
};

/**
 * Mounts `/dashboard` (the page, with security headers) and `/dashboard/vendor/<file>` (chart.js).
 * Call before any other `/dashboard` route.
 */
export function mountDashboard(app: Express): void {
  const vendorDirectory = chartJsDirectory();
  app.use('/dashboard', securityHeaders);
  app.get('/dashboard/vendor/:file', (req, res, next) => {
    const file = VENDOR_FILES[req.params.file];
    if (!file) {
      next();
      return;
    }
    res.sendFile(path.join(vendorDirectory, file), { maxAge: '1d', immutable: true });
  });
  // Source files of the page only; TypeScript (this file) stays private.
  app.use('/dashboard', (req, res, next) => {
    if (/\.ts$/i.test(req.path)) res.status(404).end();
    else next();
  });
  const directory = dashboardDirectory();
  if (directory) app.use('/dashboard', express.static(directory, { index: 'index.html', extensions: ['html'], setHeaders: noCacheForHtml }));
}

function noCacheForHtml(res: express.Response, file: string): void {
  if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
