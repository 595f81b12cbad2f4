// Builds the pages both hosts serve: node tools/build-web.mjs SOURCE_DIR OUTPUT_DIR (run by functions/WebPages.targets
// on every `dotnet build` of a host; SOURCE_DIR is functions/web, which stays the source of truth).
//   - Each `<script type="module" src>` and `<link rel="stylesheet" href>` of index.html becomes one minified bundle
//     (esbuild), named with a hash of its content (app.7KQ2M4XA.js), so a phone fetches one script instead of a chain
//     of ~20 modules four deep, and may keep it for a year: a new build is a new name.
//   - Everything in SOURCE_DIR is copied too, under its own name, revalidated by the browser: what no bundle took in
//     (dictionaries, a stylesheet a view loads itself, the icon, vendored files, any new view's assets), and the
//     modules themselves, which index.html no longer names but a browser test may import to call one function.
//   - Each text file gets a Brotli (.br) and a gzip (.gz) copy beside it, which WebFiles serves by Accept-Encoding:
//     compressed once here at the highest levels rather than on every request.
import { copyFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

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
const rootRelativeUrls = {
  name: 'root-relative-import-meta-urls',
  setup(build) {
    build.onLoad({ filter: /\.m?js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const folder = path.relative(source, path.dirname(args.path)).split(path.sep).join('/');
      const contents = text.replace(
        /new URL\((['"`])(\.\.?\/[^'"`]*)\1,\s*import\.meta\.url\)/g,
        (_, quote, relative) => `new URL(${quote}./${path.posix.join(folder, relative)}${quote}, import.meta.url)`,
      );
      return { contents, loader: 'js' };
    });
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
  const localRef = (value) => !/^([a-z]+:|\/\/|#|data:)/i.test(value);
  const scripts = [...indexHtml.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]).filter(localRef);
  const stylesheets = [...indexHtml.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]).filter(localRef);

  const result = await esbuild.build({
    entryPoints: [...scripts, ...stylesheets].map((ref) => path.join(source, ref)),
    absWorkingDir: source,
    outbase: source,
    outdir: output,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
    entryNames: '[dir]/[name].[hash]',
    assetNames: '[dir]/[name].[hash]',
    loader: { '.png': 'file', '.svg': 'file', '.jpg': 'file', '.gif': 'file', '.woff': 'file', '.woff2': 'file' },
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
    plugins: [rootRelativeUrls],
  });

  // Which output each of index.html's references became.
  const renamed = new Map();
  for (const [file, meta] of Object.entries(result.metafile.outputs)) {
    if (meta.entryPoint) {
      const entry = path.relative(source, path.resolve(source, meta.entryPoint)).split(path.sep).join('/');
      renamed.set(entry, path.relative(output, path.resolve(source, file)).split(path.sep).join('/'));
    }
  }

  // index.html's other references (the icon, which the header's logo shows too) keep their names and are revalidated.
  const normalise = (ref) => path.posix.normalize(ref.replace(/^\.\//, ''));
  const rewritten = indexHtml.replace(/\b(href|src)="([^"]+)"/g, (whole, attribute, ref) => {
    const to = localRef(ref) && renamed.get(normalise(ref));
    return to ? `${attribute}="${to}"` : whole;
  });

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
