// How tools/build-web.mjs splits app.js, so a phone on a poor network downloads the shell and the one view it opens
// rather than every view (40 KB compressed) before the first page. esbuild's own splitting alone would make a shared
// file for every set of views that happen to share a module: a dozen small files, and on HTTP/1.1's six connections
// each extra file is a round trip. So the files are chosen here:
//   - the shell: every module at the web root that app.js or a view imports (dom.js, api.js, i18n.js, …) in one shared
//     file, reached through one re-exporting module (the "barrel"), so that each has one instance, as unbundled;
//   - one file per view under views/ that app.js imports when it is shown, with the helpers it imports from views/
//     (request-form.js, decision-dialog.js, …) copied into it. A view's helpers hold no state of their own (a test in
//     the Browser project keeps it so), so two copies in two views behave as one.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const BARREL = 'web-shell';
const COPY = 'view-copy';

/** The esbuild plugin; `shell` lists the root modules (paths relative to source) that app.js or the views import. */
export function shellAndViews({ source, shell, rewrite }) {
  const relative = (file) => path.relative(source, file).split(path.sep).join('/');
  return {
    name: 'shell-and-views',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'dynamic-import' || args.kind === 'entry-point') return undefined;
        const importer = args.namespace === COPY ? args.pluginData.view : viewOf(relative(args.importer));
        const fromApp = args.namespace === 'file' && relative(args.importer) === 'app.js';
        if (!importer && !fromApp) return undefined;
        const target = relative(path.resolve(args.resolveDir, args.path));
        if (shell.includes(target)) return { path: BARREL, namespace: BARREL };
        if (importer && viewOf(target)) {
          // Its own copy for each view that imports it: the view's file then holds it, shared with no other view.
          return { path: `${path.join(source, target)}#${importer}`, namespace: COPY, pluginData: { view: importer } };
        }
        return undefined;
      });
      build.onLoad({ filter: /.*/, namespace: BARREL }, () => ({
        contents: shell.map((module) => `export * from './${module}';`).join('\n'),
        resolveDir: source,
        loader: 'js',
      }));
      build.onLoad({ filter: /.*/, namespace: COPY }, async (args) => {
        const file = args.path.slice(0, args.path.lastIndexOf('#'));
        return { contents: rewrite(await readFile(file, 'utf8'), file), resolveDir: path.dirname(file), loader: 'js', pluginData: args.pluginData };
      });
    },
  };
}

/** The root modules app.js and the views import, read from a metafile of app.js bundled whole. */
export function shellModules(metafile) {
  const shell = new Set();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (file !== 'app.js' && !viewOf(file)) continue;
    for (const { path: imported, kind } of input.imports) {
      if (kind === 'import-statement' && !imported.includes('/') && imported.endsWith('.js')) shell.add(imported);
    }
  }
  return [...shell].sort();
}

function viewOf(file) {
  return /^views\/([^/]+)\.js$/.exec(file)?.[1] ?? null;
}
