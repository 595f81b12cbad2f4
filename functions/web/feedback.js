// How failures and successes are told: errors in an alert box where they happened, successes in the
// page-wide polite live region so screen readers hear them without losing their place.
import { h, replaceChildren } from './dom.js';
import { translate } from './i18n.js';

/** An alert box for a failed call: the server's problem title and detail, or a network message. */
export function errorBox(error, testid = 'error') {
  const box = h('div', { class: 'alert alert--error', role: 'alert', tabindex: '-1', testid });
  fillError(box, error);
  return box;
}

/** A file of the page that could not be fetched (a view's, offline): told as the network failing, in the page's language. */
export function unreachable(cause) {
  return Object.assign(new Error('A file of the page could not be fetched.', { cause }), { status: 0 });
}

/** Puts the explanation of `error` (an ApiError or anything thrown) into `box`. */
export function fillError(box, error) {
  const problem = error?.problem ?? {};
  const title = h('p', { class: 'alert__title' });
  if (error?.status === 0) {
    translate(title, 'error.network');
  } else if (problem.title) {
    title.textContent = problem.title;
  } else {
    translate(title, 'error.unexpected', { status: error?.status ?? '?' });
  }
  const detail = problem.detail && problem.detail !== problem.title ? h('p', { text: problem.detail }) : null;
  replaceChildren(box, title, detail);
}

/**
 * Says something in the page's status region, shown until the next page.
 * With `beforeNavigation`, the message is for the page about to open and survives that one route change.
 */
export function announce(key, params, { beforeNavigation = false } = {}) {
  const region = document.getElementById('announcer');
  if (!region) {
    return;
  }
  region.dataset.keep = beforeNavigation ? 'once' : '';
  // Emptying first makes a repeated message be spoken again.
  region.textContent = '';
  requestAnimationFrame(() => translate(region, key, params));
}

/** Called on every route change. */
export function clearAnnouncement() {
  const region = document.getElementById('announcer');
  if (!region) {
    return;
  }
  if (region.dataset.keep === 'once') {
    region.dataset.keep = '';
    return;
  }
  region.textContent = '';
  delete region.dataset.i18n;
  delete region.dataset.i18nParams;
}
