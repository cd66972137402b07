// Who the user is, remembered in the browser: in auth mode None a user id and groups (sent as identity headers), in
// Jwt mode a bearer token the user pasted.

const storageKey = 'taskfunctions.identity';

/** The remembered identity for `mode`, or null. */
export function loadIdentity(mode) {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) ?? 'null');
    if (saved?.mode !== mode) return null;
    if (mode === 'jwt' ? !saved.token : !saved.userId) return null;
    return { mode, userId: saved.userId ?? '', groups: saved.groups ?? [], token: saved.token ?? '' };
  } catch {
    return null;
  }
}

export function saveIdentity(identity) {
  localStorage.setItem(storageKey, JSON.stringify(identity));
}

export function forgetIdentity() {
  localStorage.removeItem(storageKey);
}

/** "sales, audit " → ["sales", "audit"]. */
export function parseGroups(text) {
  return text.split(',').map((g) => g.trim()).filter((g) => g.length > 0);
}
