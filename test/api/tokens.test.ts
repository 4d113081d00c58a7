/**
 * Bearer tokens through the API (DESIGN.md §6): an ADMIN creates, lists and revokes them; EDITOR
 * writes its agency's subtree only; READER reads drafts and revisions but writes nothing; a revoked
 * token is refused; anonymous requests see no draft. The bootstrap ADMIN_TOKEN keeps working.
 */
import { describeEachEngine } from '../support/databases';
import { makeAgency, seedCells, startTestApi, submit, SUBMIT_REPORT, type GraphqlResponse, type TestApi } from './api-client';

const CREATE_TOKEN = /* GraphQL */ `
  mutation Create($role: TokenRole!, $agency: ID, $label: String) {
    createToken(role: $role, agencyCode: $agency, label: $label) {
      id secret token { id role agency { code } label createdAt revokedAt lastUsedAt }
    }
  }
`;
const TOKENS = /* GraphQL */ `query { tokens { id role agency { code } label revokedAt } }`;
const REVOKE_TOKEN = /* GraphQL */ `mutation Revoke($id: ID!) { revokeToken(id: $id) { id revokedAt } }`;
const DRAFT_OF_B = /* GraphQL */ `query { report(agencyCode: "B", year: 2019) { status revisions { revision action } } }`;
const REVISIONS_OF_OUT = /* GraphQL */ `query { report(agencyCode: "OUT", year: 2019) { status provenance { submittedBy } revisions { revision action } } }`;

interface Created {
  readonly id: string;
  readonly secret: string;
}

const codesOf = (response: GraphqlResponse) => response.errors?.map((e) => e.extensions?.code);
const errorsOf = (response: GraphqlResponse) => response.errors?.map((e) => ({ message: e.message, code: e.extensions?.code }));

describeEachEngine('bearer tokens through the API', (engine) => {
  let api: TestApi;
  /** A request with `Authorization: Bearer <secret>`. */
  const as = async (secret: string, query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<any>> => {
    const { status, json } = await api.post(JSON.stringify({ query, variables }), { authorization: `Bearer ${secret}` });
    return { status, ...json };
  };
  const createToken = async (role: string, agency: string | null = null, label: string | null = null): Promise<Created> => {
    const created = await api.admin(CREATE_TOKEN, { role, agency, label });
    if (created.errors) throw new Error(`createToken: ${JSON.stringify(created.errors)}`);
    return created.data.createToken;
  };
  const submitAs = (secret: string, agencyCode: string, procurementItems = 19) =>
    as(secret, SUBMIT_REPORT, { input: { agencyCode, format: 'F2019', year: 2019, cells: { ...seedCells(), 'proactive.gov_central_procurement.items': procurementItems } } });

  beforeAll(async () => {
    api = await startTestApi(await engine.url());
    // D ⊃ A ⊃ B; OUT is another district.
    await makeAgency(api, 'D', 'DISTRICT');
    await makeAgency(api, 'A', 'SUBDISTRICT', 'D');
    await makeAgency(api, 'B', 'COMMUNITY', 'A');
    await makeAgency(api, 'OUT', 'DISTRICT');
    await submit(api, { agencyCode: 'B', cells: seedCells() });
    await submit(api, { agencyCode: 'OUT', cells: seedCells(), publish: true });
  });
  afterAll(() => api?.close());

  it('lets an ADMIN create a token, showing its secret once and never in the list', async () => {
    const created = await api.admin(CREATE_TOKEN, { role: 'EDITOR', agency: 'D', label: '区政务办' });
    expect(created).toEqual({
      status: 200,
      data: {
        createToken: {
          id: expect.any(String),
          secret: expect.stringMatching(/^xxgk_[A-Za-z0-9_-]{43}$/),
          token: { id: created.data.createToken.id, role: 'EDITOR', agency: { code: 'D' }, label: '区政务办', createdAt: expect.any(String), revokedAt: null, lastUsedAt: null },
        },
      },
    });
    const listed = await api.admin(TOKENS);
    expect(listed.data.tokens).toContainEqual({ id: created.data.createToken.id, role: 'EDITOR', agency: { code: 'D' }, label: '区政务办', revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.data.createToken.secret);
  });

  it('refuses tokens that make no sense, naming the field', async () => {
    expect(errorsOf(await api.admin(CREATE_TOKEN, { role: 'EDITOR' }))).toEqual([
      { message: 'agencyCode: expected the code of the agency an EDITOR token may write, received null', code: 'VALIDATION_FAILED' },
    ]);
    expect(codesOf(await api.admin(CREATE_TOKEN, { role: 'EDITOR', agency: 'NOPE' }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await api.admin(CREATE_TOKEN, { role: 'READER', agency: 'D' }))).toEqual(['VALIDATION_FAILED']);
    expect(codesOf(await api.admin(REVOKE_TOKEN, { id: 'abc' }))).toEqual(['VALIDATION_FAILED']);
    expect(codesOf(await api.admin(REVOKE_TOKEN, { id: '999999' }))).toEqual(['NOT_FOUND']);
  });

  it('shows no draft and no revision to anonymous requests', async () => {
    expect(await api.anonymous(DRAFT_OF_B)).toEqual({ status: 200, data: { report: null } });
    expect(await api.anonymous(REVISIONS_OF_OUT)).toEqual({ status: 200, data: { report: { status: 'PUBLISHED', provenance: { submittedBy: 'admin-token' }, revisions: [] } } });
  });

  it('lets a READER see drafts and revisions but not write', async () => {
    const reader = await createToken('READER', null, '审核');
    expect((await as(reader.secret, DRAFT_OF_B)).data).toEqual({ report: { status: 'DRAFT', revisions: [{ revision: 1, action: 'submitted' }] } });
    expect((await as(reader.secret, REVISIONS_OF_OUT)).data.report.revisions.length).toBeGreaterThan(0);
    expect(errorsOf(await submitAs(reader.secret, 'B'))).toEqual([
      { message: 'role READER may read drafts but not write: writing needs role ADMIN, or EDITOR of the agency', code: 'FORBIDDEN' },
    ]);
    expect(codesOf(await as(reader.secret, `mutation { publishReport(agencyCode: "B", year: 2019) { status } }`))).toEqual(['FORBIDDEN']);
  });

  it('lets an EDITOR write its agency and everything below it, and nothing else', async () => {
    const editor = await createToken('EDITOR', 'D');
    const written = await submitAs(editor.secret, 'B', 20);
    expect(written.errors).toBeUndefined();
    expect(written.data.submitReport.outcome).toBe('UPDATED');
    expect((await submitAs(editor.secret, 'D')).data.submitReport.outcome).toBe('CREATED');
    expect((await as(editor.secret, `query { report(agencyCode: "D", year: 2019) { status provenance { submittedBy } } }`)).data).toEqual({
      report: { status: 'DRAFT', provenance: { submittedBy: `token:${editor.id}` } },
    });

    expect(errorsOf(await submitAs(editor.secret, 'OUT'))).toEqual([
      { message: 'role EDITOR of D may write D and the agencies below it, not OUT', code: 'FORBIDDEN' },
    ]);
    expect(errorsOf(await as(editor.secret, `mutation { rebuildRollups }`))).toEqual([
      { message: 'this operation needs role ADMIN; this token has role EDITOR', code: 'FORBIDDEN' },
    ]);
    expect((await as(editor.secret, DRAFT_OF_B)).data.report.status).toBe('DRAFT');
  });

  it('lets an EDITOR move agencies only within its subtree', async () => {
    const editor = await createToken('EDITOR', 'A');
    const move = (child: string, parent: string | null) =>
      as(editor.secret, `mutation($c: ID!, $p: ID) { setParent(childCode: $c, parentCode: $p, fromYear: 2030) { fromYear } }`, { c: child, p: parent });
    expect(errorsOf(await move('B', 'OUT'))).toEqual([{ message: 'role EDITOR of A may write A and the agencies below it, not OUT', code: 'FORBIDDEN' }]);
    expect(errorsOf(await move('B', null))).toEqual([
      { message: 'setParent with parentCode null (making an agency a root) needs role ADMIN; this token has role EDITOR', code: 'FORBIDDEN' },
    ]);
    const links = await api.admin(`query { agency(code: "B") { parent(year: 2030) { code } } }`);
    expect(links.data).toEqual({ agency: { parent: { code: 'A' } } });
  });

  it('lets only an ADMIN manage tokens', async () => {
    const reader = await createToken('READER');
    const editor = await createToken('EDITOR', 'A');
    expect(errorsOf(await as(reader.secret, TOKENS))).toEqual([{ message: 'tokens needs role ADMIN; this token has role READER', code: 'FORBIDDEN' }]);
    expect(errorsOf(await as(editor.secret, CREATE_TOKEN, { role: 'ADMIN' }))).toEqual([{ message: 'createToken needs role ADMIN; this token has role EDITOR', code: 'FORBIDDEN' }]);
    expect(codesOf(await as(editor.secret, REVOKE_TOKEN, { id: editor.id }))).toEqual(['FORBIDDEN']);
    expect(codesOf(await api.anonymous(TOKENS))).toEqual(['UNAUTHENTICATED']);

    const admin = await createToken('ADMIN', null, 'second admin');
    const made = await as(admin.secret, CREATE_TOKEN, { role: 'READER' });
    expect(made.errors).toBeUndefined();
    expect(made.data.createToken.token.role).toBe('READER');
  });

  it('refuses a revoked token at once', async () => {
    const editor = await createToken('EDITOR', 'D');
    expect((await submitAs(editor.secret, 'A')).errors).toBeUndefined();
    const revoked = await api.admin(REVOKE_TOKEN, { id: editor.id });
    expect(revoked.data.revokeToken).toEqual({ id: editor.id, revokedAt: expect.any(String) });

    expect(errorsOf(await submitAs(editor.secret, 'A'))).toEqual([{ message: 'the bearer token is not valid', code: 'UNAUTHENTICATED' }]);
    expect(await as(editor.secret, DRAFT_OF_B)).toEqual({ status: 200, data: { report: null } });
    const listed = await api.admin(TOKENS);
    expect(listed.data.tokens.find((t: { id: string }) => t.id === editor.id).revokedAt).toBe(revoked.data.revokeToken.revokedAt);
  });
});
