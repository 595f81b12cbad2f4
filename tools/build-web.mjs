// Builds the pages both hosts serve: node tools/build-web.mjs SOURCE_DIR OUTPUT_DIR (run by functions/WebPages.targets
// on every `dotnet build` of a host; SOURCE_DIR is functions/web, which stays the source of truth).
//   - What index.html names becomes minified files (esbuild) named with a hash of their content (app.7KQ2M4XA.js), so a
//     phone may keep them for a year: a new build is a new name. The app is split into a shell and one file per view
//     (web-split.mjs), so a phone downloads the views it opens; early.js is written into index.html; index.html is
//     rewritten to name the built files (web-index.mjs).
//   - Everything in SOURCE_DIR is copied too, under its own name, revalidated by the browser: what no bundle took in
//     (dictionaries, a stylesheet a view loads itself, the icon, vendored files, any new view's assets), and the
//     modules themselves, which index.html no longer names but a browser test may import to call one function.
//   - Each text file gets a Brotli (.br) and a gzip (.gz) copy beside it, which WebFiles serves by Accept-Encoding:
//     compressed once here at the highest levels rather than on every request.
import { copyFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { localIcons, localRef, rewriteIndex } from './web-index.mjs';
import { shellAndViews, shellModules } from './web-split.mjs';

const [source, output] = process.argv.slice(2).map((dir) => dir && path.resolve(dir));
if (!source || !output) {
  console.error('usage: node tools/build-web.mjs SOURCE_DIR OUTPUT_DIR');
  process.exit(2);
}

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('build-web: esbuild is missing; run `npm ci` at the repository root (run.sh and test.sh do).');
  process.exit(1);
}

// The bundle sits at the web root, so `new URL('./rosters.css', import.meta.url)` written in views/rosters.js must
// now say './views/rosters.css': each such literal is rewritten relative to the root, and the file it names is copied.
function rootRelative(text, file) {
  const folder = path.relative(source, path.dirname(file)).split(path.sep).join('/');
  return text.replace(
    /new URL\((['"`])(\.\.?\/[^'"`]*)\1,\s*import\.meta\.url\)/g,
    (_, quote, relative) => `new URL(${quote}./${path.posix.join(folder, relative)}${quote}, import.meta.url)`,
  );
}
const rootRelativeUrls = {
  name: 'root-relative-import-meta-urls',
  setup(build) {
    build.onLoad({ filter: /\.m?js$/ }, async (args) => ({ contents: rootRelative(await readFile(args.path, 'utf8'), args.path), loader: 'js' }));
  },
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.xml', '.map', '.webmanifest']);

// Both hosts build their own copy, but a solution build may also ask one host project for it twice at once (two
// instances of the project): one builds, the other waits for it and then finds the output up to date.
const lock = `${output}.lock`;
await mkdir(path.dirname(output), { recursive: true });
for (let waited = 0; ; waited += 200) {
  try {
    await mkdir(lock);
    break;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    // Still there after two minutes of waiting: a build that was killed left it, so it is taken over.
    if (waited >= 120_000) await rm(lock, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
try {
  if (!(await upToDate())) await build();
} finally {
  await rm(lock, { recursive: true, force: true });
}

// index.html is written last, so its time says when the whole output was complete.
async function upToDate() {
  const built = await stat(path.join(output, 'index.html')).catch(() => null);
  if (!built) return false;
  const sources = [fileURLToPath(import.meta.url)];
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(file);
      else sources.push(file);
    }
  };
  await walk(source);
  for (const file of sources) {
    if ((await stat(file)).mtimeMs > built.mtimeMs) return false;
  }
  return true;
}

async function build() {
  await rm(output, { recursive: true, force: true });
  await mkdir(output, { recursive: true });

  const indexHtml = await readFile(path.join(source, 'index.html'), 'utf8');
  const scriptTags = [...indexHtml.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"[^>]*>/g)].filter((m) => localRef(m[1]));
  // A script marked data-bundle="inline" (early.js) is bundled whole, sharing no file, and written into index.html.
  const inline = scriptTags.filter((m) => /\bdata-bundle="inline"/.test(m[0])).map((m) => m[1]);
  // The others, and the modules index.html has fetched ahead for a script to import (app.js), are split.
  const modulePreloads = [...indexHtml.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]).filter(localRef);
  const scripts = [...scriptTags.map((m) => m[1]).filter((ref) => !inline.includes(ref)), ...modulePreloads];
  const stylesheets = [...indexHtml.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]).filter(localRef);

  const common = {
    absWorkingDir: source,
    outbase: source,
    outdir: output,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
    // Every output at the root, where the root-relative URLs below point and WebFiles' fingerprint pattern expects.
    entryNames: '[name].[hash]',
    chunkNames: '[name].[hash]',
    assetNames: '[name].[hash]',
    // An SVG a stylesheet names (the header's logo) travels inside it: on a fresh connection a small file of its own
    // costs a round trip and holds one of the six connections the app script needs.
    loader: { '.png': 'file', '.svg': 'dataurl', '.jpg': 'file', '.gif': 'file', '.woff': 'file', '.woff2': 'file' },
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
  };
  // The app is split into the shell and one file per view (web-split.mjs), so a phone downloads the shell and the
  // views it opens. A first pass, written nowhere, says which root modules the app and its views import: the shell.
  const whole = await esbuild.build({ ...common, entryPoints: scripts.map((ref) => path.join(source, ref)), write: false, minify: false });
  const split = await esbuild.build({
    ...common,
    entryPoints: [...scripts, ...stylesheets].map((ref) => path.join(source, ref)),
    splitting: true,
    plugins: [shellAndViews({ source, shell: shellModules(whole.metafile), rewrite: rootRelative }), rootRelativeUrls],
  });
  const outputs = split.metafile.outputs;
  const outputName = (file) => path.relative(output, path.resolve(source, file)).split(path.sep).join('/');
  // The files an output needs before it runs: what it imports statically, and what those import.
  const needs = (file, found = new Set()) => {
    for (const { path: imported, kind } of outputs[file].imports) {
      if (kind === 'import-statement' && !found.has(imported)) {
        found.add(imported);
        needs(imported, found);
      }
    }
    return found;
  };
  const sourceName = (entryPoint) => path.relative(source, path.resolve(source, entryPoint)).split(path.sep).join('/');
  // The routes' views only (routes.js is data): the helpers under views/ are files too, but only inside the views.
  // (Imported from its text: it imports nothing, and Node would otherwise take a .js outside a module package for CommonJS.)
  const routesText = await readFile(path.join(source, 'routes.js'));
  const { ROUTES } = await import(`data:text/javascript;base64,${routesText.toString('base64')}`);
  const viewChunks = {};
  for (const [file, meta] of Object.entries(outputs)) {
    const view = meta.entryPoint && /^views\/([^/]+)\.js$/.exec(sourceName(meta.entryPoint))?.[1];
    if (ROUTES.some((route) => route.view === view)) viewChunks[view] = outputName(file);
  }
  const unbuilt = ROUTES.filter((route) => !viewChunks[route.view]).map((route) => route.view);
  if (unbuilt.length) throw new Error(`build-web: routes.js names views with no file under views/: ${unbuilt.join(', ')}`);
  // early.js imports the app's file and its first view's: their built names go into its bundle, in place of the
  // source's (built-files.js).
  const appFile = outputName(Object.entries(outputs).find(([, meta]) => meta.entryPoint && sourceName(meta.entryPoint) === 'app.js')[0]);
  const builtFiles = {
    name: 'built-files',
    setup(build) {
      build.onLoad({ filter: /[\\/]built-files\.js$/ }, () => ({
        contents: `export const APP_FILE = ${JSON.stringify(appFile)};\nexport const VIEW_FILES = ${JSON.stringify(viewChunks)};`,
        loader: 'js',
      }));
    },
  };
  const inlined = new Map();
  for (const ref of inline) {
    const built = await esbuild.build({ ...common, entryPoints: [path.join(source, ref)], plugins: [builtFiles, rootRelativeUrls], write: false });
    const code = built.outputFiles.find((file) => file.path.endsWith('.js')).text.trim();
    if (/<\/script|<!--/i.test(code)) throw new Error(`build-web: ${ref} holds text that would end or hide an inline script`);
    inlined.set(ref, code);
  }

  // Which output each of index.html's references became, and the shared files each split module needs first.
  const renamed = new Map();
  const preloads = new Map();
  for (const [file, meta] of Object.entries(outputs)) {
    if (meta.entryPoint && !meta.entryPoint.startsWith('views/')) {
      const entry = sourceName(meta.entryPoint);
      renamed.set(entry, outputName(file));
      preloads.set(entry, [...needs(file)].map(outputName));
    }
  }
  const normalise = (ref) => path.posix.normalize(ref.replace(/^\.\//, ''));
  const icons = new Map();
  for (const ref of localIcons(indexHtml)) {
    icons.set(ref, await readFile(path.join(source, normalise(ref))));
  }
  const rewritten = rewriteIndex(indexHtml, { renamed, preloads, inlined, icons, normalise });

  // Every source file under its own name (stylesheets minified; the modules as written, for reading and the tests).
  async function copyRest(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const from = path.join(dir, entry.name);
      const to = path.join(output, path.relative(source, from));
      if (entry.isDirectory()) {
        await copyRest(from);
      } else if (entry.name !== 'index.html') {
        await mkdir(path.dirname(to), { recursive: true });
        if (path.extname(entry.name) === '.css') {
          const css = await esbuild.transform(await readFile(from, 'utf8'), { loader: 'css', minify: true });
          await writeFile(to, css.code);
        } else {
          await copyFile(from, to);
        }
      }
    }
  }
  await copyRest(source);

  async function compressAll(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await compressAll(file);
      } else if (COMPRESSIBLE.has(path.extname(entry.name))) {
        const bytes = await readFile(file);
        const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
        const gz = gzipSync(bytes, { level: 9 });
        // A copy no smaller than the file is left out: WebFiles then sends the file itself.
        if (br.length < bytes.length) await writeFile(`${file}.br`, br);
        if (gz.length < bytes.length) await writeFile(`${file}.gz`, gz);
      }
    }
  }
  // index.html last: the build target takes it as the sign that the output is complete.
  await compressAll(output);
  const html = Buffer.from(rewritten);
  await writeFile(path.join(output, 'index.html.br'), brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  await writeFile(path.join(output, 'index.html.gz'), gzipSync(html, { level: 9 }));
  await writeFile(path.join(output, 'index.html'), html);
}
