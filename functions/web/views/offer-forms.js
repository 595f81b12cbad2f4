// The forms about offers on the request page: prepare an offer against the requested lines (one set of terms for
// every line offered), decline to offer with a reason, approve or reject an offer at its stage, withdraw it, ask a
// question on it and answer it.
// Each posts to the API and draws the view it answers; the server checks who may, and names every bad field.
import { ApiError, postJson } from '../api.js';
import { h } from '../dom.js';
import { announce, fillError } from '../feedback.js';
import { formatNumber, hasText, t } from '../i18n.js';
import { toLocalInput } from './request-form.js';

/** The coordinator's offer: a quantity per requested line (0 leaves it out), then the terms and the contact. */
export function offerForm({ path, view, show, reload }) {
  const field = (id, labelKey, control, params) => h('div', { class: 'field' }, h('label', { for: id, i18n: [labelKey, params] }), control);
  const number = (id, value) => h('input', { id, type: 'number', inputmode: 'numeric', min: '0', value: String(value), testid: id });
  const text = (id, value = '', attributes = {}) => h('input', { id, type: 'text', value, testid: id, ...attributes });
  const quantities = (view.capabilities ?? []).map((capability, line) => ({ line, input: number(`offer-quantity-${line}`, 0), capability }));
  const arrival = h('input', { id: 'offer-arrival', type: 'datetime-local', testid: 'offer-arrival',
    value: toLocalInput(new Date(Date.now() + 12 * 3600 * 1000).toISOString()) });
  const days = number('offer-days', 14);
  const selfSufficient = h('input', { id: 'offer-self-sufficient', type: 'checkbox', testid: 'offer-self-sufficient', checked: true });
  const conditions = text('offer-conditions');
  const amount = h('input', { id: 'offer-cost', type: 'number', min: '0', step: '0.01', testid: 'offer-cost' });
  const currency = text('offer-currency', 'EUR', { maxlength: '3', autocomplete: 'off' });
  const name = text('offer-contact-name', '', { autocomplete: 'name' });
  const phone = h('input', { id: 'offer-contact-phone', type: 'tel', testid: 'offer-contact-phone', autocomplete: 'tel' });
  const email = h('input', { id: 'offer-contact-email', type: 'email', testid: 'offer-contact-email', autocomplete: 'email' });
  const alert = h('div', { class: 'alert', role: 'alert', testid: 'offer-errors', hidden: true });
  const element = h('form', { class: 'offer-form', novalidate: true, testid: 'offer-form' },
    quantities.map((q) => field(q.input.id, 'exchange.offerForm.quantity',
      q.input, { line: formatNumber(q.line + 1), requested: formatNumber(q.capability.quantity), capability: label(q.capability.code) })),
    field('offer-arrival', 'exchange.offerForm.arrival', arrival),
    field('offer-days', 'exchange.offerForm.days', days),
    h('div', { class: 'field field--check' }, selfSufficient, h('label', { for: 'offer-self-sufficient', i18n: 'exchange.offerForm.selfSufficient' })),
    field('offer-conditions', 'exchange.offerForm.conditions', conditions),
    h('div', { class: 'field-pair' }, field('offer-cost', 'exchange.offerForm.cost', amount), field('offer-currency', 'exchange.offerForm.currency', currency)),
    field('offer-contact-name', 'form.contact.name', name),
    h('div', { class: 'field-pair' }, field('offer-contact-phone', 'form.contact.phone', phone), field('offer-contact-email', 'form.contact.email', email)),
    alert,
    h('button', { type: 'submit', class: 'button button--primary', testid: 'offer-submit', i18n: 'exchange.offerForm.submit' }));
  submitting(element, alert, reload, async () => {
    const terms = {
      earliestArrival: arrival.value ? new Date(arrival.value).toISOString() : null,
      durationDays: Number.parseInt(days.value, 10),
      selfSufficient: selfSufficient.checked,
      conditions: conditions.value.trim() || null,
      estimatedCost: amount.value ? { amount: Number(amount.value), currency: currency.value.trim().toUpperCase() } : null,
    };
    const lines = quantities.filter((q) => Number.parseInt(q.input.value || '0', 10) > 0)
      .map((q) => ({ requestLine: q.line, quantity: Number.parseInt(q.input.value, 10), ...terms }));
    show(await postJson(`${path}/offers`, { lines, contact: { name: name.value.trim(), phone: phone.value.replace(/[\s.()-]/g, ''), email: email.value.trim() } }));
    announce('exchange.offerForm.done');
  });
  return element;
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
      alert.append(h('ul', {}, Object.entries(error.problem?.errors ?? {}).map(([field, messages]) => h('li', { testid: `problem-${field}` }, `${field}: ${messages.join(' ')}`))));
      alert.hidden = false;
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
}

function label(code) {
  return hasText(`capability.${code}`) ? t(`capability.${code}`) : code;
}
