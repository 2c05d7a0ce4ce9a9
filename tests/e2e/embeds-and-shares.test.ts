import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { escapeMarkup } from '@/lib/text/markup';
import { syncRenditions } from '@/lib/renditions/make';
import { mediaStore } from '@/lib/uploads/media-store';
import { uploadSettings } from '@/lib/uploads/settings';
import { isolatedContext, launchBrowser, wcagViolations } from '../support/browser';
import { createVideo, placeMedia } from '../support/fixtures';
import { makeTestMedia } from '../support/media';
import { pageWeight } from '../support/page-weight';

/*
 * A comune's website frames the portal's embed pages (and only those); editors
 * that speak oEmbed get the frame from an address; a shared message shows its
 * own picture and video; nothing asks another origin for anything before a click.
 */

const base = inject('baseUrl');
let db: Db;
let browser: Browser;
let host: http.Server;
let hostUrl: string;
let comune: { istatCode: string; slug: string; name: string };
const published = { id: '', media: '' };
let draftId = '';

beforeAll(async () => {
  db = createDb(inject('portalDatabaseUrl'), 2);
  comune = await db.municipality.findFirstOrThrow({
    where: { areaCode: '001', videos: { none: {} } },
    select: { istatCode: true, slug: true, name: true },
    orderBy: { istatCode: 'asc' },
    skip: 3,
  });
  const settings = uploadSettings(inject('portalDataDir'));
  const video = await createVideo(db, { municipality: comune.istatCode, title: `Mascherine <gratis> & "subito" ${Date.now()}`, status: 'PUBLISHED' });
  const file = await placeMedia(db, inject('portalDataDir'), comune.istatCode, makeTestMedia().good);
  await db.video.update({ where: { id: video.id }, data: { mediaId: file.id } });
  await syncRenditions(db, await mediaStore(settings), settings, file.id);
  Object.assign(published, { id: video.id, media: file.id });
  draftId = (await createVideo(db, { municipality: comune.istatCode, title: 'Bozza da non mostrare', status: 'SUBMITTED' })).id;
  // A comune's website on another origin (another port of this machine), with the snippets pasted in.
  host = http.createServer((req, res) => {
    const src =
      req.url === '/messaggio'
        ? `${base}/embed/messaggi/${published.id}`
        : req.url === '/pagina'
          ? `${base}/comuni/${comune.istatCode}-${comune.slug}`
          : `${base}/embed/comuni/${comune.istatCode}`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="it"><title>Sito del Comune</title><h1>Comune</h1><iframe src="${src}" title="Messaggi del sindaco" width="480" height="560"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
  await db?.$disconnect();
});

describe('embeds on a comune’s website', () => {
  it('shows the comune’s latest messages inside a frame on another origin, with no cookie and no foreign request', async () => {
    const { context, external, blocked } = await isolatedContext(browser);
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).origin));
    await page.goto(`${hostUrl}/`);
    const frame = page.frameLocator('iframe');
    await expect.poll(() => frame.getByRole('heading', { level: 1 }).textContent()).toBe(`Gli ultimi messaggi del Comune di ${comune.name}`);
    const link = frame.getByRole('link', { name: /Mascherine <gratis> & "subito"/ });
    expect(await link.getAttribute('href')).toBe(`${base}/messaggi/${published.id}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await context.cookies(base)).toEqual([]);
    expect(new Set(requested)).toEqual(new Set([hostUrl, base]));
    expect(external).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  });

  it('plays one message in its frame only when asked, from the portal itself', async () => {
    const { context, external, blocked } = await isolatedContext(browser);
    const page = await context.newPage();
    const media: string[] = [];
    page.on('request', (r) => r.url().includes('/api/media/') && media.push(new URL(r.url()).pathname));
    await page.goto(`${hostUrl}/messaggio`);
    const frame = page.frameLocator('iframe');
    await expect.poll(() => frame.locator('video').getAttribute('preload')).toBe('none');
    expect(media.filter((p) => !p.endsWith('.jpg'))).toEqual([]);
    await frame.locator('video').evaluate((v: HTMLVideoElement) => v.play().catch(() => undefined));
    await expect.poll(() => media.some((p) => p.endsWith('/leggera') || p.endsWith('/video'))).toBe(true);
    expect(await context.cookies(base)).toEqual([]);
    expect(external).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  });

  it('lets no other page of the portal be framed', async () => {
    const { context } = await isolatedContext(browser);
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => refused.push(m.text()));
    await page.goto(`${hostUrl}/pagina`);
    await expect.poll(() => refused.some((text) => /frame-ancestors|refused to (display|frame)/i.test(text))).toBe(true);
    const page2 = await fetch(`${base}/comuni/${comune.istatCode}-${comune.slug}`);
    expect(page2.headers.get('x-frame-options')).toBe('DENY');
    expect(page2.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const embed = await fetch(`${base}/embed/comuni/${comune.istatCode}`);
    expect(embed.headers.get('x-frame-options')).toBeNull();
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(embed.headers.get('set-cookie')).toBeNull();
    await context.close();
  });

  it('weighs under 20 KB with no script, is usable with a screen reader, and speaks English when asked', async () => {
    for (const path of [`/embed/comuni/${comune.istatCode}`, `/embed/messaggi/${published.id}`]) {
      const weight = await pageWeight(browser, `${base}${path}`);
      expect(weight.js, path).toBe(0);
      expect(weight.total - weight.images, path).toBeLessThan(20_000);
      const { context } = await isolatedContext(browser);
      const page = await context.newPage();
      await page.goto(`${base}${path}`);
      expect(await wcagViolations(page), path).toEqual([]);
      await context.close();
    }
    const english = await (await fetch(`${base}/embed/comuni/${comune.istatCode}?lingua=en`)).text();
    expect(english).toContain(escapeMarkup(`Latest messages from the Comune of ${comune.name}`));
    expect(english).toContain('<html lang="en">');
  });

  it('shows nothing unpublished, and refuses bad addresses with a 4xx', async () => {
    const status = async (path: string) => (await fetch(`${base}${path}`)).status;
    expect(await status(`/embed/messaggi/${draftId}`)).toBe(404);
    expect(await status('/embed/messaggi/non-un-id')).toBe(404);
    expect(await status('/embed/comuni/999999')).toBe(404);
    expect(await status('/embed/comuni/abc')).toBe(404);
    // Only the two embed pages may be framed: not a page under /embed/ that does not exist, nor one reached through dot segments.
    for (const path of ['/embed/x', `/embed/comuni/${comune.istatCode}/x`, '/embedx']) {
      const answer = await fetch(`${base}${path}`);
      expect(answer.headers.get('x-frame-options'), path).toBe('DENY');
    }
    expect(await status(`/embed/comuni/${comune.istatCode}?lingua=fr`)).toBe(400);
    expect(await status(`/embed/comuni/${comune.istatCode}?lingua=%00`)).toBe(400);
  });
});

describe('oEmbed', () => {
  const oembed = (query: string) => fetch(`${base}/api/oembed?${query}`);

  it('answers a message’s address with a video frame within the size asked, and a comune’s with its list', async () => {
    const answer = await oembed(`url=${encodeURIComponent(`${base}/messaggi/${published.id}`)}&maxwidth=400`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
    const body = (await answer.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ version: '1.0', type: 'video', provider_name: 'VociComuni', provider_url: base, author_name: comune.name });
    expect(body.width).toBeLessThanOrEqual(400);
    expect(typeof body.height).toBe('number');
    expect(body.html).toContain(`<iframe src="${base}/embed/messaggi/${published.id}?lingua=it"`);
    expect(body.html).toContain('allowfullscreen');
    expect(body.html).not.toContain('<gratis>');
    expect(body.thumbnail_url).toBe(`${base}/api/media/${published.media}/condivisione.jpg`);
    expect(body).toMatchObject({ thumbnail_width: 1200, thumbnail_height: 630 });

    const list = (await (await oembed(`url=${encodeURIComponent(`${base}/comuni/${comune.istatCode}-${comune.slug}`)}`)).json()) as Record<string, unknown>;
    expect(list).toMatchObject({ version: '1.0', type: 'rich', width: 480, height: 560 });
    expect(list.html).toContain(`${base}/embed/comuni/${comune.istatCode}`);
  });

  it('knows nothing of unpublished messages or other sites, speaks only JSON, and refuses a malformed request', async () => {
    expect((await oembed(`url=${encodeURIComponent(`${base}/messaggi/${draftId}`)}`)).status).toBe(404);
    expect((await oembed(`url=${encodeURIComponent(`https://example.org/messaggi/${published.id}`)}`)).status).toBe(404);
    expect((await oembed(`url=${encodeURIComponent(`${base}/messaggi/${published.id}`)}&format=xml`)).status).toBe(501);
    expect((await oembed('maxwidth=10')).status).toBe(400);
    expect((await oembed(`url=${encodeURIComponent(`${base}/messaggi/${published.id}`)}&maxwidth=-1`)).status).toBe(400);
    expect((await oembed('url=%00')).status).toBe(400);
    expect((await oembed('url=non%20un%20indirizzo')).status).toBe(404);
  });
});

describe('shares', () => {
  it('gives a message page absolute Open Graph and Twitter tags with its picture and video, and oEmbed discovery', async () => {
    const { context, external } = await isolatedContext(browser);
    const page = await context.newPage();
    await page.goto(`${base}/messaggi/${published.id}`);
    const meta = (property: string) => page.locator(`meta[property="${property}"], meta[name="${property}"]`).first().getAttribute('content');
    expect(await meta('og:title')).toMatch(/^Mascherine <gratis> & "subito"/);
    expect(await meta('og:type')).toBe('video.other');
    expect(await meta('og:locale')).toBe('it_IT');
    expect(await meta('og:url')).toBe(`${base}/messaggi/${published.id}`);
    expect(await meta('og:image')).toBe(`${base}/api/media/${published.media}/condivisione.jpg`);
    expect(await meta('og:image:width')).toBe('1200');
    expect(await meta('og:video')).toBe(`${base}/api/media/${published.media}/leggera`);
    expect(await meta('og:video:type')).toBe('video/mp4');
    expect(await meta('twitter:card')).toBe('summary_large_image');
    const picture = await fetch((await meta('og:image'))!);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/jpeg');
    const discovery = await page.locator('link[type="application/json+oembed"]').getAttribute('href');
    expect((await fetch(new URL(discovery!, base))).status).toBe(200);

    const whatsapp = await page.getByRole('link', { name: 'WhatsApp' }).getAttribute('href');
    expect(whatsapp).toContain(encodeURIComponent(`${base}/messaggi/${published.id}`));
    const snippet = await page.getByLabel('Codice da copiare').inputValue();
    expect(snippet).toContain(`<iframe src="${base}/embed/messaggi/${published.id}?lingua=it"`);
    // Nothing was asked of WhatsApp, Facebook or anyone else by showing the page.
    expect(external).toEqual([]);
    await context.close();
  });

  it('gives the other citizen pages the portal’s own picture, and never shows an unpublished message’s picture', async () => {
    const home = await (await fetch(`${base}/`)).text();
    expect(home).toContain(`<meta property="og:image" content="${base}/condivisione.png"/>`);
    expect(home).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    const sitePicture = await fetch(`${base}/condivisione.png`);
    expect(sitePicture.status).toBe(200);
    expect(sitePicture.headers.get('content-type')).toBe('image/png');
    const draft = await db.video.findUniqueOrThrow({ where: { id: draftId }, select: { mediaId: true } });
    if (draft.mediaId) expect((await fetch(`${base}/api/media/${draft.mediaId}/condivisione.jpg`)).status).toBe(404);
    const comunePage = await (await fetch(`${base}/comuni/${comune.istatCode}-${comune.slug}`)).text();
    expect(comunePage).toContain('application/json+oembed');
    expect(comunePage).toContain(`${base}/embed/comuni/${comune.istatCode}`);
  });
});
