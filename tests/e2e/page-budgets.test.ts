import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { launchBrowser } from '../support/browser';
import { BUDGETS, citizenPages, pageWeight } from '../support/page-weight';

/*
 * Issue 14's page budgets, in compressed bytes on a first visit with an empty
 * cache (a phone on a weak line): the home page's HTML within 45 KB, every
 * citizen page within 150 KB of JavaScript and 250 KB in all, counting the
 * scripts that come at the visitor's first interaction; none before it.
 * bench/light-pages.ts prints the same figures with Lighthouse's timings.
 */

const base = inject('baseUrl');
let db: Db;
let browser: Browser;

beforeAll(async () => {
  db = createDb(inject('portalDatabaseUrl'), 2);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
});

describe('page budgets', () => {
  it('keeps the home, comune, theme, message and search pages within their bytes', async () => {
    const message = await db.video.findFirstOrThrow({ where: { isDemo: true, status: 'PUBLISHED' }, select: { id: true }, orderBy: { publishedAt: 'desc' } });
    const over: string[] = [];
    for (const [name, path] of citizenPages(message.id)) {
      const weight = await pageWeight(browser, `${base}${path}`);
      expect(weight.html, `${name} html`).toBeGreaterThan(1000);
      // The framework does come once the visitor scrolls: the budget weighs it.
      expect(weight.js, `${name} js`).toBeGreaterThan(0);
      expect(weight.jsFirstLoad, `${name} js before any interaction`).toBe(0);
      if (name === 'home' && weight.html > BUDGETS.homeHtml) over.push(`home HTML ${weight.html} B`);
      if (weight.js > BUDGETS.js) over.push(`${name} JavaScript ${weight.js} B`);
      if (weight.total > BUDGETS.total) over.push(`${name} total ${weight.total} B`);
    }
    expect(over).toEqual([]);
  }, 120_000);
});
