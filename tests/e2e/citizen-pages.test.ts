import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isolatedContext, launchBrowser, wcagViolations } from '../support/browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
let external: string[];
let blocked: string[];
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ context, external, blocked } = await isolatedContext(browser));
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('the home page', () => {
  it('draws the map of the 312 comuni, each a link to its page, and lists them as text', async () => {
    await page.goto(baseUrl);
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    await expect.poll(() => page.locator('#area-map a.comune').count()).toBe(312);
    expect(await page.locator('#area-map a.comune use').count()).toBe(312);
    expect(await page.locator('#municipality-list > li').count()).toBe(312);
    expect(await page.getByText('Confini: ISTAT, elaborazione openpolis — CC BY 4.0').count()).toBeGreaterThan(0);
    expect(await page.locator('#latest-title ~ ul article').count()).toBeGreaterThan(0);
  });

  it('loads without an error in the console or a failed request, its icon included', async () => {
    const fresh = await context.newPage();
    const problems: string[] = [];
    fresh.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    fresh.on('response', (answer) => {
      if (answer.status() >= 400) problems.push(`${answer.status()} ${answer.url()}`);
    });
    await fresh.goto(baseUrl, { waitUntil: 'load' });
    const icon = await fresh.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toBe('/favicon.svg');
    const answer = await fetch(`${baseUrl}${icon}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('image/svg+xml');
    await fresh.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    await fresh.close();
  });

  it('opens a comune when its shape is clicked', async () => {
    await page.goto(baseUrl);
    await page.locator('#area-map a[href="/comuni/001272-torino"]').click();
    await page.waitForURL('**/comuni/001272-torino');
    expect(await page.locator('h1').textContent()).toBe('Torino');
  });

  it('is one Tab stop; arrow keys move between neighbouring comuni and Enter opens one', async () => {
    await page.goto(baseUrl);
    const first = page.locator('#area-map a.comune[tabindex="0"]');
    // Reaching the map is what brings its scripts (lib/web/scripts-on-interaction.ts).
    await first.focus();
    await page.locator('#area-map[data-keyboard="ready"]').waitFor({ state: 'attached' });
    const before = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.name);
    await page.keyboard.press('ArrowRight');
    const after = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.name);
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    expect(await page.locator('#area-map a.comune[tabindex="0"]').count()).toBe(1);
    expect(await page.locator('#area-map-focus').textContent()).toBe(after);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/comuni/**');
    expect(await page.locator('h1').textContent()).toBe(after);
  });

  it('filters the list of comuni as the visitor types', async () => {
    await page.goto(baseUrl);
    await page.getByLabel('Filtra i comuni per nome').fill('sauze');
    await expect.poll(() => page.locator('#municipality-list > li:not([hidden])').count()).toBe(2);
    expect(await page.locator('#municipality-list > li:not([hidden])').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("Sauze d'Oulx")]),
    );
  });
});

describe('search', () => {
  it('finds Sauze d’Oulx and its messages', async () => {
    await page.goto(`${baseUrl}/cerca`);
    await page.getByLabel('Cerca tra messaggi e comuni').fill("Sauze d'Oulx");
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.waitForURL('**/cerca?q=*');
    expect(await page.locator('a[href="/comuni/001259-sauze-d-oulx"]').count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: 'Messaggi', exact: true }).count()).toBe(1);
  });
});

describe('language', () => {
  it('switches to English and back, keeping the same address', async () => {
    await context.clearCookies();
    await page.goto(`${baseUrl}/comuni/001157-moncenisio`);
    await page.getByRole('link', { name: 'Read this site in English' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/comuni/001157-moncenisio');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByText('Population: 42').count()).toBe(1);
    await page.getByRole('link', { name: 'Leggi il sito in italiano' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByText('Abitanti: 42').count()).toBe(1);
  });

  it('answers unknown comuni, themes and messages with a translated 404', async () => {
    await context.clearCookies();
    for (const path of [
      '/comuni/999999-nowhere',
      '/temi/non-esiste',
      '/messaggi/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      '/messaggi/not-an-id',
      '/no/such/page',
    ]) {
      const response = await page.goto(`${baseUrl}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await page.locator('h1').textContent()).toBe('Pagina non trovata');
    }
  });
});

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  it('finds no violation on the home, comune, theme, message and search pages', async () => {
    await page.goto(baseUrl);
    const messageHref = await page.locator('#latest-title ~ ul article h3 a').first().getAttribute('href');
    const pages = ['/', '/comuni/001259-sauze-d-oulx', '/temi/solidarieta', messageHref!, '/cerca?q=spesa'];
    for (const path of pages) {
      await page.goto(`${baseUrl}${path}`);
      expect(await wcagViolations(page), path).toEqual([]);
    }
  });

  it('asked nothing of any other host while browsing, and the Content-Security-Policy blocked nothing of the portal’s own', () => {
    expect(external).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
