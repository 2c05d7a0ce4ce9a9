import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { syncRenditions } from '@/lib/renditions/make';
import { mediaStore } from '@/lib/uploads/media-store';
import { uploadSettings } from '@/lib/uploads/settings';
import { launchBrowser } from '../support/browser';
import { createVideo, placeMedia } from '../support/fixtures';
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
