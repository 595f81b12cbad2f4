// Maps of places (incidents, teams' last positions) drawn with Leaflet, which is loaded only by the pages that show a
// map. The background tiles are the server's setting (/api/me's `map`); without them (a network that reaches no tile
// server, the tests) the markers still stand where they belong, and every place is also a link in the page's text.
import { getCached } from './api.js';
import { h, useStylesheet } from './dom.js';
import { formatNumber, translateAttributes } from './i18n.js';

const LEAFLET = './vendor/leaflet/leaflet-src.esm.js';
const STYLESHEETS = ['./vendor/leaflet/leaflet.css', './map.css'].map((path) => new URL(path, import.meta.url).href);
// Close enough to see the streets around one place; a few places are framed together instead.
const ONE_PLACE_ZOOM = 13;

let leaflet = null;

// Leaflet measures its container when it starts, so its stylesheets apply first.
async function loadLeaflet() {
  leaflet ??= import(LEAFLET);
  const [L] = await Promise.all([leaflet, ...STYLESHEETS.map(useStylesheet)]);
  return L;
}

/** Latitude and longitude as the reader's language writes numbers ("33.5731 / -7.5898"). */
export function coordinatesText({ latitude, longitude }) {
  const degrees = { maximumFractionDigits: 6 };
  return `${formatNumber(latitude, degrees)} / ${formatNumber(longitude, degrees)}`;
}

/** The links that open a place elsewhere: OpenStreetMap's site, and the phone's own maps app (geo: URI). */
export function placeLinks({ latitude, longitude }, testid) {
  const osm = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=${ONE_PLACE_ZOOM}/${latitude}/${longitude}`;
  return h('span', { class: 'place-links' },
    h('a', { href: osm, target: '_blank', rel: 'noopener noreferrer', testid: testid && `${testid}-osm`, i18n: 'map.openOsm' }),
    h('a', { href: `geo:${latitude},${longitude}`, testid: testid && `${testid}-geo`, i18n: 'map.openGeo' }));
}

/**
 * A map showing `places` ({ latitude, longitude, label, kind: 'incident' | 'deployment', href? }), or null with none.
 * Each marker is named by its label; one with an `href` can be reached with the keyboard and opens it when pressed. `map` is the
 * server's { tileUrl, attribution } (by default /api/me's, read once per page); `labelKey` names the map for screen readers;
 * `lazy` draws it only once it comes near the screen.
 */
export function placesMap(places, { map, labelKey, testid = 'map', className = 'place-map', lazy = false } = {}) {
  const shown = places.filter((p) => Number.isFinite(p.latitude) && Number.isFinite(p.longitude));
  if (!shown.length) {
    return null;
  }
  // Maps keep north up and west left whatever the page's direction.
  const canvas = h('div', { class: 'place-map__canvas', dir: 'ltr', role: 'region', testid, i18nAttrs: { 'aria-label': [labelKey] } });
  const figure = h('figure', { class: className }, canvas);
  const drawn = () => draw(canvas, shown, map).catch((error) => {
    canvas.dataset.failed = 'true';
    console.error('The map could not be drawn', error);
  });
  if (lazy && 'IntersectionObserver' in window) {
    // A map below the first screen (the request page's, on a phone) is drawn when it comes near: Leaflet and the tiles
    // are most of what that page would otherwise load before anyone scrolls to it.
    const watch = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        watch.disconnect();
        drawn();
      }
    }, { rootMargin: '200px' });
    watch.observe(canvas);
  } else {
    // Leaflet measures its container, so it draws once the figure is in the page.
    requestAnimationFrame(drawn);
  }
  return figure;
}

async function draw(canvas, places, given) {
  const [L, map] = await Promise.all([loadLeaflet(), given ?? getCached('/api/me').then((me) => me.map ?? {})]);
  if (!canvas.isConnected) {
    return;
  }
  const leafletMap = L.map(canvas, { attributionControl: false, scrollWheelZoom: false });
  if (map.tileUrl) {
    L.tileLayer(map.tileUrl, { maxZoom: 19 }).addTo(leafletMap);
    // The tile server's credit, as text under the map (Leaflet's own control would set it as markup).
    if (map.attribution) {
      canvas.after(h('figcaption', { class: 'place-map__credit', text: map.attribution }));
    }
  }
  // The view first: Leaflet puts a marker in the page only once the map has one.
  const points = places.map((p) => [p.latitude, p.longitude]);
  if (points.length === 1) {
    leafletMap.setView(points[0], ONE_PLACE_ZOOM);
  } else {
    leafletMap.fitBounds(points, { padding: [24, 24], maxZoom: ONE_PLACE_ZOOM });
  }
  for (const place of places) {
    // A marker with somewhere to go is a button; one without is a picture, named by its alt text.
    const marker = L.marker([place.latitude, place.longitude], {
      title: place.label,
      alt: place.label,
      keyboard: Boolean(place.href),
      interactive: Boolean(place.href),
      icon: new L.Icon.Default({ className: `place-marker place-marker--${place.kind}` }),
    }).addTo(leafletMap);
    if (place.href) {
      const open = () => {
        location.hash = place.href;
      };
      marker.on('click', open);
      // Leaflet makes it a button but gives Enter only to popups: Enter and Space open it, as on any button.
      marker.on('keypress', (event) => {
        if (event.originalEvent.key === 'Enter' || event.originalEvent.key === ' ') {
          event.originalEvent.preventDefault();
          open();
        }
      });
    }
    const icon = marker.getElement();
    if (icon) {
      icon.dataset.testid = `${canvas.dataset.testid}-marker`;
      icon.dataset.kind = place.kind;
    }
  }
  // Leaflet names its zoom buttons in English: the dictionaries name them, and follow a language switch.
  for (const [selector, key] of [['.leaflet-control-zoom-in', 'map.zoomIn'], ['.leaflet-control-zoom-out', 'map.zoomOut']]) {
    const button = canvas.querySelector(selector);
    if (button) {
      translateAttributes(button, { title: [key], 'aria-label': [key] });
    }
  }
  canvas.dataset.ready = 'true';
  canvas.dataset.tiles = map.tileUrl ? 'true' : 'false';
  canvas.dataset.markers = String(places.length);
}
