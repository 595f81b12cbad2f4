// Names of the catalogue's codes and of its teams' roles in the reader's language. The current version's names come
// from /api/catalogue in fr/en/ar (the dictionaries name only the legacy codes); a page awaits loadCatalogueLabels()
// once, and the labels it draws then follow a language switch like every other text.
import { catalogue } from './reference.js';
import { hasText } from './i18n.js';

let roles = {};
let entries = new Map();
let offered = [];

/** Reads the names once per page; if the catalogue cannot be had, codes are shown as they are. */
export async function loadCatalogueLabels() {
  try {
    const read = await catalogue();
    roles = read.roles ?? {};
    // Authorities' own types are named like the catalogue's; a retired one is no longer offered as an alternative.
    const national = read.nationalTypes ?? [];
    entries = new Map([...(read.entries ?? []), ...national].map((entry) => [entry.code, entry.names]));
    offered = [...(read.entries ?? []).map((entry) => entry.code), ...national.filter((type) => !type.retired).map((type) => type.code)];
  } catch {
    // Codes stay readable on their own.
  }
}

/** An i18n spec naming a capability code: the dictionary's for a legacy code, the catalogue's for a current one. */
export function capabilityLabel(code) {
  if (hasText(`capability.${code}`)) {
    return `capability.${code}`;
  }
  return entries.has(code) ? ['catalogue.name', { name: { $lang: entries.get(code) } }] : ['dispatch.unknownCapability', { code }];
}

/** The codes an offer may propose: the current catalogue's in its order, then the national types not retired (empty until loadCatalogueLabels() has read them). */
export function catalogueCodes() {
  return offered;
}

/** An i18n spec naming a team role: the catalogue's name, or the code of an authority's own role. */
export function roleLabel(code) {
  return ['catalogue.name', { name: roles[code] ? { $lang: roles[code] } : code }];
}
