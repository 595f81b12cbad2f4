// Lists that refresh themselves while they are on screen (the approval inbox, the dead letters).
import { replaceChildren } from './dom.js';
import { errorBox } from './feedback.js';

/**
 * Returns `refresh`, which runs `load` (one call at a time, `list` marked busy meanwhile), and calls it every `everyMs`
 * until `signal` aborts (the view is left). A failure is shown in `problem` and the last list stays on screen: in a
 * crisis, slightly old data serves better than none.
 */
export function refreshing({ list, problem, everyMs, signal, load }) {
  let loading = false;
  const refresh = async () => {
    if (loading) {
      return;
    }
    loading = true;
    list.setAttribute('aria-busy', 'true');
    try {
      await load();
      replaceChildren(problem);
    } catch (error) {
      if (error.name !== 'AbortError') {
        replaceChildren(problem, errorBox(error));
      }
    } finally {
      loading = false;
      list.setAttribute('aria-busy', 'false');
    }
  };
  const timer = setInterval(refresh, everyMs);
  signal.addEventListener('abort', () => clearInterval(timer));
  return refresh;
}
