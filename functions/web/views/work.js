// #/work — the home page: what needs the signed-in person now, a section per role they hold (notices to acknowledge,
// decisions waiting, their authority's requests, offers to prepare, dispatches), each with its count, what to do when
// it is empty, and a link to its full list. Refreshed every 15 seconds while on screen; acknowledging takes one tap.
import { postJson } from '../api.js';
import { statusBadge, urgencyBadge } from '../badges.js';
import { ageElement, countdownElement } from '../clock.js';
import { h, replaceChildren } from '../dom.js';
import { announce, errorBox } from '../feedback.js';
import { formatTime, timeElement, translate } from '../i18n.js';
import { refreshing } from '../refreshing.js';
import { onWork, refreshWork, waitingCount } from '../work-watch.js';
import { setSound, soundOn } from '../work-sound.js';
import { inboxRow } from './inbox.js';
import { noticeKindLabel } from './notices.js';

const REFRESH_MS = 15_000;
// A quick answer draws at once; only a slow one shows that it is loading, so a fast page does not flicker.
const LOADING_AFTER_MS = 300;

export async function render(outlet, context) {
  const area = h('div', { class: 'list-area work', 'aria-busy': 'true' });
  // Not a live region: new items are announced once by work-watch.js, not every refresh.
  const status = h('p', { class: 'refresh-status', testid: 'work-refreshed' });
  const problem = h('div');
  let drawn = false;
  const slow = setTimeout(() => {
    if (!drawn) {
      replaceChildren(area, h('p', { class: 'loading', testid: 'work-loading', i18n: 'common.loading' }));
    }
  }, LOADING_AFTER_MS);
  context.signal.addEventListener('abort', () => clearTimeout(slow));

  const draw = (work) => {
    drawn = true;
    redraw(area, work, acknowledge);
    translate(status, 'work.refreshed', { time: formatTime(new Date()), count: waitingCount(work) });
  };
  // The first load joins the header's watch, which started reading the same work as this page opened.
  let first = true;
  const load = async () => {
    const join = first;
    first = false;
    draw(await refreshWork({ signal: context.signal, join }));
  };
  const refresh = refreshing({ list: area, problem, everyMs: REFRESH_MS, signal: context.signal, load });
  // The watch in the header reads the same work between this page's own refreshes.
  const stop = onWork(draw);
  context.signal.addEventListener('abort', stop);

  const acknowledge = async (notice, button) => {
    button.disabled = true;
    try {
      await postJson(`/api/requests/${encodeURIComponent(notice.requestId)}/notices/${encodeURIComponent(notice.noticeId)}/acknowledgement`, {},
        { signal: context.signal });
      announce('done.acknowledge', { reference: notice.reference });
      await refresh();
      // The item is gone with the button that had focus: keep the keyboard in the section.
      area.querySelector('#work-notices-title')?.focus();
    } catch (error) {
      button.disabled = false;
      if (error.name !== 'AbortError') {
        replaceChildren(problem, errorBox(error));
      }
    }
  };

  const sound = h('input', {
    type: 'checkbox', id: 'work-sound', testid: 'work-sound', checked: soundOn(),
    on: { change: (event) => setSound(event.currentTarget.checked) },
  });
  replaceChildren(outlet,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1', i18n: 'work.title' }),
      h('button', { type: 'button', class: 'button button--secondary', testid: 'work-refresh', i18n: 'work.refresh', on: { click: refresh } })),
    h('p', { class: 'lead', i18n: 'work.intro' }),
    h('div', { class: 'work-sound' }, sound, h('label', { for: 'work-sound', i18n: 'work.sound' })),
    status,
    problem,
    area);
  await refresh();
}

// The sections in the order to act on them: a page stops only when acknowledged, a decision has a deadline.
const SECTIONS = [
  { name: 'notices', row: noticeRow },
  { name: 'approvals', row: inboxRow, all: '#/inbox' },
  { name: 'requests', row: requestRow, all: '#/requests' },
  { name: 'offersToPrepare', row: offerRow, all: '#/requests?status=open' },
  { name: 'dispatches', row: dispatchRow, all: '#/requests?status=approved' },
];

function redraw(area, work, acknowledge) {
  // A refresh must not throw the keyboard user out of the list: refocus the item they were on.
  const focused = document.activeElement?.closest?.('[data-work-key]')?.dataset.workKey;
  replaceChildren(area, SECTIONS.filter(({ name }) => work[name]).map((section) => sectionOf(section, work[section.name], acknowledge)));
  if (focused) {
    area.querySelector(`[data-work-key="${CSS.escape(focused)}"]`)?.focus();
  }
}

function sectionOf({ name, row, all }, { items, total }, acknowledge) {
  const title = `work-${name}-title`;
  return h('section', { class: 'work-section', testid: `work-${name}`, dataset: { total: String(total) }, 'aria-labelledby': title },
    h('h2', { id: title, tabindex: '-1', i18n: [`work.${name}.title`, { count: total }] }),
    items.length
      ? h('ul', { class: 'request-list' }, items.map((item) => keyed(row(item, acknowledge), name, item)))
      : h('p', { class: 'empty', testid: `work-${name}-empty`, i18n: `work.${name}.empty` }),
    items.length < total && h('p', { class: 'count', i18n: ['work.shown', { shown: items.length, total }] }),
    all && h('p', {}, h('a', { href: all, testid: `work-${name}-all`, i18n: `work.${name}.all` })));
}

// Marks the focusable part of a row with a key that survives a redraw.
function keyed(li, name, item) {
  const target = li.querySelector('a, button');
  if (target) {
    target.dataset.workKey = `${name}/${item.requestId}/${item.noticeId ?? item.offerId ?? ''}/${item.stageIndex ?? ''}`;
  }
  return li;
}

function link(item, testid, ...content) {
  return h('a', {
    class: ['request-row', `urgency-edge--${item.urgency}`],
    href: `#/requests/${encodeURIComponent(item.requestId)}`,
    testid,
    dataset: { reference: item.reference },
  }, ...content);
}

function top(item, ...more) {
  return h('span', { class: 'request-row__top' }, urgencyBadge(item.urgency), h('span', { class: 'reference', dir: 'ltr', text: item.reference }), ...more);
}

function requestRow(item) {
  return h('li', {}, link(item, 'work-request',
    top(item, statusBadge(item.status)),
    h('span', { class: 'request-row__title', text: item.title }),
    h('span', { class: 'request-row__meta' }, h('span', { i18n: 'work.updated' }), ' ', timeElement(item.updatedAt))));
}

function offerRow(item) {
  return h('li', {}, link(item, 'work-offer',
    top(item, item.due && countdownElement(item.due)),
    h('span', { class: 'request-row__title', text: item.title }),
    h('span', { class: 'request-row__meta' }, h('span', { i18n: ['inbox.from', { authority: item.requestingAuthorityId }] }))));
}

function dispatchRow(item) {
  return h('li', {}, link(item, 'work-dispatch',
    top(item, item.due && countdownElement(item.due)),
    h('span', { class: 'request-row__title', text: item.title }),
    h('span', { class: 'request-row__meta' },
      h('span', { i18n: item.waiting ? ['work.dispatches.waiting', { count: item.waiting }] : 'work.dispatches.toAsk' }),
      h('span', { i18n: ['inbox.from', { authority: item.requestingAuthorityId }] }))));
}

function noticeRow(notice, acknowledge) {
  return h('li', { class: 'work-notice', testid: 'work-notice', dataset: { kind: notice.kind, notice: notice.noticeId } },
    link(notice, 'work-notice-link',
      top(notice, h('span', { i18n: noticeKindLabel(notice, notice.stageName) })),
      h('span', { class: 'request-row__title', text: notice.title }),
      h('span', { class: 'request-row__meta' },
        h('span', {}, h('span', { i18n: 'inbox.opened' }), ' ', ageElement(notice.openedAt)),
        notice.escalatesAt && h('span', {}, h('span', { i18n: 'work.notices.escalates' }), ' ', countdownElement(notice.escalatesAt)))),
    h('button', {
      type: 'button',
      class: 'button button--primary work-notice__acknowledge',
      testid: 'work-acknowledge',
      i18n: 'notice.acknowledge',
      i18nAttrs: { 'aria-label': ['work.notices.acknowledge', { reference: notice.reference }] },
      on: { click: (event) => acknowledge(notice, event.currentTarget) },
    }));
}
