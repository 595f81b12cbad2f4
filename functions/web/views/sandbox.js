// #/sandbox — Development only: the SMS the app sent, one thread per phone number, and a reply box that answers
// as that phone would (the server posts the reply to the real inbound webhook, signed as Twilio signs it), so one
// person can play every on-call officer and responder from one browser. Refreshed every 3 seconds.
import { ApiError, getJson, postJson } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { announce, errorBox } from '../feedback.js';
import { formatTime, timeElement, translate } from '../i18n.js';

const REFRESH_MS = 3_000;
const ACK_CODE = /\bOK \d{4}\b/;

export async function render(outlet, context) {
  const heading = h('h1', { tabindex: '-1', i18n: 'sandbox.title' });
  let threads;
  try {
    threads = await getJson('/api/dev/sms-sandbox', { signal: context.signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      replaceChildren(outlet, heading, h('p', { class: 'lead', testid: 'sandbox-unavailable', i18n: 'sandbox.unavailable' }));
      return;
    }
    throw error;
  }

  const state = { phone: context.query.get('phone') ?? threads[0]?.phone ?? null, messages: [], loading: false };
  const threadList = h('div', { class: 'list-area' });
  const phoneLine = h('p', {});
  const messageArea = h('div', { class: 'list-area' });
  const problem = h('div');
  // Not a live region: a screen reader would otherwise announce every refresh.
  const status = h('p', { class: 'refresh-status', testid: 'sandbox-refreshed' });
  const input = h('input', { id: 'sandbox-reply', type: 'text', autocomplete: 'off', testid: 'sandbox-reply', maxlength: '1600' });
  const failure = h('div');
  const send = h('button', { type: 'submit', class: 'button button--primary', testid: 'sandbox-send', i18n: 'sandbox.send' });
  const quick = h('div', { class: 'form-actions' });
  const form = h('form', { class: 'sandbox-reply', novalidate: true, on: { submit: (event) => { event.preventDefault(); reply(input.value); } } },
    h('div', { class: 'field' },
      h('label', { for: 'sandbox-reply', i18n: 'sandbox.replyLabel' }),
      h('p', { class: 'field__hint', id: 'sandbox-reply-hint', i18n: 'sandbox.replyHint' }),
      input),
    failure,
    h('div', { class: 'form-actions' }, send),
    quick);
  input.setAttribute('aria-describedby', 'sandbox-reply-hint');
  // Built once and only refilled: re-attaching the form would take the focus away from someone typing.
  const conversation = h('div', { class: 'card' }, phoneLine, messageArea, form);

  const select = (phone) => {
    state.phone = phone;
    state.messages = [];
    // Keep the choice in the address (a reload stays on the thread) without re-rendering the page.
    history.replaceState(null, '', `#/sandbox?phone=${encodeURIComponent(phone)}`);
    drawThreads(threadList, threads, state.phone, select);
    refresh().then(() => input.focus());
  };

  const refresh = async () => {
    if (state.loading) {
      return;
    }
    state.loading = true;
    try {
      threads = await getJson('/api/dev/sms-sandbox', { signal: context.signal });
      state.phone ??= threads[0]?.phone ?? null;
      state.messages = state.phone
        ? await getJson(`/api/dev/sms-sandbox/${encodeURIComponent(state.phone)}`, { signal: context.signal })
        : [];
      replaceChildren(problem);
      drawThreads(threadList, threads, state.phone, select);
      drawConversation({ phoneLine, messageArea, form, quick }, state, reply, press);
      translate(status, 'sandbox.refreshed', { time: formatTime(new Date()) });
    } catch (error) {
      if (error.name === 'AbortError') {
        return;
      }
      // Keep what is on screen: the next refresh may well succeed.
      replaceChildren(problem, errorBox(error));
    } finally {
      state.loading = false;
    }
  };

  const reply = async (text) => {
    const body = text.trim();
    if (!body || !state.phone) {
      input.focus();
      return;
    }
    send.disabled = true;
    replaceChildren(failure);
    try {
      const result = await postJson(`/api/dev/sms-sandbox/${encodeURIComponent(state.phone)}/reply`, { body }, { signal: context.signal });
      input.value = '';
      announce(result.answers.length ? 'sandbox.sentAnswered' : 'sandbox.sent', { status: result.webhookStatus });
      await refresh();
    } catch (error) {
      if (error.name !== 'AbortError') {
        replaceChildren(failure, errorBox(error, 'sandbox-error'));
      }
    } finally {
      send.disabled = false;
      input.focus();
    }
  };

  // A call ringing the phone waits for a key: pressing it posts to the call's <Gather> as Twilio would.
  const press = async (digits) => {
    replaceChildren(failure);
    try {
      await postJson(`/api/dev/sms-sandbox/${encodeURIComponent(state.phone)}/press`, { digits }, { signal: context.signal });
      announce('sandbox.pressed', { digits });
      await refresh();
    } catch (error) {
      if (error.name !== 'AbortError') {
        replaceChildren(failure, errorBox(error, 'sandbox-error'));
      }
    }
  };

  const timer = setInterval(refresh, REFRESH_MS);
  context.signal.addEventListener('abort', () => clearInterval(timer));

  replaceChildren(outlet,
    h('div', { class: 'page-head' }, heading),
    h('p', { class: 'lead', i18n: 'sandbox.intro' }),
    status,
    problem,
    h('div', { class: 'request-grid' },
      h('section', { 'aria-labelledby': 'sandbox-threads-title' },
        h('h2', { id: 'sandbox-threads-title', i18n: 'sandbox.threads' }),
        threadList),
      h('section', { 'aria-labelledby': 'sandbox-conversation-title' },
        h('h2', { id: 'sandbox-conversation-title', i18n: 'sandbox.conversation' }),
        conversation)));
  await refresh();
}

function drawThreads(list, threads, selected, select) {
  // A refresh must not throw a keyboard user out of the list: refocus the thread they were on.
  const focused = document.activeElement?.closest?.('[data-testid="sandbox-thread"]')?.dataset.phone;
  replaceChildren(list, threads.length
    ? h('ul', { class: 'user-list' }, threads.map((thread) => h('li', {},
      h('button', {
        type: 'button',
        class: 'user-choice',
        testid: 'sandbox-thread',
        dataset: { phone: thread.phone },
        'aria-pressed': thread.phone === selected ? 'true' : 'false',
        on: { click: () => select(thread.phone) },
      },
      h('span', { class: 'user-choice__name', dir: 'ltr', text: thread.phone }),
      h('span', { class: 'user-choice__roles' },
        h('span', { class: 'tag', i18n: `sandbox.direction.${thread.lastDirection}` }), ' ', timeElement(thread.lastMessageAt)),
      // An SMS is in its recipient's language, whatever the page's; lang="" says the page does not know which.
      h('span', { class: 'user-choice__groups prewrap', dir: 'auto', lang: '', text: thread.lastBody })))))
    : h('p', { class: 'empty', testid: 'sandbox-empty', i18n: 'sandbox.empty' }));
  if (focused) {
    [...list.querySelectorAll('[data-testid="sandbox-thread"]')].find((button) => button.dataset.phone === focused)?.focus();
  }
}

function drawConversation({ phoneLine, messageArea, form, quick }, state, reply, press) {
  form.hidden = !state.phone;
  if (!state.phone) {
    replaceChildren(phoneLine);
    replaceChildren(messageArea, h('p', { class: 'empty', i18n: 'sandbox.noThread' }));
    return;
  }
  const messages = state.messages.map((message) => h('li', {
    class: ['timeline__entry', message.direction === 'inbound' && 'timeline__entry--approved'],
    testid: 'sandbox-message',
    dataset: { direction: message.direction, status: message.status },
  },
  h('p', { class: 'timeline__what' },
    h('strong', { i18n: `sandbox.direction.${message.direction}` }),
    timeElement(message.at),
    message.status && h('span', { class: 'tag', i18n: `sandbox.status.${message.status}` })),
  // The text exactly as the phone shows it: an SMS has line breaks but no markup.
  h('p', { class: 'prewrap', dir: 'auto', lang: '', text: message.body })));

  replaceChildren(phoneLine, h('span', { i18n: 'sandbox.phone' }), ' ', h('strong', { dir: 'ltr', testid: 'sandbox-phone', text: state.phone }));
  replaceChildren(messageArea, messages.length ? h('ol', { class: 'timeline' }, messages) : h('p', { class: 'empty', i18n: 'sandbox.noMessage' }));
  drawQuickReplies(quick, state.messages, reply, press);
}

// One tap for the usual answers: the latest acknowledgement code the phone was sent, and 1 / 2 for a mission; and,
// while a call rings the phone and waits for a key, the key that acknowledges.
function drawQuickReplies(quick, messages, reply, press) {
  const last = messages[messages.length - 1];
  const ringing = last?.direction === 'call' && last.status === 'in-progress'
    ? h('button', {
      type: 'button',
      class: 'button button--primary',
      testid: 'sandbox-press',
      dataset: { digits: '1' },
      i18n: ['sandbox.press', { digits: '1' }],
      on: { click: () => press('1') },
    })
    : null;
  const code = [...messages].reverse()
    .filter((message) => message.direction === 'outbound')
    .map((message) => message.body.match(ACK_CODE)?.[0])
    .find(Boolean);
  const answers = [code, '1', '2'].filter(Boolean);
  replaceChildren(quick, ringing, ...(messages.length
    ? answers.map((answer) => h('button', {
      type: 'button',
      class: 'button button--secondary',
      testid: 'sandbox-quick',
      dataset: { reply: answer },
      i18n: ['sandbox.quick', { text: answer }],
      on: { click: () => reply(answer) },
    }))
    : []));
}
