// #/requests/<id> — one request: details, approval stages, on-call notices, the dispatch of responders, history,
// and the actions the server says the viewer may take.
import { ApiError, getJson, postJson } from '../api.js';
import { stageLabel, stageStatusBadge, statusBadge, urgencyBadge } from '../badges.js';
import { capabilityLabel, loadCatalogueLabels } from '../catalogue-labels.js';
import { countdownElement } from '../clock.js';
import { h, replaceChildren } from '../dom.js';
import { announce, fillError, unreachable } from '../feedback.js';
import { formatNumber, timeElement } from '../i18n.js';
import { coordinatesText, placeLinks, placesMap } from '../map.js';
import { authorityNames } from '../reference.js';
import { zoneTimesElement } from '../zones.js';
import { openCommentDialog } from './decision-dialog.js';
import { lazyPanel } from './lazy-panel.js';
import { noticesSection } from './notices.js';

// While someone is being paged or responders have not answered, the page re-reads the request this often,
// so answers given by SMS appear without anyone reloading.
const REFRESH_MS = 5_000;

// What each action's dialog asks; reject and return need a reason, the server refuses them without one.
const DIALOGS = {
  approve: { titleKey: 'dialog.approve.title', commentKey: 'dialog.approve.comment', required: false, confirmKey: 'decision.approve', tone: 'primary' },
  reject: { titleKey: 'dialog.reject.title', commentKey: 'dialog.reject.comment', required: true, confirmKey: 'decision.reject', tone: 'danger' },
  return: { titleKey: 'dialog.return.title', commentKey: 'dialog.return.comment', required: true, confirmKey: 'decision.return', tone: 'secondary' },
  cancel: { titleKey: 'dialog.cancel.title', textKey: 'dialog.cancel.text', commentKey: 'dialog.cancel.comment', required: false, confirmKey: 'dialog.cancel.confirm', tone: 'danger' },
  close: { titleKey: 'dialog.close.title', textKey: 'dialog.close.text', commentKey: 'dialog.close.comment', required: false, confirmKey: 'dialog.close.confirm', tone: 'primary' },
  'close-to-offers': {
    titleKey: 'dialog.closeToOffers.title', textKey: 'dialog.closeToOffers.text', commentKey: 'dialog.closeToOffers.comment', required: false,
    confirmKey: 'dialog.closeToOffers.confirm', tone: 'secondary',
  },
};

// Where each action is sent; decisions carry the version read, so a request changed meanwhile is refused (409).
const SUBMITS = {
  cancel: (path, comment) => postJson(`${path}/cancellation`, { comment }),
  close: (path, comment) => postJson(`${path}/closure`, { comment }),
  'close-to-offers': (path, comment) => postJson(`${path}/closure-to-offers`, { comment }),
};

export async function render(outlet, context) {
  const [id] = context.params;
  const path = `/api/requests/${encodeURIComponent(id)}`;
  const names = await authorityNames();
  await loadCatalogueLabels();
  const people = await peopleNames(context);
  // Survives re-renders, so a "someone decided first" message stays visible above the reloaded request.
  const notice = h('div', { class: 'notice', testid: 'request-notice' });
  // The page is drawn in slots that are refilled; the dispatch panel between them is never detached, so a
  // refresh keeps the focus and whatever a coordinator is typing in its form.
  const top = h('div');
  const noticesSlot = h('div');
  const rest = h('div');
  let shown = null; // JSON of the view on screen
  // Whether people unfolded or folded the history themselves (null: not yet): a refresh keeps their choice.
  const folding = { timelineOpen: null };
  let latest = null;

  const reload = async () => draw(await getJson(path, { signal: context.signal }));

  const failed = async (error) => {
    const box = h('div', { class: 'alert alert--error', role: 'alert', tabindex: '-1' });
    fillError(box, error);
    replaceChildren(notice, box);
    box.focus();
    if (error instanceof ApiError && error.status === 409) {
      // Someone else decided, or the request changed: show what it is now.
      try {
        await reload();
      } catch (reloadError) {
        fillError(box, reloadError);
      }
    }
  };

  const act = (action, view) => {
    const dialog = DIALOGS[action];
    const opened = openCommentDialog({
      ...dialog,
      titleParams: { reference: view.reference },
      submit: async (comment) => {
        const updated = SUBMITS[action]
          ? await SUBMITS[action](path, comment)
          : await postJson(`${path}/decisions`, { decision: action, comment, version: view.version });
        replaceChildren(notice);
        draw(updated);
        announce(`done.${action}`, { reference: updated.reference });
      },
      onDone: () => top.querySelector('h1')?.focus(),
      onFailure: failed,
    });
    if (action === 'close') {
      // The shared dialog names its button for decisions; closing has its own name for tests and tools.
      opened.querySelector('[data-testid="decision-confirm"]')?.setAttribute('data-testid', 'close-confirm');
    }
  };

  const acknowledge = async (item, button) => {
    button.disabled = true;
    try {
      const updated = await postJson(`${path}/notices/${encodeURIComponent(item.noticeId)}/acknowledgement`, {}, { signal: context.signal });
      replaceChildren(notice);
      draw(updated);
      announce('done.acknowledge', { reference: updated.reference });
      top.querySelector('h1')?.focus();
    } catch (error) {
      button.disabled = false;
      if (error.name !== 'AbortError') {
        failed(error);
      }
    }
  };

  const viewer = context.me?.authorityId;
  // A panel's change answers with the request: drawn at once, any earlier failure notice cleared.
  const show = (updated) => {
    replaceChildren(notice);
    draw(updated);
  };
  // The panels' code is fetched once the request has offers or a dispatch (lazy-panel.js): without either, none of
  // them shows anything (the deployments' and claims' follow from accepted offers).
  let panelsFile = null;
  const panels = () => (panelsFile ??= import('./request-panels.js').catch((cause) => {
    panelsFile = null; // asked again at the next refresh
    throw unreachable(cause);
  }));
  const offersOrDispatch = (view) => Boolean(view.exchange || view.dispatch || (view.allowedActions ?? []).includes('dispatch'));
  const dispatchPanel = lazyPanel(async () => (await panels()).createDispatchPanel({ path, viewer, signal: context.signal, show, reload }), offersOrDispatch);
  const exchangePanel = lazyPanel(async () => (await panels()).createExchangePanel({ path, show, reload }), offersOrDispatch);
  const authorityLabel = (authorityId) => (names.has(authorityId) ? `${names.get(authorityId)} (${authorityId})` : authorityId);
  const claimsPanel = lazyPanel(async () => (await panels()).createClaimsPanel({
    path, viewer, roles: context.me?.roles ?? [], authority: authorityLabel, signal: context.signal,
  }));
  const deploymentsPanel = lazyPanel(async () => (await panels()).createDeploymentsPanel({
    path, id, authority: authorityLabel, viewer, signal: context.signal, onBoard: (board) => claimsPanel.update(board),
  }), offersOrDispatch);

  function draw(view) {
    latest = view;
    // Deployments are rows of their own: the board may change while the request does not.
    deploymentsPanel.update(view);
    const json = JSON.stringify(view);
    if (json === shown) {
      return; // nothing changed: leave the page (and the focus) alone
    }
    shown = json;
    const parts = requestPage(view, names, people, act, viewer, context.me?.roles ?? [], folding);
    replaceChildren(top, parts.top);
    replaceChildren(noticesSlot, noticesSection(view, { person: parts.person, authority: parts.authority, acknowledge, viewer }));
    dispatchPanel.update(view);
    exchangePanel.update(view);
    replaceChildren(rest, parts.rest);
  }

  await reload();
  replaceChildren(outlet, notice, top, noticesSlot, exchangePanel.element, dispatchPanel.element, deploymentsPanel.element, claimsPanel.element, rest);

  const timer = setInterval(async () => {
    if (!latest || !needsRefresh(latest) || document.hidden) {
      return;
    }
    try {
      await reload();
    } catch (error) {
      // A missed refresh is retried at the next tick; the page keeps what it shows.
      if (error.name !== 'AbortError') {
        console.warn('Refreshing the request failed', error);
      }
    }
  }, REFRESH_MS);
  context.signal.addEventListener('abort', () => clearInterval(timer));
}

// Someone is being paged, or a responder has not answered yet.
function needsRefresh(view) {
  return (view.notices ?? []).some((n) => n.status === 'open')
    || (view.dispatch?.offers ?? []).some((o) => o.status === 'asked')
    || view.status === 'open';
}

// Coordinators and admins may read their authority's people, which names the people paged and dispatched.
async function peopleNames(context) {
  const roles = context.me?.roles ?? [];
  if (!roles.includes('coordinator') && !roles.includes('admin')) {
    return new Map();
  }
  try {
    const list = await getJson('/api/people', { signal: context.signal });
    return new Map(list.map((p) => [p.personId, p.name]));
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    return new Map(); // without names the page shows identifiers
  }
}

function requestPage(view, names, directory, act, viewer, roles, folding) {
  const authority = (id) => (names.has(id) ? `${names.get(id)} (${id})` : id);
  // Stages, filing and notices name people by id; the directory (for coordinators) and the timeline know their names.
  const people = new Map([...directory, ...(view.timeline ?? []).filter((event) => event.actorId !== 'system').map((event) => [event.actorId, event.actorName])]);
  const person = (id) => people.get(id) || id;
  const stageName = (index) => {
    const stage = view.stages?.find((s) => s.index === index);
    return stage ? stageLabel(stage.name) : null;
  };
  const top = [
    h('header', { class: 'request-head' },
      h('p', { class: 'reference', testid: 'request-reference' }, h('bdi', { dir: 'ltr', text: view.reference })),
      h('h1', { tabindex: '-1', text: view.incident?.title }),
      h('p', { class: 'badges' }, statusBadge(view.status, 'request-status'), urgencyBadge(view.urgency)),
      h('p', { class: 'direction', i18n: ['request.direction', { from: authority(view.requestingAuthorityId), to: view.exchange ? view.exchange.addressees.map((a) => authority(a.authorityId)).join(', ') : authority(view.assistingAuthorityId) }] })),
    decisionReason(view, person, stageName),
    pendingStage(view, authority, viewer),
    actions(view, act),
  ];
  const rest = [
    h('div', { class: 'request-grid' },
      section('request.section.incident', definitions([
        ['request.incidentType', h('span', { i18n: `incidentType.${view.incident?.type}` })],
        ['request.region', text(view.incident?.region)],
        ['request.place', text(view.incident?.place)],
        view.incident?.coordinates && ['request.coordinates', [
          h('span', { dir: 'ltr', testid: 'request-coordinates', text: coordinatesText(view.incident.coordinates) }), ' ',
          placeLinks(view.incident.coordinates, 'request-place')]],
        ['request.neededBy', h('span', { testid: 'request-needed-by' }, zoneTimesElement(view.neededByLocal, viewer, () => timeElement(view.neededBy)))],
        ['request.language', h('span', { i18n: `language.${view.language}` })],
      ]), incidentMap(view), h('h3', { i18n: 'request.description' }), h('p', { class: 'prewrap', text: view.incident?.description })),
      section('request.section.capabilities', capabilities(view.capabilities ?? [])),
      section('request.section.contact', definitions([
        ['form.contact.name', text(view.contact?.name)],
        ['form.contact.phone', h('a', { href: `tel:${view.contact?.phone}`, dir: 'ltr', text: view.contact?.phone })],
        ['form.contact.email', h('a', { href: `mailto:${view.contact?.email}`, dir: 'ltr', text: view.contact?.email })],
      ])),
      section('request.section.filing', definitions([
        ['request.filedBy', text(person(view.filedBy))],
        ['request.filedAt', timeElement(view.filedAt)],
        ['request.updatedAt', timeElement(view.updatedAt)],
      ]))),
    section('request.section.stages', stepper(view, authority, person, viewer, roles.includes('admin'))),
    timelineSection(view.timeline ?? [], stageName, folding),
  ];
  return { top, rest, person, authority };
}

// Why a request came back or was refused, first thing on the page: its requester must act on it (or know it is over).
function decisionReason(view, person, stageName) {
  const kinds = { 'returned-for-information': 'returned', rejected: 'rejected' };
  const stageStatus = kinds[view.status];
  const stage = stageStatus && [...(view.stages ?? [])].filter((s) => s.status === stageStatus)
    .sort((a, b) => String(b.decidedAt ?? '').localeCompare(String(a.decidedAt ?? '')))[0];
  if (!stage) {
    return null;
  }
  return h('div', { class: ['alert', stageStatus === 'rejected' ? 'alert--error' : 'alert--warning', 'decision-reason'], testid: 'decision-reason' },
    h('p', { class: 'alert__title', i18n: [`request.reason.${stageStatus}`, { name: person(stage.decidedBy ?? ''), stage: stageName(stage.index) ?? '' }] }),
    stage.decidedAt && h('p', {}, timeElement(stage.decidedAt)),
    stage.comment && h('blockquote', { class: 'comment prewrap', text: stage.comment }));
}

// Where the request waits now, and for how long it may still wait.
function pendingStage(view, authority, viewer) {
  const stage = view.status === 'pending-approval' ? view.stages?.find((s) => s.index === view.currentStageIndex) : null;
  if (!stage) {
    return null;
  }
  return h('div', { class: 'alert alert--info pending-stage', testid: 'pending-stage' },
    h('p', { class: 'alert__title', i18n: ['request.waitingFor', { stage: stageLabel(stage.name), authority: authority(stage.authorityId) }] }),
    stage.deadline && h('p', {},
      h('span', { i18n: 'request.stage.deadline' }), ' ', stageDeadline(stage, viewer), ' ', countdownElement(stage.deadline)));
}

function actions(view, act) {
  const allowed = view.allowedActions ?? [];
  // Acknowledging and dispatching have their own sections; this bar holds the request-wide actions.
  if (!allowed.some((action) => ['approve', 'reject', 'return', 'resubmit', 'amend', 'cancel', 'close', 'close-to-offers'].includes(action))) {
    return null;
  }
  const button = (action, key, tone) => allowed.includes(action) && h('button', {
    type: 'button', class: ['button', `button--${tone}`], testid: `decide-${action}`, i18n: key, on: { click: () => act(action, view) },
  });
  return h('section', { class: 'actions request-actions', 'aria-labelledby': 'actions-title' },
    h('h2', { id: 'actions-title', class: 'visually-hidden', i18n: 'request.actions' }),
    button('approve', 'decision.approve', 'primary'),
    button('return', 'decision.return', 'secondary'),
    button('reject', 'decision.reject', 'danger'),
    allowed.includes('resubmit') && h('a', {
      class: 'button button--primary', href: `#/requests/${encodeURIComponent(view.id)}/resubmit`, testid: 'resubmit', i18n: 'request.resubmit',
    }),
    allowed.includes('amend') && h('a', {
      class: 'button button--secondary', href: `#/requests/${encodeURIComponent(view.id)}/amend`, testid: 'amend', i18n: 'request.amend',
    }),
    allowed.includes('cancel') && h('button', {
      type: 'button', class: 'button button--quiet-danger', testid: 'cancel', i18n: 'request.cancel', on: { click: () => act('cancel', view) },
    }),
    allowed.includes('close-to-offers') && h('button', {
      type: 'button', class: 'button button--secondary', testid: 'close-to-offers', i18n: 'request.closeToOffers', on: { click: () => act('close-to-offers', view) },
    }),
    allowed.includes('close') && h('button', {
      type: 'button', class: 'button button--secondary', testid: 'close-request', i18n: 'request.close', on: { click: () => act('close', view) },
    }));
}

// A stage's deadline in both authorities' zones: each side reads it on its own clock.
function stageDeadline(stage, viewer) {
  return zoneTimesElement(stage.deadlineLocal, viewer, () => timeElement(stage.deadline));
}

// Approver groups are codes of the directory: only the admins who keep them read them.
function stepper(view, authority, person, viewer, showGroups) {
  return h('ol', { class: 'stepper' }, (view.stages ?? []).map((stage) => {
    const current = view.status === 'pending-approval' && stage.index === view.currentStageIndex;
    return h('li', {
      class: ['step', `step--${stage.status}`], testid: 'stage', dataset: { status: stage.status }, 'aria-current': current ? 'step' : null,
    },
    h('span', { class: 'step__marker', 'aria-hidden': 'true', text: formatNumber(stage.index + 1) }),
    h('div', { class: 'step__body' },
      h('p', { class: 'step__head' }, h('strong', { i18n: ['request.stage.name', { stage: stageLabel(stage.name) }] }), ' ', stageStatusBadge(stage.status)),
      h('p', { class: 'step__meta' },
        h('span', { text: authority(stage.authorityId) }),
        showGroups && [' · ', h('span', { i18n: ['request.stage.group', { group: stage.approverGroup }] })]),
      stage.openedAt && h('p', { class: 'step__meta' }, h('span', { i18n: 'request.stage.opened' }), ' ', timeElement(stage.openedAt)),
      stage.status === 'pending' && stage.deadline && h('p', { class: 'step__meta' },
        h('span', { i18n: 'request.stage.deadline' }), ' ', stageDeadline(stage, viewer), ' ', countdownElement(stage.deadline)),
      stage.decidedAt && h('p', { class: 'step__meta' },
        h('span', { i18n: ['request.stage.decided', { name: person(stage.decidedBy ?? '') }] }), ' ', timeElement(stage.decidedAt)),
      stage.comment && h('blockquote', { class: 'comment prewrap', text: stage.comment })));
  }));
}

// Folded once it is long, so that on a phone the sections that ask for action stay near the top; printing unfolds it.
function timelineSection(events, stageName, folding) {
  return h('details', {
    class: 'card timeline-card',
    testid: 'timeline',
    open: folding.timelineOpen ?? events.length <= TIMELINE_OPEN_UP_TO,
    on: { toggle: (event) => { folding.timelineOpen = event.target.open; } },
  },
    h('summary', {}, h('h2', { i18n: ['request.section.timelineCount', { count: events.length }] })),
    timeline(events, stageName));
}

const TIMELINE_OPEN_UP_TO = 6;

function timeline(events, stageName) {
  if (!events.length) {
    return h('p', { class: 'empty', i18n: 'request.timeline.empty' });
  }
  return h('ol', { class: 'timeline' }, [...events].sort((a, b) => a.sequence - b.sequence).map((event) => {
    const stage = event.stageIndex !== null && event.stageIndex !== undefined ? stageName(event.stageIndex) : null;
    return h('li', { class: ['timeline__entry', `timeline__entry--${event.action}`], testid: 'timeline-entry', dataset: { action: event.action } },
      timeElement(event.at),
      h('p', { class: 'timeline__what' },
        h('strong', { i18n: `action.${event.action}` }),
        stage && h('span', { class: 'timeline__stage', i18n: ['request.timeline.stage', { stage }] })),
      event.actorId === 'system'
        ? h('p', { class: 'timeline__who', i18n: 'request.timeline.bySystem' })
        : h('p', { class: 'timeline__who', i18n: ['request.timeline.by', { name: event.actorName || event.actorId }] }),
      event.changes?.length > 0 && h('p', { class: 'timeline__changes', testid: 'timeline-changes' },
        h('span', { i18n: 'request.timeline.changed' }), ' ',
        event.changes.map((path, index) => [index > 0 && ', ', changeLabel(path)])),
      event.comment && showsComment(event) && h('blockquote', { class: 'comment prewrap', text: event.comment }));
  }));
}

// What the system writes in an event's comment is its log, in English and codes ("tier 1, round 1", "MA-DGPC /
// validation"): the page keeps only the system's comments that are a person's name (who was sent, called, reached).
function showsComment(event) {
  return event.actorId !== 'system' || /^(sms|call)-/.test(event.action) || event.action === 'notice-sent' || event.action === 'notice-called';
}

// An amended field by the label the form gives it; a line by its number.
function changeLabel(path) {
  const line = /^capabilities\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (line) {
    const n = Number(line[1]) + 1;
    return h('span', { dataset: { path }, i18n: line[2] ? [`request.changed.line.${line[2]}`, { n }] : ['request.changed.lineAdded', { n }] });
  }
  const keys = { 'incident.coordinates': 'request.changed.coordinates', contact: 'request.changed.contact' };
  return h('span', { dataset: { path }, i18n: keys[path] ?? `form.${path}` });
}

function capabilities(list) {
  return h('table', { class: 'table' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', i18n: 'form.capability.code' }),
      h('th', { scope: 'col', class: 'numeric', i18n: 'form.capability.quantity' }),
      h('th', { scope: 'col', i18n: 'form.capability.notes' }))),
    h('tbody', {}, list.map((capability) => h('tr', {},
      h('td', { i18n: capabilityLabel(capability.code) }),
      h('td', { class: 'numeric', text: formatNumber(capability.quantity) }),
      h('td', { class: 'prewrap', text: capability.notes ?? '' })))));
}

// Where the incident is, on a small map; the links beside the coordinates open it elsewhere.
function incidentMap(view) {
  const where = view.incident?.coordinates;
  return where && placesMap([{ kind: 'incident', ...where, label: `${view.reference} — ${view.incident.title}` }],
    { labelKey: 'request.map.label', testid: 'request-map', className: 'place-map place-map--small', lazy: true });
}

function section(titleKey, ...body) {
  return h('section', { class: 'card' }, h('h2', { i18n: titleKey }), body);
}

function definitions(items) {
  return h('dl', { class: 'definitions' }, items.filter(Boolean).map(([labelKey, value]) => [h('dt', { i18n: labelKey }), h('dd', {}, value)]));
}

function text(value) {
  return h('span', { text: value ?? '' });
}
