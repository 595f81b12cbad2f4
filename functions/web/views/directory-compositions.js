// The directory's team compositions (docs/catalogue.md): who the caller's authority sends for a module or team of the
// current catalogue, role by role, used when its coordinators dispatch responders. Where the authority set none the
// catalogue's example applies, shown as such. Every save sends the version it was edited from: an edit made meanwhile is a 409.
import { putJson } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { fieldsOf } from './directory-fields.js';

/** Draws the section from `page.state.catalogue`; `saving` is the directory's write-then-reload. */
export function drawCompositions(section, page, saving) {
  const catalogue = page.state.catalogue;
  const teams = (catalogue?.entries ?? []).filter((entry) => entry.unit === 'module' || entry.unit === 'team');
  const chosen = page.state.compositionOf ?? teams[0]?.code;
  const entry = teams.find((team) => team.code === chosen);
  const own = catalogue?.ownCompositions?.[chosen];
  const picker = h('select', {
    id: 'dir-composition-code', testid: 'dir-composition-code',
    on: { change: (event) => { page.state.compositionOf = event.target.value; drawCompositions(section, page, saving); } },
  }, teams.map((team) => h('option', { value: team.code, i18n: ['directory.compositionOption', { name: { $lang: team.names }, code: team.code }], selected: team.code === chosen })));
  replaceChildren(section,
    h('h2', { id: 'dir-compositions-title', i18n: 'directory.compositions' }),
    h('p', { class: 'field__hint', i18n: 'directory.compositionsIntro' }),
    h('div', { class: 'field' }, h('label', { for: 'dir-composition-code', i18n: 'directory.compositionType' }), picker),
    entry && compositionForm(page, section, saving, entry, own));
}

function compositionForm(page, section, saving, entry, own) {
  const fields = fieldsOf('dir-composition');
  const failure = h('div');
  const start = own?.composition?.roles ?? entry.composition?.roles ?? [{ role: 'team-leader', count: 1 }];
  const rows = h('div', { class: 'composition-roles' });
  const draw = (roles) => replaceChildren(rows, roles.map((role, i) => h('div', { class: 'field-pair', testid: 'dir-composition-role' },
    fields.field(`roles[${i}].role`, 'directory.compositionRole', h('input', { type: 'text', autocomplete: 'off', value: role.role })),
    fields.field(`roles[${i}].count`, 'directory.compositionCount', h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', value: String(role.count) })),
    roles.length > 1 && h('button', {
      type: 'button', class: 'button button--quiet', i18n: 'directory.compositionRemove', i18nAttrs: { 'aria-label': ['directory.compositionRemoveLabel', { n: i + 1 }] },
      on: { click: () => draw(read().filter((_, j) => j !== i)) },
    }))));
  const read = () => [...rows.querySelectorAll('[data-testid="dir-composition-role"]')].map((row) => {
    const [role, count] = row.querySelectorAll('input');
    return { role: role.value.trim(), count: /^\d+$/.test(count.value.trim()) ? Number(count.value.trim()) : null };
  });
  draw(start);

  const submit = (event) => {
    event.preventDefault();
    saving(page, {
      fields, failure, savedKey: 'directory.compositionSaved', savedParams: { code: entry.code },
      write: () => putJson(`/api/catalogue/compositions/${encodeURIComponent(entry.code)}`, { version: own?.version ?? null, roles: read() }),
      focusAfter: '#dir-composition-code',
    });
  };
  return h('form', { class: 'fieldset', novalidate: true, testid: 'directory-composition-form', on: { submit } },
    h('p', { testid: 'dir-composition-source', i18n: own ? 'directory.compositionOwn' : 'directory.compositionExample' }),
    fields.summary,
    fields.errorFor('roles'),
    rows,
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'button button--secondary', testid: 'dir-composition-add', i18n: 'directory.compositionAdd', on: { click: () => draw([...read(), { role: '', count: 1 }]) } }),
      h('button', { type: 'submit', class: 'button button--primary', testid: 'directory-save-composition', i18n: 'directory.save' })),
    failure);
}
