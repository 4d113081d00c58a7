/**
 * The context of one GraphQL request: the storage, fresh loaders and the viewer.
 */
import type { Storage } from '../db/api';
import type { Config } from '../config';
import { defaultTokenVerifier, viewerFromAuthorization, type TokenVerifier, type Viewer } from './auth';
import { createLoaders, type Loaders } from './loaders';

export interface GraphqlContext {
  readonly storage: Storage;
  readonly loaders: Loaders;
  readonly viewer: Viewer;
  /** Limits of expensive operations from the configuration; absent: the defaults of config.ts. */
  readonly limits?: { readonly maxAggregateCost: number };
}

/** What the context needs from the HTTP request: only the Authorization header. */
export interface RequestCredentials {
  readonly authorization?: string;
}

export type ContextFactory = (request: RequestCredentials) => Promise<GraphqlContext>;

export function createContextFactory(
  storage: Storage,
  config: Pick<Config, 'adminToken'> & Partial<Pick<Config, 'maxAggregateCost'>>,
  verifier: TokenVerifier = defaultTokenVerifier(storage, config.adminToken),
): ContextFactory {
  return async (request) => ({
    storage,
    loaders: createLoaders(storage),
    viewer: await viewerFromAuthorization(request.authorization, verifier),
    ...(config.maxAggregateCost !== undefined ? { limits: { maxAggregateCost: config.maxAggregateCost } } : {}),
  });
}
