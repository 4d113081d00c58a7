/**
 * Signing in on the pages with a bearer token (DESIGN.md §6: drafts need one). The token is kept in
 * this tab's sessionStorage only (gone when the tab closes), sent as `Authorization: Bearer …` by
 * graphql-client.js, and checked with the `viewer` query when given: a token the server does not
 * know is refused at once, not at the first draft.
 */
import { h, replace } from './dom.js';

const KEY = 'xxgk-stats.token';
const VIEWER_QUERY = 'query Viewer { viewer { authenticated role canReadDrafts agencyCode } }';

export function currentToken() {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null; // storage disabled: anonymous
  }
}

function storeToken(token) {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage disabled: the token lives as long as the page
  }
}

/**
 * Renders the sign-in control into `box` and reports the viewer (or null when anonymous) to
 * `onChange`, at start and after every sign-in or sign-out.
 * @param {HTMLElement} box
 * @param {{ request: (query: string) => Promise<{ data: any, errors: { code: string, message: string }[] }>, onChange: (viewer: any) => void }} options
 */
export async function mountSession(box, { request, onChange }) {
  const signedOut = (problem) => {
    replace(box,
      h('button', { type: 'button', class: 'button session-open', onclick: () => askForToken() }, '令牌登录 ', h('span', { class: 'en' }, 'sign in')),
      problem ? h('span', { class: 'session-problem', role: 'alert' }, problem) : null);
  };
  const signedIn = (viewer) => {
    replace(box,
      h('span', { class: 'session-who', id: 'session-who' }, `${viewer.role}${viewer.agencyCode ? ` · ${viewer.agencyCode}` : ''} · 已登录 `, h('span', { class: 'en' }, 'signed in')),
      h('button', { type: 'button', class: 'button session-close', onclick: () => signOut() }, '退出 ', h('span', { class: 'en' }, 'sign out')));
  };
  const askForToken = () => {
    const input = h('input', { type: 'password', id: 'session-token', 'aria-label': '令牌 · bearer token', placeholder: '粘贴令牌 · paste a token', autocomplete: 'off' });
    const form = h('form', { class: 'session-form', onsubmit: (event) => { event.preventDefault(); void signIn(input.value.trim()); } },
      input,
      h('button', { type: 'submit', class: 'button' }, '确定 ', h('span', { class: 'en' }, 'OK')),
      h('button', { type: 'button', class: 'button', onclick: () => signedOut(null) }, '取消 ', h('span', { class: 'en' }, 'cancel')));
    replace(box, form);
    input.focus();
  };
  const check = async () => {
    let answer;
    try {
      answer = await request(VIEWER_QUERY);
    } catch (error) {
      return { viewer: null, problem: String(error && error.message ? error.message : error) };
    }
    if (answer.errors.length) return { viewer: null, problem: `${answer.errors[0].code}: ${answer.errors[0].message}` };
    return { viewer: answer.data.viewer.authenticated ? answer.data.viewer : null, problem: null };
  };
  const signIn = async (token) => {
    if (!token) return;
    storeToken(token);
    const { viewer, problem } = await check();
    if (!viewer) {
      storeToken(null);
      signedOut(problem ?? '令牌无效 · the token is not valid');
      onChange(null);
      return;
    }
    signedIn(viewer);
    onChange(viewer);
  };
  const signOut = () => {
    storeToken(null);
    signedOut(null);
    onChange(null);
  };

  if (!currentToken()) {
    signedOut(null);
    onChange(null);
    return;
  }
  const { viewer, problem } = await check();
  if (viewer) signedIn(viewer);
  else {
    storeToken(null);
    signedOut(problem);
  }
  onChange(viewer);
}
