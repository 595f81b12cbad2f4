// The directory's national resource types (docs/catalogue.md): every authority's types beside the EU catalogue, which
// any request or offer may name; an authority's admins add and change their own. A type is retired, never deleted:
// requests that named it keep it. Every write sends the version it was edited from, so an edit made meanwhile is a 409.
import { putJson } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { LANGUAGES } from '../i18n.js';
import { fieldsOf } from './directory-fields.js';

const UNITS = ['module', 'team', 'person', 'item'];

/** Draws the section from `page.state.nationalTypes`; `saving` is the directory's write-then-reload. */
export function drawNationalTypes(section, page, saving) {
  const { state } = page;
  const types = state.nationalTypes ?? [];
  const editing = state.editing?.nationalType;
  const rows = types.map((type) => h('tr', { testid: 'directory-national-type', dataset: { code: type.code } },
    h('th', { scope: 'row', tabindex: '-1' }, h('span', { i18n: ['catalogue.name', { name: { $lang: type.names } }] }), h('span', { class: 'reference', text: ` ${type.code}` })),
    h('td', { i18n: `directory.unit.${type.unit}` }),
    h('td', {}, type.retired
      ? h('span', { class: 'tag tag--unavailable', i18n: 'directory.retired' })
      : h('span', { i18n: 'directory.active' })),
    h('td', { class: 'actions' }, type.authorityId === page.own && h('button', {
      type: 'button', class: 'button button--quiet', testid: `directory-edit-type-${type.code}`,
      i18n: 'directory.edit', i18nAttrs: { 'aria-label': ['directory.editNationalType', { code: type.code }] },
      on: { click: () => { state.editing = { nationalType: type.code }; drawNationalTypes(section, page, saving); } },
    }))));
  replaceChildren(section,
    h('h2', { id: 'dir-national-types-title', i18n: 'directory.nationalTypes' }),
    h('p', { class: 'field__hint', i18n: ['directory.nationalTypesIntro', { authority: page.own ?? '' }] }),
    types.length === 0
      ? h('p', { testid: 'directory-no-national-types', i18n: 'directory.noNationalTypes' })
      : h('div', { class: 'table-scroll' }, h('table', { class: 'table' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', i18n: 'directory.nationalType' }),
          h('th', { scope: 'col', i18n: 'directory.unit' }),
          h('th', { scope: 'col', i18n: 'directory.state' }),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden', i18n: 'directory.actions' })))),
        h('tbody', {}, rows))),
    editing === undefined && h('button', {
      type: 'button', class: 'button button--secondary', testid: 'directory-new-national-type', i18n: 'directory.newNationalType',
      on: { click: () => { state.editing = { nationalType: '' }; drawNationalTypes(section, page, saving); document.getElementById('dir-type-slug')?.focus(); } },
    }),
    editing !== undefined && typeForm(page, section, saving, types.find((t) => t.code === editing)));
}

function typeForm(page, section, saving, type) {
  const fields = fieldsOf('dir-type');
  const failure = h('div');
  const prefix = `${page.own}.`;
  const slug = h('input', { type: 'text', autocomplete: 'off', value: type ? type.code.slice(prefix.length) : '', readonly: type ? true : null, placeholder: 'drone-team' });
  const unit = h('select', {}, UNITS.map((code) => h('option', { value: code, i18n: `directory.unit.${code}`, selected: code === (type?.unit ?? 'team') })));
  const names = Object.fromEntries(LANGUAGES.map((code) => [code, h('input', { type: 'text', value: type?.names?.[code] ?? '', lang: code, dir: code === 'ar' ? 'rtl' : 'ltr' })]));
  const note = h('input', { type: 'text', value: type?.note ?? '' });
  const retired = h('input', { type: 'checkbox', checked: type?.retired ? true : null });

  const submit = (event) => {
    event.preventDefault();
    const target = slug.value.trim();
    if (!target) {
      fields.clear();
      fields.showOne('slug', 'directory.slugRequired');
      return;
    }
    const form = {
      version: type?.version ?? null,
      unit: unit.value,
      names: Object.fromEntries(LANGUAGES.map((code) => [code, names[code].value])),
      note: note.value.trim() || null,
      retired: retired.checked,
    };
    saving(page, {
      fields, failure, savedKey: 'directory.nationalTypeSaved', savedParams: { code: prefix + target },
      write: () => putJson(`/api/catalogue/national-types/${encodeURIComponent(target)}`, form),
      focusAfter: `[data-testid='directory-national-type'][data-code='${CSS.escape(prefix + target)}'] th`,
    });
  };

  return h('form', { class: 'fieldset', novalidate: true, testid: 'directory-national-type-form', on: { submit } },
    h('h3', { i18n: type ? ['directory.editNationalType', { code: type.code }] : 'directory.newNationalType' }),
    fields.summary,
    h('div', { class: 'field-pair' },
      fields.field('slug', 'directory.slug', slug, 'directory.slugHint'),
      fields.field('unit', 'directory.unit', unit)),
    h('div', { class: 'field-pair' }, LANGUAGES.map((code) => fields.field(`names.${code}`, `directory.nameIn.${code}`, names[code]))),
    fields.field('note', 'directory.note', note),
    fields.check('retired', 'directory.retireType', retired),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button--primary', testid: 'directory-save-national-type', i18n: 'directory.save' }),
      h('button', {
        type: 'button', class: 'button button--quiet', i18n: 'directory.cancel',
        on: { click: () => { page.state.editing = null; drawNationalTypes(section, page, saving); } },
      })),
    failure);
}
