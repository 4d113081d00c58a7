/** `viewer`: who is asking, as the pages check a token when signing in. */
import { describeEachEngine } from '../support/databases';
import { ADMIN_TOKEN, startTestApi, type TestApi } from './api-client';

const VIEWER = '{ viewer { authenticated role canReadDrafts agencyCode } }';

describeEachEngine('viewer', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(await engine.url());
    await api.storage.upsertAgency({ code: 'D', name: '区', kind: 'DISTRICT' });
  });
  afterAll(() => api.close());

  const asToken = async (token: string) => {
    const response = await api.post(JSON.stringify({ query: VIEWER }), { authorization: `Bearer ${token}` });
    return response.json;
  };

  it('says anonymous without a token, and the role of each kind of token', async () => {
    expect((await api.anonymous(VIEWER)).data).toEqual({ viewer: { authenticated: false, role: null, canReadDrafts: false, agencyCode: null } });
    expect((await api.admin(VIEWER)).data).toEqual({ viewer: { authenticated: true, role: 'ADMIN', canReadDrafts: true, agencyCode: null } });
    const editor = await api.storage.createToken({ role: 'EDITOR', agencyCode: 'D', label: 'e' });
    const reader = await api.storage.createToken({ role: 'READER', agencyCode: null, label: 'r' });
    expect((await asToken(editor.secret)).data).toEqual({ viewer: { authenticated: true, role: 'EDITOR', canReadDrafts: true, agencyCode: 'D' } });
    expect((await asToken(reader.secret)).data).toEqual({ viewer: { authenticated: true, role: 'READER', canReadDrafts: true, agencyCode: null } });
  });

  it('refuses a token that is unknown or revoked with UNAUTHENTICATED', async () => {
    const reader = await api.storage.createToken({ role: 'READER', agencyCode: null, label: 'gone' });
    await api.storage.revokeToken(reader.token.id);
    for (const token of ['no-such-token', reader.secret, ADMIN_TOKEN.slice(1)]) {
      const answer = await asToken(token);
      expect([answer.data, answer.errors[0].extensions.code]).toEqual([null, 'UNAUTHENTICATED']);
    }
  });
});
