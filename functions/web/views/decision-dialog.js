// The small modal that asks for a comment before a decision or a cancellation.
// A native <dialog> opened with showModal() traps focus, closes on Escape and hides the page from screen readers.
import { ApiError } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { translate } from '../i18n.js';
import { LIMITS } from './request-form.js';
import { fieldMessages } from '../problems.js';

/**
 * Opens the dialog; `submit(comment)` sends it. A 400 is shown inside the dialog (people fix the comment);
 * anything else closes the dialog and goes to `onFailure`, which explains it on the page.
 * `onDone` runs once the dialog has closed, so it can move focus without the dialog handing it back to the old button.
 */
export function openCommentDialog({ titleKey, titleParams, textKey, commentKey, required, confirmKey, tone = 'primary', submit, onDone, onFailure }) {
  const error = h('p', { class: 'field__error', id: 'decision-comment-error', testid: 'error-comment', 'aria-live': 'assertive' });
  const comment = h('textarea', {
    id: 'decision-comment', rows: '4', testid: 'decision-comment', 'aria-describedby': 'decision-comment-error', required: required || null,
  });
  const confirm = h('button', { type: 'submit', class: ['button', `button--${tone}`], testid: 'decision-confirm', i18n: confirmKey });
  const dismiss = h('button', { type: 'button', class: 'button button--quiet', testid: 'decision-dismiss', i18n: 'dialog.dismiss' });

  const form = h('form', { method: 'dialog', novalidate: true },
    h('h2', { id: 'decision-title', i18n: [titleKey, titleParams] }),
    textKey && h('p', { i18n: textKey }),
    h('div', { class: 'field' },
      h('label', { for: 'decision-comment' },
        h('span', { i18n: commentKey }),
        !required && h('span', { class: 'optional', i18n: 'common.optional' })),
      comment,
      error),
    h('div', { class: 'dialog__actions' }, dismiss, confirm));

  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'decision-title', testid: 'decision-dialog' }, form);
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  dismiss.addEventListener('click', () => dialog.close());

  let sending = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) {
      return;
    }
    const text = comment.value.trim();
    const problem = required && !text ? 'validation.commentRequired'
      : text.length > LIMITS.comment ? 'validation.maxLength' : null;
    if (problem) {
      replaceChildren(error, h('span', { i18n: [problem, { max: LIMITS.comment, length: text.length }] }));
      comment.setAttribute('aria-invalid', 'true');
      comment.focus();
      return;
    }
    comment.removeAttribute('aria-invalid');
    replaceChildren(error);
    sending = true;
    confirm.disabled = true;
    translate(confirm, 'form.sending');
    try {
      await submit(text);
      dialog.close();
      onDone?.();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 400) {
        const messages = Object.values(fieldMessages(failure.problem)).flat();
        replaceChildren(error, h('span', { text: messages.length ? messages.join(' ') : failure.problem.detail ?? failure.problem.title ?? '' }));
        comment.setAttribute('aria-invalid', 'true');
        comment.focus();
      } else if (failure instanceof ApiError && (failure.status === 0 || failure.status >= 500)) {
        // No network, or the server failed: the typed comment stays, and sending again is safe (a decision already
        // recorded is refused as changed meanwhile, never applied twice).
        replaceChildren(error, h('span', { testid: 'decision-not-sent', i18n: failure.status === 0 ? 'dialog.notSentOffline' : 'dialog.notSentServer' }));
        confirm.focus();
      } else {
        dialog.close();
        onFailure(failure);
      }
    } finally {
      sending = false;
      confirm.disabled = false;
      translate(confirm, confirmKey);
    }
  });

  dialog.showModal();
  comment.focus();
  return dialog;
}
