import type { Browser, Page } from 'playwright-core';
import { INERT_SCRIPT_TYPE } from '@/lib/web/scripts-on-interaction';

/*
 * What a page costs a citizen's data plan on a first visit: the bytes that
 * crossed the network (compressed bodies, as Resource Timing reports them) by
 * kind, in a fresh browser with an empty cache, once the page has loaded and
 * the network is quiet; with the scripts that a citizen page fetches at the
 * visitor's first interaction (a scroll here), counted in, and the first
 * load's apart. Next.js's speculative prefetches of linked pages are counted apart:
 * they are not this page.
 */

export interface PageWeight {
  html: number;
  /** Including what comes at the first interaction. */
  js: number;
  /** JavaScript before any interaction. */
  jsFirstLoad: number;
  css: number;
  images: number;
  fonts: number;
  other: number;
  /** Everything above. */
  total: number;
  requests: number;
  /** React payloads of other pages fetched ahead (not in the total). */
  prefetch: number;
}

/** The five pages the budgets apply to, on a portal whose database holds `messageId`. */
export function citizenPages(messageId: string): Array<[string, string]> {
  return [
    ['home', '/'],
    ['comune', '/comuni/001272-torino'],
    ['theme', '/temi/solidarieta'],
    ['message', `/messaggi/${messageId}`],
    ['search', '/cerca?q=spesa'],
  ];
}

/** The budgets of issue 14: compressed bytes. */
export const BUDGETS = { homeHtml: 45_000, js: 150_000, total: 250_000 };

interface Entry {
  name: string;
  initiatorType: string;
  encodedBodySize: number;
}

async function resourcesOf(page: Page): Promise<{ navigation: number; resources: Entry[] }> {
  return page.evaluate(() => ({
    navigation: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).encodedBodySize,
    resources: performance.getEntriesByType('resource').map((e) => ({
      name: e.name,
      initiatorType: (e as PerformanceResourceTiming).initiatorType,
      encodedBodySize: (e as PerformanceResourceTiming).encodedBodySize,
    })),
  }));
}

export async function pageWeight(browser: Browser, url: string, viewport = { width: 390, height: 844 }): Promise<PageWeight> {
  const context = await browser.newContext({ viewport, locale: 'it-IT' });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'networkidle' });
    const firstLoad = await resourcesOf(page);
    const deferred = await page.locator(`script[type="${INERT_SCRIPT_TYPE}"]`).count();
    await page.mouse.wheel(0, 300);
    // React has hydrated once every script of the page has run.
    if (deferred > 0) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    const seen = new Set(firstLoad.resources.map((entry) => entry.name));
    // What the scroll brought besides the scripts (the next poster frames) is the rest of the page, not its first load.
    const scripts = (await resourcesOf(page)).resources.filter((entry) => !seen.has(entry.name) && new URL(entry.name).pathname.endsWith('.js'));
    const weight: PageWeight = { html: firstLoad.navigation, js: 0, jsFirstLoad: 0, css: 0, images: 0, fonts: 0, other: 0, total: 0, requests: 1, prefetch: 0 };
    for (const entry of [...firstLoad.resources, ...scripts]) {
      const path = new URL(entry.name).pathname;
      if (entry.name.includes('_rsc=')) {
        weight.prefetch += entry.encodedBodySize;
        continue;
      }
      weight.requests++;
      if (path.endsWith('.js')) {
        weight.js += entry.encodedBodySize;
        if (seen.has(entry.name)) weight.jsFirstLoad += entry.encodedBodySize;
      } else if (path.endsWith('.css')) weight.css += entry.encodedBodySize;
      else if (/\.(woff2?|ttf|otf)$/.test(path)) weight.fonts += entry.encodedBodySize;
      else if (entry.initiatorType === 'img' || /\.(svg|png|jpe?g|webp|avif)$/.test(path)) weight.images += entry.encodedBodySize;
      else weight.other += entry.encodedBodySize;
    }
    weight.total = weight.html + weight.js + weight.css + weight.images + weight.fonts + weight.other;
    return weight;
  } finally {
    await context.close();
  }
}
