// The one place that talks to the server.
// Every call carries the session cookie (same-origin) and every state change names its body's type (JSON, or CSV for
// the rosters' imports): the server refuses other content types on state-changing calls, which is its defence against
// cross-site form posts.
import { currentLanguage } from './i18n.js';
import { readInit, takeStartedReads } from './early-reads.js';

/** A refused or failed call, with the server's RFC 9457 problem when it sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    /** 0 when the server could not be reached. */
    this.status = status;
    /**
     * { type, title, status, detail, code, errors: { 'incident.title': ['...'] }, codes: { 'incident.title': ['required'] },
     * fieldArguments } or {}; title, detail and errors are in the page's language (see problems.js for the codes).
     */
    this.problem = problem ?? {};
  }
}

/** Raised (as a window event) when the session is gone, so the app can send people to sign in. */
export const UNAUTHORIZED_EVENT = 'civilprotection:unauthorized';

export function getJson(path, { signal } = {}) {
  return call(path, { method: 'GET', headers: { Accept: 'application/json' }, signal });
}

/**
 * One page of a list route: its items, and the path of the next page from the RFC 8288 `Link: <…>; rel="next"` header
 * (null on the last page). Only a path of this API is followed.
 */
export async function getPage(path, { signal } = {}) {
  let next = null;
  const items = await call(path, { method: 'GET', headers: { Accept: 'application/json' }, signal }, (response) => {
    next = nextLink(response.headers.get('Link'));
  });
  return { items, next };
}

function nextLink(header) {
  const match = /<([^>]*)>\s*;\s*rel="?next"?/.exec(header ?? '');
  return match && match[1].startsWith('/api/') ? match[1] : null;
}

/** A state change with a body: JSON, serialised here, or a text of another type (a CSV upload) sent as it is. */
export function send(method, path, body, { contentType = 'application/json', headers = {}, signal } = {}) {
  return call(path, {
    method,
    headers: { Accept: 'application/json', 'Content-Type': contentType, ...headers },
    body: contentType === 'application/json' ? JSON.stringify(body ?? {}) : body,
    signal,
  });
}

export function postJson(path, body, options) {
  return send('POST', path, body, options);
}

/** A PUT of a JSON body: the directory's and rosters' replacements, each carrying the version it was edited from. */
export function putJson(path, body, options) {
  return send('PUT', path, body, options);
}

const cache = new Map();

/** Reference data that does not change while the page is open (authorities, catalogue). */
export function getCached(path) {
  if (!cache.has(path)) {
    const pending = getJson(path).catch((error) => {
      cache.delete(path); // a failure is not remembered: the next view retries
      throw error;
    });
    cache.set(path, pending);
  }
  return cache.get(path);
}

// Reads started before the view that makes them (see `readEarly`), each taken once by the first GET of its path.
const early = new Map();
const EARLY_MS = 10_000;

/**
 * Starts the reads the first view will make as soon as the script runs, beside the dictionary and /api/me rather
 * than after them: on a phone's network that is a round trip or two less before the page shows its content. Those
 * early.js started already (before this script arrived) are taken rather than sent again. The view's own getJson of
 * the same path takes the answer (once, within ten seconds); an answer nobody takes is dropped.
 */
export function readEarly(paths, language) {
  const started = takeStartedReads();
  for (const path of paths) {
    const entry = started.get(path) ?? { response: fetch(path, readInit(language)), at: Date.now() };
    entry.response.catch(() => {}); // the view that takes it reports its failure
    early.set(path, entry);
  }
}

function takeEarly(path, init) {
  const entry = init.method === 'GET' ? early.get(path) : null;
  if (!entry) {
    return null;
  }
  early.delete(path);
  return Date.now() - entry.at <= EARLY_MS ? entry.response : null;
}

// The server words its problems in the language asked for: the page's, whatever the browser's settings.
function requestInit(init, language = currentLanguage()) {
  return { ...init, headers: { ...init.headers, 'Accept-Language': language }, credentials: 'same-origin', cache: 'no-store' };
}

async function call(path, init, onSuccess) {
  let response;
  try {
    const started = takeEarly(path, init);
    if (started && init.signal?.aborted) {
      throw new DOMException('The view was left.', 'AbortError');
    }
    response = await (started ?? fetch(path, requestInit(init)));
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, null);
  }
  const body = await readBody(response);
  if (response.ok) {
    onSuccess?.(response);
    return body;
  }
  if (response.status === 401) {
    early.clear(); // read for nobody: after signing in, the view reads again
    window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT));
  }
  const problem = body && typeof body === 'object' ? body : { title: response.statusText };
  throw new ApiError(response.status, problem);
}

async function readBody(response) {
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch {
      return null;
    }
  }
  // A non-JSON answer (a proxy's HTML error page) is not worth showing to anyone.
  return null;
}
