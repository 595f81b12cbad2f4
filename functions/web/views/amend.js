// #/requests/<id>/amend — the requester amends a request open to partners: the request's form, prefilled, and a
// comment; every partner with a live offer, and every one still asked, is told and sees what changed.
import { revise } from './resubmit.js';

export function render(outlet, context) {
  return revise(outlet, context, 'amend');
}
