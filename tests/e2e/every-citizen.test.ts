import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { en } from '@/lib/i18n/en';
import { it as italian } from '@/lib/i18n/it';
import { isolatedContext, launchBrowser } from '../support/browser';
import { createTheme, createUser, createVideo } from '../support/fixtures';

/* Issue 13: what every citizen (and every mayor on a phone) needs from the portal's pages. */

const base = inject('baseUrl');
const run = Date.now().toString(36);
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

/** A browser in the given language; signed in as a new account of the role when one is given. */
async function visitor(locale: 'it' | 'en', role?: 'MAYOR' | 'MODERATOR' | 'ADMIN'): Promise<{ context: BrowserContext; page: Page }> {
  const { context } = await isolatedContext(browser, { locale: locale === 'en' ? 'en-GB' : 'it-IT' });
  if (role) {
    const account = await createUser(db, { role, municipality: role === 'MAYOR' ? '001272' : undefined });
    await context.addCookies([{ name: 'next-auth.session-token', value: account.sessionToken, url: base }]);
  }
  return { context, page: await context.newPage() };
}

describe('language', () => {
  it('gives every page its own title, in the page’s language', async () => {
    const expectations: Array<[locale: 'it' | 'en', role: 'MAYOR' | 'MODERATOR' | 'ADMIN' | undefined, path: string, title: string]> = [
      ['en', undefined, '/accedi', en.auth.signInTitle],
      ['it', undefined, '/accedi', italian.auth.signInTitle],
      ['en', undefined, '/cerca', en.search.title],
      ['en', undefined, `/nessuna-pagina-${run}`, en.errors.notFoundTitle],
      ['it', undefined, `/comuni/999999-${run}`, italian.errors.notFoundTitle],
      ['en', 'MAYOR', '/sindaco/messaggi/nuovo', en.form.newTitle],
      ['en', 'MODERATOR', '/staff/moderazione', en.staff.queue],
      ['it', 'ADMIN', '/staff/inviti', italian.invite.title],
      ['en', 'ADMIN', '/staff/copertura', en.staff.coverageTitle],
    ];
    const seen: string[] = [];
    for (const [locale, role, path, title] of expectations) {
      const { context, page } = await visitor(locale, role);
      await page.goto(`${base}${path}`);
      seen.push(`${locale} ${path}: ${await page.title()}`);
      await context.close();
    }
    expect(seen).toEqual(expectations.map(([locale, , path, title]) => `${locale} ${path}: ${title} · VociComuni`));
  });

  it('marks Italian content on English pages with lang="it" (WCAG 3.1.2)', async () => {
    const theme = await createTheme(db, `lingua-${run}`, `Lingua ${run}`, `Language ${run}`);
    const video = await createVideo(db, { municipality: '001272', title: `Buongiorno a tutti ${run}`, description: 'Un saluto dal sindaco.', status: 'PUBLISHED', themes: [theme.id] });
    const { context, page } = await visitor('en');
    await page.goto(`${base}/messaggi/${video.id}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').getAttribute('lang')).toBe('it');
    expect(await page.getByText('Un saluto dal sindaco.').getAttribute('lang')).toBe('it');
    await page.goto(`${base}/comuni/001272-torino`);
    expect(await page.locator('h1').getAttribute('lang')).toBe('it');
    expect(await page.getByRole('link', { name: `Buongiorno a tutti ${run}` }).getAttribute('lang')).toBe('it');
    await context.close();
  });

  it('writes counts in the singular and the plural', async () => {
    const theme = await createTheme(db, `uno-${run}`, `Uno ${run}`, `One ${run}`);
    await createVideo(db, { municipality: '001272', title: `L’unico messaggio ${run}`, status: 'PUBLISHED', themes: [theme.id] });
    for (const [locale, text] of [
      ['it', '1 messaggio'],
      ['en', '1 message'],
    ] as const) {
      const { context, page } = await visitor(locale);
      await page.goto(`${base}/temi/${theme.slug}`);
      await expect.poll(() => page.getByText(text, { exact: true }).count()).toBe(1);
      await context.close();
    }
  });

  it('ships to a public page only the strings of its own language that its client components need', async () => {
    const { context, page } = await visitor('it');
    const answer = await page.goto(base);
    const html = await answer!.text();
    const scripts = await page.locator('script[src]').evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).src));
    const code = (await Promise.all(scripts.map(async (src) => (await fetch(src)).text()))).join('\n');
    for (const foreign of [italian.staff.queueCount, italian.invite.oneTitle, italian.form.consent, en.errors.notFoundText, en.home.listFilter]) {
      expect(html + code, foreign).not.toContain(foreign.slice(0, 30));
    }
    // The 404 and error pages' own strings are there, once, as the page's data.
    expect(html).toContain(italian.errors.notFoundText.slice(0, 30));
    await context.close();
  });
});
