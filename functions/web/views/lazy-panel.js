// A panel whose code is fetched only when its page has something for it to show. On a phone's network the request
// page's own part (what is asked, its stages, the decision bar) is drawn without waiting for the code of the offers',
// dispatch's, deployments' and claims' panels, which is most of the page's, and a request with none of those never
// fetches it. The panel appears when its file has arrived; what the page asked of it before then is done then, with
// the latest arguments.
import { h, replaceChildren } from '../dom.js';
import { errorBox } from '../feedback.js';

/**
 * A stand-in for the panel `load()` makes, with its `element` and its `update`, usable at once. `load` is called at
 * the first update for which `needed(...args)` holds.
 */
export function lazyPanel(load, needed = () => true) {
  // A box of no layout of its own (display: contents): the panel's section sits in the page as if it were not there.
  const element = h('div', { class: 'lazy-panel' });
  let panel = null;
  let loading = false;
  let waiting = null; // the arguments of the latest update before the panel exists
  const start = () => {
    loading = true;
    load().then((made) => {
      panel = made;
      replaceChildren(element, made.element);
      if (waiting) {
        made.update(...waiting);
        waiting = null;
      }
    }, (error) => {
      // Said where the panel goes; the page's next refresh (or change) tries again.
      loading = false;
      replaceChildren(element, errorBox(error));
    });
  };
  const update = (...args) => {
    if (panel) {
      return panel.update(...args);
    }
    waiting = args;
    if (!loading && needed(...args)) {
      start();
    }
    return undefined;
  };
  return { element, update };
}
