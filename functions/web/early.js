// The page's first script: index.html names it before app.js, and it is small, so on a phone's network it arrives and
// starts the first view's reads while app.js is still downloading (see early-reads.js).
import { startFirstReads } from './early-reads.js';

startFirstReads();
