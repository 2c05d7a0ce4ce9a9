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
 * throwaway folder and stops it after.
 */
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { launchBrowser } from '../tests/support/browser';
import { startDebuggableChromium } from '../tests/support/debuggable-chromium';
import { startPortal } from '../tests/support/launcher';
import { BUDGETS, citizenPages, pageWeight } from '../tests/support/page-weight';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, url: { type: 'string' } } });
const RUNS = Number(values.runs);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => (bytes / 1000).toFixed(1);

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
  console.log('| page | HTML KB | HTML uncompressed KB | ratio | JS KB | CSS KB | images KB | fonts KB | total KB | requests |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const browser = await launchBrowser();
  for (const [name, page] of pages) {
    const w = await pageWeight(browser, `${base}${page}`);
    const plain = await uncompressedBytes(`${base}${page}`);
    console.log(
      `| ${name} | ${kb(w.html)} | ${kb(plain)} | ${(plain / w.html).toFixed(1)}× | ${kb(w.js)} | ${kb(w.css)} | ${kb(w.images)} | ${kb(w.fonts)} | ${kb(w.total)} | ${w.requests} |`,
    );
  }
  await browser.close();

  const chrome = await startDebuggableChromium();
  console.log(`\nLighthouse ${RUNS}× per page, mobile (simulated slow 4G, 4× CPU slowdown), median`);
  console.log('| page | performance | LCP s | FCP s | TBT ms | CLS |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [name, page] of pages) {
    const runs: Array<{ score: number; lcp: number; fcp: number; tbt: number; cls: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(`${base}${page}`, { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error', output: 'json' });
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
    console.log(`| ${name} | ${m('score')} | ${m('lcp').toFixed(2)} | ${m('fcp').toFixed(2)} | ${Math.round(m('tbt'))} | ${m('cls').toFixed(3)} |`);
  }
  chrome.stop();
} finally {
  await portal?.stop();
}
