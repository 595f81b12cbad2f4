// The request page's on-call notices: who is being paged by SMS (tier, round), how long before the next
// escalation, what became of each SMS, the code to reply with, and acknowledging on the page.
import { stageLabel } from '../badges.js';
import { countdownElement } from '../clock.js';
import { h } from '../dom.js';
import { formatNumber, hasText, timeElement } from '../i18n.js';
import { zoneTimesElement } from '../zones.js';

/**
 * The notices section, or null when the request has none.
 * `acknowledge(notice)` sends the acknowledgement; `person(id)` and `authority(id)` name people and authorities;
 * `viewer` is the reader's authority, whose zone comes first.
 */
export function noticesSection(view, { person, authority, acknowledge, viewer }) {
  const notices = view.notices ?? [];
  if (!notices.length) {
    return null;
  }
  const canAcknowledge = (view.allowedActions ?? []).includes('acknowledge');
  // Open notices first (they are what someone must act on), then the newest.
  const ordered = [...notices].sort((a, b) => rank(a.status) - rank(b.status) || Date.parse(b.openedAt) - Date.parse(a.openedAt));
  return h('section', { class: 'card notices', 'aria-labelledby': 'notices-title', testid: 'notices' },
    h('h2', { id: 'notices-title', i18n: 'request.section.notices' }),
    h('ul', { class: 'notice-list' }, ordered.map((notice) => noticeItem(notice, view, { person, authority, acknowledge, canAcknowledge, viewer }))));
}

function noticeItem(notice, view, { person, authority, acknowledge, canAcknowledge, viewer }) {
  const open = notice.status === 'open';
  const current = (notice.attempts ?? []).filter((attempt) => attempt.step === notice.step);
  const paged = current.length ? current : (notice.attempts ?? []).slice(-1);
  return h('li', {
    class: ['notice-item', `notice-item--${notice.status}`],
    testid: 'notice',
    dataset: { status: notice.status, kind: notice.kind, notice: notice.noticeId },
  },
  h('p', { class: 'notice-item__head' },
    h('strong', { i18n: kindLabel(notice, view) }),
    ' ',
    h('span', { class: ['badge', `notice-status--${notice.status}`], i18n: `notice.status.${notice.status}` })),
  h('p', { class: 'notice-item__meta', i18n: ['notice.team', { authority: authority(notice.authorityId), team: teamLabel(notice.team) }] }),
  open && paged.length > 0 && h('p', { class: 'notice-item__paging' },
    h('span', {
      i18n: ['notice.paging', {
        names: paged.map((attempt) => person(attempt.personId)).join(', '),
        tier: formatNumber(paged[0].tier),
        round: formatNumber(notice.round),
      }],
    })),
  open && notice.escalatesAt && h('p', { class: 'notice-item__escalation', testid: 'notice-escalation' },
    h('span', { i18n: 'notice.escalatesAt' }), ' ',
    zoneTimesElement(notice.escalatesAtLocal, viewer, () => timeElement(notice.escalatesAt)), ' ', countdownElement(notice.escalatesAt)),
  open && notice.code && h('p', { class: 'notice-item__code' },
    h('span', { i18n: 'notice.codeHint' }), ' ',
    // The exact text to send, kept left-to-right inside an Arabic page.
    h('strong', { class: 'sms-code', dir: 'ltr', testid: 'notice-code', text: `OK ${notice.code}` })),
  notice.status === 'acknowledged' && h('p', { class: 'notice-item__ack' },
    h('span', {
      i18n: ['notice.acknowledgedBy', {
        name: person(notice.acknowledgedBy ?? ''),
        via: hasText(`notice.via.${notice.acknowledgedVia}`) ? { $t: `notice.via.${notice.acknowledgedVia}` } : String(notice.acknowledgedVia ?? ''),
      }],
    }), ' ', timeElement(notice.acknowledgedAt)),
  notice.status === 'exhausted' && h('p', { class: 'notice-item__ack', i18n: 'notice.exhaustedHint' }),
  attempts(notice.attempts ?? [], person, open),
  open && canAcknowledge && notice.code && h('div', { class: 'form-actions' },
    h('button', {
      type: 'button',
      class: 'button button--primary',
      testid: 'notice-acknowledge',
      dataset: { notice: notice.noticeId },
      i18n: 'notice.acknowledge',
      on: { click: (event) => acknowledge(notice, event.currentTarget) },
    })));
}

// Every SMS of the notice, newest step first: to whom, at which tier and round, and its delivery.
// Shown at once while paging goes on; folded once the notice is over, so past notices take little room.
function attempts(list, person, open) {
  if (!list.length) {
    return null;
  }
  const rows = [...list].sort((a, b) => b.step - a.step || Date.parse(b.sentAt) - Date.parse(a.sentAt));
  return h('details', { class: 'notice-attempts', open },
    h('summary', { i18n: ['notice.attempts', { count: list.length }] }),
    h('ul', { class: 'attempt-list' }, rows.map((attempt) => h('li', {
      class: 'attempt', testid: 'notice-attempt', dataset: { person: attempt.personId, delivery: attempt.delivery },
    },
    h('span', { class: 'attempt__who', text: person(attempt.personId) }),
    h('span', { class: 'attempt__meta', i18n: ['notice.attempt.tierRound', { tier: formatNumber(attempt.tier), round: formatNumber(attempt.round) }] }),
    timeElement(attempt.sentAt),
    deliveryBadge(attempt.delivery)))));
}

export function deliveryBadge(delivery) {
  const known = hasText(`delivery.${delivery}`);
  return h('span', {
    class: ['badge', `delivery--${delivery}`],
    dataset: { delivery },
    ...(known ? { i18n: `delivery.${delivery}` } : { text: delivery ?? '' }),
  });
}

function kindLabel(notice, view) {
  return noticeKindLabel(notice, view.stages?.find((s) => s.index === notice.stageIndex)?.name);
}

/** What a notice asks for, in words: a stage's decision names the stage (`stageName`, when known). */
export function noticeKindLabel(notice, stageName) {
  if (notice.kind === 'stage-approval') {
    return ['notice.kind.stage-approval', { stage: stageName ? stageLabel(stageName) : String(notice.stageIndex ?? '') }];
  }
  return hasText(`notice.kind.${notice.kind}`) ? `notice.kind.${notice.kind}` : ['notice.kind.other', { kind: notice.kind }];
}

/** A team's name as a text parameter: the dictionaries label the usual teams; another is shown as its code. */
export function teamLabel(team) {
  return hasText(`rosters.team.${team}`) ? { $t: `rosters.team.${team}` } : String(team ?? '');
}

function rank(status) {
  return status === 'open' ? 0 : 1;
}
