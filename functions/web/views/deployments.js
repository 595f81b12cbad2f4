// The request page's deployments: per partner whose offer was accepted, where its teams stand (status, since when,
// expected arrival and whether it is overdue, planned end, last known position, every report), and what the reader
// may do: report (on the team leader's page), ask to extend, decide an extension, release; then each party's
// after-action note. The server decides what each reader sees (another partner's deployment never reaches this page).
import { ApiError, getJson, postJson } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { announce, errorBox, fillError } from '../feedback.js';
import { formatNumber, timeElement } from '../i18n.js';
import { toLocalInput } from './request-form.js';

const MAX_REASON = 500;
const MAX_NOTE = 4000;

/**
 * Creates the panel. `path` is the request's API path, `id` the request's id; `authority(id)` names an authority.
 * Returns { element, update(view) }: update reads the board again when the request changed.
 */
export function createDeploymentsPanel({ path, id, authority, viewer, signal, onBoard }) {
  const body = h('div');
  const failure = h('div');
  const element = h('section', { class: 'card deployments', 'aria-labelledby': 'deployments-title', testid: 'deployments', hidden: true },
    h('h2', { id: 'deployments-title', i18n: 'deployments.title' }),
    failure,
    body);
  let drawn = null;
  // What a reader typed survives the page's refresh: the forms are kept by deployment, act and version.
  const forms = new Map();

  function draw(board) {
    onBoard?.(board);
    element.hidden = board.deployments.length === 0;
    const json = JSON.stringify(board);
    if (json === drawn) {
      return;
    }
    drawn = json;
    replaceChildren(body, board.deployments.map(card), afterAction(board));
  }

  async function refresh() {
    draw(await getJson(`${path}/deployments`, { signal }));
  }

  async function update(view) {
    const committed = (view.exchange?.offers ?? []).some((o) => o.status === 'accepted' || o.status === 'partially-accepted');
    if (!committed) {
      element.hidden = true;
      return;
    }
    // The board changes without the request's version moving (a report is a row of its own): read it at each refresh.
    try {
      await refresh();
      replaceChildren(failure);
    } catch (error) {
      if (error.name !== 'AbortError') {
        replaceChildren(failure, errorBox(error, 'deployments-error'));
      }
    }
  }

  function card(d) {
    const allowed = d.allowedActions ?? [];
    const last = d.reports?.[d.reports.length - 1];
    return h('article', { class: 'deployment', testid: 'deployment', dataset: { authority: d.authorityId, status: d.status } },
      h('h3', { text: authority(d.authorityId) }),
      h('p', { class: 'badges' },
        h('span', { class: ['badge', `deployment--${d.status}`], testid: 'deployment-status', i18n: `deployment.status.${d.status}` }),
        d.arrivalOverdue && h('span', { class: 'badge badge--alert', testid: 'deployment-overdue', i18n: 'deployment.overdue' })),
      h('dl', { class: 'deployment__facts' },
        fact('deployment.people', h('span', { text: formatNumber(d.people) })),
        fact('deployment.since', timeElement(d.since)),
        d.expectedArrival && fact('deployment.expectedArrival', timeElement(d.expectedArrival)),
        d.plannedEnd && fact('deployment.plannedEnd', timeElement(d.plannedEnd)),
        d.lastKnownPosition && fact('deployment.position', h('bdi', { dir: 'ltr', text: `${d.lastKnownPosition.latitude}, ${d.lastKnownPosition.longitude}` })),
        last?.comment && fact('deployment.lastComment', h('span', { text: last.comment }))),
      extension(d),
      d.release && h('p', { testid: 'deployment-released', i18n: ['deployment.released', { by: d.release.byName }] }, ' ', timeElement(d.release.at)),
      h('details', { class: 'deployment__reports' },
        h('summary', { i18n: ['deployment.reports', { count: d.reports.length }] }),
        h('ol', {}, (d.reports ?? []).map((r) => h('li', {},
          h('span', { i18n: `deployment.status.${r.status}` }), ' · ', timeElement(r.at), ' · ', h('span', { text: r.reporterName }),
          r.comment && h('span', { text: ` — ${r.comment}` }))))),
      h('div', { class: 'deployment__actions' },
        allowed.includes('report') && h('a', {
          class: 'button button--primary', href: `#/requests/${encodeURIComponent(id)}/deployments/${encodeURIComponent(d.authorityId)}`,
          testid: 'deployment-report-link', i18n: 'deployment.report',
        }),
        allowed.includes('release') && kept(d, 'release', () => releaseForm(d)),
        allowed.includes('extend') && kept(d, 'extend', () => extendForm(d)),
        allowed.includes('decide-extension') && kept(d, 'decide', () => decisionForm(d))));
  }

  function kept(d, act, make) {
    const key = `${d.authorityId}:${act}:${d.version}`;
    if (!forms.has(key)) {
      forms.set(key, make());
    }
    return forms.get(key);
  }

  function extension(d) {
    if (!d.extension) {
      return null;
    }
    return h('p', { class: 'deployment__extension', testid: 'deployment-extension', dataset: { status: d.extension.status } },
      h('span', { i18n: [`deployment.extension.${d.extension.status}`, { reason: d.extension.reason }] }), ' ', timeElement(d.extension.until));
  }

  // Each form posts its act and redraws the board it is answered with; a 409 reads the board again.
  function act(d, name, form, box) {
    return async (event) => {
      event.preventDefault();
      const button = event.target.querySelector('button[type="submit"]');
      button.disabled = true;
      try {
        draw(await postJson(`${path}/deployments/${encodeURIComponent(d.authorityId)}/${name}`, { ...form(), version: d.version }, { signal }));
        announce(`deployment.done.${name.replace('/', '-')}`, {});
      } catch (error) {
        button.disabled = false;
        if (error.name === 'AbortError') {
          return;
        }
        fillError(box, error);
        box.hidden = false;
        if (error instanceof ApiError && error.status === 409) {
          drawn = null;
          await refresh().catch(() => {});
        }
      }
    };
  }

  function releaseForm(d) {
    const comment = h('textarea', { id: `release-${d.authorityId}`, rows: '2', maxlength: String(MAX_REASON) });
    const box = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
    return h('details', { class: 'deployment__form', testid: 'deployment-release' },
      h('summary', { i18n: 'deployment.release' }),
      h('form', { on: { submit: act(d, 'release', () => ({ comment: comment.value }), box) } },
        box,
        h('label', { for: comment.id, i18n: 'deployment.release.comment' }), comment,
        h('button', { type: 'submit', class: 'button', testid: 'deployment-release-confirm', i18n: 'deployment.release.confirm' })));
  }

  function extendForm(d) {
    const until = h('input', { id: `extend-until-${d.authorityId}`, type: 'datetime-local', required: true, min: toLocalInput(d.plannedEnd ?? new Date().toISOString()) });
    const reason = h('textarea', { id: `extend-reason-${d.authorityId}`, rows: '2', required: true, maxlength: String(MAX_REASON) });
    const box = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
    return h('details', { class: 'deployment__form', testid: 'deployment-extend' },
      h('summary', { i18n: 'deployment.extend' }),
      h('form', { on: { submit: act(d, 'extension', () => ({ until: until.value ? new Date(until.value).toISOString() : null, reason: reason.value }), box) } },
        box,
        h('label', { for: until.id, i18n: 'deployment.extend.until' }), until,
        h('label', { for: reason.id, i18n: 'deployment.extend.reason' }), reason,
        h('button', { type: 'submit', class: 'button', testid: 'deployment-extend-confirm', i18n: 'deployment.extend.confirm' })));
  }

  function decisionForm(d) {
    const comment = h('textarea', { id: `extension-comment-${d.authorityId}`, rows: '2', maxlength: String(MAX_REASON) });
    const box = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
    let decision = 'approve';
    const choose = (value) => () => { decision = value; };
    return h('form', { class: 'deployment__form', testid: 'deployment-decide', on: { submit: act(d, 'extension/decision', () => ({ decision, comment: comment.value }), box) } },
      box,
      h('label', { for: comment.id, i18n: 'deployment.decide.comment' }), comment,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'button button--primary', testid: 'deployment-approve', on: { click: choose('approve') }, i18n: 'deployment.decide.approve' }),
        h('button', { type: 'submit', class: 'button', testid: 'deployment-decline', on: { click: choose('decline') }, i18n: 'deployment.decide.decline' })));
  }

  function afterAction(board) {
    const notes = board.afterActionNotes ?? [];
    const owed = board.afterActionNotesOwed ?? [];
    if (notes.length === 0 && owed.length === 0) {
      return null;
    }
    return h('section', { class: 'after-action', testid: 'after-action', 'aria-labelledby': 'after-action-title' },
      h('h3', { id: 'after-action-title', i18n: 'afterAction.title' }),
      owed.length > 0 && h('p', { testid: 'after-action-owed', i18n: ['afterAction.owed', { parties: owed.map(authority).join(', ') }] }),
      notes.map((n) => h('blockquote', { class: 'after-action__note', testid: 'after-action-note' },
        h('p', { text: n.note }), h('footer', {}, h('span', { text: `${n.byName} (${authority(n.authorityId)})` }), ' ', timeElement(n.at)))),
      board.requestStatus === 'open' && (owed.includes(viewer) || notes.some((n) => n.authorityId === viewer)) && noteForm());
  }

  function noteForm() {
    const note = h('textarea', { id: 'after-action-note', rows: '4', maxlength: String(MAX_NOTE) });
    const box = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
    return h('form', {
      testid: 'after-action-form',
      on: {
        submit: async (event) => {
          event.preventDefault();
          try {
            draw(await postJson(`${path}/after-action`, { note: note.value }, { signal }));
            announce('afterAction.done', {});
          } catch (error) {
            if (error.name !== 'AbortError') {
              fillError(box, error);
              box.hidden = false;
            }
          }
        },
      },
    },
    box,
    h('label', { for: note.id, i18n: 'afterAction.note' }), note,
    h('button', { type: 'submit', class: 'button', testid: 'after-action-send', i18n: 'afterAction.send' }));
  }

  return { element, update };
}

function fact(key, value) {
  return [h('dt', { i18n: key }), h('dd', {}, value)];
}
