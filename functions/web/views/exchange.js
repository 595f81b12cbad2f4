// The request page's exchange with partners: who was asked and how each answered, the coverage of every
// requested line as a bar (accepted, then offered and pending), every offer the reader may see, and, for the
// requester's duty officers, the line-by-line decision on each offer that awaits one.
// The server decides what each reader sees (another partner's offer never reaches this page).
import { ApiError, postJson } from '../api.js';
import { capabilityLabel } from '../catalogue-labels.js';
import { h, replaceChildren } from '../dom.js';
import { announce, fillError } from '../feedback.js';
import { formatNumber, timeElement } from '../i18n.js';
import { declineForm, offerForm, offerStageForm, offerTextForm } from './offer-forms.js';
import { fieldMessages } from '../problems.js';

/**
 * Creates the panel. `path` is the request's API path; `show(view)` draws a view the server answered with;
 * `reload()` reads the request again (after a 409). Returns { element, update(view) }.
 */
export function createExchangePanel({ path, show, reload }) {
  const body = h('div');
  const element = h('section', { class: 'card exchange', 'aria-labelledby': 'exchange-title', testid: 'exchange', hidden: true },
    h('h2', { id: 'exchange-title', i18n: 'request.section.exchange' }),
    body);
  let drawn = null;
  let prepare = null;
  let decline = null;
  // What a duty officer typed in a decision form survives the page's refresh: the forms are kept by offer.
  const forms = new Map();

  function update(view) {
    element.hidden = !view.exchange;
    if (!view.exchange) {
      return;
    }
    const json = JSON.stringify(view.exchange);
    if (json === drawn) {
      return;
    }
    drawn = json;
    const capabilities = view.capabilities ?? [];
    const allowed = view.allowedActions ?? [];
    // Kept while allowed, so what a coordinator typed survives the page's refresh.
    prepare = allowed.includes('offer') ? prepare ?? offerForm({ path, view, show, reload }) : null;
    decline = allowed.includes('decline-to-offer') ? decline ?? declineForm({ path, show, reload }) : null;
    replaceChildren(body,
      deadline(view.exchange),
      addressees(view.exchange),
      coverage(view.exchange, capabilities),
      comparison(view.exchange, capabilities),
      offers(view.exchange, `${path}/offers`, capabilities, (offer, kind) => {
        const key = `${kind}:${offer.offerId}:${offer.version}`;
        if (!forms.has(key)) {
          forms.set(key, kind === 'decide' ? decisionForm({ path, offer, capabilities, show, reload }).element
            : kind === 'approve' ? offerStageForm({ path, offer, show, reload })
              : offerTextForm({ path, offer, act: kind, show, reload }));
        }
        return forms.get(key);
      }),
      prepare && h('details', { class: 'exchange__prepare', open: true, testid: 'offer-prepare' },
        h('summary', { i18n: 'exchange.offerForm.title' }), prepare),
      decline && h('details', { class: 'exchange__decline', testid: 'offer-decline' },
        h('summary', { i18n: 'exchange.decline.title' }), decline));
  }

  return { element, update };
}

// Whether offers are still taken, and until when the requester takes them.
function deadline(exchange) {
  if (exchange.closedToOffers) {
    return h('p', { class: 'alert alert--info', testid: 'offers-closed', i18n: 'exchange.closedToOffers' });
  }
  return exchange.offersBy
    ? h('p', { testid: 'offers-by' }, h('span', { i18n: 'exchange.offersBy' }), ' ', timeElement(exchange.offersBy))
    : null;
}

function addressees(exchange) {
  if (!exchange.addressees?.length) {
    return [];
  }
  return [
    h('h3', { i18n: 'exchange.addressees' }),
    h('ul', { class: 'exchange__addressees' },
      ...exchange.addressees.map((a) => h('li', { testid: 'addressee', 'data-authority': a.authorityId, 'data-status': a.status },
        h('strong', {}, a.authorityId), ' ',
        h('span', { class: 'badge', i18n: `addresseeStatus.${a.status}` }),
        a.reason && h('span', { class: 'exchange__reason' }, ` — ${a.reason}`)))),
  ];
}

// A picture per line: a meter of what is accepted against what is asked, and the numbers beside it.
function coverage(exchange, capabilities) {
  return [
    h('h3', { i18n: 'exchange.coverage' }),
    h('ul', { class: 'exchange__coverage' },
      ...(exchange.coverage ?? []).map((line) => {
        const label = `coverage-${line.line}`;
        return h('li', { testid: 'coverage', 'data-line': String(line.line), 'data-open': String(line.open) },
          capabilityName(capabilities[line.line]?.code ?? line.code, { id: label, class: 'exchange__line' }),
          h('meter', { min: '0', max: String(line.requested), value: String(Math.min(line.accepted, line.requested)), 'aria-labelledby': label }),
          h('span', { class: 'exchange__figures',
            i18n: ['exchange.figures', { requested: formatNumber(line.requested), offered: formatNumber(line.offered), accepted: formatNumber(line.accepted), open: formatNumber(line.open) }] }));
      })),
  ];
}

// The live offers side by side against the requested lines, for whoever sees more than one (the requester): per
// line what each offers, when it can arrive, for how long and at what estimated cost. Withdrawn, declined and lapsed
// offers are no longer a choice.
const LIVE = ['sent', 'question-asked', 'accepted', 'partially-accepted'];

function comparison(exchange, capabilities) {
  const sent = (exchange.offers ?? []).filter((offer) => offer.sentAt && LIVE.includes(offer.status));
  if (sent.length < 2) {
    return [];
  }
  const cell = (offer, index) => {
    const lines = offer.lines.filter((line) => line.requestLine === index);
    if (!lines.length) {
      return h('td', { role: 'cell', class: 'compare__none', i18nAttrs: { 'data-label': ['exchange.compare.offer', { authority: offer.authorityId }] } }, '—');
    }
    return h('td', { role: 'cell', testid: 'compare-cell', dataset: { offer: offer.offerId, line: String(index) },
      i18nAttrs: { 'data-label': ['exchange.compare.offer', { authority: offer.authorityId }] } },
    lines.map((line) => h('p', {},
      h('strong', { i18n: ['exchange.compare.quantity', { quantity: formatNumber(line.quantity) }] }), ' ',
      line.code !== capabilities[index]?.code && capabilityName(line.code, { class: 'tag' }),
      h('br'), h('span', { i18n: 'exchange.compare.arrival' }), ' ', timeElement(line.earliestArrival),
      h('br'), h('span', { i18n: ['exchange.compare.days', { days: formatNumber(line.durationDays) }] }),
      line.estimatedCost && [h('br'), h('span', { class: 'offer__cost' }, `${formatNumber(line.estimatedCost.amount)} ${line.estimatedCost.currency}`)],
      line.accepted != null && [h('br'), h('span', { class: 'offer__accepted', i18n: ['exchange.offerLine.accepted', { accepted: formatNumber(line.accepted) }] })])));
  };
  return [
    h('h3', { id: 'compare-title', i18n: 'exchange.compare' }),
    h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': 'compare-title', tabindex: '0' },
      h('table', { class: 'table compare-table', role: 'table', testid: 'compare' },
        h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
          h('th', { scope: 'col', role: 'columnheader', i18n: 'exchange.compare.line' }),
          sent.map((offer) => h('th', { scope: 'col', role: 'columnheader' }, h('span', { text: offer.authorityId }), ' ',
            h('span', { class: 'badge', i18n: `offerStatus.${offer.status}` }))))),
        h('tbody', { role: 'rowgroup' }, capabilities.map((capability, index) => h('tr', { role: 'row' },
          h('th', { scope: 'row', role: 'rowheader' }, capabilityName(capability.code, {}), ' ',
            h('span', { class: 'tag', i18n: ['exchange.compare.requested', { quantity: formatNumber(capability.quantity) }] })),
          sent.map((offer) => cell(offer, index))))))),
  ];
}

// The forms an offer offers its reader, in the order of the offer's life: its stage, a question, the decision, an
// answer, a withdrawal.
const OFFER_FORMS = ['approve', 'question', 'decide', 'answer', 'withdrawal'];
const FORM_OF_ACTION = { approve: 'approve', ask: 'question', decide: 'decide', answer: 'answer', withdraw: 'withdrawal' };

function offers(exchange, csvPath, capabilities, formFor) {
  const list = exchange.offers ?? [];
  return [
    h('h3', { i18n: 'exchange.offers' }),
    // The offers this viewer may see, line by line, as the server writes them.
    list.length > 0 && h('p', {}, h('a', { href: csvPath, download: '', class: 'button button--secondary', testid: 'offers-csv', i18n: 'exchange.offersCsv' })),
    list.length === 0
      ? h('p', { class: 'empty', testid: 'offers-none', i18n: 'exchange.offers.none' })
      : h('ul', { class: 'exchange__offers' }, ...list.map((offer) => h('li', { class: 'offer', testid: 'offer', 'data-offer': offer.offerId, 'data-status': offer.status },
        h('p', {},
          h('strong', {}, offer.authorityId), ' ',
          h('span', { class: 'badge', i18n: `offerStatus.${offer.status}` }),
          offer.unsolicited && h('span', { class: 'badge', i18n: 'exchange.unsolicited' }),
          offer.sentAt && [' ', timeElement(offer.sentAt)]),
        h('ul', { class: 'offer__lines' }, ...offer.lines.map((line) => h('li', {},
          h('span', { i18n: ['exchange.offerLine', { quantity: formatNumber(line.quantity), days: formatNumber(line.durationDays) }] }), ' ',
          capabilityName(line.code, {}),
          line.accepted != null && h('span', { class: 'offer__accepted', i18n: ['exchange.offerLine.accepted', { accepted: formatNumber(line.accepted) }] }),
          line.noLongerNeeded && h('span', { class: 'badge', i18n: 'exchange.noLongerNeeded' }),
          line.estimatedCost && h('span', { class: 'offer__cost' }, ` ${formatNumber(line.estimatedCost.amount)} ${line.estimatedCost.currency}`)))),
        offer.question && h('p', { class: 'offer__question', i18n: ['exchange.question', { question: offer.question }] }),
        offer.reason && h('p', { class: 'offer__reason' }, offer.reason),
        ...OFFER_FORMS.filter((kind) => (offer.allowedActions ?? []).some((action) => FORM_OF_ACTION[action] === kind))
          .map((kind) => formFor(offer, kind))))),
  ];
}

// The requester's decision: how many of each line, 0 declining it; nothing accepted declines the offer and needs a reason.
function decisionForm({ path, offer, show, reload }) {
  const inputs = offer.lines.map((line, index) => {
    const id = `decide-${offer.offerId}-${index}`;
    const input = h('input', { id, type: 'number', inputmode: 'numeric', min: '0', max: String(line.quantity), value: String(line.quantity),
      testid: 'decide-quantity', 'aria-describedby': `${id}-error` });
    return { line: index, input, field: h('div', { class: 'field' },
      h('label', { for: id, i18n: ['exchange.decide.quantity', { line: formatNumber(index + 1), offered: formatNumber(line.quantity) }] }),
      input,
      h('p', { id: `${id}-error`, class: 'field__error', testid: `error-lines[${index}].quantity` })) };
  });
  const commentId = `decide-${offer.offerId}-comment`;
  const comment = h('textarea', { id: commentId, rows: '2', testid: 'decide-comment', 'aria-describedby': `${commentId}-error` });
  const commentError = h('p', { id: `${commentId}-error`, class: 'field__error', testid: 'error-comment' });
  const button = h('button', { type: 'submit', class: 'button', testid: 'decide-submit', i18n: 'exchange.decide.submit' });
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  const element = h('form', { class: 'offer__decision', novalidate: true },
    h('h4', { i18n: 'exchange.decide.title' }),
    ...inputs.map((i) => i.field),
    h('div', { class: 'field' }, h('label', { for: commentId, i18n: 'exchange.decide.comment' }), comment, commentError),
    alert,
    button);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    inputs.forEach((i) => fieldError(i.field.querySelector('.field__error'), null, i.input));
    fieldError(commentError, null, comment);
    fillError(alert, null);
    alert.hidden = true;
    const lines = inputs.map((i) => ({ offerLine: i.line, quantity: Number.parseInt(i.input.value || '0', 10) }));
    button.disabled = true;
    try {
      const view = await postJson(`${path}/offers/${encodeURIComponent(offer.offerId)}/decision`,
        { lines, comment: comment.value.trim() || null, version: offer.version });
      announce('exchange.decide.done');
      show(view);
    } catch (error) {
      button.disabled = false;
      if (error instanceof ApiError && error.status === 409) {
        await reload();
        return;
      }
      for (const [field, messages] of Object.entries(fieldMessages(error.problem))) {
        const match = /^lines\[(\d+)\]/.exec(field);
        const target = match ? inputs[Number(match[1])] : null;
        if (target) {
          fieldError(target.field.querySelector('.field__error'), messages.join(' '), target.input);
        } else if (field === 'comment') {
          fieldError(commentError, messages.join(' '), comment);
        }
      }
      if (!error.problem?.errors) {
        fillError(alert, error);
        alert.hidden = false;
      }
    }
  });
  return { element };
}

// A current code is named as the catalogue names it, a legacy one as the dictionaries do.
function capabilityName(code, attributes) {
  return h('span', { ...attributes, i18n: capabilityLabel(code) });
}

function fieldError(box, message, input) {
  box.textContent = message ?? '';
  if (message) {
    input.setAttribute('aria-invalid', 'true');
  } else {
    input.removeAttribute('aria-invalid');
  }
}
