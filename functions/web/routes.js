// Every view of the pages, said once: the address pattern the hash router matches, the view's module under views/
// (loaded when it is first shown, so a phone downloads the views it opens, not all of them), whether it needs nobody
// signed in, and the reads it makes first. It is data only: early.js carries it without any view (early-reads.js).

// Where "/" and a signed-in person's sign-in end up: their work.
export const HOME_PATH = '/work';

export const ROUTES = [
  { pattern: /^\/sign-in$/, view: 'sign-in', public: true, reads: () => ['/api/dev/users'] },
  // Development's SMS sandbox stands for every phone, so it needs nobody signed in.
  { pattern: /^\/sandbox$/, view: 'sandbox', public: true },
  { pattern: /^\/work$/, view: 'work' },
  { pattern: /^\/requests$/, view: 'requests' },
  { pattern: /^\/new$/, view: 'new-request', reads: () => ['/api/catalogue'] },
  { pattern: /^\/inbox$/, view: 'inbox', reads: () => ['/api/approvals'] },
  { pattern: /^\/deployments$/, view: 'deployments-board' },
  { pattern: /^\/rosters$/, view: 'rosters' },
  { pattern: /^\/dead-letters$/, view: 'dead-letters' },
  { pattern: /^\/directory$/, view: 'directory' },
  { pattern: /^\/situation$/, view: 'situation' },
  { pattern: /^\/requests\/([^/]+)\/resubmit$/, view: 'resubmit' },
  { pattern: /^\/requests\/([^/]+)\/amend$/, view: 'amend' },
  { pattern: /^\/requests\/([^/]+)\/deployments\/([^/]+)$/, view: 'deployment-report' },
  // The request page names capabilities in the reader's language from the catalogue.
  { pattern: /^\/requests\/([^/]+)$/, view: 'request', reads: ([id]) => [`/api/requests/${id}`, '/api/catalogue'] },
];

/** The route of an address path ("/requests/…", from the hash), or undefined when none matches. */
export function routeOf(path) {
  return ROUTES.find((route) => route.pattern.test(path));
}
