// #/directory — the directory as its administrators run it in production (docs/api.md, Directory): a platform
// administrator creates, edits and retires authorities and partnerships and manages anyone; an authority's admin runs
// its own people and its own side's approval stages. The server checks every call; the page only leaves out what the
// caller may not do. Every write sends the version it was edited from, so an edit made meanwhile is a 409, not lost.
import { getJson, putJson, postJson } from '../api.js';
import { h, idOf, replaceChildren } from '../dom.js';
import { announce, errorBox } from '../feedback.js';
import { LANGUAGES, currentLanguage, formatDateTime, formatNumber, translate } from '../i18n.js';
import { fieldsOf } from './directory-fields.js';
import { hoursOf, stagesEditor } from './directory-stages.js';
import { drawCompositions } from './directory-compositions.js';
import { drawNationalTypes } from './directory-national-types.js';

const ROLES = ['duty-officer', 'approver', 'coordinator', 'admin'];
const AUDIT_SHOWN = 25;

export async function render(outlet, context) {
  const roles = context.me.roles ?? [];
  const platform = roles.includes('platform-admin');
  // An authority's admins run its national resource types; a platform administrator has no authority of its own.
  const admin = roles.includes('admin');
  const own = context.me.authorityId ?? null;
  const state = { authorities: [], partnerships: [], audit: [], peopleOf: own, editing: null };
  const sections = {
    authorities: h('section', { class: 'form-section', testid: 'directory-authorities', 'aria-labelledby': 'dir-authorities-title' }),
    partnerships: h('section', { class: 'form-section', testid: 'directory-partnerships', 'aria-labelledby': 'dir-partnerships-title' }),
    people: h('section', { class: 'form-section', testid: 'directory-people', 'aria-labelledby': 'dir-people-title' }),
    nationalTypes: h('section', { class: 'form-section', testid: 'directory-national-types', 'aria-labelledby': 'dir-national-types-title' }),
    compositions: h('section', { class: 'form-section', testid: 'directory-compositions', 'aria-labelledby': 'dir-compositions-title' }),
    audit: h('section', { class: 'form-section', testid: 'directory-audit', 'aria-labelledby': 'dir-audit-title' }),
  };
  const problem = h('div');
  const page = { platform, own, state, context };

  page.reload = async () => {
    const [authorities, partnerships, audit, catalogue] = await Promise.all([
      getJson('/api/directory/authorities', { signal: context.signal }),
      getJson('/api/directory/partnerships', { signal: context.signal }),
      getJson('/api/directory/audit', { signal: context.signal }),
      admin ? getJson('/api/catalogue', { signal: context.signal }) : null,
    ]);
    Object.assign(state, { authorities, partnerships, audit, catalogue, nationalTypes: catalogue?.nationalTypes ?? [] });
    state.peopleOf ??= authorities.find((a) => !a.value.retired)?.value.id ?? null;
    const people = state.peopleOf
      ? await getJson(`/api/directory/authorities/${encodeURIComponent(state.peopleOf)}/people`, { signal: context.signal })
      : [];
    drawAuthorities(sections.authorities, page);
    drawPartnerships(sections.partnerships, page);
    drawPeople(sections.people, page, people);
    if (admin) {
      drawNationalTypes(sections.nationalTypes, page, saving);
      drawCompositions(sections.compositions, page, saving);
    }
    drawAudit(sections.audit, page);
  };

  replaceChildren(outlet,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1', i18n: 'directory.title' })),
    h('p', { class: 'lead', i18n: platform ? 'directory.introPlatform' : 'directory.introAdmin' }),
    problem,
    sections.authorities,
    sections.partnerships,
    sections.people,
    admin && sections.nationalTypes,
    admin && sections.compositions,
    sections.audit);
  try {
    await page.reload();
  } catch (error) {
    if (error.name !== 'AbortError') {
      replaceChildren(problem, errorBox(error));
    }
  }
}

/** The authority's name in the page's language, else its own name. */
function nameOf(authority) {
  return authority.names?.[currentLanguage()] || authority.name;
}

/** A stage's decision deadlines in hours, as the page shows them. */
function deadlinesOf(stage) {
  return Object.fromEntries(['lifeSafety', 'urgent', 'routine'].map((u) => [u, formatNumber(Number(hoursOf(stage.deadlines?.[u])), { maximumFractionDigits: 2 })]));
}

function authorityLabel(page, id) {
  const found = page.state.authorities.find((a) => a.value.id === id);
  return found ? `${nameOf(found.value)} (${id})` : id;
}

/**
 * Saves through `write()`, then tells, reloads and focuses `focusAfter`; a refusal is shown field by field in
 * `fields` and in `failure`, with nothing changed on the server.
 */
async function saving(page, { fields, failure, write, savedKey, savedParams, focusAfter }) {
  fields?.clear();
  replaceChildren(failure);
  try {
    await write();
  } catch (error) {
    fields?.show(error);
    replaceChildren(failure, errorBox(error, 'directory-error'));
    failure.firstChild?.focus();
    return false;
  }
  page.state.editing = null;
  announce(savedKey, savedParams);
  await page.reload();
  document.querySelector(focusAfter)?.focus();
  return true;
}

// ---- authorities ------------------------------------------------------------------------------------

function drawAuthorities(section, page) {
  const { state, platform } = page;
  const rows = state.authorities.map(({ value: authority }) => h('tr', { testid: 'directory-authority', dataset: { authority: authority.id } },
    h('th', { scope: 'row', tabindex: '-1' }, h('span', { text: nameOf(authority) }), h('span', { class: 'reference', text: ` ${authority.id}` })),
    h('td', { text: authority.country }),
    h('td', { text: authority.timeZone }),
    h('td', { text: authority.languages.join(', ') }),
    h('td', { text: authority.contactTeam }),
    h('td', {}, authority.retired
      ? h('span', { class: 'tag tag--unavailable', testid: 'directory-retired', i18n: 'directory.retired' })
      : h('span', { i18n: 'directory.active' })),
    platform && h('td', { class: 'actions' },
      h('button', {
        type: 'button', class: 'button button--quiet', testid: `directory-edit-${authority.id}`,
        i18n: 'directory.edit', i18nAttrs: { 'aria-label': ['directory.editAuthority', { name: nameOf(authority) }] },
        on: { click: () => { state.editing = { authority: authority.id }; drawAuthorities(section, page); } },
      }))));
  const editing = state.editing?.authority;
  replaceChildren(section,
    h('h2', { id: 'dir-authorities-title', i18n: 'directory.authorities' }),
    h('div', { class: 'table-scroll' }, h('table', { class: 'table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', i18n: 'directory.authority' }),
        h('th', { scope: 'col', i18n: 'directory.country' }),
        h('th', { scope: 'col', i18n: 'directory.timeZone' }),
        h('th', { scope: 'col', i18n: 'directory.languages' }),
        h('th', { scope: 'col', i18n: 'directory.contactTeam' }),
        h('th', { scope: 'col', i18n: 'directory.state' }),
        platform && h('th', { scope: 'col' }, h('span', { class: 'visually-hidden', i18n: 'directory.actions' })))),
      h('tbody', {}, rows))),
    platform && !editing && h('button', {
      type: 'button', class: 'button button--secondary', testid: 'directory-new-authority', i18n: 'directory.newAuthority',
      on: { click: () => { state.editing = { authority: '' }; drawAuthorities(section, page); document.getElementById('dir-authority-id')?.focus(); } },
    }),
    platform && editing !== undefined && authorityForm(page, section, state.authorities.find((a) => a.value.id === editing)));
}

function authorityForm(page, section, record) {
  const authority = record?.value;
  const fields = fieldsOf('dir-authority');
  const failure = h('div');
  const id = h('input', { type: 'text', autocomplete: 'off', value: authority?.id ?? '', readonly: authority ? true : null });
  const country = h('input', { type: 'text', autocomplete: 'off', maxlength: '2', value: authority?.country ?? '' });
  const name = h('input', { type: 'text', autocomplete: 'organization', value: authority?.name ?? '' });
  const names = Object.fromEntries(LANGUAGES.map((code) => [code, h('input', { type: 'text', value: authority?.names?.[code] ?? '', lang: code, dir: code === 'ar' ? 'rtl' : 'ltr' })]));
  const languages = Object.fromEntries(LANGUAGES.map((code) => [code, h('input', { type: 'checkbox', checked: authority ? authority.languages.includes(code) : null })]));
  const timeZone = h('input', { type: 'text', autocomplete: 'off', value: authority?.timeZone ?? '', placeholder: 'Europe/Rome' });
  const contactTeam = h('input', { type: 'text', autocomplete: 'off', value: authority?.contactTeam ?? 'operations' });

  const submit = (event) => {
    event.preventDefault();
    const target = authority?.id ?? id.value.trim();
    if (!target) {
      fields.clear();
      fields.showOne('id', 'directory.idRequired');
      return;
    }
    const form = {
      version: record?.version ?? null,
      country: country.value.trim().toUpperCase(),
      name: name.value,
      names: Object.fromEntries(LANGUAGES.map((code) => [code, names[code].value])),
      languages: LANGUAGES.filter((code) => languages[code].checked),
      timeZone: timeZone.value.trim(),
      contactTeam: contactTeam.value.trim(),
    };
    saving(page, {
      fields, failure, savedKey: 'directory.authoritySaved', savedParams: { id: target },
      write: () => putJson(`/api/directory/authorities/${encodeURIComponent(target)}`, form),
      focusAfter: `[data-testid='directory-authority'][data-authority='${CSS.escape(target)}'] th`,
    });
  };
  const retire = authority && !authority.retired && h('button', {
    type: 'button', class: 'button button--quiet-danger', testid: 'directory-retire', i18n: 'directory.retire',
    on: {
      click: async (event) => {
        // A second press confirms: retiring stops new filings to and from the authority (its requests stay).
        if (event.currentTarget.dataset.armed !== 'yes') {
          event.currentTarget.dataset.armed = 'yes';
          translate(event.currentTarget, 'directory.retireConfirm');
          return;
        }
        await saving(page, {
          fields, failure, savedKey: 'directory.authorityRetired', savedParams: { id: authority.id },
          write: () => postJson(`/api/directory/authorities/${encodeURIComponent(authority.id)}/retire`, { version: record.version }),
          focusAfter: `[data-testid='directory-authority'][data-authority='${CSS.escape(authority.id)}'] th`,
        });
      },
    },
  });

  return h('form', { class: 'fieldset', novalidate: true, testid: 'directory-authority-form', on: { submit } },
    h('h3', { i18n: authority ? ['directory.editAuthority', { name: nameOf(authority) }] : 'directory.newAuthority' }),
    fields.summary,
    h('div', { class: 'field-pair' },
      fields.field('id', 'directory.id', id, 'directory.idHint'),
      fields.field('country', 'directory.country', country, 'directory.countryHint')),
    fields.field('name', 'directory.ownName', name),
    h('div', { class: 'field-pair' }, LANGUAGES.map((code) => fields.field(`names.${code}`, `directory.nameIn.${code}`, names[code]))),
    h('fieldset', { class: 'fieldset', 'aria-describedby': idOf('dir-authority-e', 'languages') },
      h('legend', { i18n: 'directory.languages' }),
      LANGUAGES.map((code) => fields.check(`languages-${code}`, `directory.language.${code}`, languages[code])),
      fields.errorFor('languages')),
    h('div', { class: 'field-pair' },
      fields.field('timeZone', 'directory.timeZone', timeZone, 'directory.timeZoneHint'),
      fields.field('contactTeam', 'directory.contactTeam', contactTeam, 'directory.contactTeamHint')),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button--primary', testid: 'directory-save-authority', i18n: 'directory.save' }),
      h('button', {
        type: 'button', class: 'button button--quiet', testid: 'directory-cancel', i18n: 'directory.cancel',
        on: { click: () => { page.state.editing = null; drawAuthorities(section, page); } },
      }),
      retire),
    failure);
}

// ---- partnerships -----------------------------------------------------------------------------------

function drawPartnerships(section, page) {
  const { state, platform, own } = page;
  const editing = state.editing?.partnership;
  const cards = state.partnerships.map((record) => {
    const p = record.value;
    const key = `${p.requestingAuthorityId}>${p.assistingAuthorityId}`;
    const side = (name, stages, authorityId) => {
      const mayEdit = platform || authorityId === own;
      const open = editing?.key === key && editing.side === name;
      return h('div', { class: 'definitions', testid: `directory-side-${name}` },
        h('h4', { i18n: [`directory.side.${name}`, { authority: authorityLabel(page, authorityId) }] }),
        stages.length
          ? h('ol', {}, stages.map((stage) => h('li', { testid: 'directory-stage' },
            h('strong', { text: stage.name }), ' ',
            h('span', { i18n: ['directory.stageGroup', { group: stage.approverGroup }] }), ' ',
            h('span', { i18n: ['directory.stageDeadlines', deadlinesOf(stage)] }))))
          : h('p', { i18n: name === 'offer' ? 'directory.noOfferStage' : 'directory.noStage' }),
        mayEdit && !open && h('button', {
          type: 'button', class: 'button button--quiet', testid: `directory-edit-stages-${name}`,
          i18n: 'directory.editStages', i18nAttrs: { 'aria-label': [`directory.editStagesOf.${name}`, { from: p.requestingAuthorityId, to: p.assistingAuthorityId }] },
          on: { click: () => { state.editing = { partnership: { key, side: name } }; drawPartnerships(section, page); } },
        }),
        open && sideForm(page, record, name, stages));
    };
    return h('div', { class: 'card', testid: 'directory-partnership', dataset: { from: p.requestingAuthorityId, to: p.assistingAuthorityId } },
      h('h3', { tabindex: '-1', i18n: ['directory.partnershipTitle', { from: authorityLabel(page, p.requestingAuthorityId), to: authorityLabel(page, p.assistingAuthorityId) }] }),
      !p.active && h('p', { class: 'tag tag--unavailable', i18n: 'directory.inactive' }),
      side('request', p.requestStages, p.requestingAuthorityId),
      side('offer', p.offerStages, p.assistingAuthorityId));
  });
  replaceChildren(section,
    h('h2', { id: 'dir-partnerships-title', i18n: 'directory.partnerships' }),
    h('p', { class: 'field__hint', i18n: 'directory.partnershipsHint' }),
    cards.length ? cards : h('p', { i18n: 'directory.noPartnership' }),
    platform && editing?.key !== 'new' && h('button', {
      type: 'button', class: 'button button--secondary', testid: 'directory-new-partnership', i18n: 'directory.newPartnership',
      on: { click: () => { state.editing = { partnership: { key: 'new' } }; drawPartnerships(section, page); } },
    }),
    platform && editing?.key === 'new' && newPartnershipForm(page, section));
}

function sideForm(page, record, side, stages) {
  const p = record.value;
  const prefix = 'dir-stages';
  const fields = fieldsOf(prefix);
  const failure = h('div');
  const editor = stagesEditor(fields, 'stages', stages);
  const submit = (event) => {
    event.preventDefault();
    saving(page, {
      fields, failure, savedKey: 'directory.stagesSaved', savedParams: { from: p.requestingAuthorityId, to: p.assistingAuthorityId },
      write: () => putJson(`/api/directory/partnerships/${encodeURIComponent(p.requestingAuthorityId)}/${encodeURIComponent(p.assistingAuthorityId)}/stages/${side}`,
        { version: record.version, stages: editor.value() }),
      focusAfter: `[data-testid='directory-partnership'][data-from='${CSS.escape(p.requestingAuthorityId)}'][data-to='${CSS.escape(p.assistingAuthorityId)}'] h3`,
    });
  };
  return h('form', { class: 'fieldset', novalidate: true, testid: 'directory-stages-form', on: { submit } },
    fields.summary,
    editor.element,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button--primary', testid: 'directory-save-stages', i18n: 'directory.save' }),
      h('button', {
        type: 'button', class: 'button button--quiet', i18n: 'directory.cancel',
        on: { click: () => { page.state.editing = null; page.reload(); } },
      })),
    failure);
}

function newPartnershipForm(page, section) {
  const fields = fieldsOf('dir-partnership');
  const failure = h('div');
  const live = page.state.authorities.filter((a) => !a.value.retired).map((a) => a.value);
  const choose = () => h('select', {}, h('option', { value: '', i18n: 'directory.chooseAuthority' }),
    live.map((a) => h('option', { value: a.id, text: `${nameOf(a)} (${a.id})` })));
  const from = choose();
  const to = choose();
  const requestStages = stagesEditor(fields, 'requestStages', [{ name: 'validation', approverGroup: 'validation', deadlines: { lifeSafety: '01:00:00', urgent: '04:00:00', routine: '1.00:00:00' } }]);
  const offerStages = stagesEditor(fields, 'offerStages', [{ name: 'acceptance', approverGroup: 'acceptance', deadlines: { lifeSafety: '02:00:00', urgent: '08:00:00', routine: '2.00:00:00' } }]);
  const submit = (event) => {
    event.preventDefault();
    fields.clear();
    const missing = [['requestingId', from], ['assistingId', to]].filter(([, select]) => !select.value);
    if (missing.length || from.value === to.value) {
      missing.forEach(([name]) => fields.showOne(name, 'directory.chooseAuthority'));
      if (!missing.length) {
        fields.showOne('assistingId', 'directory.samePair');
      }
      return;
    }
    saving(page, {
      fields, failure, savedKey: 'directory.stagesSaved', savedParams: { from: from.value, to: to.value },
      write: () => putJson(`/api/directory/partnerships/${encodeURIComponent(from.value)}/${encodeURIComponent(to.value)}`,
        { version: null, requestStages: requestStages.value(), offerStages: offerStages.value(), active: true }),
      focusAfter: `[data-testid='directory-partnership'][data-from='${CSS.escape(from.value)}'][data-to='${CSS.escape(to.value)}'] h3`,
    });
  };
  return h('form', { class: 'fieldset', novalidate: true, testid: 'directory-partnership-form', on: { submit } },
    h('h3', { i18n: 'directory.newPartnership' }),
    fields.summary,
    h('div', { class: 'field-pair' },
      fields.field('requestingId', 'directory.requesting', from),
      fields.field('assistingId', 'directory.assisting', to)),
    h('h4', { i18n: 'directory.requestStages' }),
    requestStages.element,
    h('h4', { i18n: 'directory.offerStages' }),
    offerStages.element,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button--primary', testid: 'directory-save-partnership', i18n: 'directory.save' }),
      h('button', {
        type: 'button', class: 'button button--quiet', i18n: 'directory.cancel',
        on: { click: () => { page.state.editing = null; drawPartnerships(section, page); } },
      })),
    failure);
}

// ---- people -----------------------------------------------------------------------------------------

function drawPeople(section, page, people) {
  const { state, platform } = page;
  const chooser = platform && h('div', { class: 'field' },
    h('label', { for: 'dir-people-of', i18n: 'directory.peopleOf' }),
    h('select', {
      id: 'dir-people-of', testid: 'directory-people-of',
      on: { change: (event) => { state.peopleOf = event.target.value; state.editing = null; page.reload(); } },
    }, state.authorities.map(({ value: a }) => h('option', { value: a.id, selected: a.id === state.peopleOf ? true : null, text: `${nameOf(a)} (${a.id})` }))));
  const editing = state.editing?.person;
  const rows = people.map((record) => {
    const person = record.value;
    return h('tr', { testid: 'directory-person', dataset: { user: person.userId } },
      h('th', { scope: 'row', tabindex: '-1' }, h('span', { text: person.displayName }), h('span', { class: 'reference', text: ` ${person.userId}` })),
      h('td', { text: person.roles.join(', ') }),
      h('td', { text: person.approverGroups.join(', ') }),
      h('td', { class: 'actions' }, h('button', {
        type: 'button', class: 'button button--quiet', testid: `directory-edit-person-${person.userId}`,
        i18n: 'directory.edit', i18nAttrs: { 'aria-label': ['directory.editPerson', { name: person.displayName }] },
        on: { click: () => { state.editing = { person: person.userId }; drawPeople(section, page, people); } },
      })));
  });
  replaceChildren(section,
    h('h2', { id: 'dir-people-title', i18n: ['directory.people', { authority: state.peopleOf ? authorityLabel(page, state.peopleOf) : '' }] }),
    h('p', { class: 'field__hint', i18n: 'directory.peopleHint' }),
    chooser,
    state.peopleOf && h('div', { class: 'table-scroll' }, h('table', { class: 'table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', i18n: 'directory.person' }),
        h('th', { scope: 'col', i18n: 'directory.roles' }),
        h('th', { scope: 'col', i18n: 'directory.approverGroups' }),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden', i18n: 'directory.actions' })))),
      h('tbody', {}, rows))),
    state.peopleOf && editing === undefined && h('button', {
      type: 'button', class: 'button button--secondary', testid: 'directory-new-person', i18n: 'directory.newPerson',
      on: { click: () => { state.editing = { person: '' }; drawPeople(section, page, people); document.getElementById('dir-person-userId')?.focus(); } },
    }),
    state.peopleOf && editing !== undefined && personForm(page, section, people, people.find((p) => p.value.userId === editing)));
}

function personForm(page, section, people, record) {
  const person = record?.value;
  const fields = fieldsOf('dir-person');
  const failure = h('div');
  const roles = [...ROLES, ...(page.platform ? ['platform-admin'] : [])];
  const userId = h('input', { type: 'text', autocomplete: 'off', value: person?.userId ?? '', readonly: person ? true : null });
  const displayName = h('input', { type: 'text', autocomplete: 'name', value: person?.displayName ?? '' });
  const checks = Object.fromEntries(roles.map((role) => [role, h('input', { type: 'checkbox', checked: person?.roles.includes(role) ? true : null })]));
  const groups = h('input', { type: 'text', autocomplete: 'off', value: person?.approverGroups.join(', ') ?? '' });
  const submit = (event) => {
    event.preventDefault();
    const target = person?.userId ?? userId.value.trim();
    if (!target) {
      fields.clear();
      fields.showOne('userId', 'directory.idRequired');
      return;
    }
    const authorityId = page.state.peopleOf;
    saving(page, {
      fields, failure, savedKey: 'directory.personSaved', savedParams: { name: displayName.value || target },
      write: () => putJson(`/api/directory/authorities/${encodeURIComponent(authorityId)}/people/${encodeURIComponent(target)}`, {
        version: record?.version ?? null,
        displayName: displayName.value,
        roles: roles.filter((role) => checks[role].checked),
        approverGroups: groups.value.split(',').map((g) => g.trim()).filter(Boolean),
      }),
      focusAfter: `[data-testid='directory-person'][data-user='${CSS.escape(target)}'] th`,
    });
  };
  return h('form', { class: 'fieldset', novalidate: true, testid: 'directory-person-form', on: { submit } },
    h('h3', { i18n: person ? ['directory.editPerson', { name: person.displayName }] : 'directory.newPerson' }),
    fields.summary,
    h('div', { class: 'field-pair' },
      fields.field('userId', 'directory.userId', userId, 'directory.userIdHint'),
      fields.field('displayName', 'directory.displayName', displayName)),
    h('fieldset', { class: 'fieldset', 'aria-describedby': idOf('dir-person-e', 'roles') },
      h('legend', { i18n: 'directory.roles' }),
      roles.map((role) => fields.check(`roles-${role}`, `directory.role.${role}`, checks[role])),
      fields.errorFor('roles')),
    fields.field('approverGroups', 'directory.approverGroups', groups, 'directory.approverGroupsHint'),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button--primary', testid: 'directory-save-person', i18n: 'directory.save' }),
      h('button', {
        type: 'button', class: 'button button--quiet', i18n: 'directory.cancel',
        on: { click: () => { page.state.editing = null; drawPeople(section, page, people); } },
      })),
    failure);
}

// ---- audit trail ------------------------------------------------------------------------------------

function drawAudit(section, page) {
  const entries = page.state.audit.slice(0, AUDIT_SHOWN);
  replaceChildren(section,
    h('h2', { id: 'dir-audit-title', i18n: 'directory.audit' }),
    entries.length
      ? h('ol', { class: 'timeline' }, entries.map((entry) => h('li', { class: 'timeline__entry', testid: 'directory-audit-entry', dataset: { action: entry.action, entity: entry.entityId } },
        h('p', { class: 'timeline__what' },
          h('span', { i18n: [`directory.audit.${entry.entity}.${entry.action}`, { entity: entry.entityId }] })),
        h('p', { class: 'timeline__who' },
          h('span', { text: entry.actorName ?? entry.actorId }), ' · ',
          h('time', { datetime: entry.at, text: formatDateTime(entry.at) })))))
      : h('p', { i18n: 'directory.noAudit' }));
}
