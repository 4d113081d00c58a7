/**
 * The Apollo server around the schema: limits (depth, cost), error formatting, and the plugins of the
 * HTTP integration. Transport concerns (body size, static files) live in src/server.ts.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import depthLimit from 'graphql-depth-limit';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import type { GraphqlContext } from './context';
import { costLimitPlugin } from './cost-limit';
import { createFormatError, type ErrorLogger } from './format-error';
import { jitGateway } from './jit-executor';

export interface ApolloOptions {
  readonly plugins?: readonly ApolloServerPlugin<GraphqlContext>[];
  readonly logError?: ErrorLogger;
  /** 'jit' (default): operations compiled by graphql-jit (jit-executor.ts); 'interpreter': graphql-js's execute. */
  readonly executor?: GraphqlExecutor;
}

export type GraphqlExecutor = 'jit' | 'interpreter';

export const logToConsole: ErrorLogger = (message, error) => console.error(message, error);

export function createApolloServer(
  schema: GraphQLSchema,
  config: Pick<Config, 'maxQueryDepth' | 'maxQueryCost'>,
  options: ApolloOptions = {},
): ApolloServer<GraphqlContext> {
  return new ApolloServer<GraphqlContext>({
    ...((options.executor ?? 'jit') === 'jit' ? { gateway: jitGateway(schema) } : { schema }),
    validationRules: [depthLimit(config.maxQueryDepth)],
    formatError: createFormatError(options.logError ?? logToConsole),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // DESIGN.md §6: a GET or a "simple" POST (no JSON content type) needs a preflight header.
    csrfPrevention: true,
    // Whole responses are cached by response-cache.ts; per-field cache hints would only wrap every resolver.
    plugins: [ApolloServerPluginCacheControlDisabled(), costLimitPlugin<GraphqlContext>(config.maxQueryCost), ...(options.plugins ?? [])],
  });
}
