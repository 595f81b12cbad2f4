// Texts, dates and durations in the reader's language.
// Every visible text is set through `translate` so a language switch can re-render it in place
// (by walking data-i18n attributes) without rebuilding views and losing what people typed.

import { FALLBACK, LANGUAGES, intendedLanguage, rememberChoice, rememberForServer } from './language-choice.js';

export { LANGUAGES, chosenLanguage, intendedLanguage } from './language-choice.js';

let language = FALLBACK;
let dictionary = {};
const listeners = new Set();

export function currentLanguage() {
  return language;
}

/**
 * The text of `key`, with `{name}` placeholders replaced by `params`; the key itself if missing, so gaps show.
 * A text may be an object of plural forms ({ "one": ..., "other": ... }, and Arabic's zero/two/few/many),
 * chosen by `params.count`.
 */
export function t(key, params = {}) {
  let text = dictionary[key];
  if (text !== null && typeof text === 'object') {
    text = text[new Intl.PluralRules(locale()).select(Number(params.count))] ?? text.other;
  }
  if (typeof text !== 'string') {
    console.warn(`Missing text "${key}" in ${language}.json`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? isolated(paramText(params[name])) : whole));
}

// In a right-to-left text a value of the other direction (an authority's French name ending in "(MA-DGPC)", a phone
// number) would take the punctuation around it along: each value is isolated (FSI … PDI) so it keeps its own order.
function isolated(value) {
  return dictionary['meta.dir'] === 'rtl' ? `\u2068${value}\u2069` : value;
}

// A parameter may itself be a text to translate: { $t: 'key', params }; a text the server gave in each language:
// { $lang: { fr, en } } (French where it has none in the reader's, as for Arabic); or a calendar date to write in
// the reader's language: { $date: '2026-12-06' }.
function paramText(value) {
  if (value === null || typeof value !== 'object') {
    return String(value);
  }
  if ('$t' in value) {
    return t(value.$t, value.params);
  }
  if ('$lang' in value) {
    return value.$lang?.[language] ?? value.$lang?.[FALLBACK] ?? '';
  }
  if ('$date' in value) {
    return formatCalendarDate(value.$date);
  }
  return String(value);
}

// A date of the calendar, not an instant: built at local noon, which every zone's clock shows on that same day, and
// written without any time zone, so no zone's rules touch it.
function formatCalendarDate(isoDate) {
  const [year, month, day] = String(isoDate).split('-').map(Number);
  const date = new Date(year, month - 1, day, 12);
  return Number.isNaN(date.getTime())
    ? String(isoDate)
    : new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'short', day: 'numeric' }).format(date);
}

/** Whether the current dictionary has `key` (for server names that may or may not have a label). */
export function hasText(key) {
  return key in dictionary;
}

/** Sets the element's text to `key` and remembers the key, so a language switch re-translates it. */
export function translate(element, key, params) {
  element.dataset.i18n = key;
  if (params) {
    element.dataset.i18nParams = JSON.stringify(params);
  } else {
    delete element.dataset.i18nParams;
  }
  element.textContent = t(key, params);
  return element;
}

/** Same for attributes (aria-label, title): `{ 'aria-label': ['key', params] }`. */
export function translateAttributes(element, attributes) {
  element.dataset.i18nAttrs = JSON.stringify(attributes);
  applyAttributes(element);
  return element;
}

/** A <time> element showing an instant in the reader's language and time zone. */
export function timeElement(iso) {
  const element = document.createElement('time');
  if (!iso) {
    element.textContent = '—';
    return element;
  }
  element.dateTime = iso;
  element.dataset.date = iso;
  element.textContent = formatDateTime(iso);
  return element;
}

export function formatDateTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return String(iso);
  }
  // The time zone name matters here: requester and assisting authority work in different zones.
  return new Intl.DateTimeFormat(locale(), {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
  }).format(date);
}

export function formatTime(date) {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
}

export function formatNumber(value, options) {
  return new Intl.NumberFormat(locale(), options).format(value);
}

/** A duration as its two largest units ("2 h 5 min", "1 j 4 h"), or seconds under a minute. */
export function formatDuration(milliseconds) {
  const totalSeconds = Math.floor(Math.abs(milliseconds) / 1000);
  const days = Math.floor(totalSeconds / 86400);
  const hours = Math.floor((totalSeconds % 86400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const unit = (value, name) => formatNumber(value, { style: 'unit', unit: name, unitDisplay: 'short' });
  if (days > 0) {
    return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  }
  if (hours > 0) {
    return minutes > 0 ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}` : unit(hours, 'hour');
  }
  if (minutes > 0) {
    return unit(minutes, 'minute');
  }
  return unit(totalSeconds % 60, 'second');
}

/** A language's own name ("français", "English") for the picker, which must be readable whatever is shown now. */
export function endonym(code) {
  const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

/** Loads the language the page starts in. */
export async function initLanguage() {
  await setLanguage(intendedLanguage(), { remember: false });
}

export async function setLanguage(code, { remember = true } = {}) {
  const wanted = LANGUAGES.includes(code) ? code : FALLBACK;
  const response = await fetch(new URL(`./i18n/${wanted}.json`, import.meta.url), { credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error(`Could not load the ${wanted} dictionary (${response.status}).`);
  }
  dictionary = await response.json();
  language = wanted;
  rememberForServer(wanted);
  if (remember) {
    rememberChoice(wanted);
  }
  document.documentElement.lang = dictionary['meta.lang'] ?? wanted;
  document.documentElement.dir = dictionary['meta.dir'] ?? 'ltr';
  localize(document);
  listeners.forEach((listener) => listener(wanted));
}

export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders every remembered text, attribute and date under `root` in the current language. */
export function localize(root) {
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    const params = element.dataset.i18nParams ? JSON.parse(element.dataset.i18nParams) : undefined;
    element.textContent = t(element.dataset.i18n, params);
  });
  root.querySelectorAll('[data-i18n-attrs]').forEach(applyAttributes);
  root.querySelectorAll('[data-date]').forEach((element) => {
    element.textContent = formatDateTime(element.dataset.date);
  });
  refreshTitle();
}

let waiting = 0;

/** How many items wait for the person: the title starts with it, so a tab in the background says so. */
export function setTitleCount(count) {
  waiting = count;
  refreshTitle();
}

/** The tab's title: the count of items waiting, the page's heading, then the application's name. */
export function refreshTitle() {
  const heading = document.querySelector('main h1');
  const title = heading?.textContent ? `${heading.textContent} · ${t('app.name')}` : t('app.name');
  document.title = waiting > 0 ? t('work.titleCount', { count: formatNumber(waiting), title }) : title;
}

function applyAttributes(element) {
  const attributes = JSON.parse(element.dataset.i18nAttrs);
  for (const [name, [key, params]] of Object.entries(attributes)) {
    element.setAttribute(name, t(key, params));
  }
}

// Dates follow the browser's regional habits when they share the language and name a region (en-GB keeps a 24-hour
// clock); a bare "ar" names none, and would write أغسطس where Moroccan readers expect ar-MA's غشت.
function locale() {
  const [spoken, region] = (navigator.language ?? '').split('-');
  return spoken === language && region ? navigator.language : dictionary['meta.locale'] ?? language;
}

