import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { en } from '@/lib/i18n/en';
import { it as italian } from '@/lib/i18n/it';
import { isolatedContext, launchBrowser, wcagViolations } from '../support/browser';
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
    const video = await createVideo(db, {
      municipality: '001272',
      title: `Buongiorno a tutti ${run}`,
      description: 'Un saluto dal sindaco.',
      status: 'PUBLISHED',
      themes: [theme.id],
    });
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

describe('what an Italian public body must publish', () => {
  const LEGAL = [
    { key: 'accessibility', path: '/accessibilita' },
    { key: 'privacy', path: '/privacy' },
    { key: 'cookies', path: '/cookie' },
    { key: 'legalNotes', path: '/note-legali' },
  ] as const;

  it('links the accessibility statement, privacy and cookie notices and legal notes from every page’s footer, in both languages', async () => {
    for (const [locale, dictionary] of [
      ['it', italian],
      ['en', en],
    ] as const) {
      const { context, page } = await visitor(locale);
      for (const path of ['/', '/comuni/001272-torino', '/cerca', '/accedi', `/pagina-che-non-esiste-${run}`]) {
        await page.goto(`${base}${path}`);
        const footer = page.locator('footer');
        for (const { key, path: target } of LEGAL) {
          expect(await footer.getByRole('link', { name: dictionary.legal[key], exact: true }).getAttribute('href'), `${locale} ${path} ${key}`).toBe(target);
        }
        expect(await footer.getByRole('link', { name: dictionary.legal.report }).getAttribute('href')).toBe('/accessibilita/segnala');
      }
      for (const { key, path } of LEGAL) {
        await page.goto(`${base}${path}`);
        expect(await page.title()).toBe(`${dictionary.legal[key]} · VociComuni`);
        const text = await page.locator('main').innerText();
        expect(text, `${locale} ${path}`).toContain('Città metropolitana di Torino');
        expect(text, `${locale} ${path}: a placeholder left unfilled`).not.toContain('{{');
        expect(await wcagViolations(page), `${locale} ${path}`).toEqual([]);
      }
      await page.goto(`${base}/accessibilita`);
      const main = page.locator('main');
      // AgID's model: compliance status, the date, the feedback mechanism and the escalation to AgID.
      expect(await main.getByRole('link', { name: /form\.agid\.gov\.it/ }).count()).toBe(1);
      expect(await main.getByRole('link', { name: 'urp@cittametropolitana.torino.it' }).count()).toBeGreaterThan(0);
      expect(await main.getByRole('link', { name: dictionary === italian ? 'modulo di segnalazione' : 'report form' }).getAttribute('href')).toBe(
        '/accessibilita/segnala',
      );
      expect(await main.innerText()).toContain(dictionary === italian ? '1 dicembre 2026' : '1 December 2026');
      await context.close();
    }
  });

  it('takes a citizen’s accessibility report: every error at once, focus on the summary, nothing typed lost; staff see it and answer it', async () => {
    const { context, page } = await visitor('it');
    await page.goto(`${base}/accessibilita/segnala?pagina=/comuni/001272-torino`);
    expect(await page.getByLabel(italian.accessibilityReport.page).inputValue()).toBe('/comuni/001272-torino');
    await page.getByLabel(italian.accessibilityReport.name).fill('Giulia Bianchi');
    await page.getByRole('button', { name: italian.accessibilityReport.send }).click();
    const summary = page.getByRole('alert').filter({ hasText: italian.accessibilityReport.errorsTitle });
    await summary.waitFor();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await summary.getByRole('link').allInnerTexts()).toEqual([italian.accessibilityReport.errors.email, italian.accessibilityReport.errors.description]);
    expect(await summary.getByRole('link').first().getAttribute('href')).toBe('#report-email');
    expect(await page.getByLabel(italian.accessibilityReport.name).inputValue()).toBe('Giulia Bianchi');
    expect(await page.getByLabel(italian.accessibilityReport.email).getAttribute('aria-invalid')).toBe('true');
    expect(await wcagViolations(page)).toEqual([]);

    const description = `Il filtro dei comuni non annuncia quanti risultati trova ${run}`;
    await page.getByLabel(italian.accessibilityReport.email).fill(`giulia.${run}@esempio.it`);
    await page.getByLabel(italian.accessibilityReport.description).fill(description);
    await page.getByRole('button', { name: italian.accessibilityReport.send }).click();
    const sent = page.getByRole('status').filter({ hasText: italian.accessibilityReport.sent });
    await sent.waitFor();
    await expect.poll(() => sent.evaluate((el) => el === document.activeElement)).toBe(true);
    await context.close();

    const mail = await vi.waitFor(() => db.mailOutbox.findFirstOrThrow({ where: { kind: 'accessibility-report', text: { contains: description } } }), {
      timeout: 20_000,
      interval: 250,
    });
    expect(mail.recipient).toBe('urp@cittametropolitana.torino.it');

    const staff = await visitor('it', 'MODERATOR');
    await staff.page.goto(`${base}/staff`);
    await staff.page.getByRole('link', { name: /segnalazion[ei] da rispondere/ }).click();
    await staff.page.waitForURL('**/staff/segnalazioni');
    const item = staff.page.locator('li', { hasText: description });
    expect(await item.getByRole('link', { name: `giulia.${run}@esempio.it` }).getAttribute('href')).toBe(`mailto:giulia.${run}@esempio.it`);
    expect(await wcagViolations(staff.page)).toEqual([]);
    await item.getByRole('button', { name: italian.accessibilityReport.staffMarkAnswered }).click();
    await expect.poll(() => staff.page.locator('li', { hasText: description }).getByRole('button').count()).toBe(0);
    expect(await staff.page.locator('li', { hasText: description }).innerText()).toContain('Risposta il');
    await staff.context.close();
  });
});
