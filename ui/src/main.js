// The task-list UI: sign in (identity headers or a bearer token), the inbox, and a task's detail. The open task is
// in the URL's hash (#task=KEY), so the browser's back button returns to the list.
import './styles.css';
import { createApi, detectMode } from './api.js';
import { createDetail } from './detail.js';
import { h } from './dom.js';
import { forgetIdentity, loadIdentity, parseGroups, saveIdentity } from './identity.js';
import { createInbox } from './inbox.js';

const pollMilliseconds = 4000;
const main = document.getElementById('main');
const whoami = document.getElementById('whoami');
const banner = document.getElementById('banner');
const inboxState = { view: null, process: '', group: '', sort: 'creationDate:DESC' };

let mode = 'none';
let identity = null;
let api = null;
let inbox = null;
let detail = null;
let timer = null;

function showBanner(text) {
  banner.textContent = text ?? '';
  banner.hidden = !text;
}

function openTaskKey() {
  const match = /^#task=(\d+)$/.exec(location.hash);
  return match ? match[1] : null;
}

function renderSignIn(problem) {
  clearInterval(timer);
  whoami.replaceChildren();
  const fields = mode === 'jwt'
    ? [
        h('p', {}, 'This server requires a bearer token (JWT) from your identity provider. Paste it here; it stays in this browser until you sign out.'),
        h('label', { for: 'token' }, 'Bearer token'),
        h('textarea', { id: 'token', rows: 5, required: true, autocomplete: 'off', spellcheck: 'false' }),
      ]
    : [
        h('p', {}, 'Authentication is off on this server: say who you are. The user id and groups are sent with every request.'),
        h('label', { for: 'user-id' }, 'User id'),
        h('input', { id: 'user-id', type: 'text', required: true, autocomplete: 'username' }),
        h('label', { for: 'groups' }, 'Groups (comma-separated)'),
        h('input', { id: 'groups', type: 'text', autocomplete: 'off', placeholder: 'e.g. accounting, audit' }),
      ];
  const form = h('form', { class: 'sign-in', 'aria-labelledby': 'sign-in-heading', onsubmit: signIn },
    h('h2', { id: 'sign-in-heading' }, 'Sign in'),
    ...fields,
    problem && h('p', { class: 'action-error', role: 'alert' }, problem),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  main.replaceChildren(form);
  form.querySelector('input, textarea').focus();
}

async function signIn(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const candidate = mode === 'jwt'
    ? { mode, token: form.querySelector('#token').value.trim().replace(/^Bearer\s+/i, ''), userId: '', groups: [] }
    : { mode, userId: form.querySelector('#user-id').value.trim(), groups: parseGroups(form.querySelector('#groups').value), token: '' };
  if (mode === 'jwt') {
    // The token names the user and the groups: ask the server who it says we are.
    try {
      const me = await createApi(candidate).me();
      candidate.userId = me.username ?? '';
      candidate.groups = me.groups ?? [];
    } catch (error) {
      renderSignIn(`The server refused the token: ${error.message}`);
      return;
    }
  }
  saveIdentity(candidate);
  start(candidate);
}

function signOut() {
  forgetIdentity();
  identity = null;
  history.replaceState(null, '', location.pathname);
  renderSignIn();
}

function start(signedIn) {
  identity = signedIn;
  api = createApi(identity);
  whoami.replaceChildren(
    h('span', { class: 'who' }, 'Signed in as ', h('strong', { id: 'current-user' }, identity.userId || '(no user id)'),
      identity.groups.length > 0 ? ` · ${identity.groups.join(', ')}` : ''),
    h('button', { type: 'button', class: 'secondary', onclick: signOut }, 'Sign out'));
  inbox = createInbox({ api, identity, state: inboxState, onOpen: (key) => { location.hash = `task=${key}`; }, onError: showBanner });
  route();
  clearInterval(timer);
  timer = setInterval(poll, pollMilliseconds);
}

function route() {
  if (!identity) return;
  const key = openTaskKey();
  main.classList.toggle('has-detail', !!key);
  if (key) {
    if (detail?.key !== key) {
      const view = createDetail({
        api, identity, key,
        onChanged: () => inbox.reload(),
        onClose: () => { location.hash = ''; },
        onError: showBanner,
      });
      detail = { key, view };
    }
    main.replaceChildren(inbox.element, detail.view.element);
  } else {
    const closed = detail?.key;
    detail = null;
    main.replaceChildren(inbox.element);
    if (closed) {
      inbox.focusTask(closed);
      return;
    }
  }
  inbox.reload();
}

async function poll() {
  if (document.hidden || !identity) return;
  showBanner('');
  await inbox.reload();
  // The detail's summary and history follow changes others make; a form being filled in is left alone.
  await detail?.view.refresh();
}

window.addEventListener('hashchange', route);

async function boot() {
  try {
    mode = await detectMode();
  } catch {
    showBanner('The server cannot be reached.');
    return;
  }
  const saved = loadIdentity(mode);
  if (saved) start(saved);
  else renderSignIn();
}

boot();
