/**
 * The dashboard's only way to the server: POST /graphql with JSON. A response with `errors` keeps
 * its `data` (GraphQL returns partial results): callers render what arrived and show every error
 * with its `extensions.code` (DESIGN.md §6: expected failures have codes).
 */

import { currentToken } from './session.js';

/** One GraphQL error as the page shows it: a stable code, the message, where it happened. */
export class ApiError extends Error {
  /**
   * @param {string} code extensions.code, or a transport code (HTTP_502, NETWORK_ERROR, BAD_RESPONSE)
   * @param {string} message
   * @param {readonly (string|number)[]} [path]
   */
  constructor(code, message, path) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.path = path ?? null;
  }
}

/**
 * @param {string} endpoint e.g. "/graphql"
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 * @param {AbortSignal} [signal]
 * @returns {Promise<{ data: any, errors: ApiError[] }>} never rejects for GraphQL errors; rejects
 *   (with an ApiError) only when there is no usable answer at all, or when the request was aborted.
 */
export async function requestGraphql(endpoint, query, variables = {}, signal) {
  let response;
  try {
    const token = currentToken();
    response = await fetch(endpoint, {
      method: 'POST',
      // Signed in (session.js): the token goes with every request; anonymous otherwise.
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if (error && error.name === 'AbortError') throw error;
    throw new ApiError('NETWORK_ERROR', `the server did not answer (${error && error.message ? error.message : error})`);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`HTTP_${response.status}`, `the server answered ${response.status} ${response.statusText} without a GraphQL body`);
  }
  const errors = Array.isArray(body && body.errors)
    ? body.errors.map((e) => new ApiError(String((e.extensions && e.extensions.code) || 'UNKNOWN'), String(e.message), e.path))
    : [];
  if (!body || body.data == null) {
    if (errors.length === 0) errors.push(new ApiError('BAD_RESPONSE', 'the server sent neither data nor errors'));
    return { data: null, errors };
  }
  return { data: body.data, errors };
}
