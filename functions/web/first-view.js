// The first view's module, asked for by early.js beside the first reads: without it the view's file would only be
// asked for once app.js has arrived and run, one more round trip on a phone's network before there is a page.
import { VIEW_FILES } from './built-files.js';
import { HOME_PATH, routeOf } from './routes.js';

/** Starts importing the module of the view at this address path ("/" is home's); app.js's import then finds it. */
export function importFirstView(path) {
  const file = VIEW_FILES[routeOf(path === '/' ? HOME_PATH : path)?.view];
  if (file) {
    // An import rather than a <link rel=modulepreload>: it also brings the files the view imports, and the browser
    // records this script as what asked for it. A failure is app.js's to report, when its own import fails too.
    import(new URL(file, import.meta.url).href).catch(() => {});
  }
}
