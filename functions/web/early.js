// The page's one script, written into index.html by the build, so it needs no round trip of its own: it starts the
// first view's reads (early-reads.js) and the download of its module (first-view.js), and then runs app.js, which
// index.html has the browser fetch meanwhile (modulepreload). Starting app.js from here rather than from its own <script> makes
// the order certain: app.js always finds the reads started and takes them.
import { APP_FILE } from './built-files.js';
import { hashPath, startFirstReads } from './early-reads.js';
import { importFirstView } from './first-view.js';

// The view's module first: it is the largest of these, and on HTTP/1.1's six connections what is asked first goes first.
importFirstView(hashPath());
startFirstReads();
import(new URL(APP_FILE, import.meta.url).href).catch((error) => {
  // Without the app there is no page: say so in the only words there are.
  document.getElementById('main').textContent = String(error?.message ?? error);
});
