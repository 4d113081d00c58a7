import { describeEachEngine } from '../support/databases';
import { startTestApi, type TestApi } from './api-client';

describeEachEngine('the HTTP server', (engine) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(await engine.url(), { BODY_LIMIT: '2kb', MAX_QUERY_DEPTH: '4' });
  });
  afterAll(() => api?.close());

  it('answers /healthz', async () => {
    const response = await fetch(`${api.url}/healthz`);
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { status: 'ok', engine: engine.name } });
  });

  it('answers the catalogue so that clients can build forms from it', async () => {
    const result = await api.anonymous(`{ catalogue { formats { id notice tables { id rows { code } } } rules { id severity scope } } }`);
    expect(result.data.catalogue.formats.map((f: { id: string; notice: string }) => [f.id, f.notice])).toEqual([
      ['F2019', '国办公开办函〔2019〕60号'],
      ['F2021', '国办公开办函〔2021〕30号'],
    ]);
    expect(result.data.catalogue.rules[1]).toEqual({ id: 'A2', severity: 'ERROR', scope: 'REPORT' });
  });

  it('refuses a body above BODY_LIMIT with 413 and keeps serving', async () => {
    const { status, json } = await api.post(JSON.stringify({ query: `{ catalogue { formats { id } } }`, padding: 'x'.repeat(4096) }));
    expect({ status, json }).toEqual({
      status: 413,
      json: { errors: [{ message: 'the request body is larger than the server accepts (BODY_LIMIT)', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] },
    });
    expect((await api.anonymous(`{ __typename }`)).data).toEqual({ __typename: 'Query' });
  });

  it('refuses malformed JSON with 400', async () => {
    const { status, json } = await api.post('{"query": ');
    expect({ status, json }).toEqual({ status: 400, json: { errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] } });
  });

  it('refuses a query deeper than MAX_QUERY_DEPTH', async () => {
    const result = await api.anonymous(`{ agency(code: "A") { children(year: 2020) { children(year: 2020) { children(year: 2020) { children(year: 2020) { code } } } } } }`);
    expect(result.status).toBe(400);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses a syntax error with its code', async () => {
    const result = await api.anonymous(`{ agency(code: `);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });
});
