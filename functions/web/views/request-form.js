// The request form shared by #/new and #/requests/<id>/resubmit: fields named by their JSON path,
// client-side checks mirroring the server's, and the server's field errors shown by the field they name.
import { ApiError } from '../api.js';
import { h, idOf, replaceChildren } from '../dom.js';
import { fillError } from '../feedback.js';
import { translate } from '../i18n.js';
import { fieldMessages } from '../problems.js';

export const LIMITS = { title: 200, description: 4000, shortText: 200, notes: 500, quantity: 10000, capabilities: 20, comment: 4000 };
const PHONE = /^\+[1-9]\d{7,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DECIMAL = /^[-+]?\d+(\.\d+)?$/;
const YEAR_MS = 366 * 24 * 3600 * 1000;

/**
 * mode 'new' adds the assisting authority; modes 'resubmit' and 'amend' (an open request to partners) add the comment.
 * initial: a request view to prefill from (resubmission, amendment), or undefined.
 * Returns { element, validate(), collect(), snapshot() (what is typed, for a draft), showErrors(map), showFailure(error), setBusy(bool) }.
 */
export function requestForm({ mode, catalogue, authorities = [], me, initial, currentLanguage }) {
  const registry = new Map(); // path → { control, error, labelKey, labelParams, groupKey, groupParams }
  let submitted = false;

  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', testid: 'error-summary', hidden: true });

  // ---- fields -------------------------------------------------------------------------------------
  const field = (path, labelKey, control, options = {}) => {
    const { hintKey, hintParams, optional, labelParams, groupKey, groupParams } = options;
    const id = idOf('f', path);
    Object.assign(control, { id, name: path });
    control.dataset.testid = `field-${path}`;
    control.dataset.path = path;
    const error = h('p', { class: 'field__error', id: idOf('e', path), testid: `error-${path}`, 'aria-live': 'polite' });
    const hint = hintKey ? h('p', { class: 'field__hint', id: idOf('h', path), i18n: [hintKey, hintParams] }) : null;
    control.setAttribute('aria-describedby', [hint?.id, error.id].filter(Boolean).join(' '));
    registry.set(path, { control, error, labelKey, labelParams, groupKey, groupParams });
    return h('div', { class: ['field', options.class] },
      h('label', { for: id },
        h('span', { i18n: [labelKey, labelParams] }),
        optional && h('span', { class: 'optional', i18n: 'common.optional' })),
      hint, control, error);
  };

  // An error place for a path with no single control (the capability list, a whole row, the coordinates pair).
  const groupError = (path, labelKey, labelParams) => {
    const error = h('p', { class: 'field__error', id: idOf('e', path), testid: `error-${path}`, 'aria-live': 'polite' });
    registry.set(path, { control: null, error, labelKey, labelParams });
    return error;
  };

  const input = (value, attributes = {}) => h('input', { type: 'text', value: value ?? '', ...attributes });
  const textarea = (value, attributes = {}) => {
    const element = h('textarea', attributes);
    element.value = value ?? '';
    return element;
  };
  const select = (codes, labelPrefix, selected, { placeholder = true, label } = {}) => h('select', {},
    placeholder && h('option', { value: '', i18n: 'form.choose' }),
    codes.map((code) => h('option', label
      ? { value: code, text: label(code), selected: code === selected }
      : { value: code, i18n: `${labelPrefix}.${code}`, selected: code === selected })));

  const details = initial ?? {};
  const incident = details.incident ?? {};
  const contact = details.contact ?? {};
  const others = authorities.filter((authority) => authority.id !== me.authorityId && !authority.retired);
  const partners = []; // the checkboxes of the partners asked for offers
  const askedPartners = () => partners.filter((box) => box.checked).map((box) => box.value);

  const sections = [];

  if (mode === 'new') {
    const preselected = others.length === 1 ? others[0].id : '';
    sections.push(h('section', { class: 'form-section' },
      h('h2', { i18n: 'form.section.recipient' }),
      field('assistingAuthorityId', 'form.assistingAuthority',
        select(others.map((a) => a.id), null, details.assistingAuthorityId ?? preselected, {
          label: (id) => { const a = others.find((o) => o.id === id); return `${a.name} (${a.id})`; },
        })),
      // Ticking partners asks each of them for an offer instead (docs/mutual-assistance.md).
      h('fieldset', { class: 'fieldset', 'aria-describedby': 'partners-hint' },
        h('legend', {}, h('span', { i18n: 'form.partners' }), h('span', { class: 'optional', i18n: 'common.optional' })),
        h('p', { class: 'field__hint', id: 'partners-hint', i18n: 'form.partners.hint' }),
        others.map((a) => {
          const id = `partner-${a.id}`;
          const box = h('input', { type: 'checkbox', id, value: a.id, testid: id, class: 'partner-choice', checked: details.assistingAuthorityIds?.includes(a.id) || null });
          partners.push(box);
          return h('div', { class: 'field field--check' }, box, h('label', { for: id }, `${a.name} (${a.id})`));
        }),
        groupError('assistingAuthorityIds', 'form.partners'),
        // Optional: partners see it, none may offer after it, and the request then closes to offers by itself.
        field('offersBy', 'form.offersBy',
          h('input', { type: 'datetime-local', value: toLocalInput(details.offersBy), min: toLocalInput(new Date().toISOString()) }),
          { hintKey: 'form.offersBy.hint', hintParams: { zone: Intl.DateTimeFormat().resolvedOptions().timeZone }, optional: true }))));
  }

  const coordinates = incident.coordinates ?? null;
  sections.push(h('section', { class: 'form-section' },
    h('h2', { i18n: 'form.section.incident' }),
    field('incident.type', 'form.incident.type', select(catalogue.incidentTypes, 'incidentType', incident.type)),
    field('incident.title', 'form.incident.title', input(incident.title, { autocomplete: 'off' })),
    field('incident.description', 'form.incident.description',
      textarea(incident.description, { rows: '6' }), { hintKey: 'form.incident.description.hint' }),
    h('div', { class: 'field-pair' },
      field('incident.region', 'form.incident.region', input(incident.region)),
      field('incident.place', 'form.incident.place', input(incident.place))),
    h('fieldset', { class: 'fieldset', 'aria-describedby': 'coordinates-hint' },
      h('legend', {}, h('span', { i18n: 'form.coordinates' }), h('span', { class: 'optional', i18n: 'common.optional' })),
      h('p', { class: 'field__hint', id: 'coordinates-hint', i18n: 'form.coordinates.hint' }),
      groupError('incident.coordinates', 'form.coordinates'),
      h('div', { class: 'field-pair' },
        field('incident.coordinates.latitude', 'form.latitude',
          input(coordinates ? String(coordinates.latitude) : '', { inputmode: 'decimal', autocomplete: 'off' })),
        field('incident.coordinates.longitude', 'form.longitude',
          input(coordinates ? String(coordinates.longitude) : '', { inputmode: 'decimal', autocomplete: 'off' }))))));

  // ---- capabilities: a repeatable row ------------------------------------------------------------
  const rows = h('div', { class: 'capability-rows' });
  const addButton = h('button', {
    type: 'button', class: 'button button--secondary', testid: 'add-capability', i18n: 'form.capability.add',
    on: { click: () => changeRows((values) => values.push({ code: '', quantity: '1', notes: '' }), 'last') },
  });
  // The current catalogue version's types, named from it in the reader's language; a code of the legacy version (a
  // returned request or a draft from before) stays offered where a line names it, under its dictionary name. An
  // authority's own types come after; a retired one stays offered only where a line already names it.
  const entries = catalogue.entries ?? [];
  const nationalTypes = catalogue.nationalTypes ?? [];
  const capabilitySelect = (selected) => h('select', {},
    h('option', { value: '', i18n: 'form.choose' }),
    catalogue.capabilities.includes(selected) && h('option', { value: selected, i18n: `capability.${selected}`, selected: true }),
    entries.map((entry) => h('option', { value: entry.code, i18n: ['catalogue.name', { name: { $lang: entry.names } }], selected: entry.code === selected })),
    nationalTypes.some((type) => !type.retired || type.code === selected) && h('optgroup', { i18nAttrs: { label: ['form.capability.national'] } },
      nationalTypes.filter((type) => !type.retired || type.code === selected).map((type) => h('option', {
        value: type.code, i18n: ['form.capability.nationalOption', { name: { $lang: type.names }, authority: type.authorityId }], selected: type.code === selected,
      }))));
  const maxRows = Math.min(LIMITS.capabilities, entries.length + nationalTypes.filter((type) => !type.retired).length);

  function readRows() {
    return [...rows.querySelectorAll('.capability-row')].map((_, i) => ({
      code: registry.get(`capabilities[${i}].code`).control.value,
      quantity: registry.get(`capabilities[${i}].quantity`).control.value,
      notes: registry.get(`capabilities[${i}].notes`).control.value,
    }));
  }

  function renderRows(values) {
    for (const path of [...registry.keys()]) {
      if (/^capabilities\[/.test(path)) {
        registry.delete(path);
      }
    }
    replaceChildren(rows, values.map((value, i) => {
      const n = i + 1;
      const group = { groupKey: 'form.capability.legend', groupParams: { n } };
      return h('fieldset', { class: 'fieldset capability-row' },
        h('legend', { i18n: ['form.capability.legend', { n }] }),
        groupError(`capabilities[${i}]`, 'form.capability.legend', { n }),
        h('div', { class: 'capability-row__fields' },
          field(`capabilities[${i}].code`, 'form.capability.code',
            capabilitySelect(value.code), { ...group, class: 'field--wide' }),
          field(`capabilities[${i}].quantity`, 'form.capability.quantity',
            input(value.quantity, { inputmode: 'numeric', autocomplete: 'off' }), { ...group, class: 'field--narrow' })),
        field(`capabilities[${i}].notes`, 'form.capability.notes', input(value.notes), { ...group, optional: true }),
        values.length > 1 && h('button', {
          type: 'button', class: 'button button--quiet', testid: `remove-capability-${i}`,
          i18n: 'form.capability.remove', i18nAttrs: { 'aria-label': ['form.capability.removeLabel', { n }] },
          on: { click: () => changeRows((list) => list.splice(i, 1), Math.max(i - 1, 0)) },
        }));
    }));
    addButton.disabled = values.length >= maxRows;
  }

  // Rows are re-drawn from their values so paths, ids and labels stay numbered from 0 without gaps.
  function changeRows(change, focusIndex) {
    const values = readRows();
    change(values);
    renderRows(values);
    const index = focusIndex === 'last' ? values.length - 1 : focusIndex;
    registry.get(`capabilities[${index}].code`)?.control.focus();
    if (submitted) {
      showErrors(validate(), { focusSummary: false });
    }
  }

  renderRows(details.capabilities?.length
    ? details.capabilities.map((c) => ({ code: c.code, quantity: String(c.quantity), notes: c.notes ?? '' }))
    : [{ code: '', quantity: '1', notes: '' }]);

  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  sections.push(h('section', { class: 'form-section' },
    h('h2', { i18n: 'form.section.needs' }),
    field('urgency', 'form.urgency', select(catalogue.urgencies, 'urgency', details.urgency), { hintKey: 'form.urgency.hint' }),
    h('div', { class: 'capabilities' },
      h('h3', { i18n: 'form.capabilities' }),
      groupError('capabilities', 'form.capabilities'),
      rows,
      addButton),
    field('neededBy', 'form.neededBy',
      h('input', { type: 'datetime-local', value: toLocalInput(details.neededBy), min: toLocalInput(new Date().toISOString()) }),
      { hintKey: 'form.neededBy.hint', hintParams: { zone: timeZone } }),
    neededByChoices()));

  // One press sets the usual answers, at 3 a.m. on a phone, instead of typing a date and time (rounded to the quarter hour).
  function neededByChoices() {
    const choose = (hours) => {
      const at = new Date(Date.now() + hours * 3600 * 1000);
      at.setMinutes(Math.ceil(at.getMinutes() / 15) * 15, 0, 0);
      const control = registry.get('neededBy').control;
      control.value = toLocalInput(at.toISOString());
      control.dispatchEvent(new Event('input', { bubbles: true }));
      control.focus();
    };
    return h('div', { class: 'quick-choices', role: 'group', i18nAttrs: { 'aria-label': ['form.neededBy.quick'] }, testid: 'needed-by-choices' },
      [2, 6, 12, 24, 48].map((hours) => h('button', {
        type: 'button', class: 'button button--quiet', testid: `needed-by-in-${hours}`,
        i18n: ['form.neededBy.in', { hours }], on: { click: () => choose(hours) },
      })));
  }

  sections.push(h('section', { class: 'form-section' },
    h('h2', { i18n: 'form.section.contact' }),
    groupError('contact', 'form.section.contact'),
    field('contact.name', 'form.contact.name', input(contact.name ?? (mode === 'new' ? me.displayName : ''), { autocomplete: 'name' })),
    h('div', { class: 'field-pair' },
      field('contact.phone', 'form.contact.phone', input(contact.phone, { type: 'tel', autocomplete: 'tel', dir: 'ltr' }),
        { hintKey: 'form.contact.phone.hint' }),
      field('contact.email', 'form.contact.email', input(contact.email, { type: 'email', autocomplete: 'email', dir: 'ltr' }))),
    field('language', 'form.language', select(catalogue.languages, 'language', details.language ?? currentLanguage, { placeholder: false }))));

  // An amendment may move the deadline for offers while offers are still taken.
  const movableDeadline = mode === 'amend' && initial?.exchange && !initial.exchange.closedToOffers;
  if (movableDeadline) {
    sections.push(h('section', { class: 'form-section' },
      h('h2', { i18n: 'form.offersBy' }),
      field('offersBy', 'form.offersBy',
        h('input', { type: 'datetime-local', value: toLocalInput(initial.exchange.offersBy), min: toLocalInput(new Date().toISOString()) }),
        { hintKey: 'form.offersBy.hint', hintParams: { zone: Intl.DateTimeFormat().resolvedOptions().timeZone }, optional: true })));
  }

  if (mode === 'resubmit' || mode === 'amend') {
    sections.push(h('section', { class: 'form-section' },
      h('h2', { i18n: 'form.section.comment' }),
      field('comment', 'form.comment', textarea('', { rows: '4' }), { hintKey: 'form.comment.hint' })));
  }

  const submit = h('button', {
    type: 'submit', class: 'button button--primary', testid: 'submit-request',
    i18n: submitKey(mode),
  });

  const element = h('form', { class: 'request-form', novalidate: true },
    summary,
    h('p', { class: 'field__hint', i18n: 'form.intro' }),
    sections,
    h('div', { class: 'form-actions' }, submit));

  // After a first attempt, a field's message follows what is typed, so people see when it is right.
  element.addEventListener('input', (event) => revalidate(event.target));
  element.addEventListener('change', (event) => revalidate(event.target));
  function revalidate(target) {
    const path = target?.dataset?.path;
    if (!submitted || !path) {
      return;
    }
    setFieldErrors(path, validate().get(path) ?? []);
  }

  // ---- values ----------------------------------------------------------------------------------------
  const value = (path) => registry.get(path)?.control.value ?? '';
  const text = (path) => value(path).trim();

  function normalizedPhone() {
    // People type "+212 6 12 34 56 78"; the server wants the digits only.
    const control = registry.get('contact.phone').control;
    const phone = control.value.replace(/[\s().-]/g, '');
    control.value = phone;
    return phone;
  }

  /** The client's findings: Map of path → [{ key, params }]. Empty when the form may be sent. */
  function validate() {
    const errors = new Map();
    const add = (path, key, params) => errors.set(path, [...(errors.get(path) ?? []), { key, params }]);
    const required = (path) => !text(path) && add(path, 'validation.required');
    const maxLength = (path, max) => text(path).length > max && add(path, 'validation.maxLength', { max, length: text(path).length });

    if (mode === 'new' && askedPartners().length === 0) {
      required('assistingAuthorityId');
    }
    required('incident.type');
    for (const [path, max] of [['incident.title', LIMITS.title], ['incident.description', LIMITS.description],
      ['incident.region', LIMITS.shortText], ['incident.place', LIMITS.shortText], ['contact.name', LIMITS.shortText]]) {
      required(path);
      maxLength(path, max);
    }

    const latitude = text('incident.coordinates.latitude');
    const longitude = text('incident.coordinates.longitude');
    if (latitude || longitude) {
      if (!latitude || !longitude) {
        add(latitude ? 'incident.coordinates.longitude' : 'incident.coordinates.latitude', 'validation.coordinatesBoth');
      }
      if (latitude && !inRange(parseDecimal(latitude), 90)) {
        add('incident.coordinates.latitude', 'validation.latitude');
      }
      if (longitude && !inRange(parseDecimal(longitude), 180)) {
        add('incident.coordinates.longitude', 'validation.longitude');
      }
    }

    required('urgency');
    const capabilities = readRows();
    if (capabilities.length === 0) {
      add('capabilities', 'validation.capabilitiesMin');
    }
    const seen = new Set();
    capabilities.forEach((capability, i) => {
      if (!capability.code) {
        add(`capabilities[${i}].code`, 'validation.required');
      } else if (seen.has(capability.code)) {
        add(`capabilities[${i}].code`, 'validation.duplicate');
      }
      seen.add(capability.code);
      const quantity = capability.quantity.trim();
      if (!/^\d+$/.test(quantity) || Number(quantity) < 1 || Number(quantity) > LIMITS.quantity) {
        add(`capabilities[${i}].quantity`, 'validation.quantity', { max: LIMITS.quantity });
      }
      maxLength(`capabilities[${i}].notes`, LIMITS.notes);
    });

    const neededBy = value('neededBy');
    if (!neededBy) {
      add('neededBy', 'validation.required');
    } else {
      const at = new Date(neededBy).getTime();
      if (Number.isNaN(at)) {
        add('neededBy', 'validation.required');
      } else if (at <= Date.now()) {
        add('neededBy', 'validation.neededByPast');
      } else if (at > Date.now() + YEAR_MS) {
        add('neededBy', 'validation.neededByFar');
      }
    }

    const phone = value('contact.phone').replace(/[\s().-]/g, '');
    if (!phone) {
      add('contact.phone', 'validation.required');
    } else if (!PHONE.test(phone)) {
      add('contact.phone', 'validation.phone');
    }
    if (!text('contact.email')) {
      add('contact.email', 'validation.required');
    } else if (!EMAIL.test(text('contact.email'))) {
      add('contact.email', 'validation.email');
    }

    if (mode === 'resubmit' || mode === 'amend') {
      // The server accepts an empty comment, but whoever reads it next (the approver who returned the request, the
      // partners told of an amendment) needs to know why it changed.
      required('comment');
      maxLength('comment', LIMITS.comment);
    }
    if (mode === 'amend' && readRows().length < (initial?.capabilities?.length ?? 0)) {
      // Offers answer lines by position: an amendment adds lines or changes them, never removes one.
      add('capabilities', 'validation.amendKeepsLines', { count: initial.capabilities.length });
    }
    return errors;
  }

  /** What is typed so far, as a request view the form can be prefilled from again (a draft): nothing is checked. */
  function snapshot() {
    const instant = (path) => {
      const at = value(path) ? new Date(value(path)) : null;
      return at && !Number.isNaN(at.getTime()) ? at.toISOString() : null;
    };
    const latitude = text('incident.coordinates.latitude');
    const longitude = text('incident.coordinates.longitude');
    return {
      incident: {
        type: value('incident.type'), title: text('incident.title'), description: text('incident.description'),
        region: text('incident.region'), place: text('incident.place'),
        coordinates: latitude || longitude ? { latitude, longitude } : null,
      },
      urgency: value('urgency'),
      capabilities: readRows(),
      neededBy: instant('neededBy'),
      contact: { name: text('contact.name'), phone: text('contact.phone'), email: text('contact.email') },
      language: value('language'),
      ...(mode === 'new' ? { assistingAuthorityId: value('assistingAuthorityId'), assistingAuthorityIds: askedPartners(), offersBy: instant('offersBy') } : {}),
    };
  }

  /** The JSON body, shaped as the API expects. Call after validate() found nothing. */
  function collect() {
    const latitude = text('incident.coordinates.latitude');
    const longitude = text('incident.coordinates.longitude');
    const body = {
      incident: {
        type: value('incident.type'),
        title: text('incident.title'),
        description: text('incident.description'),
        region: text('incident.region'),
        place: text('incident.place'),
        coordinates: latitude && longitude ? { latitude: parseDecimal(latitude), longitude: parseDecimal(longitude) } : null,
      },
      urgency: value('urgency'),
      capabilities: readRows().map((capability) => ({
        code: capability.code,
        quantity: Number(capability.quantity.trim()),
        notes: capability.notes.trim() || null,
      })),
      // datetime-local is read in the browser's time zone; the API takes an instant in UTC.
      neededBy: new Date(value('neededBy')).toISOString(),
      contact: { name: text('contact.name'), phone: normalizedPhone(), email: text('contact.email') },
      language: value('language'),
    };
    if (mode === 'new') {
      return askedPartners().length > 0
        ? { assistingAuthorityIds: askedPartners(), ...(value('offersBy') ? { offersBy: new Date(value('offersBy')).toISOString() } : {}), ...body }
        : { assistingAuthorityId: value('assistingAuthorityId'), ...body };
    }
    // Sent only when moved: an amendment without it keeps the deadline as it is.
    const moved = movableDeadline && value('offersBy') && value('offersBy') !== toLocalInput(initial.exchange.offersBy);
    return { ...body, comment: text('comment'), ...(moved ? { offersBy: new Date(value('offersBy')).toISOString() } : {}) };
  }

  // ---- errors ----------------------------------------------------------------------------------------
  /**
   * Shows errors by their fields and lists them all in the summary at the top.
   * errors: Map of path → [{ key, params } (client, translatable) | { text } (server)].
   * Paths the form has no place for (a server rule we do not know) are shown in the summary only.
   */
  function showErrors(errors, { focusSummary = true } = {}) {
    submitted = true;
    for (const path of registry.keys()) {
      setFieldErrors(path, []);
    }
    const items = [];
    for (const [rawPath, messages] of errors) {
      const path = resolvePath(rawPath);
      if (path) {
        setFieldErrors(path, messages);
      }
      items.push(summaryItem(path, rawPath, messages));
    }
    summary.hidden = items.length === 0;
    replaceChildren(summary, items.length ? [h('h2', { i18n: 'form.errorSummary' }), h('ul', {}, items)] : []);
    if (items.length && focusSummary) {
      summary.focus();
    }
  }

  /** A failed submission: field errors (400) by their fields, any other refusal (403, 409, 5xx, network) at the top. */
  function showFailure(error) {
    const errors = error instanceof ApiError && error.status === 400 ? fieldMessages(error.problem) : null;
    if (errors && Object.keys(errors).length) {
      showErrors(serverErrors(errors));
      return;
    }
    summary.hidden = false;
    fillError(summary, error);
    summary.focus();
  }

  // The server's { path: [messages] } as showErrors takes them; its messages are shown as sent.
  function serverErrors(errors) {
    return new Map(Object.entries(errors)
      .map(([path, messages]) => [path, (Array.isArray(messages) ? messages : [messages]).map((m) => ({ text: String(m) }))]));
  }

  // Server keys may come as "$.incident.title" (JSON binding) or in another case; match them to our paths.
  function resolvePath(rawPath) {
    const wanted = String(rawPath).replace(/^\$\.?/, '').toLowerCase();
    return [...registry.keys()].find((path) => path.toLowerCase() === wanted) ?? null;
  }

  function setFieldErrors(path, messages) {
    const entry = registry.get(path);
    if (!entry) {
      return;
    }
    replaceChildren(entry.error, messages.map(messageNode));
    if (entry.control) {
      if (messages.length) {
        entry.control.setAttribute('aria-invalid', 'true');
      } else {
        entry.control.removeAttribute('aria-invalid');
      }
    }
  }

  function summaryItem(path, rawPath, messages) {
    const entry = path ? registry.get(path) : null;
    let label;
    if (!entry) {
      label = h('strong', { class: 'error-summary__label', text: String(rawPath).replace(/^\$\.?/, '') || rawPath });
    } else if (entry.groupKey) {
      label = h('strong', {
        class: 'error-summary__label',
        i18n: ['form.summary.inGroup', { group: { $t: entry.groupKey, params: entry.groupParams }, field: { $t: entry.labelKey, params: entry.labelParams } }],
      });
    } else {
      label = h('strong', { class: 'error-summary__label', i18n: [entry.labelKey, entry.labelParams] });
    }
    const content = [label, h('span', { class: 'error-summary__messages' }, messages.map(messageNode))];
    const target = entry?.control ?? entry?.error;
    return h('li', {}, target
      ? h('a', {
        href: `#${target.id}`,
        on: { click: (event) => { event.preventDefault(); focusTarget(target); } },
      }, content)
      : content);
  }

  return {
    element,
    validate,
    collect,
    snapshot,
    showErrors,
    showFailure,
    setBusy(busy) {
      submit.disabled = busy;
      element.setAttribute('aria-busy', String(busy));
      translate(submit, busy ? 'form.sending' : submitKey(mode));
    },
  };
}

function submitKey(mode) {
  return { new: 'form.submit.new', amend: 'form.submit.amend' }[mode] ?? 'form.submit.resubmit';
}

function messageNode(message) {
  return message.key
    ? h('span', { class: 'message', i18n: [message.key, message.params] })
    : h('span', { class: 'message', text: message.text });
}

function focusTarget(target) {
  if (!target.matches('input, select, textarea, button')) {
    target.setAttribute('tabindex', '-1');
  }
  target.focus();
  target.scrollIntoView({ block: 'center' });
}

function parseDecimal(raw) {
  // French keyboards write "34,02".
  const normalized = raw.trim().replace(',', '.');
  return DECIMAL.test(normalized) ? Number(normalized) : NaN;
}

function inRange(number, limit) {
  return Number.isFinite(number) && number >= -limit && number <= limit;
}

/** An ISO instant as the value of a datetime-local input, in the browser's time zone. */
export function toLocalInput(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
