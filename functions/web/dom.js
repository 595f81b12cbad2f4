// Builds elements without ever parsing markup: server data reaches the page only as textContent,
// so a request titled "<img onerror=...>" shows as those characters and runs nothing.
import { translate, translateAttributes } from './i18n.js';

/**
 * h('button', { i18n: 'nav.new', testid: 'nav-new', on: { click } }, ...children)
 * - text: server data, set as textContent
 * - i18n: a dictionary key, or [key, params]
 * - i18nAttrs: { 'aria-label': ['key', params] }
 * - testid, class (string or array), dataset, on; anything else becomes an attribute (true → present, false/null → absent).
 * Children may be nodes or strings (strings become text nodes); null/false children are skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    switch (name) {
      case 'text':
        element.textContent = String(value);
        break;
      case 'i18n':
        if (Array.isArray(value)) {
          translate(element, value[0], value[1]);
        } else {
          translate(element, value);
        }
        break;
      case 'i18nAttrs':
        translateAttributes(element, value);
        break;
      case 'testid':
        element.dataset.testid = value;
        break;
      case 'class':
        element.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
        break;
      case 'dataset':
        Object.assign(element.dataset, value);
        break;
      case 'on':
        for (const [event, listener] of Object.entries(value)) {
          element.addEventListener(event, listener);
        }
        break;
      default:
        element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  element.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/** Replaces everything inside `parent`. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
}

/** A DOM id derived from a JSON path (`capabilities[0].code` → `f-capabilities-0-code`). */
export function idOf(prefix, path) {
  return `${prefix}-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
}

const stylesheets = new Map();

/**
 * Adds a same-origin stylesheet of a view's own (once per page, as the Content-Security-Policy allows) and resolves
 * once it applies, for views that measure what they draw; a sheet that fails to load resolves too, unstyled.
 */
export function useStylesheet(href) {
  if (!stylesheets.has(href)) {
    const link = h('link', { rel: 'stylesheet', href });
    stylesheets.set(href, new Promise((resolve) => {
      link.addEventListener('load', resolve, { once: true });
      link.addEventListener('error', resolve, { once: true });
    }));
    document.head.append(link);
  }
  return stylesheets.get(href);
}
