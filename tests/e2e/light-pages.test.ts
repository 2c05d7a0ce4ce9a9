import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { syncRenditions } from '@/lib/renditions/make';
import { mediaStore } from '@/lib/uploads/media-store';
import { uploadSettings } from '@/lib/uploads/settings';
import { it as italian } from '@/lib/i18n/it';
import { isolatedContext, launchBrowser } from '../support/browser';
import { createUser, createVideo, placeMedia } from '../support/fixtures';
import { makeTestMedia } from '../support/media';

/*
 * A citizen on an old phone with JavaScript off, or a weak line: the pages
 * still lead from the map to the message and its light version, and the poster
 * printed for the noticeboard opens the message from its QR code.
 */

const baseUrl = inject('baseUrl');
let db: Db;
let browser: Browser;
let comune: { istatCode: string; name: string; slug: string };
let videoId = '';
const title = `Spesa a domicilio ${Date.now()}`;

beforeAll(async () => {
  db = createDb(inject('portalDatabaseUrl'), 2);
  // A comune no other test writes to: the first of the area without messages.
  comune = await db.municipality.findFirstOrThrow({
    where: { areaCode: '001', videos: { none: {} } },
    select: { istatCode: true, name: true, slug: true },
    orderBy: { istatCode: 'desc' },
  });
  const video = await createVideo(db, { municipality: comune.istatCode, title, description: 'Chi è solo riceve la spesa a casa.', status: 'PUBLISHED' });
  const settings = uploadSettings(inject('portalDataDir'));
  const file = await placeMedia(db, inject('portalDataDir'), comune.istatCode, makeTestMedia().good);
  await db.video.update({ where: { id: video.id }, data: { mediaId: file.id } });
  await syncRenditions(db, await mediaStore(settings), settings, file.id);
  videoId = video.id;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
});

describe('with JavaScript off', () => {
  it('leads from the home page to a comune, its message and the light version', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'it-IT' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    // The list's link (the map's shape of a small comune may lie under a neighbour's).
    await page.locator('#municipality-list').locator(`a[href="/comuni/${comune.istatCode}-${comune.slug}"]`).click();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/comuni/${comune.istatCode}-${comune.slug}`);
    await page.getByRole('link', { name: title }).click();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/messaggi/${videoId}`);
    // The browser's own player needs no script (nor does the link to YouTube's, once the copy there is live);
    // the light version and the audio are plain links.
    expect(await page.locator('video[src], a[href*="/embed/"]').count()).toBe(1);
    const light = page.getByRole('link', { name: /Video leggero \(360p\)/ });
    const href = await light.getAttribute('href');
    const answer = await page.request.get(`${baseUrl}${href}`, { headers: { range: 'bytes=0-1023' } });
    expect(answer.status()).toBe(206);
    expect(answer.headers()['content-type']).toBe('video/mp4');
    expect(await page.getByRole('link', { name: /Solo audio/ }).getAttribute('href')).toMatch(/^\/api\/media\/[a-f0-9]{32}\/audio$/);
    await context.close();
  });

  it('searches with the form alone', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'it-IT' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/cerca`);
    await page.getByRole('searchbox').fill(title);
    await page.getByRole('searchbox').press('Enter');
    await expect.poll(() => page.getByRole('link', { name: title }).count()).toBeGreaterThan(0);
    await context.close();
  });

  it('answers an address that leads nowhere with a 404 to read, and a way home', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'it-IT' });
    const page = await context.newPage();
    for (const path of ['/comuni/999999-nowhere', '/messaggi/not-an-id', `/nessuna-pagina-${randomBytes(3).toString('hex')}`, '/non-trovata']) {
      const answer = await page.goto(`${baseUrl}${path}`);
      expect(answer?.status(), path).toBe(404);
      expect(await page.locator('h1').textContent(), path).toBe(italian.errors.notFoundTitle);
      expect(await page.title(), path).toBe(`${italian.errors.notFoundTitle} · VociComuni`);
    }
    await page.locator('main').getByRole('link', { name: italian.errors.backHome }).click();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/`);
    await context.close();
  });

  it("signs up for a comune's alerts with the form alone", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'it-IT' });
    const page = await context.newPage();
    const email = `senza-script-${randomBytes(4).toString('hex')}@example.org`;
    await page.goto(`${baseUrl}/avvisi?comune=${comune.istatCode}`);
    await page.getByLabel(italian.alerts.email).fill(email);
    const answer = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.getByRole('button', { name: italian.alerts.submit }).click();
    expect((await answer).status()).toBeLessThan(400);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Controlla la tua posta');
    // The confirmation link reaches the (demo) inbox.
    await expect.poll(() => db.demoMail.count({ where: { recipients: email } }), { timeout: 30_000 }).toBe(1);
    await context.close();
  });
});

describe('on a weak line, with JavaScript on', () => {
  /** The framework's scripts the page has asked for so far. */
  function scriptsOf(page: Page): string[] {
    const seen: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') seen.push(request.url());
    });
    return seen;
  }

  it('reads a message and follows links without the framework, which comes at the first press; the button pressed meanwhile still plays', async () => {
    const youtubeId = `lp${randomBytes(5).toString('hex')}`.slice(0, 11);
    const video = await createVideo(db, { municipality: comune.istatCode, title: `${title} (YouTube)`, status: 'PUBLISHED' });
    await db.video.update({ where: { id: video.id }, data: { youtubeVideoId: youtubeId } });
    const { context, blocked } = await isolatedContext(browser, { phone: true });
    const page = await context.newPage();
    const scripts = scriptsOf(page);
    await page.goto(`${baseUrl}/comuni/${comune.istatCode}-${comune.slug}`);
    await page.waitForLoadState('networkidle');
    // A tap on a link is no reason to fetch the framework: the next page comes whole anyway.
    await page.getByRole('link', { name: `${title} (YouTube)` }).tap();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/messaggi/${video.id}`);
    await page.waitForLoadState('networkidle');
    expect(scripts).toEqual([]);
    expect(await page.locator('html').getAttribute('data-hydrated')).toBeNull();
    // The player's button needs a script: pressed now, it plays once React has come.
    await page.getByRole('button', { name: new RegExp(italian.video.play) }).tap();
    await expect.poll(() => page.locator('main iframe').getAttribute('src'), { timeout: 20_000 }).toContain(youtubeId);
    expect(scripts.length).toBeGreaterThan(0);
    expect(await page.locator('html').getAttribute('data-hydrated')).toBe('');
    expect(blocked).toEqual([]);
    await context.close();
  });

  it('filters the list by what was typed before the script arrived, and the map answers the arrow keys', async () => {
    const { context, blocked } = await isolatedContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByLabel(italian.home.listFilter).fill(comune.name);
    await expect.poll(() => page.locator('#municipality-list > li:not([hidden])').count(), { timeout: 20_000 }).toBeLessThan(312);
    expect(await page.locator('#municipality-list > li:not([hidden]) a').allTextContents()).toContain(comune.name);
    await page.locator('#area-map a.comune[tabindex="0"]').focus();
    await page.locator('#area-map[data-keyboard="ready"]').waitFor({ state: 'attached' });
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("gives a signed-in mayor's browser the framework at once, for the forms they work in", async () => {
    const mayor = await createUser(db, { role: 'MAYOR', municipality: comune.istatCode });
    const context = await browser.newContext({ locale: 'it-IT' });
    await context.addCookies([{ name: 'next-auth.session-token', value: mayor.sessionToken, url: baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    const html = await (await fetch(`${baseUrl}/`, { headers: { cookie: mayor.cookie } })).text();
    expect(html).not.toContain('x-after-interaction');
    await context.close();
  });
});

describe('the not-found page, by caller', () => {
  it('answers the not-found page alike, as a 404, to every caller, and odd addresses with a 4xx', async () => {
    const other = await db.municipality.findFirstOrThrow({ where: { istatCode: { not: comune.istatCode } }, select: { istatCode: true } });
    const callers: Array<[string, string | undefined]> = [
      ['anonymous', undefined],
      ["another comune's mayor", (await createUser(db, { role: 'MAYOR', municipality: other.istatCode })).cookie],
      ['staff', (await createUser(db, { role: 'MODERATOR' })).cookie],
    ];
    for (const [who, cookie] of callers) {
      const answer = await fetch(`${baseUrl}/non-trovata`, { headers: cookie ? { cookie } : {} });
      expect(answer.status, who).toBe(404);
      expect(await answer.text(), who).toContain(`>${italian.errors.notFoundTitle}</h1>`);
      for (const odd of ['/non-trovata?q=%00', '/non-trovata/altro', '/non-trovata?pagina=-1&pagina=%E0%A4%A']) {
        const status = (await fetch(`${baseUrl}${odd}`, { headers: cookie ? { cookie } : {} })).status;
        expect(status, `${who} ${odd}`).toBeGreaterThanOrEqual(400);
        expect(status, `${who} ${odd}`).toBeLessThan(500);
      }
    }
  });
});

describe('on paper', () => {
  it('prints a poster whose QR code opens the message', async () => {
    const page = await fetch(`${baseUrl}/messaggi/${videoId}`).then((r) => r.text());
    expect(page).toContain(`href="/messaggi/${videoId}/manifesto.pdf"`);
    const pdf = await fetch(`${baseUrl}/messaggi/${videoId}/manifesto.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vc-poster-'));
    writeFileSync(path.join(dir, 'poster.pdf'), Buffer.from(await pdf.arrayBuffer()));
    execFileSync('pdftoppm', ['-r', '100', '-png', '-singlefile', path.join(dir, 'poster.pdf'), path.join(dir, 'poster')]);
    const image = PNG.sync.read(readFileSync(path.join(dir, 'poster.png')));
    const url = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
    expect(url).toMatch(/\/m\/[0-9a-f]{12}$/);
    // The code carries the configured public address; here the portal runs on it.
    const opened = await fetch(`${baseUrl}${new URL(url!).pathname}`);
    expect(opened.url).toBe(`${baseUrl}/messaggi/${videoId}`);
    expect(await opened.text()).toContain(title);
  });

  it('prints the comune’s weekly bulletin with the message of the week', async () => {
    const answer = await fetch(`${baseUrl}/comuni/${comune.istatCode}-${comune.slug}/bollettino.pdf`);
    expect(answer.status).toBe(200);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vc-bulletin-'));
    writeFileSync(path.join(dir, 'b.pdf'), Buffer.from(await answer.arrayBuffer()));
    const text = execFileSync('pdftotext', [path.join(dir, 'b.pdf'), '-']).toString();
    expect(text).toContain(comune.name);
    expect(text.replace(/\s+/g, ' ')).toContain(title);
    // Only the comune's own address: another slug would be a new address, and a new PDF, for every request.
    expect((await fetch(`${baseUrl}/comuni/${comune.istatCode}-altro/bollettino.pdf`)).status).toBe(404);
  });
});
