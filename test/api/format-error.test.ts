import { GraphQLError } from 'graphql';
import { AppError, invalid } from '../../src/errors';
import { createFormatError } from '../../src/graphql/format-error';

function makeFormatter() {
  const logged: unknown[] = [];
  return { formatError: createFormatError((_message, error) => logged.push(error)), logged };
}

/** What graphql-js does to an exception thrown by a resolver. */
const thrownInResolver = (error: Error) => new GraphQLError(error.message, { path: ['report'], originalError: error });

describe('formatError', () => {
  it('turns an AppError into its code and details', () => {
    const { formatError, logged } = makeFormatter();
    const error = thrownInResolver(invalid('year', 'a report year from 2008 to 2100', 1800));
    expect(formatError({ message: error.message, path: ['report'] }, error)).toEqual({
      message: 'year: expected a report year from 2008 to 2100, received 1800',
      path: ['report'],
      extensions: { code: 'VALIDATION_FAILED', field: 'year', expected: 'a report year from 2008 to 2100', received: '1800' },
    });
    expect(logged).toEqual([]);
  });

  it('masks any other error as INTERNAL_SERVER_ERROR and logs it', () => {
    const { formatError, logged } = makeFormatter();
    const bug = new Error('SQLITE_ERROR: no such column secret_column');
    const error = thrownInResolver(bug);
    expect(formatError({ message: bug.message, path: ['report'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error)).toEqual({
      message: 'Internal server error',
      path: ['report'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logged).toEqual([bug]);
  });

  it('keeps the code of a request error such as a failed validation', () => {
    const { formatError } = makeFormatter();
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(formatError({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error)).toEqual({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('does not let a thrown error pretend to be a request error', () => {
    const { formatError } = makeFormatter();
    const error = thrownInResolver(new RangeError('boom'));
    expect(formatError({ message: 'boom', extensions: { code: 'BAD_USER_INPUT' } }, error).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('passes FORBIDDEN and other AppError codes through unchanged', () => {
    const { formatError } = makeFormatter();
    const error = thrownInResolver(new AppError('PUBLISH_BLOCKED', 'A2 fails', { failures: ['A2'] }));
    expect(formatError({ message: 'A2 fails' }, error)).toEqual({ message: 'A2 fails', extensions: { code: 'PUBLISH_BLOCKED', failures: ['A2'] } });
  });
});
