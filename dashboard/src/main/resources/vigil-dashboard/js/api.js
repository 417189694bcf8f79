// Thin fetch wrapper: JSON in and out, errors as ApiError with the server's readable reason.
export class ApiError extends Error {
  constructor(status, reason, body = null) {
    super(reason);
    this.status = status;
    this.body = body; // the JSON error reply, for fields beyond the reason (e.g. totp_required)
  }
}

const unauthorizedListeners = [];

/** fn() runs whenever any call comes back 401: the session is gone. */
export function onUnauthorized(fn) { unauthorizedListeners.push(fn); }

export async function api(path, { method = 'GET', body, quiet401 = false } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' }
        : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'The collector cannot be reached (network error). Check the connection and try again.');
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    const reason = json && typeof json.error === 'string' && json.error
      ? json.error : `HTTP ${response.status} ${response.statusText || ''}`.trim();
    if (response.status === 401 && !quiet401) unauthorizedListeners.forEach((fn) => fn(reason));
    throw new ApiError(response.status, reason, json);
  }
  if (json === null && text) throw new ApiError(response.status, 'The collector sent a reply that is not JSON.');
  return json;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Human wording for an error shown in a banner: what failed, and why. */
export function describeError(what, e) {
  if (e instanceof ApiError) {
    if (e.status === 403) return `${what}: your role does not allow this (${e.message}).`;
    if (e.status === 0) return `${what}: ${e.message}`;
    return `${what}: ${e.message} (HTTP ${e.status}).`;
  }
  return `${what}: ${e && e.message ? e.message : String(e)}`;
}
