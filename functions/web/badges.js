// Urgency and status shown with colour AND words, so they survive colour blindness and grey-scale printing.
import { h } from './dom.js';
import { hasText } from './i18n.js';

export function urgencyBadge(urgency) {
  return h('span', { class: ['badge', `urgency--${urgency}`], dataset: { urgency }, i18n: `urgency.${urgency}` });
}

export function statusBadge(status, testid) {
  return h('span', { class: ['badge', `status--${status}`], dataset: { status }, testid, i18n: `status.${status}` });
}

export function stageStatusBadge(status) {
  return h('span', { class: ['badge', `stage-status--${status}`], dataset: { status }, i18n: `stageStatus.${status}` });
}

/**
 * A stage's name as a text parameter: routes name stages with codes ("validation", "acceptance") that the
 * dictionaries label; a name they do not know is shown as the server sent it.
 */
export function stageLabel(name) {
  return hasText(`stage.${name}`) ? { $t: `stage.${name}` } : String(name ?? '');
}
