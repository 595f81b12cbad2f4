// Reference data every page may need, fetched once per page load.
import { getCached } from './api.js';

/** [{ id, country, name, languages, timeZone }] */
export function authorities() {
  return getCached('/api/authorities');
}

/** { incidentTypes, capabilities, urgencies, languages } as codes; their labels live in the dictionaries. */
export function catalogue() {
  return getCached('/api/catalogue');
}

/** Authority names by id; empty when the list cannot be had, so pages fall back to showing ids. */
export async function authorityNames() {
  try {
    return new Map((await authorities()).map((authority) => [authority.id, authority.name]));
  } catch {
    return new Map();
  }
}
