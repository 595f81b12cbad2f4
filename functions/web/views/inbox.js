// #/inbox — what waits for the approver's decision, most urgent then oldest first (the server's order),
// refreshed every 15 seconds with a live countdown to each deadline.
import { getJson } from '../api.js';
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

  const refresh = refreshing({
    list,
    problem,
    everyMs: REFRESH_MS,
    signal: context.signal,
    load: async () => {
      const entries = await getJson('/api/approvals', { signal: context.signal });
      redraw(list, entries);
      translate(status, 'inbox.refreshed', { time: formatTime(new Date()), count: entries.length });
    },
  });

  replaceChildren(outlet,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1', i18n: 'inbox.title' }),
      h('button', { type: 'button', class: 'button button--secondary', testid: 'inbox-refresh', i18n: 'inbox.refresh', on: { click: refresh } })),
    h('p', { class: 'lead', i18n: 'inbox.intro' }),
    status,
    problem,
    list);
  await refresh();
}

function redraw(list, entries) {
  // A refresh must not throw the keyboard user out of the list: refocus the row they were on.
  const focused = document.activeElement?.closest?.('[data-testid="inbox-row"]')?.dataset.reference;
  replaceChildren(list, entries.length
    ? h('ul', { class: 'request-list' }, entries.map(row))
    : h('p', { class: 'empty', testid: 'inbox-empty', i18n: 'inbox.empty' }));
  if (focused) {
    [...list.querySelectorAll('[data-testid="inbox-row"]')].find((row) => row.dataset.reference === focused)?.focus();
  }
}

function row(entry) {
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
