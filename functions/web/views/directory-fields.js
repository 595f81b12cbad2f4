// The fields of a directory form and the server's verdict on them: each field's error sits under it, found by the
// JSON path the server names (`names.ar`, `stages[1].deadlines.urgent`, `roles[0]`); what matches no field stays in
// the form's summary, so no refusal goes unseen.
import { h, idOf, replaceChildren } from '../dom.js';
import { fieldMessages } from '../problems.js';

export function fieldsOf(prefix) {
  const errors = new Map();
  const summary = h('div', { class: 'error-summary', testid: `${prefix}-summary`, 'aria-live': 'polite', hidden: true });

  const errorFor = (path) => {
    const error = h('p', { class: 'field__error', id: idOf(`${prefix}-e`, path), testid: `${prefix}-${path}-error` });
    errors.set(path, error);
    return error;
  };

  const field = (path, labelKey, control, hintKey) => {
    const id = idOf(prefix, path);
    Object.assign(control, { id, name: path });
    control.dataset.testid = `${prefix}-${path}`;
    const hint = hintKey && h('p', { class: 'field__hint', id: `${id}-hint`, i18n: hintKey });
    const error = errorFor(path);
    control.setAttribute('aria-describedby', [hint && hint.id, error.id].filter(Boolean).join(' '));
    return h('div', { class: 'field' }, h('label', { for: id, i18n: labelKey }), hint, control, error);
  };

  const check = (name, labelKey, control) => {
    const id = idOf(prefix, name);
    Object.assign(control, { id, name });
    control.dataset.testid = `${prefix}-${name}`;
    return h('div', { class: 'field field--check' }, control, h('label', { for: id, i18n: labelKey }));
  };

  // `roles[2]` has no field of its own: its message goes under `roles`.
  const target = (path) => errors.get(path) ?? errors.get(path.replace(/\[\d+\]$/, ''));

  return {
    summary,
    field,
    check,
    errorFor,
    clear() {
      errors.forEach((error) => { error.textContent = ''; });
      summary.hidden = true;
      replaceChildren(summary);
    },
    showOne(path, key) {
      const error = target(path);
      if (error) {
        // In a span of its own: clear() empties the field's error, and no translation is left to come back on a
        // language switch.
        replaceChildren(error, h('span', { i18n: key }));
      }
      document.getElementById(idOf(prefix, path))?.focus();
    },
    show(error) {
      const unmatched = [];
      for (const [path, messages] of Object.entries(fieldMessages(error?.problem))) {
        const element = target(path);
        if (element) {
          element.textContent = [element.textContent, ...messages].filter(Boolean).join(' ');
        } else {
          unmatched.push(`${path}: ${messages.join(' ')}`);
        }
      }
      if (unmatched.length) {
        replaceChildren(summary, h('ul', {}, unmatched.map((text) => h('li', { text }))));
        summary.hidden = false;
      }
    },
  };
}
