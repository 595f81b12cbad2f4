// Live countdowns to decision deadlines and ages of inbox items.
// One ticker for the whole page updates whatever countdowns are on screen, so views need no timers of their own.
import { t, formatDuration, onLanguageChange } from './i18n.js';

// Under this much time left a deadline is shown as close, before it turns red.
const SOON_MS = 15 * 60 * 1000;

/** "reste 42 min" / "en retard de 12 min", red when overdue; not aria-live, or screen readers would speak every second. */
export function countdownElement(deadlineIso) {
  const element = document.createElement('span');
  element.className = 'countdown';
  element.dataset.deadline = deadlineIso;
  updateCountdown(element, Date.now());
  return element;
}

/** "il y a 25 min". */
export function ageElement(sinceIso) {
  const element = document.createElement('span');
  element.className = 'age';
  element.dataset.since = sinceIso;
  updateAge(element, Date.now());
  return element;
}

let started = false;

export function startClock() {
  if (started) {
    return;
  }
  started = true;
  setInterval(tick, 1000);
  onLanguageChange(tick);
}

function tick() {
  const now = Date.now();
  document.querySelectorAll('[data-deadline]').forEach((element) => updateCountdown(element, now));
  document.querySelectorAll('[data-since]').forEach((element) => updateAge(element, now));
}

function updateCountdown(element, now) {
  const left = Date.parse(element.dataset.deadline) - now;
  if (Number.isNaN(left)) {
    element.textContent = '';
    return;
  }
  const overdue = left <= 0;
  element.classList.toggle('countdown--overdue', overdue);
  element.classList.toggle('countdown--soon', !overdue && left < SOON_MS);
  element.textContent = t(overdue ? 'deadline.overdue' : 'deadline.left', { duration: formatDuration(left) });
}

function updateAge(element, now) {
  const age = now - Date.parse(element.dataset.since);
  element.textContent = Number.isNaN(age) ? '' : t('time.ago', { duration: formatDuration(Math.max(age, 0)) });
}
