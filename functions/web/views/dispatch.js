// The request page's dispatch of responders: per need how many are needed, asked, accepted, declined, silent and
// waiting; every offer and its answer; and, for the assisting side's coordinators, the form that asks chosen
// responders by SMS. A need is a requested capability (a two-sided route) or, on a request to partners, a role of the
// team the viewer's accepted offer commits (HCP: pump operator).
// The panel is built once per page and only refilled, so the page's 5-second refresh never loses what a
// coordinator is typing or ticking.
import { ApiError, getJson, postJson } from '../api.js';
import { countdownElement } from '../clock.js';
import { h, replaceChildren } from '../dom.js';
import { announce, fillError } from '../feedback.js';
import { capabilityLabel, roleLabel } from '../catalogue-labels.js';
import { formatNumber, hasText, timeElement, translate } from '../i18n.js';
import { zoneTimesElement } from '../zones.js';
import { toLocalInput } from './request-form.js';
import { fieldMessages, hasFieldErrors } from '../problems.js';

/** The server's limit on the meeting point (DispatchDesk.MaxMeetingPoint). */
const MAX_MEETING_POINT = 300;
// The server accepts a report time up to 5 minutes past, for clocks that disagree a little.
const REPORT_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Creates the panel. `path` is the request's API path; `viewer` the reader's authority, whose zone times come first;
 * `show(view)` draws a view the server answered with; `reload()` reads the request again (after a 409, the request
 * changed meanwhile). Returns { element, update(view) }.
 */
export function createDispatchPanel({ path, viewer, signal, show, reload }) {
  const summary = h('div', { class: 'dispatch-summary' });
  const formSlot = h('div');
  // Folded once every capability is covered (asking more people is then the exception), open otherwise.
  const formToggle = h('details', { class: 'dispatch-form', hidden: true },
    h('summary', { class: 'dispatch-form__title', testid: 'dispatch-form-toggle', i18n: 'dispatch.form.title' }),
    formSlot);
  const element = h('section', { class: 'card dispatch', 'aria-labelledby': 'dispatch-title', testid: 'dispatch', hidden: true },
    h('h2', { id: 'dispatch-title', i18n: 'request.section.dispatch' }),
    summary,
    formToggle);

  let lastDispatch = null; // JSON of the dispatch last drawn
  let lastCovered = null;
  let form = null;

  function update(view) {
    const allowed = (view.allowedActions ?? []).includes('dispatch');
    element.hidden = !view.dispatch && !allowed;
    const dispatchJson = JSON.stringify(view.dispatch ?? null);
    if (dispatchJson !== lastDispatch) {
      replaceChildren(summary, dispatchSummary(view, viewer));
    }
    formToggle.hidden = !allowed;
    if (allowed) {
      form ??= createForm({ path, signal, show, reload });
      if (!form.element.isConnected) {
        replaceChildren(formSlot, form.element);
      }
      form.update(view, dispatchJson !== lastDispatch);
      // Only when coverage changes, so a coordinator who opened or folded the form keeps it so across refreshes.
      const covered = Boolean(view.dispatch?.covered);
      if (covered !== lastCovered) {
        formToggle.open = !covered;
        lastCovered = covered;
      }
    } else {
      replaceChildren(formSlot);
      form = null;
    }
    lastDispatch = dispatchJson;
  }

  return { element, update };
}

// ---- what was asked and answered ---------------------------------------------------------------------

function dispatchSummary(view, viewer) {
  const dispatch = view.dispatch;
  if (!dispatch) {
    return h('p', { class: 'empty', testid: 'dispatch-none', i18n: 'dispatch.none' });
  }
  const offers = [...(dispatch.offers ?? [])].sort((a, b) => Date.parse(a.askedAt) - Date.parse(b.askedAt));
  return [
    h('dl', { class: 'definitions' },
      h('dt', { i18n: 'dispatch.meetingPoint' }),
      h('dd', { class: 'prewrap', testid: 'dispatch-meeting-point-shown', text: dispatch.meetingPoint }),
      h('dt', { i18n: 'dispatch.reportAt' }),
      h('dd', { testid: 'dispatch-report-at-shown' }, zoneTimesElement(dispatch.reportAtLocal, viewer, () => timeElement(dispatch.reportAt)))),
    dispatch.covered
      ? h('p', { class: 'alert alert--success', testid: 'dispatch-covered', i18n: 'dispatch.covered' })
      : null,
    h('h3', { i18n: 'dispatch.coverage' }),
    coverageTable(dispatch.coverage ?? []),
    h('h3', { i18n: 'dispatch.offers' }),
    offers.length
      ? h('ul', { class: 'offer-list' }, offers.map((offer) => offerItem(offer, viewer)))
      : h('p', { class: 'empty', i18n: 'dispatch.noOffer' }),
  ];
}

function coverageTable(coverage) {
  const columns = ['needed', 'asked', 'accepted', 'declined', 'silent', 'waiting'];
  // Seven columns do not fit a phone: there each row becomes a block, its cells labelled from data-label (styles.css).
  // The explicit roles keep it a table for screen readers once CSS changes how it is displayed.
  return h('table', { class: 'table coverage-table', role: 'table' },
    h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
      h('th', { scope: 'col', role: 'columnheader', i18n: 'dispatch.column.capability' }),
      columns.map((column) => h('th', { scope: 'col', role: 'columnheader', class: 'numeric', i18n: `dispatch.column.${column}` })))),
    h('tbody', { role: 'rowgroup' }, coverage.map((row) => h('tr', {
      role: 'row',
      class: row.covered ? 'coverage--covered' : null,
      testid: 'dispatch-coverage-row',
      dataset: { capability: row.capability, role: row.role ?? '', covered: String(Boolean(row.covered)) },
    },
    h('th', { scope: 'row', role: 'rowheader' },
      h('span', { i18n: slotLabel(row.capability, row.role) }),
      row.covered && [' ', h('span', { class: 'badge offer-status--accepted', i18n: 'dispatch.capabilityCovered' })]),
    columns.map((column) => h('td', {
      role: 'cell', class: 'numeric', dataset: { column }, i18nAttrs: { 'data-label': [`dispatch.column.${column}`] }, text: formatNumber(row[column] ?? 0),
    }))))));
}

function offerItem(offer, viewer) {
  return h('li', {
    class: ['offer', `offer--${offer.status}`],
    testid: 'dispatch-offer',
    dataset: { person: offer.personId, status: offer.status, capability: offer.capability, role: offer.role ?? '' },
  },
  h('p', { class: 'offer__head' },
    h('strong', { text: offer.personName || offer.personId }), ' ',
    h('span', { class: ['badge', `offer-status--${offer.status}`], i18n: `offer.status.${offer.status}` })),
  h('p', { class: 'offer__meta' }, h('span', { i18n: slotLabel(offer.capability, offer.role) })),
  h('p', { class: 'offer__meta' }, h('span', { i18n: 'dispatch.askedAt' }), ' ', timeElement(offer.askedAt)),
  offer.status === 'asked' && h('p', { class: 'offer__meta' },
    h('span', { i18n: 'dispatch.answerBy' }), ' ',
    zoneTimesElement(offer.answerByLocal, viewer, () => timeElement(offer.answerBy)), ' ', countdownElement(offer.answerBy)),
  offer.answeredAt && h('p', { class: 'offer__meta' }, h('span', { i18n: 'dispatch.answeredAt' }), ' ', timeElement(offer.answeredAt)));
}

// ---- the coordinator's form -----------------------------------------------------------------------------

function createForm({ path, signal, show, reload }) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const problem = h('div', { testid: 'dispatch-error' });
  const meetingPoint = h('input', {
    id: 'dispatch-meeting-point', type: 'text', testid: 'dispatch-meeting-point', maxlength: String(MAX_MEETING_POINT),
    autocomplete: 'off', required: true, 'aria-describedby': 'dispatch-meeting-point-hint dispatch-meeting-point-error',
  });
  const reportAt = h('input', {
    id: 'dispatch-report-at', type: 'datetime-local', testid: 'dispatch-report-at', required: true,
    'aria-describedby': 'dispatch-report-at-hint dispatch-report-at-error',
  });
  const fieldErrors = {
    meetingPoint: h('p', { class: 'field__error', id: 'dispatch-meeting-point-error', testid: 'error-meetingPoint' }),
    reportAt: h('p', { class: 'field__error', id: 'dispatch-report-at-error', testid: 'error-reportAt' }),
    offers: h('p', { class: 'field__error', id: 'dispatch-offers-error', testid: 'error-offers' }),
  };
  const candidateArea = h('div', { class: 'candidates', 'aria-busy': 'true' }, h('p', { class: 'loading', i18n: 'common.loading' }));
  const submit = h('button', { type: 'submit', class: 'button button--primary', testid: 'dispatch-submit', i18n: 'dispatch.submit' });
  const touched = new Map(); // "personId|capability|role" → checked, for the boxes people ticked or unticked themselves
  let typedMeetingPoint = false;
  let typedReportAt = false;
  let candidatesJson = null;
  let view = null;
  let sending = false;

  meetingPoint.addEventListener('input', () => { typedMeetingPoint = true; });
  reportAt.addEventListener('input', () => { typedReportAt = true; });

  const element = h('form', { novalidate: true, testid: 'dispatch-form', on: { submit: (event) => { event.preventDefault(); send(); } } },
    h('p', { class: 'field__hint', i18n: 'dispatch.form.intro' }),
    problem,
    h('div', { class: 'field' },
      h('label', { for: 'dispatch-meeting-point', i18n: 'dispatch.meetingPoint' }),
      h('p', { class: 'field__hint', id: 'dispatch-meeting-point-hint', i18n: ['dispatch.meetingPoint.hint', { max: MAX_MEETING_POINT }] }),
      meetingPoint,
      fieldErrors.meetingPoint),
    h('div', { class: 'field' },
      h('label', { for: 'dispatch-report-at', i18n: 'dispatch.reportAt' }),
      h('p', { class: 'field__hint', id: 'dispatch-report-at-hint', i18n: ['dispatch.reportAt.hint', { zone }] }),
      reportAt,
      fieldErrors.reportAt),
    h('fieldset', { class: 'fieldset', 'aria-describedby': 'dispatch-offers-hint dispatch-offers-error' },
      h('legend', { i18n: 'dispatch.candidates' }),
      h('p', { class: 'field__hint', id: 'dispatch-offers-hint', i18n: 'dispatch.candidates.hint' }),
      candidateArea,
      fieldErrors.offers),
    h('div', { class: 'form-actions' }, submit));

  /** A new view: keep what was typed, fill what was not from the dispatch, and re-read the candidates when it changed. */
  function update(next, dispatchChanged) {
    view = next;
    translate(element.querySelector('#dispatch-offers-hint'), next.dispatchNeeds ? 'dispatch.candidates.hintCommitments' : 'dispatch.candidates.hint');
    if (next.dispatch) {
      // Once started, the dispatch has one meeting point and time; further offers repeat them.
      if (!typedMeetingPoint && !meetingPoint.value) {
        meetingPoint.value = next.dispatch.meetingPoint ?? '';
      }
      if (!typedReportAt && !reportAt.value) {
        reportAt.value = toLocalInput(next.dispatch.reportAt);
      }
    }
    if (dispatchChanged || candidatesJson === null) {
      loadCandidates();
    }
  }

  async function loadCandidates() {
    try {
      const candidates = await getJson(`${path}/dispatch/candidates`, { signal });
      const json = JSON.stringify(candidates);
      if (json === candidatesJson) {
        return;
      }
      candidatesJson = json;
      drawCandidates(candidates);
    } catch (error) {
      if (error.name === 'AbortError') {
        return;
      }
      const box = h('div', { class: 'alert alert--error', role: 'alert' });
      fillError(box, error);
      candidateArea.removeAttribute('aria-busy');
      replaceChildren(candidateArea, box);
    }
  }

  function drawCandidates(candidates) {
    const focused = document.activeElement?.closest?.('[data-testid="dispatch-candidate"]');
    const focusedKey = focused ? keyOf(focused.dataset.person, focused.dataset.capability, focused.dataset.role) : null;
    const chosen = defaultChoice(candidates);
    const groups = slotsOf(view).map((slot, index) => {
      const list = candidates.filter((candidate) => fills(candidate, slot));
      return h('div', { class: 'candidate-group', testid: 'dispatch-candidate-group', dataset: { capability: slot.capability, role: slot.role ?? '' } },
        h('h3', { class: 'candidate-group__title' },
          h('span', { i18n: slotLabel(slot.capability, slot.role) }), ' ',
          h('span', { class: 'tag', i18n: ['dispatch.stillToAsk', { count: slot.stillToAsk }] })),
        list.length
          ? h('ul', { class: 'candidate-list' }, list.map((candidate, position) => candidateItem(candidate, `dispatch-candidate-${index}-${position}`, chosen)))
          : h('p', { class: 'empty', i18n: 'dispatch.noCandidate' }));
    });
    candidateArea.removeAttribute('aria-busy');
    replaceChildren(candidateArea, groups);
    if (focusedKey) {
      boxes().find((box) => keyOf(box.dataset.person, box.dataset.capability, box.dataset.role) === focusedKey)?.focus();
    }
  }

  function candidateItem(candidate, id, chosen) {
    const key = keyOf(candidate.personId, candidate.capability, candidate.role);
    const box = h('input', {
      id,
      type: 'checkbox',
      testid: 'dispatch-candidate',
      dataset: { person: candidate.personId, capability: candidate.capability, role: candidate.role ?? '' },
      checked: candidate.available && chosen.has(key),
      disabled: !candidate.available,
      'aria-describedby': `${id}-error`,
      on: { change: (event) => choose(event.target) },
    });
    return h('li', { class: ['candidate', !candidate.available && 'candidate--unavailable'] },
      h('label', { for: id },
        box,
        h('span', { class: 'candidate__name', text: candidate.name }),
        h('span', { class: 'tag', i18n: ['dispatch.smsLanguage', { language: languageLabel(candidate.language) }] }),
        !candidate.available && h('span', { class: 'tag tag--unavailable', i18n: candidate.smsOptedOut ? 'dispatch.optedOut' : 'dispatch.unavailable' })),
      h('p', { class: 'field__error', id: `${id}-error`, testid: 'error-candidate' }));
  }

  // One person answers one offer: ticking them for a need unticks them for any other.
  function choose(box) {
    touched.set(keyOf(box.dataset.person, box.dataset.capability, box.dataset.role), box.checked);
    if (box.checked) {
      for (const other of boxes()) {
        if (other !== box && other.dataset.person === box.dataset.person && other.checked) {
          other.checked = false;
          touched.set(keyOf(other.dataset.person, other.dataset.capability, other.dataset.role), false);
        }
      }
    }
  }

  // What is ticked without anyone touching it: per need, as many available people as it still needs, never the
  // same person twice; the boxes people did touch keep their state.
  function defaultChoice(candidates) {
    const chosen = new Set();
    const people = new Set();
    for (const [key, checked] of touched) {
      if (checked) {
        chosen.add(key);
        people.add(key.split('|')[0]);
      }
    }
    for (const slot of slotsOf(view)) {
      let count = candidates.filter((c) => fills(c, slot) && chosen.has(keyOf(c.personId, c.capability, c.role))).length;
      for (const candidate of candidates) {
        const key = keyOf(candidate.personId, candidate.capability, candidate.role);
        if (count >= slot.stillToAsk) {
          break;
        }
        if (fills(candidate, slot) && candidate.available && !touched.has(key) && !people.has(candidate.personId)) {
          chosen.add(key);
          people.add(candidate.personId);
          count++;
        }
      }
    }
    return chosen;
  }

  function boxes() {
    return [...candidateArea.querySelectorAll('[data-testid="dispatch-candidate"]')];
  }

  function clearErrors() {
    replaceChildren(problem);
    for (const error of Object.values(fieldErrors)) {
      replaceChildren(error);
    }
    for (const error of candidateArea.querySelectorAll('.field__error')) {
      replaceChildren(error);
    }
    for (const control of element.querySelectorAll('[aria-invalid]')) {
      control.removeAttribute('aria-invalid');
    }
  }

  function fieldError(name, control, message) {
    replaceChildren(fieldErrors[name], message);
    control?.setAttribute('aria-invalid', 'true');
  }

  async function send() {
    if (sending) {
      return;
    }
    clearErrors();
    const point = meetingPoint.value.trim();
    const when = reportAt.value ? new Date(reportAt.value) : null;
    const chosen = boxes().filter((box) => box.checked && !box.disabled);
    const offers = chosen.map((box) => ({ personId: box.dataset.person, capability: box.dataset.capability, ...(box.dataset.role ? { role: box.dataset.role } : {}) }));
    let first = null;
    if (!point) {
      fieldError('meetingPoint', meetingPoint, h('span', { i18n: 'validation.required' }));
      first ??= meetingPoint;
    } else if (point.length > MAX_MEETING_POINT) {
      fieldError('meetingPoint', meetingPoint, h('span', { i18n: ['validation.maxLength', { max: MAX_MEETING_POINT, length: point.length }] }));
      first ??= meetingPoint;
    }
    if (!when || Number.isNaN(when.getTime())) {
      fieldError('reportAt', reportAt, h('span', { i18n: 'validation.required' }));
      first ??= reportAt;
    } else if (when.getTime() < Date.now() - REPORT_TOLERANCE_MS) {
      fieldError('reportAt', reportAt, h('span', { i18n: 'dispatch.reportAtPast' }));
      first ??= reportAt;
    }
    if (!offers.length) {
      fieldError('offers', null, h('span', { i18n: 'dispatch.noneChosen' }));
      first ??= boxes().find((box) => !box.disabled) ?? submit;
    }
    if (first) {
      first.focus();
      return;
    }

    sending = true;
    submit.disabled = true;
    translate(submit, 'form.sending');
    try {
      // datetime-local is read in the browser's time zone; the API takes an instant in UTC.
      const updated = await postJson(`${path}/dispatch`, { meetingPoint: point, reportAt: when.toISOString(), offers }, { signal });
      touched.clear();
      candidatesJson = null;
      show(updated);
      announce('done.dispatch', { count: offers.length, reference: updated.reference });
    } catch (error) {
      if (error.name === 'AbortError') {
        return;
      }
      if (error instanceof ApiError && error.status === 400 && hasFieldErrors(error.problem)) {
        showServerErrors(fieldMessages(error.problem), offers);
      } else {
        const box = h('div', { class: 'alert alert--error', role: 'alert', tabindex: '-1' });
        fillError(box, error);
        replaceChildren(problem, box);
        box.focus();
        if (error instanceof ApiError && error.status === 409) {
          // The request changed meanwhile (closed, already asked): show what it is now, the message stays here.
          reload().catch(() => {});
        }
      }
    } finally {
      sending = false;
      submit.disabled = false;
      translate(submit, 'dispatch.submit');
    }
  }

  // The server's { "offers[1].personId": ["…"] } by the field or the candidate it is about.
  function showServerErrors(errors, offers) {
    let first = null;
    const unplaced = [];
    for (const [rawPath, raw] of Object.entries(errors)) {
      const messages = (Array.isArray(raw) ? raw : [raw]).map(String);
      const text = h('span', { text: messages.join(' ') });
      const pathName = String(rawPath).replace(/^\$\.?/, '');
      const offer = /^offers\[(\d+)\]\.(personId|capability|role)$/i.exec(pathName);
      if (/^meetingPoint$/i.test(pathName)) {
        fieldError('meetingPoint', meetingPoint, text);
        first ??= meetingPoint;
      } else if (/^reportAt$/i.test(pathName)) {
        fieldError('reportAt', reportAt, text);
        first ??= reportAt;
      } else if (/^offers$/i.test(pathName)) {
        fieldError('offers', null, text);
        first ??= boxes().find((box) => !box.disabled) ?? submit;
      } else if (offer && offers[Number(offer[1])]) {
        const sent = offers[Number(offer[1])];
        const box = boxes().find((b) => b.dataset.person === sent.personId && b.dataset.capability === sent.capability && b.dataset.role === (sent.role ?? ''));
        const slot = box ? document.getElementById(box.getAttribute('aria-describedby')) : null;
        if (slot) {
          slot.append(text);
          box.setAttribute('aria-invalid', 'true');
          first ??= box;
        } else {
          fieldErrors.offers.append(text);
          first ??= submit;
        }
      } else {
        unplaced.push(h('p', {}, h('strong', { text: pathName }), ' ', text));
      }
    }
    if (unplaced.length) {
      replaceChildren(problem, h('div', { class: 'alert alert--error', role: 'alert' }, unplaced));
    }
    first?.focus();
  }

  return { element, update };
}

// ---- shared -----------------------------------------------------------------------------------------------

// The needs the form fills, each with how many people it still needs asked. On a request to partners, those of the
// viewer's commitments (dispatchNeeds, which a later acceptance may grow); through a two-sided route, the requested
// capabilities. Once the dispatch started, its coverage says how many are still to ask.
function slotsOf(view) {
  const coverage = view.dispatch?.coverage ?? [];
  const needs = view.dispatchNeeds
    ?? (view.capabilities ?? []).map((c) => ({ capability: c.code, role: null, needed: c.quantity ?? 0 }));
  return needs.map((need) => {
    const role = need.role ?? null;
    const row = coverage.find((c) => c.capability === need.capability && (c.role ?? null) === role);
    const stillToAsk = row ? (row.stillToAsk ?? Math.max(0, row.needed - row.accepted - row.waiting)) : need.needed;
    return { capability: need.capability, role, stillToAsk };
  });
}

function fills(candidate, slot) {
  return candidate.capability === slot.capability && (candidate.role ?? null) === slot.role;
}

function keyOf(personId, capability, role) {
  return `${personId}|${capability}|${role ?? ''}`;
}

// "HCP: Pump operator" for a role of a committed team, the capability alone otherwise.
function slotLabel(capability, role) {
  const named = capabilityLabel(capability);
  if (!role) {
    return named;
  }
  const asParam = (spec) => (typeof spec === 'string' ? { $t: spec } : { $t: spec[0], params: spec[1] });
  return ['dispatch.slot', { capability: asParam(named), role: asParam(roleLabel(role)) }];
}

function languageLabel(code) {
  return hasText(`language.${code}`) ? { $t: `language.${code}` } : String(code ?? '');
}
