// #/deployments — the authority's deployment board across its open requests: as requester, every partner's teams on
// its requests; as assisting party, its own teams. Who is where, since when, until when, how many people; for
// coordinators and admins, the people on mission as a CSV file.
import { getJson } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { errorBox } from '../feedback.js';
import { formatNumber, timeElement } from '../i18n.js';
import { authorityNames } from '../reference.js';

export async function render(outlet, context) {
  const names = await authorityNames();
  const name = (id) => (names.has(id) ? `${names.get(id)} (${id})` : id);
  const roles = context.me?.roles ?? [];
  const body = h('div');
  replaceChildren(outlet,
    h('h1', { tabindex: '-1', i18n: 'deploymentsBoard.title' }),
    (roles.includes('coordinator') || roles.includes('admin'))
      && h('p', {}, h('a', { href: '/api/deployments/personnel?format=csv', download: '', class: 'button', testid: 'personnel-csv', i18n: 'deploymentsBoard.personnelCsv' })),
    // Every line of every cost claim the authority is party to, for its finance office.
    h('p', {},
      h('a', { href: '/api/deployments?format=csv', download: '', class: 'button button--secondary', testid: 'deployments-csv', i18n: 'deploymentsBoard.boardCsv' }), ' ',
      h('a', { href: '/api/claims/lines', download: '', class: 'button button--secondary', testid: 'claims-csv', i18n: 'deploymentsBoard.claimsCsv' })),
    body);
  try {
    const lines = await getJson('/api/deployments', { signal: context.signal });
    replaceChildren(body, lines.length === 0
      ? h('p', { testid: 'deployments-board-empty', i18n: 'deploymentsBoard.empty' })
      : h('div', { class: 'table-scroll' }, h('table', { class: 'board', testid: 'deployments-board' },
        h('caption', { class: 'visually-hidden', i18n: 'deploymentsBoard.title' }),
        h('thead', {}, h('tr', {}, ['reference', 'authority', 'status', 'people', 'since', 'plannedEnd']
          .map((column) => h('th', { scope: 'col', i18n: `deploymentsBoard.${column}` })))),
        h('tbody', {}, lines.map((d) => h('tr', { testid: 'deployments-board-line', dataset: { authority: d.authorityId, status: d.status } },
          h('td', {}, h('a', { href: `#/requests/${encodeURIComponent(d.requestId)}` }, h('bdi', { dir: 'ltr', text: d.reference }))),
          h('td', { text: name(d.authorityId) }),
          h('td', {}, h('span', { i18n: `deployment.status.${d.status}` }),
            d.arrivalOverdue && [' ', h('span', { class: 'badge badge--alert', i18n: 'deployment.overdue' })]),
          h('td', { text: formatNumber(d.people) }),
          h('td', {}, timeElement(d.since)),
          h('td', {}, d.plannedEnd ? timeElement(d.plannedEnd) : '')))))));
  } catch (error) {
    if (error.name !== 'AbortError') {
      replaceChildren(body, errorBox(error, 'deployments-board-error'));
    }
  }
  outlet.querySelector('h1')?.focus();
}
