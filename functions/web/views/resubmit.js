// #/requests/<id>/resubmit — the requester amends a request returned for information and sends it back.
import { getJson, postJson } from '../api.js';
import { stageLabel } from '../badges.js';
import { h, replaceChildren } from '../dom.js';
import { announce } from '../feedback.js';
import { currentLanguage } from '../i18n.js';
import { catalogue } from '../reference.js';
import { requestForm } from './request-form.js';

export async function render(outlet, context) {
  const [id] = context.params;
  const path = `/api/requests/${encodeURIComponent(id)}`;
  const [view, codes] = await Promise.all([getJson(path, { signal: context.signal }), catalogue()]);
  const heading = h('h1', { tabindex: '-1', i18n: ['form.title.resubmit', { reference: view.reference }] });
  const back = h('p', {}, h('a', { href: `#/requests/${encodeURIComponent(id)}`, i18n: ['common.backToRequest', { reference: view.reference }] }));

  if (!view.allowedActions?.includes('resubmit')) {
    replaceChildren(outlet, heading, h('p', { class: 'alert alert--info', i18n: 'resubmit.notAllowed' }), back);
    return;
  }

  // What the approver asked for is the reason for this page: show it above the form.
  const returned = [...(view.stages ?? [])].reverse().find((stage) => stage.status === 'returned');
  const reason = returned?.comment
    ? h('div', { class: 'alert alert--warning', testid: 'return-reason' },
      h('p', { class: 'alert__title', i18n: ['resubmit.returnedBy', { stage: stageLabel(returned.name) }] }),
      h('p', { class: 'prewrap', text: returned.comment }))
    : null;

  const form = requestForm({ mode: 'resubmit', catalogue: codes, me: context.me, initial: view, currentLanguage: currentLanguage() });
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
      const updated = await postJson(`${path}/resubmission`, form.collect());
      announce('done.resubmit', { reference: updated.reference }, { beforeNavigation: true });
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
    h('p', { class: 'lead', i18n: ['resubmit.intro', { authority: view.assistingAuthorityId }] }),
    reason,
    form.element);
}
