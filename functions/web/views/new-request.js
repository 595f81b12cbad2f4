// #/new — a duty officer files a request for assistance.
import { postJson } from '../api.js';
import { clearDraft, loadDraft, saveDraft } from '../drafts.js';
import { h, replaceChildren } from '../dom.js';
import { announce } from '../feedback.js';
import { currentLanguage } from '../i18n.js';
import { authorities, catalogue } from '../reference.js';
import { requestForm } from './request-form.js';

export async function render(outlet, context) {
  const heading = h('h1', { tabindex: '-1', i18n: 'form.title.new' });
  if (!context.me.roles?.includes('duty-officer')) {
    replaceChildren(outlet, heading, h('p', { class: 'alert alert--info', i18n: 'form.notDutyOfficer' }));
    return;
  }
  const [codes, list] = await Promise.all([catalogue(), authorities()]);
  if (!list.some((authority) => authority.id !== context.me.authorityId)) {
    replaceChildren(outlet, heading, h('p', { class: 'alert alert--info', i18n: 'form.noAuthority' }));
    return;
  }

  const owner = context.me.userId ?? context.me.displayName;
  const draft = loadDraft('new-request', owner);
  const form = requestForm({ mode: 'new', catalogue: codes, authorities: list, me: context.me, initial: draft ?? undefined, currentLanguage: currentLanguage() });
  const idempotency = idempotencyKeys();
  // Kept at each keystroke (a snapshot is a few dozen fields), so a reload or a lost connection gives it back.
  const keep = () => saveDraft('new-request', owner, form.snapshot());
  form.element.addEventListener('input', keep);
  form.element.addEventListener('change', keep);
  const restored = draft && h('div', { class: 'alert alert--info', testid: 'draft-restored' },
    h('p', { i18n: 'form.draft.restored' }),
    h('button', {
      type: 'button', class: 'button button--quiet', testid: 'draft-discard', i18n: 'form.draft.discard',
      on: { click: () => { clearDraft('new-request', owner); render(outlet, context); } },
    }));
  let sending = false;

  form.element.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) {
      return; // a double click must not file twice
    }
    const errors = form.validate();
    if (errors.size) {
      form.showErrors(errors);
      return;
    }
    const body = form.collect();
    sending = true;
    form.setBusy(true);
    try {
      const view = await postJson('/api/requests', body, { headers: { 'Idempotency-Key': idempotency.keyFor(body) } });
      clearDraft('new-request', owner);
      announce('done.filed', { reference: view.reference }, { beforeNavigation: true });
      context.navigate(`#/requests/${encodeURIComponent(view.id)}`);
    } catch (error) {
      form.showFailure(error);
    } finally {
      sending = false;
      form.setBusy(false);
    }
  });

  replaceChildren(outlet, heading, restored, form.element);
}

/**
 * One Idempotency-Key per form fill: the same body sent again (a retry after a lost answer) reuses the key,
 * so the server returns the request it already filed; a changed body gets a new key, since the server
 * refuses a key reused with a different body.
 */
function idempotencyKeys() {
  let key = null;
  let sentBody = null;
  return {
    keyFor(body) {
      const json = JSON.stringify(body);
      if (key === null || json !== sentBody) {
        key = randomUuid();
        sentBody = json;
      }
      return key;
    },
  };
}

// randomUUID exists only in secure contexts; a phone on the LAN over plain http still needs a key.
function randomUuid() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
