// #/dead-letters — for admins: the messages that failed for good, per queue, with why, the request they concern and how
// long they have waited, and Replay (once the cause is fixed) or Discard, each after a confirmation. The server shows an
// admin only the dead letters of requests their authority is party to, and checks again on each replay or discard.
import { getJson, postJson } from '../api.js';
import { ageElement } from '../clock.js';
import { h, replaceChildren } from '../dom.js';
import { announce, errorBox } from '../feedback.js';
import { formatNumber, formatTime, hasText, timeElement, translate } from '../i18n.js';
import { refreshing } from '../refreshing.js';
import { openCommentDialog } from './decision-dialog.js';

const REFRESH_MS = 30_000;

// Both change something that cannot be undone, so both ask first; the comment goes on the request's timeline.
const DIALOGS = {
  replay: { titleKey: 'deadLetters.replay.title', textKey: 'deadLetters.replay.text', confirmKey: 'deadLetters.replay', tone: 'primary', done: 'deadLetters.done.replayed' },
  discard: { titleKey: 'deadLetters.discard.title', textKey: 'deadLetters.discard.text', confirmKey: 'deadLetters.discard', tone: 'danger', done: 'deadLetters.done.discarded' },
};

export async function render(outlet, context) {
  const list = h('div', { class: 'list-area' });
  const status = h('p', { class: 'refresh-status', testid: 'dead-letters-refreshed' });
  const problem = h('div');
  const heading = h('h1', { tabindex: '-1', i18n: 'deadLetters.title' });

  const refresh = refreshing({
    list,
    problem,
    everyMs: REFRESH_MS,
    signal: context.signal,
    load: async () => {
      const queues = await getJson('/api/dead-letters', { signal: context.signal });
      redraw(list, queues, settle);
      const count = queues.reduce((sum, queue) => sum + queue.deadLetters.length, 0);
      translate(status, 'deadLetters.refreshed', { time: formatTime(new Date()), count });
    },
  });

  const settle = (letter, action) => {
    const dialog = DIALOGS[action];
    openCommentDialog({
      ...dialog,
      titleParams: { queue: queueLabel(letter.queue), number: formatNumber(letter.sequenceNumber) },
      commentKey: 'deadLetters.comment',
      required: false,
      submit: (comment) => postJson(
        `/api/dead-letters/${encodeURIComponent(letter.queue)}/${encodeURIComponent(letter.sequenceNumber)}/${action}`,
        { comment: comment || null }),
      onDone: async () => {
        announce(dialog.done, { number: formatNumber(letter.sequenceNumber) });
        await refresh();
        // The row and its buttons are gone: the page's heading is where the keyboard picks up again.
        heading.focus();
      },
      onFailure: async (error) => {
        // Most often another admin settled it first (404): say so, and show the list as it now is.
        await refresh();
        replaceChildren(problem, errorBox(error));
        problem.firstChild?.focus();
      },
    });
  };

  replaceChildren(outlet,
    h('div', { class: 'page-head' },
      heading,
      h('button', { type: 'button', class: 'button button--secondary', testid: 'dead-letters-refresh', i18n: 'deadLetters.refresh', on: { click: refresh } })),
    h('p', { class: 'lead', i18n: 'deadLetters.intro' }),
    status,
    problem,
    list);
  await refresh();
}

function redraw(list, queues, settle) {
  const waiting = queues.filter((queue) => queue.deadLetters.length > 0);
  replaceChildren(list, waiting.length
    ? waiting.map((queue) => h('section', { class: 'form-section', testid: 'dead-letter-queue', dataset: { queue: queue.queue }, 'aria-labelledby': `dl-${queue.queue}` },
      h('h2', { id: `dl-${queue.queue}` }, h('span', { i18n: ['deadLetters.queueTitle', { queue: queueLabel(queue.queue) }] }), ' ', h('span', { class: 'tag', text: queue.queue })),
      queue.more && h('p', { class: 'alert alert--warning', i18n: ['deadLetters.more', { count: queue.deadLetters.length }] }),
      h('ul', { class: 'dead-letter-list' }, queue.deadLetters.map((letter) => row(letter, settle)))))
    : h('p', { class: 'empty', testid: 'dead-letters-empty', i18n: 'deadLetters.empty' }));
}

function row(letter, settle) {
  const number = formatNumber(letter.sequenceNumber);
  return h('li', {
    class: 'dead-letter', testid: 'dead-letter', dataset: { queue: letter.queue, sequence: String(letter.sequenceNumber), request: letter.requestId ?? '' },
  },
  h('p', { class: 'dead-letter__head' },
    h('strong', { testid: 'dead-letter-reason', i18n: ['deadLetters.reasonTitle', { reason: reasonLabel(letter.reason) }] }),
    ' ',
    h('span', { class: 'tag', i18n: ['deadLetters.number', { number }] })),
  letter.description && h('p', { class: 'dead-letter__description prewrap', text: letter.description }),
  h('dl', { class: 'definitions dead-letter__facts' },
    h('dt', { i18n: 'deadLetters.request' }),
    h('dd', { testid: 'dead-letter-request' }, request(letter)),
    h('dt', { i18n: 'deadLetters.subject' }),
    h('dd', { text: letter.subject }),
    h('dt', { i18n: 'deadLetters.waiting' }),
    h('dd', {}, ageElement(letter.enqueuedAt), ' (', timeElement(letter.enqueuedAt), ')'),
    h('dt', { i18n: 'deadLetters.deliveries' }),
    h('dd', { text: formatNumber(letter.deliveryCount) })),
  h('div', { class: 'form-actions' },
    h('button', {
      type: 'button', class: 'button button--primary', testid: 'dead-letter-replay', i18n: 'deadLetters.replay',
      i18nAttrs: { 'aria-label': ['deadLetters.replayLabel', { number }] }, on: { click: () => settle(letter, 'replay') },
    }),
    h('button', {
      type: 'button', class: 'button button--quiet-danger', testid: 'dead-letter-discard', i18n: 'deadLetters.discard',
      i18nAttrs: { 'aria-label': ['deadLetters.discardLabel', { number }] }, on: { click: () => settle(letter, 'discard') },
    })));
}

// A request that exists is a link to its page; one named but not found is shown as the id the message carries.
function request(letter) {
  if (letter.reference) {
    return h('a', { href: `#/requests/${encodeURIComponent(letter.requestId)}`, dir: 'ltr', text: letter.reference });
  }
  return letter.requestId
    ? h('span', { i18n: ['deadLetters.requestMissing', { id: letter.requestId }] })
    : h('span', { i18n: 'deadLetters.noRequest' });
}

function queueLabel(queue) {
  return hasText(`deadLetters.queue.${queue}`) ? { $t: `deadLetters.queue.${queue}` } : queue;
}

function reasonLabel(reason) {
  return hasText(`deadLetters.reason.${reason}`) ? { $t: `deadLetters.reason.${reason}` } : (reason || '—');
}
