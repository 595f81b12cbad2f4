// Deadlines and meeting times in the zone of each authority a request concerns, as the server computed them with
// NodaTime's tzdb. The page never computes another zone's local time: the browser's zone data (ICU) is not the
// system's, and a page an hour off from the SMS sends a responder to a meeting point at the wrong time.
import { h } from './dom.js';

/**
 * "6 Dec 2026, 06:10 Morocco time · 07:10 Paris time": the instant's local time in each zone of `locals` (an API
 * `…Local` list), the viewer's authority's zone first, each named in the page's language; the date is repeated only
 * where it changes. Falls back to `fallback()` when the server gave no local times.
 */
export function zoneTimesElement(locals, viewerAuthorityId, fallback) {
  if (!locals?.length) {
    return fallback();
  }
  const ordered = [...locals].sort((a, b) => own(b, viewerAuthorityId) - own(a, viewerAuthorityId));
  let previousDate = null;
  const parts = ordered.map((entry) => {
    const date = entry.local.slice(0, 10);
    const params = { time: entry.local.slice(11, 16), zone: { $lang: entry.zoneName }, date: { $date: date } };
    const key = date === previousDate ? 'zone.time' : 'zone.dateTime';
    previousDate = date;
    return h('time', {
      datetime: `${entry.local}${entry.offset}`,
      testid: 'zone-time',
      dataset: { timeZone: entry.timeZone },
      i18n: [key, params],
    });
  });
  return h('span', { class: 'zone-times' }, parts.flatMap((part, index) => (index ? [' · ', part] : [part])));
}

function own(entry, viewerAuthorityId) {
  return (entry.authorityIds ?? []).includes(viewerAuthorityId) ? 1 : 0;
}
