// How tools/build-web.mjs rewrites index.html once the files are built: each reference to a source file becomes the
// built file's name, a split module's shared files are named beside it (modulepreload) so they come with it rather
// than after it, an inline script is written in and let in by its hash, the icon travels inside the page, and the
// source's comments are left out.
import { createHash } from 'node:crypto';

const localRef = (value) => !/^([a-z]+:|\/\/|#|data:)/i.test(value);
// A <link rel="icon"> naming an SVG file: found once to read the files, then rewritten.
const ICON = /<link\b[^>]*\brel="icon"[^>]*\bhref="([^"]+\.svg)"[^>]*>/g;

/**
 * The built index.html. `renamed`: source file → built file; `preloads`: source module → the shared files it imports;
 * `inlined`: source script → its built code; `icons`: source icon → its bytes.
 */
export function rewriteIndex(indexHtml, { renamed, preloads, inlined, icons, normalise }) {
  // An inline script is a module, so it runs once the page's elements exist. The page's policy lets in that script
  // alone, by its hash; the server's policy header names the same hash (Web/ContentSecurityPolicy.cs).
  const hashes = [...inlined.values()].map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`);
  const withInline = indexHtml
    .replace(/<script\b[^>]*\bdata-bundle="inline"[^>]*\bsrc="([^"]+)"[^>]*><\/script>/g, (_, ref) => `<script type="module">${inlined.get(ref)}</script>`)
    .replace(/(<meta http-equiv="Content-Security-Policy" content="[^"]*\bscript-src 'self')/, (policy) => [policy, ...hashes].join(' '));
  const preloaded = withInline.replace(
    /<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"[^>]*><\/script>|<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>/g,
    (whole, src, href) => [whole, ...(preloads.get(normalise(src ?? href)) ?? []).map((file) => `<link rel="modulepreload" href="${file}">`)].join('\n  '));
  const named = preloaded.replace(/\b(href|src)="([^"]+)"/g, (whole, attribute, ref) => {
    const to = localRef(ref) && renamed.get(normalise(ref));
    return to ? `${attribute}="${to}"` : whole;
  });
  // A data: URL (the policy's img-src allows data:): the browser's own fetch of the icon would otherwise take one of
  // a cold load's six connections while the app's files wait for one.
  const withIcons = named.replace(ICON, (whole, ref) =>
    icons.has(ref) ? whole.replace(`href="${ref}"`, `href="data:image/svg+xml;base64,${icons.get(ref).toString('base64')}"`) : whole);
  // The source's comments are for its readers: a phone need not download them.
  return withIcons.replace(/[ \t]*<!--[\s\S]*?-->\n?/g, '');
}

/** The icons index.html names that are this site's SVG files, to be read for rewriteIndex. */
export function localIcons(indexHtml) {
  return [...indexHtml.matchAll(ICON)].map((m) => m[1]).filter(localRef);
}

export { localRef };
