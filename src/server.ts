/**
 * The HTTP shell (DESIGN.md §5): `/graphql` (Apollo through @as-integrations/express5), `/healthz`,
 * and the dashboard's static files under `/dashboard` when `src/web` exists.
 * Bad requests (oversized or malformed bodies) are answered with a GraphQL-shaped error; nothing
 * a client sends stops the server.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config';
import type { Storage } from './db/api';
import { mountExportRoutes } from './web/export-routes';
import { mountDashboard } from './web/static-routes';
import { buildGraphqlSchema, defaultTokenVerifier, createApolloServer, createContextFactory, type ErrorLogger, type TokenVerifier } from './graphql';
import { createRateLimit } from './graphql/rate-limit';
import { createResponseCache, readTagsOf, type ResponseCache } from './graphql/response-cache';

export interface ServerOptions {
  /** Default: buildGraphqlSchema(). */
  readonly schema?: GraphQLSchema;
  /** Default: the ADMIN_TOKEN, then the tokens stored in the database (defaultTokenVerifier). */
  readonly tokenVerifier?: TokenVerifier;
  readonly logError?: ErrorLogger;
  /** Default: createResponseCache(config) (null when RESPONSE_CACHE is off). */
  readonly responseCache?: ResponseCache | null;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:4000 */
  readonly url: string;
  readonly port: number;
  /** Stops accepting requests, drains the open ones and stops Apollo; the storage stays open. */
  close(): Promise<void>;
}

/** Where the dashboard's static files are, in the source tree and next to the compiled server. */
function webRoot(): string | null {
  const candidates = [path.join(__dirname, 'web'), path.resolve(__dirname, '..', '..', 'src', 'web')];
  return candidates.find((dir) => existsSync(dir)) ?? null;
}

/** Body-parser failures carry an HTTP status and a `type`; answer them as GraphQL request errors. */
const requestErrorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const failure = error as { status?: unknown; type?: unknown };
  if (typeof failure.status !== 'number' || failure.status < 400 || failure.status >= 500) {
    next(error);
    return;
  }
  const code = failure.type === 'entity.too.large' ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
  const message =
    failure.type === 'entity.too.large'
      ? 'the request body is larger than the server accepts (BODY_LIMIT)'
      : failure.type === 'entity.parse.failed'
        ? 'the request body is not valid JSON'
        : 'the request could not be read';
  res.status(failure.status).json({ errors: [{ message, extensions: { code } }] });
};

/**
 * Builds the express app and its HTTP server, with Apollo started; call `listen` on `httpServer`
 * (or use startServer).
 */
export async function createApp(storage: Storage, config: Config, options: ServerOptions = {}) {
  const app = express();
  const httpServer = http.createServer(app);
  const schema = options.schema ?? (await buildGraphqlSchema());
  const apollo = createApolloServer(schema, config, {
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
    executor: config.graphqlExecutor,
    ...(options.logError ? { logError: options.logError } : {}),
  });
  await apollo.start();
  const verifier = options.tokenVerifier ?? defaultTokenVerifier(storage, config.adminToken);
  const logCacheError = (error: unknown) => (options.logError ?? ((m, e) => console.error(m, e)))('response cache / rate limit store failed', error);
  const responseCache = options.responseCache !== undefined ? options.responseCache : createResponseCache(config, { onStoreError: logCacheError });
  // Writes of other processes (the import CLI, another server) reach the cache through the change log.
  if (responseCache) await responseCache.followChanges(storage, config.responseCachePollMs);
  const rateLimit = createRateLimit(config, logCacheError);
  // Every request's storage goes through the cache, so that its writes invalidate (and its reads tag).
  const contextFor = (res: express.Response) =>
    createContextFactory(responseCache ? responseCache.storageFor(storage, readTagsOf(res)) : storage, config, verifier);
  httpServer.on('close', () => {
    void responseCache?.close();
    void rateLimit?.close();
  });

  app.disable('x-powered-by');
  // No ETag from res.send: a POST /graphql answer is never revalidated unless the response cache
  // keeps it, and the cache gives those their ETag (response-cache.ts); hashing every ~36 KB uncached
  // dashboard answer cost ~60 µs. Static files keep serve-static's own ETags.
  app.set('etag', false);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', engine: storage.engine });
  });
  app.use(
    '/graphql',
    ...(rateLimit ? [rateLimit.middleware] : []),
    express.json({ limit: config.bodyLimitBytes }),
    ...(responseCache ? [responseCache.middleware()] : []),
    expressMiddleware(apollo, { context: ({ req, res }) => contextFor(res)({ authorization: req.headers.authorization }) }),
  );
  mountDashboard(app);
  mountExportRoutes(app, storage, config, { middleware: rateLimit ? [rateLimit.middleware] : [], ...(options.logError ? { logError: options.logError } : {}) });
  const web = webRoot();
  if (web) app.use('/dashboard', express.static(web));
  app.use(requestErrorHandler);
  return { app, httpServer, apollo, responseCache };
}

/** Starts the server on `port` (default config.port; 0 picks a free port). */
export async function startServer(storage: Storage, config: Config, options: ServerOptions & { readonly port?: number; readonly host?: string } = {}): Promise<RunningServer> {
  const { httpServer, apollo } = await createApp(storage, config, options);
  const host = options.host ?? '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? config.port, host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    close: () => apollo.stop(),
  };
}
