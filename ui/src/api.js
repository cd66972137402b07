// The host's HTTP API as the UI uses it: every call carries the signed-in identity (identity headers in auth mode
// None, the bearer token in Jwt mode) and every failure becomes an ApiError with the problem's detail and fields.

/** A failed API call: status, the problem's detail (what to show the user) and the inputs it names. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.code = problem?.code;
    this.fields = Array.isArray(problem?.fields) ? problem.fields : [];
  }
}

/** Learns the authentication mode: a request without credentials is refused only when tokens are required. */
export async function detectMode() {
  const response = await fetch('v2/authentication/me', { headers: { Accept: 'application/json' } });
  return response.status === 401 ? 'jwt' : 'none';
}

/** An API client for one identity ({ mode, userId, groups, token }). */
export function createApi(identity) {
  const headers = () => {
    const h = { Accept: 'application/json' };
    if (identity.mode === 'jwt') {
      h.Authorization = `Bearer ${identity.token}`;
    } else if (identity.userId) {
      h['X-User-Id'] = identity.userId;
      if (identity.groups.length > 0) h['X-User-Groups'] = identity.groups.join(',');
    }
    return h;
  };

  async function request(method, path, body) {
    const init = { method, headers: headers() };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch {
      throw new ApiError(0, { detail: 'The server cannot be reached. Check your connection; the page retries by itself.' });
    }
    if (response.status === 204) return null;
    const text = await response.text();
    const json = text ? safeParse(text) : null;
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }

  const task = (key) => `v2/user-tasks/${encodeURIComponent(key)}`;
  return {
    me: () => request('GET', 'v2/authentication/me'),
    search: (filter, sort, page) => request('POST', 'v2/user-tasks/search', { filter, sort, page }),
    count: (filter) => request('POST', 'v2/user-tasks/search/count', { filter }),
    task: (key) => request('GET', task(key)),
    history: (key) => request('GET', `${task(key)}/history`),
    form: (key) => request('GET', `${task(key)}/form`),
    variables: (key) => request('POST', `${task(key)}/variables/search?truncateValues=false`, { page: { limit: 1000 } }),
    claim: (key) => request('POST', `${task(key)}/claim`),
    unclaim: (key) => request('POST', `${task(key)}/unclaim`),
    assign: (key, assignee) => request('POST', `${task(key)}/assignment`, { assignee, allowOverride: true }),
    complete: (key, variables) => request('POST', `${task(key)}/completion`, { variables }),
    fail: (key, errorCode, errorMessage) => request('POST', `${task(key)}/failure`, { errorCode, errorMessage }),
    cancel: (key, reason) => request('POST', `${task(key)}/cancellation`, reason ? { reason } : {}),
    processes: () => request('POST', 'v2/process-definitions/search', { page: { limit: 1000 } }),
    processXml: (key) => requestText(`v2/process-definitions/${encodeURIComponent(key)}/xml`),
  };

  async function requestText(path) {
    const response = await fetch(path, { headers: headers() });
    const text = await response.text();
    if (!response.ok) throw new ApiError(response.status, safeParse(text));
    return text;
  }
}

function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text };
  }
}
