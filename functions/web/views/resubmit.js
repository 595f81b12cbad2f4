// #/requests/<id>/resubmit — the requester amends a request returned for information and sends it back; and
// #/requests/<id>/amend (views/amend.js) — the requester amends a request open to partners, who are each told what changed.
import { getJson, postJson } from '../api.js';
import { stageLabel } from '../badges.js';
import { h, replaceChildren } from '../dom.js';
import { announce } from '../feedback.js';
import { currentLanguage } from '../i18n.js';
import { catalogue } from '../reference.js';
import { requestForm } from './request-form.js';

const MODES = {
  resubmit: { action: 'resubmit', title: 'form.title.resubmit', notAllowed: 'resubmit.notAllowed', intro: 'resubmit.intro', route: 'resubmission', done: 'done.resubmit' },
  amend: { action: 'amend', title: 'form.title.amend', notAllowed: 'amend.notAllowed', intro: 'amend.intro', route: 'amendment', done: 'done.amend' },
};

export function render(outlet, context) {
  return revise(outlet, context, 'resubmit');
}

/** The request's form, prefilled, sent back as a resubmission or an amendment. */
export async function revise(outlet, context, modeName) {
  const mode = MODES[modeName];
  const [id] = context.params;
  const path = `/api/requests/${encodeURIComponent(id)}`;
  const [view, codes] = await Promise.all([getJson(path, { signal: context.signal }), catalogue()]);
  const heading = h('h1', { tabindex: '-1', i18n: [mode.title, { reference: view.reference }] });
  const back = h('p', {}, h('a', { href: `#/requests/${encodeURIComponent(id)}`, i18n: ['common.backToRequest', { reference: view.reference }] }));

  if (!view.allowedActions?.includes(mode.action)) {
    replaceChildren(outlet, heading, h('p', { class: 'alert alert--info', i18n: mode.notAllowed }), back);
    return;
  }

  // What the approver asked for is the reason for this page: show it above the form.
  const returned = [...(view.stages ?? [])].reverse().find((stage) => stage.status === 'returned');
  const reason = returned?.comment
    ? h('div', { class: 'alert alert--warning', testid: 'return-reason' },
      h('p', { class: 'alert__title', i18n: ['resubmit.returnedBy', { stage: stageLabel(returned.name) }] }),
      h('p', { class: 'prewrap', text: returned.comment }))
    : null;

  const form = requestForm({ mode: modeName, catalogue: codes, me: context.me, initial: view, currentLanguage: currentLanguage() });
  let sending = false;
  form.element.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) {
      return;
    }
    const errors = form.validate();
    if (errors.size) {
      form.showErrors(errors);
      return;
    }
    sending = true;
    form.setBusy(true);
    try {
      const updated = await postJson(`${path}/${mode.route}`, form.collect());
      announce(mode.done, { reference: updated.reference }, { beforeNavigation: true });
      context.navigate(`#/requests/${encodeURIComponent(updated.id)}`);
    } catch (error) {
      form.showFailure(error);
    } finally {
      sending = false;
      form.setBusy(false);
    }
  });

  replaceChildren(outlet,
    heading,
    back,
    h('p', { class: 'lead', i18n: [mode.intro, { authority: view.assistingAuthorityId }] }),
    modeName === 'resubmit' && reason,
    form.element);
}
