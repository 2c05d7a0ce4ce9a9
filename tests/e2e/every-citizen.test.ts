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
    for (const [locale, role, path] of expectations) {
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
    // Eighteen pages in two languages, eight of them checked with axe: more than the default minute on a busy machine.
  }, 180_000);

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

describe('the map with the keyboard', () => {
  it('reaches every comune from every other with the arrow keys alone (Giaveno and Scarmagno included)', async () => {
    const { context, page } = await visitor('it');
    await page.goto(base);
    // A citizen's page gets its scripts once the visitor reaches for something (lib/web/scripts-on-interaction.ts).
    await page.locator('#area-map a.comune[tabindex="0"]').focus();
    await page.locator('#area-map[data-keyboard="ready"]').waitFor({ state: 'attached' });
    const { names, edges } = await page.evaluate(() => {
      const links = Array.from(document.querySelectorAll<SVGAElement>('#area-map a.comune'));
      const edges = links.map((link) =>
        ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].map((key) => {
          link.focus();
          link.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
          return links.indexOf(document.activeElement as SVGAElement);
        }),
      );
      return { names: links.map((l) => l.dataset.name!), edges };
    });
    expect(names).toHaveLength(312);
    const reachable = (graph: number[][]) => {
      const seen = new Set([0]);
      const stack = [0];
      while (stack.length)
        for (const next of graph[stack.pop()!]!)
          if (next >= 0 && !seen.has(next)) {
            seen.add(next);
            stack.push(next);
          }
      return seen;
    };
    const backward: number[][] = edges.map(() => []);
    edges.forEach((targets, from) => targets.forEach((to) => to >= 0 && backward[to]!.push(from)));
    const unreached = names.filter((_, i) => !reachable(edges).has(i));
    const cannotReturn = names.filter((_, i) => !reachable(backward).has(i));
    expect({ unreached, cannotReturn }).toEqual({ unreached: [], cannotReturn: [] });
    expect(names).toEqual(expect.arrayContaining(['Giaveno', 'Scarmagno']));
    await context.close();
  });

  it('is one Tab stop (not the drawing itself), draws the focused outline above the neighbours, and has a skip link past the list', async () => {
    const { context, page } = await visitor('it');
    await page.goto(base);
    const skip = page.getByRole('link', { name: italian.home.skipList });
    // Backwards from the list: past the legend's links, one stop on a comune, then out of the drawing.
    await skip.focus();
    await page.locator('#area-map[data-keyboard="ready"]').waitFor({ state: 'attached' });
    const stops: string[] = [];
    for (let i = 0; i < 6 && !stops.includes('comune'); i++) {
      await page.keyboard.press('Shift+Tab');
      stops.push(await page.evaluate(() => (document.activeElement!.matches('#area-map a.comune') ? 'comune' : document.activeElement!.tagName.toLowerCase())));
    }
    expect(stops.at(-1)).toBe('comune');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement!.closest('#area-map'))).toBeNull();

    for (const name of ['Agliè', 'Airasca', 'Beinasco']) {
      const ring = await page.evaluate((name) => {
        const link = document.querySelector<SVGAElement>(`#area-map a.comune[data-name="${name}"]`)!;
        link.focus();
        const outer = document.querySelector<SVGUseElement>('#area-map .focus-ring .ring-outer')!;
        const inner = document.querySelector<SVGUseElement>('#area-map .focus-ring .ring-inner')!;
        const svg = document.getElementById('area-map')!;
        return {
          sameShape:
            outer.getAttribute('href') === link.querySelector('use')!.getAttribute('href') && inner.getAttribute('href') === outer.getAttribute('href'),
          onTop: svg.lastElementChild === outer.parentElement,
          outer: [getComputedStyle(outer).stroke, getComputedStyle(outer).strokeWidth],
          inner: [getComputedStyle(inner).stroke, getComputedStyle(inner).strokeWidth],
        };
      }, name);
      expect(ring, name).toEqual({ sameShape: true, onTop: true, outer: ['rgb(0, 0, 0)', '6px'], inner: ['rgb(255, 255, 255)', '2.5px'] });
    }

    await skip.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('latest');
    await context.close();
  });

  it('tells its colour classes apart: neighbouring classes 3:1 or more, or by a pattern', async () => {
    const { context, page } = await visitor('it');
    await page.goto(base);
    const fills = await page.evaluate(() =>
      ['m0', 'm1', 'm2', 'm3'].map((c) => getComputedStyle(document.querySelector(`figcaption svg.area-map rect.${c}`)!).fill),
    );
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb
        .match(/\d+/g)!
        .map((v) => Number(v) / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const ratio = (a: string, b: string) => {
      const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    expect(ratio(fills[0]!, fills[1]!)).toBeGreaterThanOrEqual(3);
    expect(ratio(fills[1]!, fills[2]!)).toBeGreaterThanOrEqual(3);
    expect(fills[3]).toMatch(/url\(.*#hatch-dark/);
    await page.getByLabel(italian.home.listFilter).fill('sauze');
    await expect.poll(() => page.locator('#area-map a.comune.match').count()).toBe(2);
    expect(await page.getByText('2 comuni su 312').count()).toBe(1);
    await context.close();
  });
});

describe('pages on a 320-pixel phone', () => {
  /** Pages whose content is wider than the window, at 320 CSS pixels (WCAG 1.4.10: no scrolling in two directions). */
  async function overflowing(role: 'MAYOR' | 'MODERATOR' | 'ADMIN' | undefined, paths: string[]): Promise<string[]> {
    const { context, page } = await visitor('it', role);
    await page.setViewportSize({ width: 320, height: 640 });
    const wide: string[] = [];
    for (const path of paths) {
      const answer = await page.goto(`${base}${path}`);
      expect(answer?.status(), path).toBeLessThan(500);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) {
        // The outermost elements that stick out, to say what to fix.
        const culprits = await page.evaluate(() =>
          Array.from(document.querySelectorAll('main *'))
            .filter((el) => el.getBoundingClientRect().right > 321 && (el.parentElement?.getBoundingClientRect().right ?? 0) <= 321)
            .slice(0, 3)
            .map((el) => `${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '').replace(/\s+/g, '.')}`),
        );
        wide.push(`${path}: ${width}px (${culprits.join(', ')})`);
      }
    }
    await context.close();
    return wide;
  }

  it('never scrolls sideways: citizens’, mayors’ and staff pages', async () => {
    const theme = await createTheme(db, `stretta-${run}`, `Stretta ${run}`, `Narrow ${run}`);
    const published = await createVideo(db, {
      municipality: '001272',
      title: `Un titolo piuttosto lungo per uno schermo stretto ${run}`,
      status: 'PUBLISHED',
      themes: [theme.id],
    });
    const draft = await createVideo(db, { municipality: '001272', title: `Bozza ${run}`, status: 'DRAFT', themes: [theme.id] });
    const submitted = await createVideo(db, { municipality: '001272', title: `In attesa ${run}`, status: 'SUBMITTED', themes: [theme.id] });
    const citizens = [
      '/',
      '/comuni/001272-torino',
      `/temi/${theme.slug}`,
      `/messaggi/${published.id}`,
      '/cerca?q=spesa',
      '/accedi',
      '/accedi/controlla',
      '/accessibilita',
      '/privacy',
      '/cookie',
      '/note-legali',
      '/accessibilita/segnala',
      `/manca-${run}`,
    ];
    const mayors = ['/sindaco', '/sindaco/messaggi/nuovo', `/sindaco/messaggi/${draft.id}`];
    const staff = [
      '/staff',
      '/staff/moderazione',
      `/staff/moderazione/${submitted.id}`,
      '/staff/copertura',
      '/staff/gruppi',
      '/staff/appelli',
      '/staff/riunioni',
      '/staff/youtube',
      '/staff/registro',
      '/staff/modelli',
      '/staff/segnalazioni',
      '/staff/temi',
      '/staff/elezioni',
      '/staff/avvisi',
      '/staff/inviti',
    ];
    const wide = [...(await overflowing(undefined, citizens)), ...(await overflowing('MAYOR', mayors)), ...(await overflowing('ADMIN', staff))];
    expect(wide).toEqual([]);
  });
});

describe('a mayor’s form on a phone', () => {
  it('reports every error in one round, takes the focus to the summary and links each error to its input', async () => {
    const { context, page } = await visitor('it', 'MAYOR');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${base}/sindaco/messaggi/nuovo`);
    await page.getByRole('button', { name: italian.form.submit }).click();
    const summary = page.getByRole('alert').filter({ hasText: italian.form.errorsTitle });
    await summary.waitFor();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const links = summary.getByRole('link');
    const errors = italian.form.errors;
    expect(await links.allInnerTexts()).toEqual(
      expect.arrayContaining([errors.mediaRequired, errors.titleRequired, errors.themesCount, errors.consentRequired]),
    );
    expect(await summary.getByRole('link', { name: errors.mediaRequired }).getAttribute('href')).toBe('#video-file');
    expect(await summary.getByRole('link', { name: errors.consentRequired }).getAttribute('href')).toBe('#consentGiven');
    await summary.getByRole('link', { name: errors.titleRequired }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('title');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });
});

describe('the sign-in and invitation forms', () => {
  it('answer a wrong address with a focused summary that links to the field, keeping what was typed', async () => {
    const { context, page } = await visitor('it');
    await page.goto(`${base}/accedi`);
    await page.getByLabel(italian.auth.email).fill('non-un-indirizzo');
    await page.getByRole('button', { name: italian.auth.send }).click();
    const summary = page.getByRole('alert').filter({ hasText: italian.auth.errorsTitle });
    await summary.waitFor();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await summary.getByRole('link', { name: italian.auth.errorEmail }).getAttribute('href')).toBe('#email');
    expect(await page.getByLabel(italian.auth.email).inputValue()).toBe('non-un-indirizzo');
    expect(await page.getByLabel(italian.auth.email).getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });

  it('report every wrong field of an invitation at once, each linked to its input, focus on the summary', async () => {
    const { context, page } = await visitor('it', 'ADMIN');
    await page.goto(`${base}/staff/inviti`);
    const form = page.getByRole('region', { name: italian.invite.oneTitle });
    await form.getByLabel('E-mail').fill(`sbagliato-${run}`);
    await form.getByRole('button', { name: italian.invite.send }).click();
    const summary = form.getByRole('alert').filter({ hasText: italian.invite.rejectedOne });
    await summary.waitFor();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const targets = await summary.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    // The address, the missing name and a mayor without a comune: one round.
    expect(targets.sort()).toEqual(['#inv-email', '#inv-istat', '#inv-name']);
    expect(await summary.getByRole('listitem').allInnerTexts()).toContain(italian.invite.errors.istatMissing);
    expect(await form.getByLabel('E-mail').inputValue()).toBe(`sbagliato-${run}`);
    expect(await form.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    await summary.getByRole('link', { name: /nome/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inv-name');
    expect(await db.user.count({ where: { email: `sbagliato-${run}` } })).toBe(0);
    await context.close();
  });
});

describe('who may reach the new pages and routes', () => {
  it('lets anyone read the legal pages and send a report; only staff list and answer reports; bad parameters get a 4xx', async () => {
    for (const path of ['/accessibilita', '/privacy', '/cookie', '/note-legali', '/accessibilita/segnala']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(200);
    }
    expect((await fetch(`${base}/accessibilita/segnala?pagina=%01`)).status).toBe(400);
    expect((await fetch(`${base}/accessibilita/segnala?pagina=${'x'.repeat(501)}`)).status).toBe(400);
    expect((await fetch(`${base}/note-legali%01`)).status).toBe(400);

    const mayor = await createUser(db, { role: 'MAYOR', municipality: '001272' });
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const page = (cookie?: string) => fetch(`${base}/staff/segnalazioni`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    expect((await page()).status).toBeGreaterThanOrEqual(300);
    expect((await page()).headers.get('location') ?? '').toContain('/accedi');
    expect((await page(mayor.cookie)).status).toBe(403);
    expect((await page(moderator.cookie)).status).toBe(200);

    const report = await db.accessibilityReport.create({ data: { email: `x.${run}@esempio.it`, description: 'Una segnalazione di prova', locale: 'it' } });
    const answer = (cookie: string | undefined, id: string) =>
      fetch(`${base}/api/staff/segnalazioni`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...(cookie ? { cookie } : {}), origin: base, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ id, locale: 'it' }),
      });
    expect((await answer(undefined, report.id)).status).toBe(403);
    expect((await answer(mayor.cookie, report.id)).status).toBe(403);
    expect((await answer(moderator.cookie, 'non-un-id')).status).toBe(400);
    expect((await answer(moderator.cookie, 'x\u0000')).status).toBe(400);
    expect((await db.accessibilityReport.findUniqueOrThrow({ where: { id: report.id } })).status).toBe('OPEN');
    expect((await answer(moderator.cookie, report.id)).status).toBe(200);
    expect((await db.accessibilityReport.findUniqueOrThrow({ where: { id: report.id } })).status).toBe('ANSWERED');
    const crossSite = await fetch(`${base}/api/staff/segnalazioni`, {
      method: 'POST',
      headers: { cookie: moderator.cookie, origin: 'https://altro.example.com', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id: report.id }),
    });
    expect(crossSite.status).toBe(403);
  });
});
