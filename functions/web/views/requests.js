// #/requests — the requests the caller's authority sent or received, newest first, filterable by status.
import { getJson } from '../api.js';
import { statusBadge, urgencyBadge } from '../badges.js';
import { h, replaceChildren } from '../dom.js';
import { errorBox } from '../feedback.js';
import { timeElement, translate } from '../i18n.js';

const STATUSES = ['pending-approval', 'returned-for-information', 'approved', 'rejected', 'cancelled', 'dispatched', 'closed'];

export async function render(outlet, context) {
  const initial = STATUSES.includes(context.query.get('status')) ? context.query.get('status') : '';
  const list = h('div', { class: 'list-area', 'aria-busy': 'true' });
  const count = h('p', { class: 'count', role: 'status' });

  const filter = h('select', {
    id: 'status-filter',
    testid: 'status-filter',
    on: {
      change: () => {
        // Replacing the URL without a hashchange keeps focus on the filter for keyboard users.
        history.replaceState(null, '', filter.value ? `#/requests?status=${filter.value}` : '#/requests');
        load(list, count, filter.value, context);
      },
    },
  },
  h('option', { value: '', i18n: 'requests.filter.all' }),
  STATUSES.map((status) => h('option', { value: status, i18n: `status.${status}`, selected: status === initial })));

  const isDutyOfficer = context.me.roles?.includes('duty-officer');
  replaceChildren(outlet,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1', i18n: 'requests.title' }),
      isDutyOfficer && h('a', { class: 'button button--primary', href: '#/new', i18n: 'nav.new' })),
    h('p', { class: 'lead', i18n: 'requests.intro' }),
    h('div', { class: 'filter' }, h('label', { for: 'status-filter', i18n: 'requests.filter' }), filter),
    count,
    list);
  await load(list, count, initial, context);
}

async function load(list, count, status, context) {
  list.setAttribute('aria-busy', 'true');
  const query = status ? `?status=${encodeURIComponent(status)}` : '';
  try {
    const entries = await getJson(`/api/requests${query}`, { signal: context.signal });
    translate(count, 'requests.count', { count: entries.length });
    replaceChildren(list, entries.length
      ? h('ul', { class: 'request-list' }, entries.map((entry) => row(entry, context.me.authorityId)))
      : h('p', { class: 'empty', testid: 'requests-empty', i18n: 'requests.empty' }));
  } catch (error) {
    if (error.name === 'AbortError') {
      return;
    }
    replaceChildren(list, errorBox(error));
  } finally {
    list.setAttribute('aria-busy', 'false');
  }
}

function row(entry, ownAuthorityId) {
  const sent = entry.requestingAuthorityId === ownAuthorityId;
  return h('li', {},
    h('a', {
      class: ['request-row', `urgency-edge--${entry.urgency}`],
      href: `#/requests/${encodeURIComponent(entry.requestId)}`,
      testid: 'request-row',
      dataset: { reference: entry.reference },
    },
    h('span', { class: 'request-row__top' },
      h('span', { class: 'reference', dir: 'ltr', text: entry.reference }),
      urgencyBadge(entry.urgency),
      statusBadge(entry.status)),
    h('span', { class: 'request-row__title', text: entry.title }),
    h('span', { class: 'request-row__meta' },
      h('span', { class: 'tag', i18n: sent ? 'requests.sent' : 'requests.received' }),
      h('span', { i18n: ['requests.direction', { from: entry.requestingAuthorityId, to: entry.assistingAuthorityId || (entry.addressedAuthorityIds ?? []).join(', ') }] }),
      h('span', {}, h('span', { i18n: 'requests.updated' }), ' ', timeElement(entry.updatedAt)))));
}
