// The page shell: language, who is signed in, the header, and the hash router that swaps views.
import { ApiError, UNAUTHORIZED_EVENT, getJson, postJson, putJson, readEarly } from './api.js';
import { startClock } from './clock.js';
import { firstReads, isPublic } from './early-reads.js';
import { clearAllDrafts } from './drafts.js';
import { h, replaceChildren } from './dom.js';
import { announce, clearAnnouncement, errorBox, unreachable } from './feedback.js';
import { LANGUAGES, chosenLanguage, currentLanguage, endonym, formatNumber, initLanguage, intendedLanguage, refreshTitle, setLanguage, translate } from './i18n.js';
import { authorityNames } from './reference.js';
import { HOME_PATH, routeOf } from './routes.js';
import { latestWork, onWork, stopWatchingWork, waitingCount, watchWork } from './work-watch.js';

// Home is the person's work: what needs them now; every request of their authority is one link away.
const HOME = `#${HOME_PATH}`;
const SIGN_IN = '#/sign-in';
const RETURN_KEY = 'civilprotection.returnTo';

// The routes (which view each address shows, which need nobody signed in, what each reads first) are in routes.js,
// which early.js needs without the views. A view's module is fetched when it is first shown: the build makes each a
// file of its own, and early.js asks for the first view's while this script is on its way.
const loadView = (name) => import(`./views/${name}.js`).catch((cause) => { throw unreachable(cause); });

const session = { me: null, mePending: null };
let current = null; // { controller } of the view on screen
let firstRoute = true;

start();

async function start() {
  // Back from the organisation's sign-in, which returns to "/": resume where people were going.
  if (!location.hash || location.hash === '#/') {
    const target = takeReturn();
    if (target) {
      history.replaceState(null, '', target);
    }
  }
  window.addEventListener(UNAUTHORIZED_EVENT, () => {
    session.me = null;
    stopWatchingWork();
    if (!location.hash.startsWith(SIGN_IN)) {
      rememberReturn(location.hash);
      location.hash = SIGN_IN;
    }
  });
  // A folded section would be missing from the paper: printing unfolds them all.
  window.addEventListener('beforeprint', () => document.querySelectorAll('details').forEach((details) => { details.open = true; }));
  // Who is signed in is asked beside the dictionary, not after it: on a phone's slow network each round trip shows.
  // (No route matches "/", which goes to the home page: signed in too.)
  const { path } = parseHash();
  readEarly(firstReads(path), intendedLanguage());
  if (!isPublic(path)) {
    session.mePending = getJson('/api/me'); // taken from the reads just started
    session.mePending.catch(() => {}); // route() reports its failure; until then it is not an unhandled one
  }
  try {
    await initLanguage();
  } catch (error) {
    // Without a dictionary there is no text to show; say so in the only words we have.
    document.body.textContent = error.message;
    return;
  }
  startClock();
  window.addEventListener('hashchange', route);
  await route();
}

function matchRoute(path) {
  const route = routeOf(path);
  return route && { ...route, params: path.match(route.pattern) };
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, queryString = ''] = raw.split('?');
  return { path, query: new URLSearchParams(queryString) };
}

async function route() {
  current?.controller.abort(); // stops the previous view's refreshes and pending calls
  const controller = new AbortController();
  current = { controller };
  const { signal } = controller;
  const { path, query } = parseHash();

  const match = matchRoute(path);
  if (!match) {
    location.replace(HOME);
    return;
  }
  if (!isPublic(path) && !session.me) {
    try {
      const pending = session.mePending;
      session.mePending = null;
      session.me = await (pending ?? getJson('/api/me', { signal }));
    } catch (error) {
      if (error.name === 'AbortError' || (error instanceof ApiError && error.status === 401)) {
        return; // a 401 already sent us to the sign-in page
      }
      renderHeader(path);
      replaceChildren(document.getElementById('main'), ...failedPage(error));
      return;
    }
  }
  if (signal.aborted) {
    return;
  }
  await followProfileLanguage();

  renderHeader(path);
  if (session.me && !isPublic(path)) {
    watchWork();
  }
  clearAnnouncement();
  // Each view draws into its own outlet; a view still loading when people move on writes into a detached node.
  const main = document.getElementById('main');
  const outlet = h('div', { class: 'view' }, h('p', { class: 'loading', i18n: 'common.loading' }));
  replaceChildren(main, outlet);

  const context = {
    me: session.me,
    params: match.params.slice(1).map(decodeURIComponent),
    query,
    signal,
    navigate: (hash) => {
      location.hash = hash;
    },
    signedIn: async () => {
      session.me = await getJson('/api/me');
      location.hash = takeReturn() ?? HOME;
    },
  };
  try {
    const view = await loadView(match.view);
    if (signal.aborted) {
      return;
    }
    await view.render(outlet, context);
  } catch (error) {
    if (error.name !== 'AbortError') {
      replaceChildren(outlet, ...failedPage(error));
    }
  }
  if (signal.aborted) {
    return;
  }
  refreshTitle();
  // Moving focus to the new heading tells keyboard and screen-reader users the page changed.
  if (!firstRoute) {
    outlet.querySelector('h1')?.focus({ preventScroll: false });
  }
  firstRoute = false;
}

// A page that could not open still has its heading, for those who find their way by headings, and says why.
function failedPage(error) {
  return [h('h1', { i18n: 'error.pageTitle', tabindex: '-1' }), errorBox(error)];
}

// The language on the person's profile (their SMS are written in it), unless people picked one on this browser.
async function followProfileLanguage() {
  const profile = session.me?.language;
  if (profile && !chosenLanguage() && profile !== currentLanguage()) {
    await setLanguage(profile, { remember: false }).catch((error) => console.error(error));
  }
}

// A language picked here is kept on this browser and, for someone in the rosters, on their profile: their SMS and
// their other devices follow it. Nobody signed in, or not in the rosters (404): this browser only.
async function chooseLanguage(code) {
  try {
    await setLanguage(code);
  } catch (error) {
    console.error(error);
    return;
  }
  if (!session.me || session.me.language === code) {
    return;
  }
  try {
    const saved = await putJson('/api/me/language', { language: code });
    session.me = { ...session.me, language: saved.language };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) {
      announce('header.languageNotSaved');
    }
  }
}

function renderHeader(path) {
  const header = document.getElementById('site-header');
  const me = session.me;
  const signedIn = me && path !== '/sign-in';
  const roles = me?.roles ?? [];

  const language = h('select', {
    id: 'language-picker',
    testid: 'language',
    on: { change: (event) => chooseLanguage(event.target.value) },
  }, LANGUAGES.map((code) => h('option', { value: code, lang: code, text: endonym(code), selected: code === currentLanguage() })));

  const skip = h('a', {
    class: 'skip-link',
    href: '#main',
    i18n: 'nav.skip',
    // The hash belongs to the router, so the skip link moves focus itself.
    on: { click: (event) => { event.preventDefault(); document.getElementById('main').focus(); } },
  });

  const bar = h('div', { class: 'header__bar' },
    h('a', { class: 'brand', href: signedIn ? HOME : SIGN_IN },
      // The logo is drawn by the stylesheet (.brand__logo), which carries the icon inside it: no request of its own.
      h('span', { class: 'brand__logo', 'aria-hidden': 'true' }),
      h('span', { class: 'brand__name', i18n: 'app.name' })),
    h('div', { class: 'language' },
      h('label', { for: 'language-picker', i18n: 'header.language' }),
      language));

  let account = null;
  let nav = null;
  if (signedIn) {
    // The agency's full name is long: phones show only its id, wider screens both.
    const authorityName = h('span', { class: 'account__authority-name' });
    const authority = h('span', { class: 'account__authority' }, authorityName, h('span', { text: me.authorityId }));
    authorityNames().then((names) => {
      authorityName.textContent = names.get(me.authorityId) ?? '';
    });
    account = h('div', { class: 'account' },
      h('p', { class: 'account__who' },
        h('span', { class: 'visually-hidden', i18n: 'header.signedInAs' }),
        h('strong', { class: 'account__name', testid: 'signed-in-user', text: me.displayName }),
        authority),
      h('button', { type: 'button', class: 'button button--quiet', testid: 'sign-out', i18n: 'header.signOut', on: { click: signOut } }));

    // `counted`: the section of the person's work whose count the link shows.
    const link = (hash, key, testid, counted) => h('li', {},
      h('a', { href: hash, testid, 'aria-current': isCurrent(path, hash) ? 'page' : null },
        h('span', { i18n: key }),
        counted && navCount(testid, counted)));
    nav = h('nav', { class: 'nav', i18nAttrs: { 'aria-label': ['nav.label'] } },
      h('ul', {},
        link(HOME, 'nav.work', 'nav-work', 'work'),
        link('#/requests', 'nav.requests', 'nav-requests'),
        roles.includes('duty-officer') && link('#/new', 'nav.new', 'nav-new'),
        roles.includes('approver') && link('#/inbox', 'nav.inbox', 'nav-inbox', 'approvals'),
        link('#/deployments', 'nav.deployments', 'nav-deployments'),
        (roles.includes('coordinator') || roles.includes('admin')) && link('#/rosters', 'rosters.nav', 'nav-rosters'),
        roles.includes('admin') && link('#/dead-letters', 'nav.deadLetters', 'nav-dead-letters'),
        (roles.includes('admin') || roles.includes('platform-admin')) && link('#/directory', 'nav.directory', 'nav-directory'),
        link('#/situation', 'nav.situation', 'nav-situation')));
    const navList = nav.querySelector('ul');
    sandboxAvailable().then((available) => available && navList.append(link('#/sandbox', 'nav.sandbox', 'nav-sandbox')));
  }

  replaceChildren(header, skip, h('div', { class: 'header__inner' }, bar, account, nav));
  // On a phone the navigation scrolls sideways: the current page's link is kept in sight (the page itself stays put).
  const currentLink = nav?.querySelector('[aria-current="page"]');
  if (currentLink) {
    const list = nav.querySelector('ul');
    const { left, right } = currentLink.getBoundingClientRect();
    const box = list.getBoundingClientRect();
    if (left < box.left || right > box.right) {
      list.scrollLeft += left < box.left ? left - box.left : right - box.right;
    }
  }
  paintCounts(latestWork());
}

// The number waiting beside a link: seen as a badge, heard as "3 waiting".
function navCount(testid, counted) {
  return h('span', { class: 'nav-count-slot', dataset: { counted } },
    h('span', { class: 'nav-count', testid: `${testid}-count`, 'aria-hidden': 'true' }),
    h('span', { class: 'visually-hidden' }));
}

onWork(paintCounts);

function paintCounts(work) {
  document.querySelectorAll('#site-header [data-counted]').forEach((slot) => {
    const [badge, spoken] = slot.children;
    const count = !work ? 0 : slot.dataset.counted === 'work' ? waitingCount(work) : work[slot.dataset.counted]?.total ?? 0;
    badge.textContent = count > 0 ? formatNumber(count) : '';
    if (count > 0) {
      translate(spoken, 'work.navWaiting', { count });
    } else {
      delete spoken.dataset.i18n;
      spoken.textContent = '';
    }
  });
}

// The SMS sandbox exists only in Development without Twilio credentials; its API says so (200, else 404). Asked once,
// a moment after the page has loaded: its link can wait, the first view's reads cannot share the network with it.
let sandboxProbe = null;
function sandboxAvailable() {
  sandboxProbe ??= afterLoad(1000)
    .then(() => fetch('/api/dev/sms-sandbox', { credentials: 'same-origin', cache: 'no-store' }))
    .then((response) => response.ok)
    .catch(() => false);
  return sandboxProbe;
}

function afterLoad(milliseconds) {
  return new Promise((resolve) => {
    const wait = () => setTimeout(resolve, milliseconds);
    if (document.readyState === 'complete') {
      wait();
    } else {
      window.addEventListener('load', wait, { once: true });
    }
  });
}

function isCurrent(path, hash) {
  const target = hash.slice(1);
  return target === '/requests' ? path === '/requests' : path === target;
}

async function signOut() {
  clearAllDrafts();
  try {
    await postJson('/api/dev/sign-out', {});
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      // Not in Development: the session belongs to the platform's sign-in (App Service authentication).
      location.assign('/.auth/logout?post_logout_redirect_uri=/');
      return;
    }
    if (!(error instanceof ApiError && error.status === 401)) {
      announce('error.signOut');
      return;
    }
  }
  session.me = null;
  stopWatchingWork();
  location.hash = SIGN_IN;
}

// Where people were going when the sign-in page interrupted them (a link to a request in a notification).
function rememberReturn(hash) {
  if (!hash || hash.startsWith(SIGN_IN)) {
    return;
  }
  try {
    sessionStorage.setItem(RETURN_KEY, hash);
  } catch {
    // Without storage people land on the home page after signing in.
  }
}

function takeReturn() {
  try {
    const hash = sessionStorage.getItem(RETURN_KEY);
    sessionStorage.removeItem(RETURN_KEY);
    return hash && hash.startsWith('#/') ? hash : null;
  } catch {
    return null;
  }
}
