// ./screenshots.sh: the README's screenshots, taken from the real pages of a local host of its own (tools/with-dev-host.sh)
// on a phone-sized screen with Debian's Chromium, so they show what the pages are today:
//   node tools/screenshots.mjs --base http://127.0.0.1:PORT [--out docs/screenshots]
// Files two requests through the API (one returned for information), then saves one PNG per page.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { decide, fileRequest } from './dev-api.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, value, i, all) => (value.startsWith('--') ? [...pairs, [value.slice(2), all[i + 1]]] : pairs), []),
);
const base = (args.base ?? '').replace(/\/$/, '');
const out = args.out ?? 'docs/screenshots';
if (!base) {
  console.error('usage: node tools/screenshots.mjs --base URL [--out DIR]');
  process.exit(2);
}

const waiting = await fileRequest(base);
const returned = await fileRequest(base);
await decide(base, 'ma-approver', returned, 'return', 'Quel débit faut-il pomper, et où ? Précisez le point de mise en œuvre.');

// Each page as its person sees it, in a language of theirs, once what it is about is on screen.
const shots = [
  { file: 'home-approver-fr.png', user: 'ma-approver', language: 'fr', hash: '#/work', ready: `[data-testid="nav-work"]` },
  { file: 'request-returned-fr.png', user: 'ma-duty', language: 'fr', hash: `#/requests/${returned}`, ready: '[data-testid="decision-reason"]' },
  { file: 'request-decision-ar.png', user: 'ma-approver', language: 'ar', hash: `#/requests/${waiting}`, ready: '[data-testid="decide-approve"]' },
  { file: 'new-request-en.png', user: 'ma-duty', language: 'en', hash: '#/new', ready: '[data-testid="field-incident.title"]' },
  { file: 'situation-en.png', user: 'ma-duty', language: 'en', hash: '#/situation', ready: '[data-testid="situation-total"]' },
];

await mkdir(out, { recursive: true });
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  defaultViewport: { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
});
try {
  for (const shot of shots) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setCookie({ name: 'cp_dev_user', value: shot.user, url: base });
    await page.evaluateOnNewDocument((language) => localStorage.setItem('civilprotection.language', language), shot.language);
    await page.goto(`${base}/${shot.hash}`, { waitUntil: 'networkidle2' });
    await page.waitForSelector(shot.ready, { visible: true, timeout: 60_000 });
    await page.waitForFunction(() => !document.querySelector('main .loading'), { timeout: 60_000 });
    await page.screenshot({ path: path.join(out, shot.file) });
    console.log(`${path.join(out, shot.file)}: ${shot.user}, ${shot.language}, ${shot.hash.replace(/[0-9a-f]{32}/, '{id}')}`);
    await context.close();
  }
} finally {
  await browser.close();
}
