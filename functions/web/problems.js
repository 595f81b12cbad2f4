// Field errors in the page's own words: the server names each bad field with a stable code (problem.codes) and the
// values its wording needs (problem.fieldArguments); the page words the code from its dictionary, so what people read
// never depends on the server's text. A code this page does not know yet falls back to the server's wording, which
// the server writes in the language the page asked for (Accept-Language).
import { hasText, t } from './i18n.js';

/** `{ field: [message, …] }` for a 400 problem, in the page's language. */
export function fieldMessages(problem) {
  const worded = problem?.errors ?? {};
  const codes = problem?.codes ?? {};
  const args = problem?.fieldArguments ?? {};
  return Object.fromEntries(Object.entries(worded).map(([field, messages]) => [
    field,
    messages.map((message, i) => {
      const code = codes[field]?.[i];
      return code && hasText(`problem.${code}`) ? t(`problem.${code}`, args[field]?.[i] ?? {}) : message;
    }),
  ]));
}

/** Whether a problem names bad fields. */
export function hasFieldErrors(problem) {
  return Object.keys(problem?.errors ?? {}).length > 0;
}
