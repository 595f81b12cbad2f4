// The reads a cold load's first view makes, named by the route in the address (routes.js), so they start before the
// view exists: early.js, the page's one script, written into index.html, starts them as soon as the page is parsed,
// and app.js's views take the answers (api.js's readEarly). On a phone that takes the view's data off the chain
// script → read → page: the read happens while the app's files are still on their way.
import { intendedLanguage } from './language-choice.js';
import { routeOf } from './routes.js';

// Who is signed in, their work (the counts in the navigation) and the authorities (the header names the person's).
const SIGNED_IN = ['/api/me', '/api/work', '/api/authorities'];

// Where early.js leaves the reads it started, for app.js to take; app.js leaves `TAKEN` there if it ran first.
const STARTED = Symbol.for('civilprotection.firstReads');
const TAKEN = 'taken';

/** The reads of the view at this address path ("/requests/…", from the hash), the signed-in ones included. */
export function firstReads(path) {
  const route = routeOf(path);
  const own = route ? readsOf(route, path) : [];
  return route?.public ? own : [...own, ...SIGNED_IN];
}

/** Whether the view at this address path needs nobody signed in (app.js's router asks here too, so both agree). */
export function isPublic(path) {
  return routeOf(path)?.public === true;
}

/** A read as every GET of api.js is sent, in the language the page is starting in. */
export function readInit(language = intendedLanguage()) {
  return { method: 'GET', headers: { Accept: 'application/json', 'Accept-Language': language }, credentials: 'same-origin', cache: 'no-store' };
}

/** Starts the first view's reads (early.js), unless app.js is running already. */
export function startFirstReads() {
  if (globalThis[STARTED]) {
    return;
  }
  const init = readInit();
  globalThis[STARTED] = new Map(firstReads(hashPath()).map((path) => {
    const response = fetch(path, init);
    response.catch(() => {}); // the view that takes it reports its failure
    return [path, { response, at: Date.now() }];
  }));
}

/** The reads early.js started, by path (empty when it did not run), which only the first caller gets. */
export function takeStartedReads() {
  const started = globalThis[STARTED];
  globalThis[STARTED] = TAKEN;
  return started instanceof Map ? started : new Map();
}

/** The path in the address's hash ("#/requests/x?tab=y" → "/requests/x"). */
export function hashPath() {
  return (location.hash.replace(/^#/, '') || '/').split('?')[0];
}

// The ids as the view will encode them (the hash holds them encoded already); a malformed one is the view's to report.
function readsOf(route, path) {
  if (!route.reads) {
    return [];
  }
  try {
    return route.reads(path.match(route.pattern).slice(1).map((param) => encodeURIComponent(decodeURIComponent(param))));
  } catch {
    return [];
  }
}
