// The request page's cost claims, once teams are home: the assisting side's coordinators and admins submit their
// claim line by line (category, what it pays for, amount and ISO 4217 currency, transport the EU may co-finance); the
// requester's approvers approve, partly approve or dispute each line; its admins or approvers record the payment.
// Totals are per currency, side by side, never converted. Only the two parties to a claim see it.
import { getJson, postJson, putJson } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { announce, errorBox, fillError } from '../feedback.js';
import { currentLanguage, timeElement } from '../i18n.js';

const CATEGORIES = ['personnel', 'transport', 'equipment', 'consumables', 'subsistence'];
const DECISIONS = ['approve', 'partly-approve', 'dispute'];

/** Creates the panel. `update(board)` takes the deployments board, and reads the claims when a deployment is home. */
export function createClaimsPanel({ path, viewer, roles, authority, signal }) {
  const body = h('div');
  const failure = h('div');
  const element = h('section', { class: 'card claims', 'aria-labelledby': 'claims-title', testid: 'claims', hidden: true },
    h('h2', { id: 'claims-title', i18n: 'claims.title' }), failure, body);
  let drawn = null;
  let home = [];
  const forms = new Map();

  function draw(view) {
    const json = JSON.stringify([view, home]);
    if (json === drawn) {
      return;
    }
    drawn = json;
    const mayClaim = (roles.includes('coordinator') || roles.includes('admin')) && home.includes(viewer)
      && !view.claims.some((c) => c.authorityId === viewer);
    element.hidden = view.claims.length === 0 && !mayClaim;
    replaceChildren(body,
      view.totals.length > 0 && totals(view.totals),
      view.claims.map(claim),
      mayClaim && kept('submit', submitForm));
  }

  async function update(board) {
    home = board.deployments.filter((d) => d.status === 'returned').map((d) => d.authorityId);
    if (home.length === 0) {
      element.hidden = true;
      return;
    }
    try {
      draw(await getJson(`${path}/claims`, { signal }));
      replaceChildren(failure);
    } catch (error) {
      if (error.name !== 'AbortError') {
        replaceChildren(failure, errorBox(error, 'claims-error'));
      }
    }
  }

  function kept(key, make) {
    if (!forms.has(key)) {
      forms.set(key, make());
    }
    return forms.get(key);
  }

  function money(amount, currency) {
    return h('bdi', { dir: 'ltr', text: new Intl.NumberFormat(currentLanguage(), { style: 'currency', currency }).format(amount) });
  }

  function totals(list) {
    return h('table', { class: 'claims__totals', testid: 'claims-totals' },
      h('caption', { i18n: 'claims.totals' }),
      h('thead', {}, h('tr', {}, ['currency', 'claimed', 'approved', 'paidTotal'].map((c) => h('th', { scope: 'col', i18n: `claims.${c}` })))),
      h('tbody', {}, list.map((t) => h('tr', { dataset: { currency: t.currency } },
        h('th', { scope: 'row', text: t.currency }), h('td', {}, money(t.claimed, t.currency)), h('td', {}, money(t.approved, t.currency)),
        h('td', {}, money(t.paid, t.currency))))));
  }

  function claim(c) {
    const allowed = c.allowedActions ?? [];
    return h('article', { class: 'claim', testid: 'claim', dataset: { authority: c.authorityId, status: c.status } },
      h('h3', { i18n: ['claims.of', { authority: authority(c.authorityId) }] }),
      h('p', {}, h('span', { class: 'badge', testid: 'claim-status', i18n: `claims.status.${c.status}` }), ' ', timeElement(c.submittedAt)),
      h('ol', { class: 'claim__lines' }, c.lines.map((l) => h('li', { testid: 'claim-line', dataset: { review: l.review.status } },
        h('span', { i18n: `claims.category.${l.category}` }), ' · ', h('span', { text: l.description }), ' · ', money(l.amount, l.currency),
        l.euMayCoFinance && [' · ', h('span', { i18n: 'claims.euMayCoFinance' })],
        ' · ', h('span', { i18n: `claims.review.${l.review.status}` }),
        l.review.approvedAmount != null && [' ', money(l.review.approvedAmount, l.currency)],
        l.review.reason && h('span', { text: ` — ${l.review.reason}` })))),
      c.payment && h('p', { testid: 'claim-payment', i18n: ['claims.paid', { reference: c.payment.reference ?? '' }] }),
      allowed.includes('revise') && kept(`revise:${c.authorityId}:${c.version}`, () => reviseForm(c)),
      allowed.includes('review') && kept(`review:${c.authorityId}:${c.version}`, () => reviewForm(c)),
      allowed.includes('record-payment') && kept(`pay:${c.authorityId}:${c.version}`, () => paymentForm(c)));
  }

  function post(url, build, box, send = postJson) {
    return async (event) => {
      event.preventDefault();
      const button = event.submitter ?? event.target.querySelector('button[type="submit"]');
      button.disabled = true;
      try {
        draw(await send(url, build(), { signal }));
        announce('claims.done', {});
      } catch (error) {
        button.disabled = false;
        if (error.name !== 'AbortError') {
          fillError(box, error);
          box.hidden = false;
          box.focus();
        }
      }
    };
  }

  function alertBox() {
    return h('div', { class: 'alert alert--error', role: 'alert', tabindex: '-1', hidden: true, testid: 'claim-error' });
  }

  function submitForm() {
    const rows = h('ol', { class: 'claim__editor' });
    const addLine = () => {
      const n = rows.children.length;
      const id = (name) => `claim-line-${n}-${name}`;
      const category = h('select', { id: id('category'), testid: `claim-line-${n}-category` },
        CATEGORIES.map((c) => h('option', { value: c, i18n: `claims.category.${c}` })));
      const description = h('input', { id: id('description'), testid: `claim-line-${n}-description`, maxlength: '300' });
      const amount = h('input', { id: id('amount'), testid: `claim-line-${n}-amount`, type: 'number', min: '0.01', step: '0.01', inputmode: 'decimal' });
      const currency = h('input', { id: id('currency'), testid: `claim-line-${n}-currency`, value: 'EUR', maxlength: '3', size: '4', autocapitalize: 'characters' });
      const eu = h('input', { id: id('eu'), testid: `claim-line-${n}-eu`, type: 'checkbox' });
      rows.append(h('li', { class: 'claim__line', dataset: { line: String(n) } },
        h('label', { for: category.id, i18n: 'claims.category' }), category,
        h('label', { for: description.id, i18n: 'claims.description' }), description,
        h('label', { for: amount.id, i18n: 'claims.amount' }), amount,
        h('label', { for: currency.id, i18n: 'claims.currency' }), currency,
        h('span', { class: 'field--check' }, eu, h('label', { for: eu.id, i18n: 'claims.euMayCoFinance' }))));
    };
    addLine();
    const lines = () => [...rows.children].map((row) => {
      const [category, description, amount, currency, eu] = row.querySelectorAll('select, input');
      return {
        category: category.value,
        description: description.value,
        amount: amount.value === '' ? null : Number(amount.value),
        currency: currency.value.trim().toUpperCase(),
        euMayCoFinance: category.value === 'transport' ? eu.checked : null,
      };
    });
    const box = alertBox();
    return h('form', { class: 'claim__form', testid: 'claim-submit-form', on: { submit: post(`${path}/claims`, () => ({ lines: lines() }), box) } },
      h('h3', { i18n: 'claims.submit.title' }),
      box,
      rows,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button', testid: 'claim-add-line', i18n: 'claims.addLine', on: { click: addLine } }),
        h('button', { type: 'submit', class: 'button button--primary', testid: 'claim-submit', i18n: 'claims.submit' })));
  }

  function reviewForm(c) {
    const pending = c.lines.filter((l) => l.review.status === 'pending');
    const verdicts = pending.map((l) => {
      const decision = h('select', { id: `review-${c.authorityId}-${l.line}`, testid: `review-line-${l.line}-decision` },
        DECISIONS.map((d) => h('option', { value: d, i18n: `claims.decision.${d}` })));
      const amount = h('input', { id: `review-${c.authorityId}-${l.line}-amount`, testid: `review-line-${l.line}-amount`, type: 'number', min: '0.01', step: '0.01', inputmode: 'decimal' });
      const reason = h('input', { id: `review-${c.authorityId}-${l.line}-reason`, testid: `review-line-${l.line}-reason`, maxlength: '500' });
      return {
        element: h('li', {},
          h('p', {}, h('span', { text: l.description }), ' · ', money(l.amount, l.currency)),
          h('label', { for: decision.id, i18n: 'claims.decision' }), decision,
          h('label', { for: amount.id, i18n: 'claims.approvedAmount' }), amount,
          h('label', { for: reason.id, i18n: 'claims.reason' }), reason),
        value: () => ({
          line: l.line, decision: decision.value, reason: reason.value || null,
          approvedAmount: decision.value === 'partly-approve' && amount.value !== '' ? Number(amount.value) : null,
        }),
      };
    });
    const box = alertBox();
    return h('form', { class: 'claim__form', testid: 'claim-review-form',
      on: { submit: post(`${path}/claims/${encodeURIComponent(c.authorityId)}/review`, () => ({ lines: verdicts.map((v) => v.value()), version: c.version }), box) } },
    h('h4', { i18n: 'claims.review.title' }), box, h('ol', {}, verdicts.map((v) => v.element)),
    h('button', { type: 'submit', class: 'button button--primary', testid: 'claim-review-submit', i18n: 'claims.review.submit' }));
  }

  // Every line is sent again, in order; only the disputed ones may change (the server refuses any other change).
  function reviseForm(c) {
    const edits = c.lines.map((l) => {
      const line = { category: l.category, description: l.description, amount: l.amount, currency: l.currency, euMayCoFinance: l.euMayCoFinance };
      if (l.review.status !== 'disputed') {
        return { value: () => line };
      }
      const description = h('input', { id: `revise-${c.authorityId}-${l.line}-description`, testid: `revise-line-${l.line}-description`, value: l.description, maxlength: '300' });
      const amount = h('input', { id: `revise-${c.authorityId}-${l.line}-amount`, testid: `revise-line-${l.line}-amount`, type: 'number', min: '0.01', step: '0.01', inputmode: 'decimal', value: String(l.amount) });
      return {
        element: h('li', {},
          h('p', { text: l.review.reason ?? '' }),
          h('label', { for: description.id, i18n: 'claims.description' }), description,
          h('label', { for: amount.id, i18n: 'claims.amount' }), amount),
        value: () => ({ ...line, description: description.value, amount: amount.value === '' ? null : Number(amount.value) }),
      };
    });
    const box = alertBox();
    return h('form', { class: 'claim__form', testid: 'claim-revise-form',
      on: { submit: post(`${path}/claims/${encodeURIComponent(c.authorityId)}`, () => ({ lines: edits.map((e) => e.value()), version: c.version }), box, putJson) } },
    h('h4', { i18n: 'claims.revise.title' }), box, h('ol', {}, edits.map((e) => e.element).filter(Boolean)),
    h('button', { type: 'submit', class: 'button button--primary', testid: 'claim-revise-submit', i18n: 'claims.revise.submit' }));
  }

  function paymentForm(c) {
    const reference = h('input', { id: `payment-${c.authorityId}`, testid: 'claim-payment-reference', maxlength: '100' });
    const box = alertBox();
    return h('form', { class: 'claim__form', testid: 'claim-payment-form',
      on: { submit: post(`${path}/claims/${encodeURIComponent(c.authorityId)}/payment`, () => ({ reference: reference.value, version: c.version }), box) } },
    box, h('label', { for: reference.id, i18n: 'claims.paymentReference' }), reference,
    h('button', { type: 'submit', class: 'button button--primary', testid: 'claim-payment-submit', i18n: 'claims.recordPayment' }));
  }

  return { element, update };
}
