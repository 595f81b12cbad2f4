// #/requests/<id>/deployments/<authorityId> — a team leader (or their coordinator) reports where the teams stand,
// on a phone, at 3 a.m.: one big button per status that can follow the current one; a departure asks when the teams
// expect to arrive (one press for the usual delays); the position is added only when asked for.
import { getJson, postJson } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { announce, errorBox, fillError } from '../feedback.js';
import { timeElement } from '../i18n.js';
import { authorityNames } from '../reference.js';
import { toLocalInput } from './request-form.js';

// The statuses that may follow each one (Deployment.CanMove on the server, which decides).
const NEXT = {
  mobilising: ['departed'],
  departed: ['arrived-on-site'],
  'arrived-on-site': ['operating', 'demobilising'],
  operating: ['demobilising'],
  demobilising: ['returned'],
  returned: [],
};
const ARRIVAL_IN_HOURS = [1, 2, 4, 8];
const MAX_COMMENT = 500;

export async function render(outlet, context) {
  const [id, authorityId] = context.params;
  const path = `/api/requests/${encodeURIComponent(id)}`;
  const names = await authorityNames();
  const slot = h('div');
  const back = h('a', { href: `#/requests/${encodeURIComponent(id)}`, class: 'back-link', testid: 'report-back', i18n: 'deploymentReport.back' });
  replaceChildren(outlet, back, slot);

  const draw = (board) => {
    const deployment = board.deployments.find((d) => d.authorityId === authorityId);
    if (!deployment) {
      replaceChildren(slot, h('p', { class: 'alert', role: 'alert', testid: 'report-none', i18n: 'deploymentReport.none' }));
      return;
    }
    replaceChildren(slot, page(board, deployment, names.get(authorityId) ?? authorityId));
    slot.querySelector('h1')?.focus();
  };

  function page(board, d, authorityName) {
    const next = (d.allowedActions ?? []).includes('report') ? NEXT[d.status] ?? [] : [];
    const box = h('div', { class: 'alert alert--error', role: 'alert', tabindex: '-1', hidden: true, testid: 'report-error' });
    const arrival = h('input', { id: 'report-arrival', testid: 'report-arrival', type: 'datetime-local', min: toLocalInput(new Date().toISOString()) });
    const comment = h('textarea', { id: 'report-comment', testid: 'report-comment', rows: '3', maxlength: String(MAX_COMMENT) });
    const where = h('input', { id: 'report-where', testid: 'report-where', type: 'checkbox' });
    const arrivalField = h('div', { class: 'field', hidden: true, testid: 'report-arrival-field' },
      h('label', { for: arrival.id, i18n: 'deploymentReport.arrival' }),
      arrival,
      h('div', { class: 'quick-choices' },
        ARRIVAL_IN_HOURS.map((hours) => h('button', {
          type: 'button', class: 'button button--chip', testid: `report-arrival-${hours}h`,
          i18n: ['deploymentReport.inHours', { hours }],
          on: { click: () => { arrival.value = toLocalInput(new Date(Date.now() + hours * 3600_000).toISOString()); } },
        }))));
    let chosen = null;
    const choices = h('div', { class: 'report-choices', role: 'radiogroup', 'aria-labelledby': 'report-next' },
      next.map((status) => h('button', {
        type: 'button', class: 'button button--big', role: 'radio', 'aria-checked': 'false', testid: `report-${status}`, dataset: { status },
        i18n: `deployment.status.${status}`,
        on: {
          click: (event) => {
            chosen = status;
            for (const button of choices.querySelectorAll('button')) {
              button.setAttribute('aria-checked', String(button === event.currentTarget));
            }
            arrivalField.hidden = status !== 'departed';
            send.disabled = false;
          },
        },
      })));
    const send = h('button', { type: 'submit', class: 'button button--primary button--big', disabled: true, testid: 'report-send', i18n: 'deploymentReport.send' });
    const submit = async (event) => {
      event.preventDefault();
      send.disabled = true;
      box.hidden = true;
      try {
        const position = where.checked ? await currentPosition() : null;
        const body = {
          status: chosen,
          comment: comment.value,
          version: d.version,
          expectedArrival: chosen === 'departed' && arrival.value ? new Date(arrival.value).toISOString() : null,
          latitude: position?.latitude ?? null,
          longitude: position?.longitude ?? null,
        };
        const board = await postJson(`${path}/deployments/${encodeURIComponent(authorityId)}/reports`, body, { signal: context.signal });
        announce('deploymentReport.done', { status: { $t: `deployment.status.${chosen}` } });
        draw(board);
      } catch (error) {
        send.disabled = false;
        if (error.name === 'AbortError') {
          return;
        }
        fillError(box, error);
        box.hidden = false;
        box.focus();
      }
    };
    return h('form', { class: 'deployment-report', testid: 'deployment-report', on: { submit } },
      h('p', { class: 'reference' }, h('bdi', { dir: 'ltr', text: board.reference })),
      h('h1', { tabindex: '-1', i18n: ['deploymentReport.title', { authority: authorityName }] }),
      h('p', { class: 'badges' },
        h('span', { class: ['badge', `deployment--${d.status}`], testid: 'report-current', i18n: `deployment.status.${d.status}` }),
        ' ', timeElement(d.since)),
      box,
      next.length === 0
        ? h('p', { testid: 'report-nothing', i18n: d.status === 'returned' ? 'deploymentReport.home' : 'deploymentReport.notYours' })
        : [
          h('h2', { id: 'report-next', i18n: 'deploymentReport.next' }),
          choices,
          arrivalField,
          h('div', { class: 'field' }, h('label', { for: comment.id, i18n: 'deploymentReport.comment' }), comment),
          h('div', { class: 'field field--check' }, where, h('label', { for: where.id, i18n: 'deploymentReport.where' })),
          send,
        ]);
  }

  try {
    draw(await getJson(`${path}/deployments`, { signal: context.signal }));
  } catch (error) {
    if (error.name !== 'AbortError') {
      replaceChildren(slot, errorBox(error, 'report-load-error'));
    }
  }
}

// The phone's position, if its owner allows it; a refusal or a timeout sends the report without one.
function currentPosition() {
  if (!navigator.geolocation) {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: Math.round(p.coords.latitude * 1e5) / 1e5, longitude: Math.round(p.coords.longitude * 1e5) / 1e5 }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 });
  });
}
