// #/situation — the authority's situation at a glance, as the server puts it together (/api/situation): requests in
// progress by urgency and status, how much of what each asks is covered, the teams deployed, who is on call now, the
// notices nobody has acknowledged yet, and a map of incidents and teams. It prints as the situation report.
import { getJson } from '../api.js';
import { statusBadge, urgencyBadge } from '../badges.js';
import { capabilityLabel, loadCatalogueLabels } from '../catalogue-labels.js';
import { h, replaceChildren, useStylesheet } from '../dom.js';
import { errorBox } from '../feedback.js';
import { formatNumber, hasText, timeElement } from '../i18n.js';
import { coordinatesText, placeLinks, placesMap } from '../map.js';
import { authorityNames } from '../reference.js';
import { teamLabel } from './notices.js';

const STYLESHEET = new URL('./situation.css', import.meta.url).href;

export async function render(outlet, context) {
  useStylesheet(STYLESHEET);
  const body = h('div', { class: 'situation', 'aria-busy': 'true', testid: 'situation' });
  replaceChildren(outlet,
    h('div', { class: 'situation-head' },
      h('h1', { tabindex: '-1', i18n: 'situation.title' }),
      h('button', { type: 'button', class: 'button button--secondary', testid: 'situation-print', i18n: 'situation.print', on: { click: () => window.print() } })),
    body);
  outlet.querySelector('h1')?.focus();
  try {
    const [situation, names] = await Promise.all([getJson('/api/situation', { signal: context.signal }), authorityNames(), loadCatalogueLabels()]);
    const authority = (id) => (names.has(id) ? `${names.get(id)} (${id})` : id);
    replaceChildren(body,
      h('p', { class: 'situation-at', testid: 'situation-at' }, h('span', { i18n: ['situation.at', { authority: authority(situation.authorityId) }] }), ' ', timeElement(situation.at)),
      counts(situation),
      places(situation, situation.map),
      coverage(situation.requests),
      deployments(situation.deployments, authority),
      onCall(situation.onCall),
      notices(situation.notices));
  } catch (error) {
    if (error.name !== 'AbortError') {
      replaceChildren(body, errorBox(error, 'situation-error'));
    }
  } finally {
    body.removeAttribute('aria-busy');
  }
}

function card(id, titleKey, ...content) {
  return h('section', { class: 'card situation-card', 'aria-labelledby': `situation-${id}-title`, testid: `situation-${id}` },
    h('h2', { id: `situation-${id}-title`, i18n: titleKey }), content);
}

// Each figure links to the list it counts, so a duty officer goes from "2 returned" to those two.
function counts(situation) {
  const figure = (badge, count, testid, href) => h('li', { testid, dataset: { count: String(count) } },
    h('a', { href, class: 'situation-count' }, h('span', { class: 'situation-count__figure', text: formatNumber(count) }), badge));
  return card('counts', 'situation.counts',
    h('p', { class: 'situation-total', testid: 'situation-total', i18n: ['situation.total', { count: situation.inProgress }] }),
    h('div', { class: 'situation-counts' },
      h('div', {},
        h('h3', { i18n: 'situation.byUrgency' }),
        h('ul', { class: 'situation-count-list' }, situation.byUrgency.map((c) =>
          figure(urgencyBadge(c.name), c.count, `situation-urgency-${c.name}`, '#/requests')))),
      h('div', {},
        h('h3', { i18n: 'situation.byStatus' }),
        h('ul', { class: 'situation-count-list' }, situation.byStatus.map((c) =>
          figure(statusBadge(c.name), c.count, `situation-status-${c.name}`, `#/requests?status=${encodeURIComponent(c.name)}`))))),
    situation.moreRequests && h('p', { class: 'field__hint', testid: 'situation-more', i18n: ['situation.more', { shown: situation.requests.length }] }));
}

// Incidents where the requests put them, teams where their last report placed them; the same places as a list.
function places(situation, map) {
  const incidents = situation.requests.filter((r) => r.coordinates).map((r) => ({
    kind: 'incident', latitude: r.coordinates.latitude, longitude: r.coordinates.longitude, href: `#/requests/${encodeURIComponent(r.requestId)}`,
    label: `${r.reference} — ${r.title}`, request: r,
  }));
  const teams = situation.deployments.filter((d) => d.lastKnownPosition).map((d) => ({
    kind: 'deployment', latitude: d.lastKnownPosition.latitude, longitude: d.lastKnownPosition.longitude,
    href: `#/requests/${encodeURIComponent(d.requestId)}`, label: `${d.reference} — ${d.authorityId}`, deployment: d,
  }));
  const all = [...incidents, ...teams];
  if (!all.length) {
    return card('places', 'situation.map', h('p', { testid: 'situation-map-empty', i18n: 'situation.map.empty' }));
  }
  return card('places', 'situation.map',
    placesMap(all, { map, labelKey: 'situation.map.label', testid: 'situation-map' }),
    h('ul', { class: 'situation-places', testid: 'situation-place-list' }, all.map((place) => h('li', { testid: 'situation-place', dataset: { kind: place.kind } },
      h('span', { class: ['badge', `place--${place.kind}`], i18n: `situation.place.${place.kind}` }), ' ',
      h('a', { href: place.href }, h('bdi', { dir: 'ltr', text: place.kind === 'incident' ? place.request.reference : place.deployment.reference })), ' ',
      h('span', { text: place.kind === 'incident' ? place.request.title : place.deployment.authorityId }), ' ',
      h('span', { class: 'situation-place__where', dir: 'ltr', text: coordinatesText(place) }), ' ',
      placeLinks(place)))));
}

// A meter per requested line of each request out to partners: what is accepted against what is asked, with the figures.
function coverage(requests) {
  const covered = requests.filter((r) => r.coverage.length);
  return card('coverage', 'situation.coverage', covered.length
    ? h('ul', { class: 'situation-coverage' }, covered.map((r) => h('li', { testid: 'situation-coverage', dataset: { request: r.requestId } },
      h('h3', {}, h('a', { href: `#/requests/${encodeURIComponent(r.requestId)}` }, h('bdi', { dir: 'ltr', text: r.reference })), ' ', h('span', { text: r.title }), ' ', urgencyBadge(r.urgency)),
      h('ul', { class: 'exchange__coverage' }, r.coverage.map((line) => {
        const label = `situation-line-${r.requestId}-${line.line}`;
        return h('li', { testid: 'situation-coverage-line', dataset: { requested: String(line.requested), offered: String(line.offered), accepted: String(line.accepted) } },
          h('span', { id: label, class: 'exchange__line', i18n: capabilityLabel(line.code) }),
          h('meter', { min: '0', max: String(line.requested), value: String(Math.min(line.accepted, line.requested)), 'aria-labelledby': label }),
          h('span', { class: 'exchange__figures', i18n: ['exchange.figures', {
            requested: formatNumber(line.requested), offered: formatNumber(line.offered), accepted: formatNumber(line.accepted), open: formatNumber(line.open),
          }] }));
      })))))
    : h('p', { testid: 'situation-coverage-empty', i18n: 'situation.coverage.empty' }));
}

function deployments(lines, authority) {
  return card('deployments', 'situation.deployments', lines.length
    ? h('ul', { class: 'situation-list' }, lines.map((d) => h('li', { testid: 'situation-deployment', dataset: { authority: d.authorityId, status: d.status } },
      h('a', { href: `#/requests/${encodeURIComponent(d.requestId)}` }, h('bdi', { dir: 'ltr', text: d.reference })), ' ',
      h('span', { text: authority(d.authorityId) }), ' ',
      h('span', { class: 'badge', i18n: `deployment.status.${d.status}` }),
      d.arrivalOverdue && [' ', h('span', { class: 'badge badge--alert', i18n: 'deployment.overdue' })],
      h('span', { class: 'situation-list__detail', i18n: ['situation.deployment.people', { count: d.people }] }),
      h('span', { class: 'situation-list__detail' }, h('span', { i18n: 'deploymentsBoard.since' }), ' ', timeElement(d.since)))))
    : h('p', { testid: 'situation-deployments-empty', i18n: 'situation.deployments.empty' }));
}

// Who each team would page now, tier by tier, on the team's own clock (the server works it out in the roster's zone).
function onCall(teams) {
  return card('on-call', 'situation.onCall', teams.length
    ? h('ul', { class: 'situation-list' }, teams.map((team) => h('li', { testid: `situation-on-call-${team.team}`, dataset: { team: team.team } },
      h('h3', { i18n: ['situation.onCall.team', { team: teamLabel(team.team) }] }),
      h('p', { class: 'field__hint', i18n: ['situation.onCall.localTime', { time: team.localTime.slice(0, 16).replace('T', ' '), zone: team.timeZone, offset: team.offset }] }),
      team.tiers.length
        ? h('ul', {}, team.tiers.map((tier) => h('li', { testid: 'situation-on-call-tier' },
          h('strong', { i18n: ['situation.onCall.tier', { tier: tier.tier }] }), ' ',
          h('span', { text: tier.people.map((p) => p.name ?? p.personId).join(', ') }),
          tier.gap && [' ', h('span', { class: 'tag tag--unavailable', i18n: 'situation.onCall.gap' })])))
        : h('p', { class: 'alert alert--warning', testid: 'situation-on-call-nobody', i18n: 'situation.onCall.nobody' }))))
    : h('p', { i18n: 'situation.onCall.noTeam' }));
}

function notices(waiting) {
  return card('notices', 'situation.notices', waiting.length
    ? h('ul', { class: 'situation-list' }, waiting.map((n) => h('li', { testid: 'situation-notice', dataset: { kind: n.kind, team: n.team } },
      h('a', { href: `#/requests/${encodeURIComponent(n.requestId)}` }, h('bdi', { dir: 'ltr', text: n.reference })), ' ',
      h('span', { i18n: kindKey(n.kind) }), ' ',
      h('span', { class: 'situation-list__detail', i18n: ['situation.notice.team', { team: teamLabel(n.team), round: n.round }] }),
      h('span', { class: 'situation-list__detail' }, h('span', { i18n: 'situation.notice.openedAt' }), ' ', timeElement(n.openedAt)),
      n.escalatesAt && h('span', { class: 'situation-list__detail' }, h('span', { i18n: 'situation.notice.escalatesAt' }), ' ', timeElement(n.escalatesAt)))))
    : h('p', { testid: 'situation-notices-empty', i18n: 'situation.notices.empty' }));
}

// The request page names a stage-approval notice by its stage; here a stage index alone would say nothing.
function kindKey(kind) {
  if (kind === 'stage-approval') {
    return 'situation.notice.stageApproval';
  }
  return hasText(`notice.kind.${kind}`) ? `notice.kind.${kind}` : ['notice.kind.other', { kind }];
}
