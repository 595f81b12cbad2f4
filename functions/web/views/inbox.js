// #/inbox — what waits for the approver's decision, most urgent then oldest first (the server's order), a page at a
// time, refreshed every 15 seconds (as many pages as are shown) with a live countdown to each deadline.
import { getPage } from '../api.js';
import { stageLabel, urgencyBadge } from '../badges.js';
import { ageElement, countdownElement } from '../clock.js';
import { h, replaceChildren } from '../dom.js';
import { formatTime, translate } from '../i18n.js';
import { refreshing } from '../refreshing.js';

const REFRESH_MS = 15_000;

export async function render(outlet, context) {
  const list = h('div', { class: 'list-area' });
  // Not a live region: being told the time every 15 seconds would drown a screen-reader user.
  const status = h('p', { class: 'refresh-status', testid: 'inbox-refreshed' });
  const problem = h('div');
  const more = h('div', { class: 'list-more' });
  let pages = 1;

  const load = async () => {
    const entries = [];
    let next = '/api/approvals';
    for (let page = 0; page < pages && next; page++) {
      const answer = await getPage(next, { signal: context.signal });
      entries.push(...answer.items);
      next = answer.next;
    }
    redraw(list, entries);
    translate(status, next ? 'inbox.refreshedMore' : 'inbox.refreshed', { time: formatTime(new Date()), count: entries.length });
    replaceChildren(more, next && h('button', {
      type: 'button',
      class: 'button button--secondary',
      testid: 'inbox-more',
      i18n: 'list.more',
      on: {
        click: (event) => {
          event.currentTarget.disabled = true;
          translate(event.currentTarget, 'list.loading');
          pages += 1;
          refresh();
        },
      },
    }));
  };
  const refresh = refreshing({ list, problem, everyMs: REFRESH_MS, signal: context.signal, load });

  replaceChildren(outlet,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1', i18n: 'inbox.title' }),
      h('button', { type: 'button', class: 'button button--secondary', testid: 'inbox-refresh', i18n: 'inbox.refresh', on: { click: refresh } })),
    h('p', { class: 'lead', i18n: 'inbox.intro' }),
    status,
    problem,
    list,
    more);
  await refresh();
}

function redraw(list, entries) {
  // A refresh must not throw the keyboard user out of the list: refocus the row they were on.
  const focused = document.activeElement?.closest?.('[data-testid="inbox-row"]')?.dataset.reference;
  replaceChildren(list, entries.length
    ? h('ul', { class: 'request-list' }, entries.map(inboxRow))
    : h('p', { class: 'empty', testid: 'inbox-empty', i18n: 'inbox.empty' }));
  if (focused) {
    [...list.querySelectorAll('[data-testid="inbox-row"]')].find((row) => row.dataset.reference === focused)?.focus();
  }
}

/** One item waiting for a decision, with its countdown (the work page shows the same). */
export function inboxRow(entry) {
  return h('li', {},
    h('a', {
      class: ['request-row', 'inbox-row', `urgency-edge--${entry.urgency}`],
      href: `#/requests/${encodeURIComponent(entry.requestId)}`,
      testid: 'inbox-row',
      dataset: { reference: entry.reference },
    },
    h('span', { class: 'request-row__top' },
      urgencyBadge(entry.urgency),
      h('span', { class: 'reference', dir: 'ltr', text: entry.reference }),
      entry.deadline && countdownElement(entry.deadline)),
    h('span', { class: 'request-row__title', text: entry.title }),
    h('span', { class: 'request-row__meta' },
      h('span', { i18n: ['inbox.from', { authority: entry.requestingAuthorityId }] }),
      h('span', { i18n: ['inbox.stage', { stage: stageLabel(entry.stageName) }] }),
      h('span', {}, h('span', { i18n: 'inbox.opened' }), ' ', ageElement(entry.openedAt)))));
}
