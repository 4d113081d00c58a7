/**
 * The one place that decides what a client sees of an error (STYLE.md principle 6):
 * - an AppError keeps its message and becomes `extensions.code` plus its details (field, expected, received, …);
 * - Apollo's own request errors (parse, validation, variable coercion) keep their code;
 * - anything else is a bug: logged whole, shown as INTERNAL_SERVER_ERROR without details.
 */
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from '../errors';

/** Codes that describe the request, not a bug; a GraphQLError carrying one passes unchanged. */
const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.BAD_REQUEST,
  'PAYLOAD_TOO_LARGE',
  'TOO_COSTLY',
]);

export type ErrorLogger = (message: string, error: unknown) => void;

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

export function createFormatError(log: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return {
        message: original.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { ...original.details, code: original.code },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && isRequestError(original)) {
      return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { ...formatted.extensions, code } };
    }
    log('unexpected error while serving a GraphQL request', original);
    return {
      message: INTERNAL_ERROR_MESSAGE,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/** A GraphQLError raised by parsing, validation or coercion, not one wrapping a thrown exception. */
function isRequestError(error: unknown): boolean {
  return error instanceof GraphQLError && (error.originalError === undefined || error.originalError instanceof TypeError || error.originalError instanceof GraphQLError);
}
