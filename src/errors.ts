/**
 * Error codes of the API (extensions.code) and the one error type that carries them. Anything that is
 * not an AppError is a bug and is masked as INTERNAL_SERVER_ERROR by the server's formatError.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PUBLISH_BLOCKED'
  | 'IMPORT_REJECTED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'TOO_COSTLY'
  | 'BAD_USER_INPUT';

export interface ErrorDetails {
  /** The argument or field at fault ("input.cells.applications.granted.total"). */
  readonly field?: string;
  readonly expected?: string;
  readonly received?: string;
  readonly [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Shorthand for the most common failure: a field that is not what was expected. */
export function invalid(field: string, expected: string, received: unknown): AppError {
  const shown = typeof received === 'string' ? JSON.stringify(received) : String(JSON.stringify(received) ?? received);
  return new AppError('VALIDATION_FAILED', `${field}: expected ${expected}, received ${shown}`, { field, expected, received: shown });
}
