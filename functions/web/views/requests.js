// #/requests — the requests the caller's authority sent or received, newest filing first, a page at a time, filtered by
// the server: by default those still in progress (rejected, closed and cancelled ones only when asked), by status, by reference.
import { getPage } from '../api.js';
import { statusBadge, urgencyBadge } from '../badges.js';
import { h, replaceChildren } from '../dom.js';
import { errorBox } from '../feedback.js';
import { timeElement, translate } from '../i18n.js';

const STATUSES = ['pending-approval', 'returned-for-information', 'open', 'approved', 'dispatched', 'rejected', 'cancelled', 'closed'];
// What "in progress" leaves out unless asked: the requests whose story has ended (the server keeps the others apart).
const FINISHED = ['rejected', 'closed', 'cancelled'];
const IN_PROGRESS = STATUSES.filter((status) => !FINISHED.includes(status));

export async function render(outlet, context) {
  const asked = context.query.get('status');
  const initial = asked === 'all' || STATUSES.includes(asked) ? asked : '';
  const list = h('div', { class: 'list-area', 'aria-busy': 'true' });
  const count = h('p', { class: 'count', role: 'status' });
  const more = h('div', { class: 'list-more' });
  const reference = h('input', {
    id: 'reference-search',
    type: 'search',
    testid: 'reference-search',
    dir: 'ltr',
    autocomplete: 'off',
    value: context.query.get('reference') ?? '',
  });

  const reload = () => {
    // Replacing the URL without a hashchange keeps focus on the filter for keyboard users.
    const query = new URLSearchParams();
    if (filter.value) {
      query.set('status', filter.value);
    }
    if (reference.value.trim()) {
      query.set('reference', reference.value.trim());
    }
    history.replaceState(null, '', `#/requests${query.size ? `?${query}` : ''}`);
    exportLink.href = csvOf(firstPage(filter.value, reference.value.trim()));
    load({ list, count, more }, firstPage(filter.value, reference.value.trim()), context);
  };
  // Every request the filters select, not only the pages shown: the server writes the file.
  const exportLink = h('a', {
    class: 'button button--secondary', download: '', testid: 'requests-csv', i18n: 'requests.exportCsv',
    href: csvOf(firstPage(initial, reference.value.trim())),
  });

  const filter = h('select', { id: 'status-filter', testid: 'status-filter', on: { change: reload } },
    h('option', { value: '', i18n: 'requests.filter.inProgress' }),
    h('option', { value: 'all', i18n: 'requests.filter.all', selected: initial === 'all' }),
    STATUSES.map((status) => h('option', { value: status, i18n: `status.${status}`, selected: status === initial })));

  const search = h('form', { class: 'filter', role: 'search', on: { submit: (event) => { event.preventDefault(); reload(); } } },
    h('label', { for: 'reference-search', i18n: 'requests.search' }),
    reference,
    h('button', { type: 'submit', class: 'button button--secondary', testid: 'reference-search-go', i18n: 'requests.search.go' }));

  const isDutyOfficer = context.me.roles?.includes('duty-officer');
  replaceChildren(outlet,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1', i18n: 'requests.title' }),
      isDutyOfficer && h('a', { class: 'button button--primary', href: '#/new', i18n: 'nav.new' })),
    h('p', { class: 'lead', i18n: 'requests.intro' }),
    h('div', { class: 'filter' }, h('label', { for: 'status-filter', i18n: 'requests.filter' }), filter),
    search,
    h('p', {}, exportLink),
    count,
    list,
    more);
  await load({ list, count, more }, firstPage(initial, reference.value.trim()), context);
}

function firstPage(status, reference) {
  const query = new URLSearchParams();
  if (status !== 'all') {
    query.set('status', status || IN_PROGRESS.join(','));
  }
  if (reference) {
    query.set('reference', reference);
  }
  return query.size ? `/api/requests?${query}` : '/api/requests';
}

function csvOf(listPath) {
  return `${listPath}${listPath.includes('?') ? '&' : '?'}format=csv`;
}

// Loads the first page into the list; each "more" click appends the page the last one linked to.
async function load(area, path, context) {
  const rows = h('ul', { class: 'request-list' });
  let shown = 0;
  const showPage = async (pagePath, button) => {
    area.list.setAttribute('aria-busy', 'true');
    if (button) {
      button.disabled = true;
      translate(button, 'list.loading');
    }
    try {
      const page = await getPage(pagePath, { signal: context.signal });
      rows.append(...page.items.map((entry) => row(entry, context.me.authorityId)));
      shown += page.items.length;
      translate(area.count, page.next ? 'requests.countMore' : 'requests.count', { count: shown });
      replaceChildren(area.list, shown ? rows : h('p', { class: 'empty', testid: 'requests-empty', i18n: 'requests.empty' }));
      replaceChildren(area.more, page.next && h('button', {
        type: 'button',
        class: 'button button--secondary',
        testid: 'requests-more',
        i18n: 'list.more',
        on: { click: (event) => showPage(page.next, event.currentTarget) },
      }));
    } catch (error) {
      if (error.name === 'AbortError') {
        return;
      }
      replaceChildren(area.more, errorBox(error));
    } finally {
      area.list.setAttribute('aria-busy', 'false');
    }
  };
  await showPage(path, null);
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
