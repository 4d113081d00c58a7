/**
 * HTTP exports (DESIGN.md §1 analysts "export to CSV", §4 "large analyst results … streamed as CSV"):
 *
 *   GET /export/report.csv|xlsx?agency=CODE&year=Y
 *   GET /export/rollup.csv|xlsx?agency=CODE&year=Y[&hierarchy=YEAR|CURRENT][&codes=C,…][&layout=F2019|F2021]
 *   GET /export/children.csv?parent=CODE&year=Y[&hierarchy=…][&codes=C,…]
 *   GET /export/series.csv?agency=CODE&from=Y&to=Y[&hierarchy=…][&codes=C,…]
 *   GET /export/aggregate.csv?groupBy=YEAR,KIND[&codes=…][&years=…][&kinds=…][&formats=…][&agencyCodes=…][&subtreeOf=CODE][&order=ASC|DESC]
 *   GET /export/validation.csv?agency=CODE&year=Y[&hierarchy=…]  (the agencies to chase, rule by rule)
 *   (any CSV: &bom=1 starts it with a UTF-8 byte-order mark, for Excel)
 *
 * Public reads only (published reports and their rollups, DESIGN.md §6): drafts are refused with
 * UNAUTHENTICATED. The same limits as the GraphQL API (MAX_QUERY_COST for rollups, children and
 * series; MAX_AGGREGATE_COST for the aggregate) and the same coded errors, as JSON:
 * `{ "errors": [{ "message", "extensions": { "code", "field", "expected", "received", … } }] }`.
 * CSV is streamed batch by batch with back-pressure.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Express, RequestHandler, Response } from 'express';
import type { Config } from '../config';
import type { Storage } from '../db/api';
import { AppError, type ErrorCode } from '../errors';
import { csvChunks, CSV_CONTENT_TYPE, EXPORT_KINDS, parseExportRequest, readsDrafts, runExport, XLSX_CONTENT_TYPE, type ExportKind, type ExportParams } from '../export';

const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  BAD_USER_INPUT: 400,
  TOO_COSTLY: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  PUBLISH_BLOCKED: 409,
  IMPORT_REJECTED: 422,
};

/** RFC 6266: an ASCII fallback name, and the exact name in UTF-8 (filename*) for a Chinese agency code. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\]/g, '_');
  return ascii === filename ? `attachment; filename="${filename}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function sendError(res: Response, status: number, message: string, extensions: Record<string, unknown>): void {
  res.status(status).type('application/json').json({ errors: [{ message, extensions }] });
}

/** Query parameters as named strings (express parses `a[b]=…` into objects: those are refused as malformed). */
function paramsOf(query: unknown): { params: Record<string, string | string[]>; bom: boolean } {
  const params: Record<string, string | string[]> = {};
  let bom = false;
  for (const [name, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const strings = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
    if (strings === null) throw new AppError('VALIDATION_FAILED', `${name}: expected a plain value`, { field: name, expected: 'a plain value', received: 'a nested parameter' });
    if (name === 'bom') {
      bom = strings.length === 1 && ['1', 'true', 'yes', ''].includes(strings[0].toLowerCase());
      continue;
    }
    params[name] = strings.length === 1 ? strings[0] : strings;
  }
  return { params, bom };
}

export interface ExportRouteOptions {
  /** Run before each export (the server's per-client rate limit). */
  readonly middleware?: readonly RequestHandler[];
  readonly logError?: (message: string, error: unknown) => void;
}

/** Mounts `GET /export/:kind.:ext`. Call before the app's error handler. */
export function mountExportRoutes(app: Express, storage: Storage, config: Pick<Config, 'maxQueryCost' | 'maxAggregateCost'>, options: ExportRouteOptions = {}): void {
  const logError = options.logError ?? ((message: string, error: unknown) => console.error(message, error));
  const handler: RequestHandler = async (req, res) => {
    const match = /^([a-z]+)\.(csv|xlsx)$/.exec(String(req.params.file));
    if (!match || !(EXPORT_KINDS as readonly string[]).includes(match[1])) {
      sendError(res, 404, `no export ${JSON.stringify(req.params.file)}: expected /export/<${EXPORT_KINDS.join('|')}>.csv (report and rollup also .xlsx)`, { code: 'NOT_FOUND' });
      return;
    }
    const kind = match[1] as ExportKind;
    let started = false;
    try {
      const { params, bom } = paramsOf(req.query);
      const request = parseExportRequest(kind, params satisfies ExportParams, match[2]);
      if (readsDrafts(request)) {
        throw new AppError('UNAUTHENTICATED', 'drafts are not exported over HTTP: use GraphQL with a bearer token, or npm run export', { field: 'includeDrafts', expected: 'published reports only', received: 'drafts' });
      }
      const output = await runExport(storage, request, { maxCost: config.maxQueryCost, maxAggregateCost: config.maxAggregateCost, publishedOnly: true });
      res.setHeader('Content-Disposition', contentDisposition(output.filename));
      res.setHeader('Cache-Control', 'no-cache');
      if (output.kind === 'xlsx') {
        res.status(200).type(XLSX_CONTENT_TYPE).send(output.bytes);
        return;
      }
      res.status(200).setHeader('Content-Type', CSV_CONTENT_TYPE);
      started = true;
      await pipeline(Readable.from(csvChunks(output.table, { bom })), res);
    } catch (error) {
      if (started || res.headersSent) {
        // The CSV has begun: no status can be sent any more; cut the response so the client sees it incomplete.
        if (!(error instanceof Error && 'code' in error && error.code === 'ERR_STREAM_PREMATURE_CLOSE')) logError('export stream failed', error);
        res.destroy();
        return;
      }
      if (error instanceof AppError) {
        sendError(res, HTTP_STATUS[error.code], error.message, { ...error.details, code: error.code });
        return;
      }
      logError('unexpected error while exporting', error);
      sendError(res, 500, 'Internal server error', { code: 'INTERNAL_SERVER_ERROR' });
    }
  };
  app.get('/export/:file', ...(options.middleware ?? []), handler);
}
