// The request page's panels, in one file that the page asks for once it has opened (request.js, lazy-panel.js).
export { createClaimsPanel } from './claims.js';
export { createDeploymentsPanel } from './deployments.js';
export { createDispatchPanel } from './dispatch.js';
export { createExchangePanel } from './exchange.js';
