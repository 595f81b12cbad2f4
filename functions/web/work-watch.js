// What waits for the signed-in person, watched while any page is open: the counts beside "My work" and the inbox, the
// count in the tab's title, and, when something new arrives, a spoken word and (if they chose it) a beep.
import { getJson } from './api.js';
import { announce } from './feedback.js';
import { setTitleCount } from './i18n.js';
import { beep, soundOn } from './work-sound.js';

const EVERY_MS = 30_000;
const listeners = new Set();
let timer = null;
let latest = null;
let seen = null; // keys of the items already shown, so only what is new is announced
let session = 0; // a sign-out between a call and its answer makes the answer someone else's
let readAt = 0;
let reading = null; // { session, promise, answeredAt, joined } of the last read, which a caller may join
// A read answered this recently, and not yet joined, is as good as one on its way: the watch's read, made as a page
// opens, is often answered before the home view's module has arrived and asks.
const JUST_READ_MS = 5_000;

/** Starts watching for the person signed in (once). */
export function watchWork() {
  if (timer) {
    return;
  }
  // The home page reads more often on its own: no need to read again just after it.
  timer = setInterval(() => Date.now() - readAt >= EVERY_MS / 2 && refreshWork().catch(() => {}), EVERY_MS);
  refreshWork().catch(() => {});
}

export function stopWatchingWork() {
  clearInterval(timer);
  timer = null;
  latest = null;
  seen = null;
  session += 1;
  setTitleCount(0);
}

/** The last work read, or null before the first answer. */
export function latestWork() {
  return latest;
}

/** Calls `listener(work)` after each answer; returns the function that stops it. */
export function onWork(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Reads the work now, tells the listeners, and announces what is new; answers the work. With `join`, a read on its way,
 * or one answered in the last few seconds that no page has joined, is shared rather than sent again: the watch and
 * the home page both ask when a page opens, and on a phone's network a second identical call is bandwidth taken from
 * what the page is waiting for. Without it (after an acknowledgement, say) the read is a new one, so it sees what was
 * just done.
 */
export function refreshWork({ signal, join = false } = {}) {
  if (!join || !joinable(reading)) {
    const read = { session, promise: readWork(session), answeredAt: null, joined: false };
    read.promise.then(() => { read.answeredAt = Date.now(); }, () => reading === read && (reading = null));
    reading = read;
  }
  reading.joined ||= join;
  return untilLeft(reading.promise, signal);
}

// On its way, or just answered and shown by no page yet (a page opened again later reads anew).
function joinable(read) {
  return read?.session === session && (read.answeredAt === null || (!read.joined && Date.now() - read.answeredAt < JUST_READ_MS));
}

async function readWork(mine) {
  const work = await getJson('/api/work');
  if (mine !== session) {
    return work;
  }
  readAt = Date.now();
  const keys = keysOf(work);
  const fresh = seen ? [...keys].filter((key) => !seen.has(key)).length : 0;
  seen = keys;
  latest = work;
  setTitleCount(waitingCount(work));
  listeners.forEach((listener) => listener(work));
  if (fresh > 0) {
    announce('work.arrived', { count: fresh });
    if (soundOn()) {
      beep();
    }
  }
  return work;
}

// The shared read goes on for the others when one caller's view is left; that caller stops waiting for it.
function untilLeft(promise, signal) {
  if (!signal) {
    return promise;
  }
  if (signal.aborted) {
    return Promise.reject(new DOMException('The view was left.', 'AbortError'));
  }
  return new Promise((resolve, reject) => {
    const leave = () => reject(new DOMException('The view was left.', 'AbortError'));
    signal.addEventListener('abort', leave, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', leave));
  });
}

/** Everything waiting, all sections together. */
export function waitingCount(work) {
  return SECTIONS.reduce((sum, name) => sum + (work?.[name]?.total ?? 0), 0);
}

const SECTIONS = ['notices', 'approvals', 'requests', 'offersToPrepare', 'dispatches'];

// An item is new when its key was not there before: a stage opened again, or a request returned again, is new too.
const KEY = {
  notices: (n) => `${n.requestId}/${n.noticeId}`,
  approvals: (a) => `${a.requestId}/${a.offerId ?? ''}/${a.stageIndex}/${a.openedAt}`,
  requests: (r) => `${r.requestId}/${r.status}`,
  offersToPrepare: (r) => r.requestId,
  dispatches: (r) => r.requestId,
};

function keysOf(work) {
  return new Set(SECTIONS.flatMap((name) => (work?.[name]?.items ?? []).map((item) => `${name}:${KEY[name](item)}`)));
}
