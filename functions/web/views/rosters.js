// #/rosters — the authority's on-call rosters and the people who are paged or dispatched by SMS.
// Everyone signed in sees who is on call now; coordinators and admins also edit shifts and people and load
// both from CSV files. Shift times are the authority's local time (its IANA zone is shown next to them):
// the server turns them into instants, with its policy for the hours skipped or repeated by a clock change.
import { ApiError, getJson, putJson, send } from '../api.js';
import { loadCatalogueLabels, roleLabel } from '../catalogue-labels.js';
import { h, idOf, replaceChildren } from '../dom.js';
import { announce, errorBox } from '../feedback.js';
import { hasText, translate } from '../i18n.js';
import { catalogue } from '../reference.js';
import { fieldMessages } from '../problems.js';

const ROLES = ['duty-officer', 'approver', 'coordinator', 'admin', 'responder'];
const LANGUAGE_CODES = ['fr', 'ar', 'en'];

export async function render(outlet, context) {
  useStylesheet();
  const roles = context.me.roles ?? [];
  const manager = roles.includes('coordinator') || roles.includes('admin');
  const state = { rosters: [], people: [], catalogue: await catalogue(), editing: null, openTeams: new Set() };
  await loadCatalogueLabels();

  const onCall = h('section', { class: 'form-section', testid: 'rosters-on-call', 'aria-labelledby': 'on-call-title' });
  const rosterArea = h('section', { class: 'form-section', testid: 'rosters-teams', 'aria-labelledby': 'teams-title' });
  const peopleArea = h('section', { class: 'form-section', testid: 'rosters-people', 'aria-labelledby': 'people-title' });
  const importArea = h('section', { class: 'form-section', testid: 'rosters-import', 'aria-labelledby': 'import-title' });
  const problem = h('div');

  const reload = async () => {
    const [rosters, people] = await Promise.all([
      getJson('/api/rosters', { signal: context.signal }),
      manager ? getJson('/api/people', { signal: context.signal }) : Promise.resolve([]),
    ]);
    state.rosters = rosters;
    state.people = people;
    drawOnCall(onCall, state);
    if (manager) {
      drawRosters(rosterArea, state, reload);
      drawPeople(peopleArea, state, reload);
      state.onLoaded?.();
    }
  };

  replaceChildren(outlet,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1', i18n: 'rosters.title' })),
    h('p', { class: 'lead', i18n: manager ? 'rosters.intro' : 'rosters.introReader' }),
    problem,
    onCall,
    manager && rosterArea,
    manager && peopleArea,
    manager && importArea);
  if (manager) {
    drawImport(importArea, state, reload);
  }
  try {
    await reload();
  } catch (error) {
    if (error.name !== 'AbortError') {
      replaceChildren(problem, errorBox(error));
    }
  }
}

// ---- on call now ------------------------------------------------------------------------------------

function drawOnCall(section, state) {
  replaceChildren(section,
    h('h2', { id: 'on-call-title', i18n: 'rosters.onCallNow' }),
    h('div', { class: 'rosters-on-call' }, state.rosters.map((roster) => {
      const now = roster.onCallNow;
      return h('div', { class: 'card', testid: `on-call-${roster.team}`, dataset: { team: roster.team } },
        h('h3', { i18n: ['rosters.teamTitle', { team: teamLabel(roster.team) }] }),
        h('p', { class: 'field__hint', i18n: ['rosters.localTime', { time: shortLocal(now.localTime), zone: now.timeZone, offset: now.offset }] }),
        now.tiers.length
          ? h('ul', {}, now.tiers.map((tier) => h('li', { testid: `on-call-${roster.team}-tier-${tier.tier}` },
            h('strong', { i18n: ['rosters.tier', { tier: tier.tier }] }), ' ',
            h('span', { text: tier.people.map((p) => p.name ?? p.personId).join(', ') }),
            // Whoever replied STOP is skipped by paging: a tier of only them is a gap.
            tier.people.some((p) => p.smsOptedOut) && h('span', {
              class: ['tag', tier.gap ? 'tag--unavailable' : null], testid: `on-call-${roster.team}-tier-${tier.tier}-opted-out`,
              i18n: [tier.gap ? 'rosters.tierGap' : 'rosters.someOptedOut', { names: tier.people.filter((p) => p.smsOptedOut).map((p) => p.name ?? p.personId).join(', ') }],
            }))))
          : h('p', { class: 'alert alert--warning', testid: `on-call-${roster.team}-nobody`, i18n: 'rosters.nobody' }));
    })));
}

// ---- shifts -----------------------------------------------------------------------------------------

function drawRosters(section, state, reload) {
  replaceChildren(section,
    h('h2', { id: 'teams-title', i18n: 'rosters.shifts' }),
    state.rosters.map((roster) => rosterCard(roster, state, reload)));
}

function rosterCard(roster, state, reload) {
  const failure = h('div', { 'aria-live': 'assertive' });
  const prefix = `shift-${roster.team}`;
  const errors = new Map();
  const field = (name, labelKey, control, labelParams) => {
    const id = idOf(prefix, name);
    Object.assign(control, { id, name });
    control.dataset.testid = `${prefix}-${name}`;
    const error = h('p', { class: 'field__error', id: idOf(`${prefix}-e`, name), testid: `${prefix}-${name}-error`, 'aria-live': 'polite' });
    control.setAttribute('aria-describedby', error.id);
    errors.set(name, error);
    return h('div', { class: 'field' }, h('label', { for: id, i18n: [labelKey, labelParams] }), control, error);
  };
  const person = h('select', {}, h('option', { value: '', i18n: 'rosters.choosePerson' }),
    state.people.map((p) => h('option', { value: p.personId, text: `${p.name} (${p.personId})` })));
  const tier = h('input', { type: 'number', min: '1', max: '9', value: '1', inputmode: 'numeric' });
  const start = h('input', { type: 'datetime-local' });
  const end = h('input', { type: 'datetime-local' });

  const save = async (shifts, focusAfter) => {
    replaceChildren(failure);
    errors.forEach((error) => { error.textContent = ''; });
    try {
      await putJson(`/api/rosters/${encodeURIComponent(roster.team)}`, { version: roster.version, shifts });
      announce('rosters.saved', { team: teamLabel(roster.team) });
      await reload();
      focusAfter?.();
    } catch (error) {
      const index = shifts.length - 1;
      const fieldErrors = fieldMessages(error?.problem);
      for (const [path, messages] of Object.entries(fieldErrors)) {
        const match = path.match(/^shifts\[(\d+)\]\.(\w+)$/);
        const target = match && Number(match[1]) === index ? errors.get(match[2]) : null;
        if (target) {
          target.textContent = messages.join(' ');
        }
      }
      replaceChildren(failure, errorBox(error, `${prefix}-error`));
    }
  };

  const keep = (s) => ({ personId: s.personId, tier: s.tier, start: s.start, end: s.end });
  const now = Date.now();
  const ended = roster.shifts.filter((s) => new Date(s.endsAt).getTime() <= now);

  const rows = roster.shifts.map((shift, index) => h('tr', { testid: `${prefix}-row`, dataset: { person: shift.personId } },
    h('td', { text: shift.name ?? shift.personId }),
    h('td', { class: 'numeric', text: String(shift.tier) }),
    h('td', { title: shift.startsAt, text: shortLocal(shift.start) }),
    h('td', { title: shift.endsAt, text: shortLocal(shift.end) }),
    h('td', { class: 'rosters-actions' }, h('button', {
      type: 'button', class: 'button button--quiet-danger', testid: `${prefix}-remove-${index}`,
      i18n: 'rosters.remove', i18nAttrs: { 'aria-label': ['rosters.removeLabel', { name: shift.name ?? shift.personId, start: shortLocal(shift.start) }] },
      on: { click: () => save(roster.shifts.filter((_, i) => i !== index).map(keep)) },
    }))));

  return h('div', { class: 'card', testid: `roster-${roster.team}`, dataset: { team: roster.team } },
    h('h3', { i18n: ['rosters.teamTitle', { team: teamLabel(roster.team) }] }),
    h('p', { class: 'field__hint', i18n: ['rosters.zoneHint', { zone: roster.timeZone }] }),
    roster.shifts.length
      ? h('details', {
        class: 'rosters-shifts', testid: `${prefix}-list`, open: state.openTeams.has(roster.team),
        on: { toggle: (event) => (event.target.open ? state.openTeams.add(roster.team) : state.openTeams.delete(roster.team)) },
      },
      h('summary', { i18n: ['rosters.showShifts', { count: roster.shifts.length, upcoming: roster.shifts.length - ended.length }] }),
      h('table', { class: 'table' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', i18n: 'rosters.person' }),
          h('th', { scope: 'col', class: 'numeric', i18n: 'rosters.tierColumn' }),
          h('th', { scope: 'col', i18n: ['rosters.start', { zone: roster.timeZone }] }),
          h('th', { scope: 'col', i18n: ['rosters.end', { zone: roster.timeZone }] }),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden', i18n: 'rosters.actions' })))),
        h('tbody', {}, rows)))
      : h('p', { class: 'empty', i18n: 'rosters.noShifts' }),
    ended.length > 0 && h('button', {
      type: 'button', class: 'button button--secondary', testid: `${prefix}-remove-ended`,
      i18n: ['rosters.removeEnded', { count: ended.length }],
      on: { click: () => save(roster.shifts.filter((s) => new Date(s.endsAt).getTime() > now).map(keep)) },
    }),
    h('form', {
      class: 'fieldset', novalidate: true, testid: `${prefix}-form`,
      on: {
        submit: (event) => {
          event.preventDefault();
          state.openTeams.add(roster.team);
          save([...roster.shifts.map(keep), { personId: person.value, tier: Number(tier.value) || null, start: start.value, end: end.value }],
            () => document.getElementById(idOf(prefix, 'personId'))?.focus());
        },
      },
    },
    h('h4', { i18n: 'rosters.addShift' }),
    h('div', { class: 'field-pair' },
      field('personId', 'rosters.person', person),
      field('tier', 'rosters.tierColumn', tier)),
    h('div', { class: 'field-pair' },
      field('start', 'rosters.start', start, { zone: roster.timeZone }),
      field('end', 'rosters.end', end, { zone: roster.timeZone })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button--primary', testid: `${prefix}-add`, i18n: 'rosters.addShift' }))),
    failure);
}

// ---- people -----------------------------------------------------------------------------------------

function drawPeople(section, state, reload) {
  const editor = personForm(state, reload, section);
  replaceChildren(section,
    h('h2', { id: 'people-title', i18n: 'rosters.people' }),
    state.people.length
      // Six columns do not fit a phone: there each person becomes a block, its cells labelled from data-label
      // (rosters.css); the explicit roles keep it a table for screen readers once CSS changes how it is displayed.
      ? h('table', { class: 'table rosters-people-table', role: 'table', testid: 'people-table' },
        h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
          h('th', { scope: 'col', role: 'columnheader', i18n: 'rosters.name' }),
          h('th', { scope: 'col', role: 'columnheader', i18n: 'rosters.mobile' }),
          h('th', { scope: 'col', role: 'columnheader', i18n: 'rosters.language' }),
          h('th', { scope: 'col', role: 'columnheader', i18n: 'rosters.roles' }),
          h('th', { scope: 'col', role: 'columnheader', i18n: 'rosters.skills' }),
          h('th', { scope: 'col', role: 'columnheader' }, h('span', { class: 'visually-hidden', i18n: 'rosters.actions' })))),
        h('tbody', { role: 'rowgroup' }, state.people.map((p) => h('tr', { role: 'row', testid: 'person-row', dataset: { person: p.personId } },
          h('td', { role: 'cell', class: 'rosters-person' }, h('span', { text: p.name }), h('br'), h('small', { text: p.personId })),
          h('td', { role: 'cell', i18nAttrs: { 'data-label': ['rosters.mobile'] } }, h('span', { class: 'rosters-number', text: p.mobile }),
            p.smsOptedOut && h('span', { class: 'tag tag--unavailable', testid: `opted-out-${p.personId}`, i18n: 'rosters.optedOut' })),
          h('td', { role: 'cell', i18nAttrs: { 'data-label': ['rosters.language'] } }, h('span', { i18n: `language.${p.language}` })),
          h('td', { role: 'cell', class: 'rosters-wide', i18nAttrs: { 'data-label': ['rosters.roles'] } }, p.roles.map((r) => h('span', { class: 'tag', i18n: `rosters.role.${r}` }))),
          h('td', { role: 'cell', class: 'rosters-wide', i18nAttrs: { 'data-label': ['rosters.skills'] } }, [
            ...p.skills.map((s) => h('span', { class: 'tag', i18n: `capability.${s}` })),
            ...(p.teamRoles ?? []).map((r) => h('span', { class: 'tag', testid: `team-role-${p.personId}`, i18n: roleLabel(r) })),
          ]),
          h('td', { role: 'cell', class: 'rosters-actions' }, h('button', {
            type: 'button', class: 'button button--quiet', testid: `edit-person-${p.personId}`,
            i18n: 'rosters.edit', i18nAttrs: { 'aria-label': ['rosters.editLabel', { name: p.name }] },
            on: {
              click: () => {
                state.editing = p;
                drawPeople(section, state, reload);
                document.getElementById('person-name')?.focus();
              },
            },
          }))))))
      : h('p', { class: 'empty', i18n: 'rosters.noPeople' }),
    editor);
}

function personForm(state, reload, section) {
  const editing = state.editing;
  const errors = new Map();
  const failure = h('div', { 'aria-live': 'assertive' });
  const field = (name, labelKey, control, hintKey) => {
    const id = `person-${name}`;
    Object.assign(control, { id, name });
    control.dataset.testid = `person-${name}`;
    const error = h('p', { class: 'field__error', id: `person-${name}-error`, testid: `person-${name}-error`, 'aria-live': 'polite' });
    const hint = hintKey ? h('p', { class: 'field__hint', id: `person-${name}-hint`, i18n: hintKey }) : null;
    control.setAttribute('aria-describedby', [hint?.id, error.id].filter(Boolean).join(' '));
    errors.set(name, error);
    return h('div', { class: 'field' }, h('label', { for: id, i18n: labelKey }), hint, control, error);
  };
  const checkboxes = (name, codes, chosen, labelOf) => {
    const error = h('p', { class: 'field__error', id: `person-${name}-error`, testid: `person-${name}-error`, 'aria-live': 'polite' });
    errors.set(name, error);
    return h('fieldset', { class: 'fieldset', 'aria-describedby': error.id },
      h('legend', { i18n: `rosters.${name}` }),
      h('ul', { class: 'rosters-choices' }, codes.map((code) => h('li', {}, h('label', {},
        h('input', { type: 'checkbox', name, value: code, checked: chosen.includes(code), testid: `person-${name}-${code}` }),
        h('span', { i18n: labelOf(code) }))))),
      error);
  };

  const personId = h('input', { type: 'text', value: editing?.personId ?? '', autocomplete: 'off', readonly: Boolean(editing) });
  const name = h('input', { type: 'text', value: editing?.name ?? '', autocomplete: 'off' });
  const mobile = h('input', { type: 'tel', value: editing?.mobile ?? '', autocomplete: 'off', dir: 'ltr' });
  const language = h('select', {}, LANGUAGE_CODES.map((code) => h('option', { value: code, i18n: `language.${code}`, selected: code === (editing?.language ?? 'fr') })));
  const form = h('form', {
    class: 'card', novalidate: true, testid: 'person-form',
    on: {
      submit: async (event) => {
        event.preventDefault();
        replaceChildren(failure);
        errors.forEach((error) => { error.textContent = ''; });
        const checked = (group) => [...form.querySelectorAll(`input[name="${group}"]:checked`)].map((box) => box.value);
        const id = personId.value.trim();
        try {
          if (!id) {
            throw new ApiError(400, { errors: { personId: [''] } });
          }
          await putJson(`/api/people/${encodeURIComponent(id)}`, {
            name: name.value, mobile: mobile.value.trim(), language: language.value, roles: checked('roles'), skills: checked('skills'), teamRoles: checked('teamRoles'),
          });
          announce('rosters.personSaved', { name: name.value });
          state.editing = null;
          await reload();
        } catch (error) {
          for (const [path, messages] of Object.entries(fieldMessages(error?.problem))) {
            const target = errors.get(path.replace(/\[\d+\]$/, ''));
            if (target) {
              if (messages.join('').trim()) {
                target.textContent = messages.join(' ');
              } else {
                translate(target, 'rosters.required');
              }
            }
          }
          if (error?.status !== 400 || !error?.problem?.errors) {
            replaceChildren(failure, errorBox(error, 'person-error'));
          } else {
            form.querySelector('.field__error:not(:empty)')?.closest('.field, .fieldset')?.querySelector('input, select')?.focus();
          }
        }
      },
    },
  },
  h('h3', { i18n: editing ? ['rosters.editPerson', { name: editing.name }] : 'rosters.addPerson' }),
  h('div', { class: 'field-pair' },
    field('personId', 'rosters.personId', personId, 'rosters.personId.hint'),
    field('name', 'rosters.name', name)),
  h('div', { class: 'field-pair' },
    field('mobile', 'rosters.mobile', mobile, 'rosters.mobile.hint'),
    field('language', 'rosters.language', language)),
  checkboxes('roles', ROLES, editing?.roles ?? [], (code) => `rosters.role.${code}`),
  checkboxes('skills', state.catalogue.capabilities, editing?.skills ?? [], (code) => `capability.${code}`),
  // The catalogue's team roles, and any of the authority's own this person already holds.
  checkboxes('teamRoles', [...new Set([...Object.keys(state.catalogue.roles ?? {}), ...(editing?.teamRoles ?? [])])], editing?.teamRoles ?? [], roleLabel),
  failure,
  h('div', { class: 'form-actions' },
    h('button', { type: 'submit', class: 'button button--primary', testid: 'person-save', i18n: 'rosters.savePerson' }),
    editing && h('button', {
      type: 'button', class: 'button button--quiet', testid: 'person-cancel', i18n: 'rosters.cancelEdit',
      on: { click: () => { state.editing = null; drawPeople(section, state, reload); } },
    })));
  return form;
}

// ---- CSV import -------------------------------------------------------------------------------------

function drawImport(section, state, reload) {
  const result = h('div', { 'aria-live': 'polite', testid: 'import-result' });
  const peopleFile = h('input', { type: 'file', id: 'import-people-file', accept: '.csv,text/csv', testid: 'import-people-file' });
  const shiftsFile = h('input', { type: 'file', id: 'import-shifts-file', accept: '.csv,text/csv', testid: 'import-shifts-file' });
  const team = h('select', { id: 'import-team', testid: 'import-team' });
  const mode = h('select', { id: 'import-mode', testid: 'import-mode' },
    h('option', { value: 'replace', i18n: 'rosters.import.replace' }),
    h('option', { value: 'append', i18n: 'rosters.import.append' }));

  const fillTeams = () => replaceChildren(team, state.rosters.map((r) => h('option', { value: r.team, i18n: ['rosters.teamTitle', { team: teamLabel(r.team) }] })));
  const upload = async (input, path) => {
    replaceChildren(result);
    const file = input.files?.[0];
    if (!file) {
      replaceChildren(result, h('p', { class: 'alert alert--warning', i18n: 'rosters.import.chooseFile' }));
      return;
    }
    try {
      await send('POST', path, await file.text(), { contentType: 'text/csv' });
      replaceChildren(result, h('p', { class: 'alert alert--info', testid: 'import-done', i18n: ['rosters.import.done', { file: file.name }] }));
      await reload();
    } catch (error) {
      const lines = Object.entries(fieldMessages(error?.problem));
      replaceChildren(result, errorBox(error, 'import-error'),
        lines.length > 0 && h('ul', { testid: 'import-errors' }, lines.map(([where, messages]) => h('li', {},
          h('strong', { text: where }), ' ', h('span', { text: messages.join(' ') })))));
    }
  };

  replaceChildren(section,
    h('h2', { id: 'import-title', i18n: 'rosters.import.title' }),
    h('p', { class: 'field__hint', i18n: 'rosters.import.intro' }),
    h('div', { class: 'card' },
      h('h3', { i18n: 'rosters.import.people' }),
      h('p', { class: 'field__hint', i18n: 'rosters.import.peopleColumns' }),
      h('div', { class: 'field' }, h('label', { for: 'import-people-file', i18n: 'rosters.import.file' }), peopleFile),
      h('button', { type: 'button', class: 'button button--secondary', testid: 'import-people', i18n: 'rosters.import.send', on: { click: () => upload(peopleFile, '/api/people/import') } })),
    h('div', { class: 'card' },
      h('h3', { i18n: 'rosters.import.shifts' }),
      h('p', { class: 'field__hint', i18n: 'rosters.import.shiftsColumns' }),
      h('div', { class: 'field-pair' },
        h('div', { class: 'field' }, h('label', { for: 'import-team', i18n: 'rosters.import.team' }), team),
        h('div', { class: 'field' }, h('label', { for: 'import-mode', i18n: 'rosters.import.mode' }), mode)),
      h('div', { class: 'field' }, h('label', { for: 'import-shifts-file', i18n: 'rosters.import.file' }), shiftsFile),
      h('button', {
        type: 'button', class: 'button button--secondary', testid: 'import-shifts', i18n: 'rosters.import.send',
        on: { click: () => upload(shiftsFile, `/api/rosters/${encodeURIComponent(team.value)}/import?mode=${mode.value}`) },
      })),
    result);
  // The team list comes with the rosters: refilled after every load, keeping the team chosen.
  state.onLoaded = () => {
    const chosen = team.value;
    fillTeams();
    team.value = state.rosters.some((r) => r.team === chosen) ? chosen : team.value;
  };
}

// ---- helpers ----------------------------------------------------------------------------------------

function useStylesheet() {
  const href = new URL('./rosters.css', import.meta.url).href;
  if (![...document.querySelectorAll('link[rel="stylesheet"]')].some((link) => link.href === href)) {
    document.head.append(h('link', { rel: 'stylesheet', href }));
  }
}

function teamLabel(team) {
  return hasText(`rosters.team.${team}`) ? { $t: `rosters.team.${team}` } : String(team);
}

// "2026-03-29T08:00:00" → "2026-03-29 08:00": the authority's wall clock, as the roster is written.
function shortLocal(local) {
  return String(local ?? '').replace('T', ' ').replace(/:00$/, '');
}
