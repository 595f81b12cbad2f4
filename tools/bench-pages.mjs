// Lighthouse on the pages, run by ./bench.sh --pages against a local host it started:
//   node tools/bench-pages.mjs --base http://127.0.0.1:PORT [--runs 5] [--json FILE]
// Files one request through the API (as the Development duty officer), then runs Lighthouse (its mobile defaults:
// a Moto G Power-sized screen, 150 ms round trip, 1.6 Mbps, 4x slower CPU; a cold cache each run) --runs times on
// each page, signed in with the Development session cookie (the sign-in page without one), and prints the medians
// against the targets of issue 15. It reports; it does not gate (exit 0 unless a run broke).
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fileRequest } from './dev-api.mjs';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lighthouse = path.join(repoRoot, 'node_modules', '.bin', 'lighthouse');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, value, i, all) => (value.startsWith('--') ? [...pairs, [value.slice(2), all[i + 1]]] : pairs), []),
);
const base = (args.base ?? '').replace(/\/$/, '');
const runs = Number(args.runs ?? 5);
if (!base || !(runs >= 1)) {
  console.error('usage: node tools/bench-pages.mjs --base URL [--runs N] [--json FILE]');
  process.exit(2);
}

const TARGETS = { performance: 98, accessibility: 100, bestPractices: 100, lcpMs: 1500, kib: 100 };

async function lighthouseRun(url, user) {
  const flags = [
    url,
    '--output=json',
    '--output-path=stdout',
    '--quiet',
    '--only-categories=performance,accessibility,best-practices',
    // A French-speaking browser, as the seeded MA-DGPC users' profiles are French: otherwise the page would start in
    // Lighthouse's en-US and switch to the profile's language once it knows who is signed in (a second dictionary).
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --accept-lang=fr-FR,fr',
  ];
  if (user) {
    // The Development sign-in's header rather than its cookie: an extra Cookie header would give way to the cookies
    // the page sets itself (cp_lang), and the calls after them would go out signed out.
    flags.push(`--extra-headers=${JSON.stringify({ 'X-Dev-User': user })}`);
  }
  const { stdout } = await run(lighthouse, flags, {
    env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    maxBuffer: 256 * 1024 * 1024,
  });
  const report = JSON.parse(stdout);
  if (report.runtimeError) {
    throw new Error(`Lighthouse on ${url}: ${report.runtimeError.code} ${report.runtimeError.message}`);
  }
  const score = (category) => Math.round((report.categories[category]?.score ?? 0) * 100);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    lcpMs: report.audits['largest-contentful-paint'].numericValue,
    kib: report.audits['total-byte-weight'].numericValue / 1024,
    requests: report.audits['network-requests'].details.items.length,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const requestId = await fileRequest(base);
const pages = [
  { name: 'sign-in', hash: '#/sign-in', user: null },
  { name: 'home', hash: '', user: 'ma-duty' },
  { name: 'new request', hash: '#/new', user: 'ma-duty' },
  { name: 'inbox', hash: '#/inbox', user: 'ma-approver' },
  { name: 'request', hash: `#/requests/${requestId}`, user: 'ma-duty' },
];

console.log(`Lighthouse ${runs} run(s) per page on ${base} (mobile defaults, cold cache each run)`);
const results = [];
for (const page of pages) {
  const each = [];
  for (let i = 0; i < runs; i++) {
    each.push(await lighthouseRun(`${base}/${page.hash}`, page.user));
  }
  results.push({ page: page.name, user: page.user, runs: each });
}

const pad = (text, width) => String(text).padEnd(width);
const mark = (ok) => (ok ? 'ok' : 'MISSED');
console.log();
console.log(`${pad('page', 13)}${pad('perf med (min)', 16)}${pad('a11y', 6)}${pad('bp', 6)}${pad('LCP med', 10)}${pad('KiB med', 9)}${pad('requests', 9)}targets`);
for (const { page, runs: each } of results) {
  const perf = each.map((r) => r.performance);
  const row = {
    perf: median(perf),
    perfMin: Math.min(...perf),
    a11y: Math.min(...each.map((r) => r.accessibility)),
    bp: Math.min(...each.map((r) => r.bestPractices)),
    lcp: median(each.map((r) => r.lcpMs)),
    kib: median(each.map((r) => r.kib)),
    requests: median(each.map((r) => r.requests)),
  };
  const verdict = [
    `perf>=${TARGETS.performance} every run ${mark(row.perfMin >= TARGETS.performance)}`,
    `LCP<${TARGETS.lcpMs / 1000}s ${mark(row.lcp < TARGETS.lcpMs)}`,
    `a11y/bp 100 ${mark(row.a11y >= TARGETS.accessibility && row.bp >= TARGETS.bestPractices)}`,
    `<${TARGETS.kib} KiB ${mark(row.kib < TARGETS.kib)}`,
  ].join(', ');
  console.log(
    `${pad(page, 13)}${pad(`${row.perf} (${row.perfMin})`, 16)}${pad(row.a11y, 6)}${pad(row.bp, 6)}${pad(`${(row.lcp / 1000).toFixed(2)} s`, 10)}` +
      `${pad(row.kib.toFixed(1), 9)}${pad(row.requests, 9)}${verdict}`,
  );
}
console.log('(a11y and bp: the lowest of the runs)');
if (args.json) {
  await writeFile(args.json, JSON.stringify({ base, runs, results }, null, 2));
  console.log(`Every run's figures: ${args.json}`);
}
