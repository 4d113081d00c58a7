/**
 * Operations executed by graphql-jit instead of graphql-js's interpreter (DESIGN.md §7: an uncached
 * dashboard screen resolves ~2,000 fields, and the interpreter's per-field work was a quarter of its
 * server time). graphql-jit compiles each operation once into JavaScript that calls the same
 * resolvers; the compiled form is kept per parsed document, and Apollo keeps parsed documents in its
 * own LRU store, so a repeated query (the dashboard's) is compiled once and the cache is bounded by it.
 *
 * Apollo Server runs a custom executor through its gateway interface: the schema and the executor
 * come from `load`, and parsing, validation (depth limit), the cost plugin and error formatting run
 * as before. Responses, errors included, are those of the interpreter (test/api/executors.test.ts);
 * GRAPHQL_EXECUTOR=interpreter switches back.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { execute, getVariableValues, GraphQLError, visit, type DocumentNode, type GraphQLErrorExtensions, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Compiled =
  | CompiledQuery
  | { readonly errors: NonNullable<Awaited<ReturnType<GatewayExecutor>>['errors']> }
  | { readonly interpret: true };

/**
 * graphql-jit builds its result objects with plain assignments, so a response key `__proto__` (an
 * alias is any name) would set the object's prototype instead of a field: such documents run on
 * graphql-js's interpreter, which answers them faithfully (test/api/executors.test.ts).
 */
function needsInterpreter(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if ((node.alias ?? node.name).value === '__proto__') found = true;
    },
  });
  return found;
}

/** Compiles once per (document, operation name); a document Apollo evicts takes its compiled forms with it. */
export function jitExecutor(schema: GraphQLSchema): GatewayExecutor {
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();
  const compile = (document: DocumentNode, operationName: string | undefined): Compiled => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    let entry = byOperation.get(key);
    if (!entry) {
      const result = needsInterpreter(document) ? null : compileQuery(schema, document, operationName);
      entry = result === null ? { interpret: true } : isCompiledQuery(result) ? result : { errors: result.errors ?? [] };
      byOperation.set(key, entry);
    }
    return entry;
  };
  return async (request) => {
    const entry = compile(request.document, request.operationName ?? undefined);
    if ('interpret' in entry) {
      return execute({ schema, document: request.document, operationName: request.operationName ?? null, variableValues: request.request.variables ?? {}, contextValue: request.context });
    }
    if (!('query' in entry)) return { errors: entry.errors.map((e) => asInterpreterError(e)) };
    const variables = request.request.variables ?? {};
    const result = await entry.query(undefined, request.context, variables);
    if (!result.errors) return result;
    if (result.data === undefined) {
      // No data at all: the variables did not coerce and execution never started. graphql-js says
      // what was expected and what arrived in more words (an enum's values), and Apollo recognises
      // its errors as BAD_USER_INPUT: the error path asks it for the same answer the interpreter gives.
      const coerced = request.operation ? getVariableValues(schema, request.operation.variableDefinitions ?? [], variables, { maxErrors: 50 }) : null;
      if (coerced?.errors) return { errors: coerced.errors };
      return { errors: result.errors.map((e) => asInterpreterError(e, { code: ApolloServerErrorCode.BAD_USER_INPUT })) };
    }
    return { ...result, errors: result.errors.map((e) => asInterpreterError(e)) };
  };
}

/**
 * graphql-jit's errors leave `extensions` undefined where graphql-js's are `{}` (Apollo's error
 * formatting reads `extensions.code`); rebuilt as graphql-js errors with the same message, path,
 * locations and original error, so that format-error.ts sees what the interpreter would give it.
 */
function asInterpreterError(error: GraphQLError, extensions?: GraphQLErrorExtensions): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    ...(error.path ? { path: error.path } : {}),
    ...(error.originalError ? { originalError: error.originalError } : {}),
    ...(extensions ?? error.extensions ? { extensions: extensions ?? error.extensions } : {}),
  });
  if (error.locations) Object.defineProperty(rebuilt, 'locations', { value: error.locations, enumerable: true, writable: true });
  return rebuilt;
}

/** The gateway Apollo asks for its schema and executor; the schema never changes while the server runs. */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: async () => ({ executor: jitExecutor(schema) }),
    stop: async () => undefined,
  };
}
