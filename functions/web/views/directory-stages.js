// One side's approval stages as an editable list: each stage's name, the approver group that decides it, and how
// long it may take per urgency, typed in hours (the API takes .NET time spans, `hh:mm:ss` or `d.hh:mm:ss`).
import { h, replaceChildren } from '../dom.js';

const MAX_STAGES = 5;
const URGENCIES = ['lifeSafety', 'urgent', 'routine'];

/** `fields` from fieldsOf(); `path` is the JSON name of the list (`stages`, `requestStages`, `offerStages`). */
export function stagesEditor(fields, path, stages) {
  const rows = stages.map((stage) => ({
    name: stage.name,
    approverGroup: stage.approverGroup,
    deadlines: Object.fromEntries(URGENCIES.map((u) => [u, hoursOf(stage.deadlines?.[u])])),
  }));
  const element = h('div', { class: 'stages', testid: `stages-${path}` });

  const draw = () => {
    replaceChildren(element,
      rows.map((row, index) => {
        const at = `${path}[${index}]`;
        const input = (value, props) => {
          const control = h('input', { ...props, value: value ?? '' });
          control.addEventListener('input', () => props.set(control.value));
          return control;
        };
        return h('fieldset', { class: 'fieldset', testid: 'stage-row' },
          h('legend', { i18n: ['directory.stageNumber', { n: index + 1 }] }),
          h('div', { class: 'field-pair' },
            fields.field(`${at}.name`, 'directory.stageName', input(row.name, { type: 'text', autocomplete: 'off', set: (v) => { row.name = v; } })),
            fields.field(`${at}.approverGroup`, 'directory.approverGroup', input(row.approverGroup, { type: 'text', autocomplete: 'off', set: (v) => { row.approverGroup = v; } }))),
          h('div', { class: 'field-pair' }, URGENCIES.map((u) => fields.field(`${at}.deadlines.${u}`, `directory.deadline.${u}`,
            input(row.deadlines[u], { type: 'number', inputmode: 'decimal', min: '0.25', step: '0.25', set: (v) => { row.deadlines[u] = v; } })))),
          h('button', {
            type: 'button', class: 'button button--quiet-danger', testid: 'stage-remove',
            i18n: 'directory.removeStage', i18nAttrs: { 'aria-label': ['directory.removeStageLabel', { n: index + 1 }] },
            on: { click: () => { rows.splice(index, 1); draw(); } },
          }));
      }),
      rows.length < MAX_STAGES && h('button', {
        type: 'button', class: 'button button--secondary', testid: 'stage-add', i18n: 'directory.addStage',
        on: { click: () => { rows.push({ name: '', approverGroup: '', deadlines: {} }); draw(); } },
      }));
  };
  draw();

  return {
    element,
    value: () => rows.map((row) => ({
      name: row.name,
      approverGroup: row.approverGroup,
      deadlines: Object.fromEntries(URGENCIES.map((u) => [u, spanOf(row.deadlines[u])])),
    })),
  };
}

/** `1.02:30:00` → 26.5; nothing for what is not a time span. */
export function hoursOf(span) {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(span ?? '');
  if (!match) {
    return '';
  }
  const [, days = '0', hours, minutes] = match;
  return String(Number(days) * 24 + Number(hours) + Number(minutes) / 60);
}

/** 26.5 → `1.02:30:00`; an empty or unreadable entry is sent as null, for the server to name. */
function spanOf(hours) {
  const value = Number(String(hours ?? '').trim().replace(',', '.'));
  if (!String(hours ?? '').trim() || !Number.isFinite(value)) {
    return null;
  }
  const minutes = Math.round(value * 60);
  const sign = minutes < 0 ? '-' : '';
  const total = Math.abs(minutes);
  const days = Math.floor(total / 1440);
  const pad = (n) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((total % 1440) / 60))}:${pad(total % 60)}:00`;
  return `${sign}${days ? `${days}.` : ''}${clock}`;
}
