/*
 * Issue 14's figures for the five citizen pages, on this machine, in Debian's
 * Chromium: Lighthouse's mobile performance (its default simulated slow 4G and
 * mid-range phone; median of 3 runs) with LCP and total blocking time, and the
 * bytes a first visit downloads by kind (compressed, as they crossed the
 * network), next to the same page's bytes uncompressed in the same run (what
 * the front server's brotli saves).
 *
 *   npx tsx bench/light-pages.ts [--runs 3] [--url http://127.0.0.1:3999]
 *
 * Without --url it starts the demo portal (the README's run command) in a
 * throwaway folder and stops it after. The baseline, measured in the same run:
 * a bare Next.js page (one heading, one paragraph, no CSS) built with the
 * portal's own Next.js and React, served by `next start` — the floor any page
 * of this stack starts from on this machine.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { launchBrowser } from '../tests/support/browser';
import { startDebuggableChromium } from '../tests/support/debuggable-chromium';
import { freePort } from '../lib/db/embedded';
import { startPortal } from '../tests/support/launcher';
import { BUDGETS, citizenPages, pageWeight } from '../tests/support/page-weight';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, url: { type: 'string' } } });
const RUNS = Number(values.runs);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => (bytes / 1000).toFixed(1);

/** Builds and serves the bare page; Turbopack wants node_modules inside the app's folder, so the portal's are hard-linked there. */
async function startBareNext(): Promise<{ url: string; stop: () => void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vc-bare-next-'));
  mkdirSync(path.join(dir, 'app'));
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "bare", "private": true }\n');
  writeFileSync(path.join(dir, 'next.config.js'), `module.exports = { turbopack: { root: ${JSON.stringify(dir)} } };\n`);
  writeFileSync(path.join(dir, 'app/layout.js'), 'export default function Layout({ children }) { return <html lang="en"><body>{children}</body></html>; }\n');
  writeFileSync(
    path.join(dir, 'app/page.js'),
    'export default function Page() { return <main><h1>Hello</h1><p>A static page with a few words of text.</p></main>; }\n',
  );
  execFileSync('cp', ['-al', path.resolve('node_modules'), path.join(dir, 'node_modules')]);
  const next = path.join(dir, 'node_modules/next/dist/bin/next');
  execFileSync(process.execPath, [next, 'build'], { cwd: dir, stdio: 'ignore', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  const port = await freePort();
  const server = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(url);
  return {
    url,
    stop: () => {
      server.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitFor(url: string) {
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(url).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function lighthouseRow(name: string, url: string, port: number): Promise<string> {
  const runs: Array<{ score: number; lcp: number; fcp: number; tbt: number; cls: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await lighthouse(url, { port, onlyCategories: ['performance'], logLevel: 'error', output: 'json' });
    const { audits, categories } = result!.lhr;
    runs.push({
      score: Math.round((categories.performance?.score ?? 0) * 100),
      lcp: audits['largest-contentful-paint']!.numericValue! / 1000,
      fcp: audits['first-contentful-paint']!.numericValue! / 1000,
      tbt: audits['total-blocking-time']!.numericValue!,
      cls: audits['cumulative-layout-shift']!.numericValue!,
    });
  }
  const m = (key: keyof (typeof runs)[number]) => median(runs.map((r) => r[key]));
  return `| ${name} | ${m('score')} | ${m('lcp').toFixed(2)} | ${m('fcp').toFixed(2)} | ${Math.round(m('tbt'))} | ${m('cls').toFixed(3)} |`;
}

async function uncompressedBytes(url: string): Promise<number> {
  const answer = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  return (await answer.arrayBuffer()).byteLength;
}

const portal = values.url ? null : await startPortal({ VC_LOG_LEVEL: 'warn' });
const base = values.url ?? portal!.baseUrl;
try {
  const messages = (await (await fetch(`${base}/api/v1/videos?limit=1`)).json()) as { data: Array<{ id: string }> };
  const pages = citizenPages(messages.data[0]!.id);
  // Warm the caches a citizen would find warm (Next.js's page cache, the front server's).
  for (const [, page] of pages) await fetch(`${base}${page}`).then((r) => r.arrayBuffer());

  console.log(`Bytes on a first visit (compressed; budgets: home HTML ${kb(BUDGETS.homeHtml)} KB, JS ${kb(BUDGETS.js)} KB, total ${kb(BUDGETS.total)} KB)`);
  console.log(
    '| page | HTML KB | HTML uncompressed KB | ratio | JS KB before any interaction | JS KB at the first | CSS KB | images KB | fonts KB | total KB | requests |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const browser = await launchBrowser();
  for (const [name, page] of pages) {
    const w = await pageWeight(browser, `${base}${page}`);
    const plain = await uncompressedBytes(`${base}${page}`);
    console.log(
      `| ${name} | ${kb(w.html)} | ${kb(plain)} | ${(plain / w.html).toFixed(1)}× | ${kb(w.jsFirstLoad)} | ${kb(w.js)} | ${kb(w.css)} | ${kb(w.images)} | ${kb(w.fonts)} | ${kb(w.total)} | ${w.requests} |`,
    );
  }
  await browser.close();

  const chrome = await startDebuggableChromium();
  console.log(`\nLighthouse ${RUNS}× per page, mobile (simulated slow 4G, 4× CPU slowdown), median`);
  console.log('| page | performance | LCP s | FCP s | TBT ms | CLS |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [name, page] of pages) console.log(await lighthouseRow(name, `${base}${page}`, chrome.port));
  const bare = await startBareNext();
  try {
    console.log(await lighthouseRow('bare Next.js page (baseline)', bare.url, chrome.port));
  } finally {
    bare.stop();
  }
  chrome.stop();
} finally {
  await portal?.stop();
}
