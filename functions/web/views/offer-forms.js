// The forms about offers on the request page: prepare an offer against the requested lines (one set of terms for
// every line offered, or each line's own, and another type as an alternative), decline to offer with a reason, approve or reject an offer at its stage, withdraw it, ask a
// question on it and answer it.
// Each posts to the API and draws the view it answers; the server checks who may, and names every bad field.
import { ApiError, postJson } from '../api.js';
import { capabilityLabel, catalogueCodes } from '../catalogue-labels.js';
import { h } from '../dom.js';
import { announce, fillError } from '../feedback.js';
import { formatNumber, hasText, t } from '../i18n.js';
import { toLocalInput } from './request-form.js';
import { fieldMessages } from '../problems.js';

/**
 * The coordinator's offer: per requested line the quantity offered (0 leaves it out) and, if need be, another type as
 * an alternative; then the terms, the same for every line or each line's own, and the contact.
 */
export function offerForm({ path, view, show, reload }) {
  const field = (id, labelKey, control, params) => h('div', { class: 'field' }, h('label', { for: id, i18n: [labelKey, params] }), control);
  const number = (id, value) => h('input', { id, type: 'number', inputmode: 'numeric', min: '0', value: String(value), testid: id });
  const text = (id, value = '', attributes = {}) => h('input', { id, type: 'text', value, testid: id, ...attributes });
  const shared = terms('offer', { field, number, text });
  const perLine = h('input', { id: 'offer-per-line', type: 'checkbox', testid: 'offer-per-line' });
  const lines = (view.capabilities ?? []).map((capability, line) => {
    const prefix = `offer-line-${line}`;
    const quantity = number(`offer-quantity-${line}`, 0);
    const alternative = h('select', { id: `${prefix}-code`, testid: `${prefix}-code` },
      h('option', { value: '', i18n: 'exchange.offerForm.asRequested' }),
      catalogueCodes().filter((code) => code !== capability.code).map((code) => h('option', { value: code, i18n: capabilityLabel(code) })));
    const own = terms(prefix, { field, number, text });
    own.element.hidden = true;
    const element = h('fieldset', { class: 'fieldset', testid: 'offer-line' },
      h('legend', { i18n: ['exchange.offerForm.line', { line: formatNumber(line + 1), capability: label(capability.code) }] }),
      field(quantity.id, 'exchange.offerForm.quantity', quantity, { line: formatNumber(line + 1), requested: formatNumber(capability.quantity), capability: label(capability.code) }),
      field(alternative.id, 'exchange.offerForm.alternative', alternative),
      own.element);
    return { line, quantity, alternative, own, element };
  });
  perLine.addEventListener('change', () => {
    shared.element.hidden = perLine.checked;
    lines.forEach((l) => { l.own.element.hidden = !perLine.checked; });
  });
  const name = text('offer-contact-name', '', { autocomplete: 'name' });
  const phone = h('input', { id: 'offer-contact-phone', type: 'tel', testid: 'offer-contact-phone', autocomplete: 'tel' });
  const email = h('input', { id: 'offer-contact-email', type: 'email', testid: 'offer-contact-email', autocomplete: 'email' });
  const alert = h('div', { class: 'alert', role: 'alert', testid: 'offer-errors', hidden: true });
  const element = h('form', { class: 'offer-form', novalidate: true, testid: 'offer-form' },
    lines.length > 1 && h('div', { class: 'field field--check' }, perLine, h('label', { for: 'offer-per-line', i18n: 'exchange.offerForm.perLine' })),
    lines.map((l) => l.element),
    shared.element,
    field('offer-contact-name', 'form.contact.name', name),
    h('div', { class: 'field-pair' }, field('offer-contact-phone', 'form.contact.phone', phone), field('offer-contact-email', 'form.contact.email', email)),
    alert,
    h('button', { type: 'submit', class: 'button button--primary', testid: 'offer-submit', i18n: 'exchange.offerForm.submit' }));
  submitting(element, alert, reload, async () => {
    const offered = lines.filter((l) => Number.parseInt(l.quantity.value || '0', 10) > 0).map((l) => ({
      requestLine: l.line,
      ...(l.alternative.value ? { code: l.alternative.value } : {}),
      quantity: Number.parseInt(l.quantity.value, 10),
      ...(perLine.checked ? l.own : shared).read(),
    }));
    show(await postJson(`${path}/offers`, { lines: offered, contact: { name: name.value.trim(), phone: phone.value.replace(/[\s.()-]/g, ''), email: email.value.trim() } }));
    announce('exchange.offerForm.done');
  });
  return element;
}

// The terms of offered lines: earliest arrival, how long, self-sufficient or not, conditions, estimated cost.
function terms(prefix, { field, number, text }) {
  const arrival = h('input', { id: `${prefix}-arrival`, type: 'datetime-local', testid: `${prefix}-arrival`,
    value: toLocalInput(new Date(Date.now() + 12 * 3600 * 1000).toISOString()) });
  const days = number(`${prefix}-days`, 14);
  const selfSufficient = h('input', { id: `${prefix}-self-sufficient`, type: 'checkbox', testid: `${prefix}-self-sufficient`, checked: true });
  const conditions = text(`${prefix}-conditions`);
  const amount = h('input', { id: `${prefix}-cost`, type: 'number', min: '0', step: '0.01', testid: `${prefix}-cost` });
  const currency = text(`${prefix}-currency`, 'EUR', { maxlength: '3', autocomplete: 'off' });
  const element = h('div', { class: 'offer-terms', testid: `${prefix}-terms` },
    field(arrival.id, 'exchange.offerForm.arrival', arrival),
    field(days.id, 'exchange.offerForm.days', days),
    h('div', { class: 'field field--check' }, selfSufficient, h('label', { for: selfSufficient.id, i18n: 'exchange.offerForm.selfSufficient' })),
    field(conditions.id, 'exchange.offerForm.conditions', conditions),
    h('div', { class: 'field-pair' }, field(amount.id, 'exchange.offerForm.cost', amount), field(currency.id, 'exchange.offerForm.currency', currency)));
  return {
    element,
    read: () => ({
      earliestArrival: arrival.value ? new Date(arrival.value).toISOString() : null,
      durationDays: Number.parseInt(days.value, 10),
      selfSufficient: selfSufficient.checked,
      conditions: conditions.value.trim() || null,
      estimatedCost: amount.value ? { amount: Number(amount.value), currency: currency.value.trim().toUpperCase() } : null,
    }),
  };
}

/** An asked partner's coordinator says it will not offer, and why. */
export function declineForm({ path, show, reload }) {
  const reason = h('textarea', { id: 'decline-reason', rows: '2', testid: 'decline-reason' });
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  const element = h('form', { class: 'offer-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'decline-reason', i18n: 'exchange.decline.reason' }), reason),
    alert,
    h('button', { type: 'submit', class: 'button button--secondary', testid: 'decline-submit', i18n: 'exchange.decline.submit' }));
  submitting(element, alert, reload, async () => show(await postJson(`${path}/declination`, { comment: reason.value.trim() || null })));
  return element;
}

/**
 * One text and one button about one offer: the offerer withdraws it (with an optional reason), the requester asks a
 * question on it, the offerer answers. `act` is the sub-resource posted to (withdrawal, question, answer).
 */
export function offerTextForm({ path, offer, act, show, reload }) {
  const id = `offer-${act}-${offer.offerId}`;
  const text = h('textarea', { id, rows: '2', testid: `offer-${act}-text` });
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  const element = h('form', { class: 'offer__act', novalidate: true, testid: `offer-${act}` },
    h('div', { class: 'field' }, h('label', { for: id, i18n: `exchange.${act}.label` }), text),
    alert,
    h('button', { type: 'submit', class: ['button', act === 'withdrawal' ? 'button--quiet-danger' : 'button--secondary'], testid: `offer-${act}-submit`, i18n: `exchange.${act}.submit` }));
  submitting(element, alert, reload, async () => {
    show(await postJson(`${path}/offers/${encodeURIComponent(offer.offerId)}/${act}`, { comment: text.value.trim() || null }));
    announce(`exchange.${act}.done`);
  });
  return element;
}

/** The offering side's approver decides the offer's current stage; a rejection needs a reason. */
export function offerStageForm({ path, offer, show, reload }) {
  const id = `offer-stage-${offer.offerId}`;
  const comment = h('textarea', { id, rows: '2', testid: 'offer-stage-comment' });
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  let decision = 'approve';
  const button = (value, key, tone) => h('button', { type: 'submit', class: ['button', `button--${tone}`], testid: `offer-stage-${value}`, i18n: key,
    on: { click: () => { decision = value; } } });
  const element = h('form', { class: 'offer__decision', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: id, i18n: 'exchange.stage.comment' }), comment),
    alert,
    button('approve', 'decision.approve', 'primary'), ' ', button('reject', 'decision.reject', 'danger'));
  submitting(element, alert, reload, async () => show(await postJson(`${path}/offers/${encodeURIComponent(offer.offerId)}/approvals`,
    { decision, comment: comment.value.trim() || null, version: offer.version })));
  return element;
}

// One way to send every form: a 409 reloads the request; a problem lists every field it names, in the alert.
function submitting(form, alert, reload, send) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const buttons = [...form.querySelectorAll('button')];
    buttons.forEach((b) => { b.disabled = true; });
    alert.hidden = true;
    try {
      await send();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        await reload();
        return;
      }
      // The problem's title and detail as every page shows them, then each field it names.
      fillError(alert, error);
      alert.append(h('ul', {}, Object.entries(fieldMessages(error.problem)).map(([field, messages]) => h('li', { testid: `problem-${field}` }, `${field}: ${messages.join(' ')}`))));
      alert.hidden = false;
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
}

function label(code) {
  return hasText(`capability.${code}`) ? t(`capability.${code}`) : code;
}
