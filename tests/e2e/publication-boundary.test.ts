import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import type { EditorialStatus } from '@/lib/generated/prisma/enums';
import { isolatedContext, launchBrowser } from '../support/browser';
import { ALL_STATUSES, createVideo, placeMedia } from '../support/fixtures';
import { makeTestMedia } from '../support/media';
import { syncRenditions } from '@/lib/renditions/make';
import { mediaStore } from '@/lib/uploads/media-store';
import { uploadSettings } from '@/lib/uploads/settings';

const baseUrl = inject('baseUrl');
let db: Db;
let browser: Browser;
const byStatus = new Map<EditorialStatus, string>();
const mediaByStatus = new Map<EditorialStatus, string>();
const marker = `riservato${Date.now()}`;

beforeAll(async () => {
  db = createDb(inject('portalDatabaseUrl'), 2);
  const theme = await db.theme.findUniqueOrThrow({ where: { slug: 'volontariato' } });
  const testMedia = makeTestMedia();
  const settings = uploadSettings(inject('portalDataDir'));
  const store = await mediaStore(settings);
  for (const status of ALL_STATUSES) {
    const video = await createVideo(db, {
      municipality: '001157',
      title: `Moncenisio ${status} ${marker}`,
      description: `Testo ${marker}`,
      status,
      themes: [theme.id],
      youtubeVideoId: status === 'PUBLISHED' ? 'dQw4w9WgXcQ' : undefined,
    });
    byStatus.set(status, video.id);
    // A real file and poster behind every message, so only the state decides what a citizen can fetch.
    const file = await placeMedia(db, inject('portalDataDir'), '001157', testMedia.good);
    await db.video.update({
      where: { id: video.id },
      data: { mediaId: file.id, consentGiven: true, captions: `WEBVTT\n\n00:00.000 --> 00:02.000\n${marker}\n` },
    });
    mediaByStatus.set(status, file.id);
    // What the worker's media.renditions job does after an upload (a withdrawn message's file gets none).
    await syncRenditions(db, store, settings, file.id);
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
});

async function text(path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${baseUrl}${path}`);
  return { status: response.status, body: await response.text() };
}

describe('nothing is public before publication', () => {
  it('hides every non-published state from pages, posters, captions, video files, API, feeds, sitemap and search', async () => {
    const surfaces = await Promise.all([
      text('/comuni/001157-moncenisio'),
      text('/temi/volontariato'),
      text(`/cerca?q=${marker}`),
      text(`/api/v1/videos?q=${marker}&limit=100`),
      text('/api/v1/videos?municipality=001157&limit=100'),
      text('/feed.xml'),
      text('/atom.xml'),
      text('/comuni/001157-moncenisio/feed.xml'),
      text('/temi/volontariato/feed.xml'),
      text('/sitemap.xml'),
      text('/podcast.xml'),
      text('/comuni/001157-moncenisio/podcast.xml'),
      text('/temi/volontariato/podcast.xml'),
    ]);
    for (const status of ALL_STATUSES) {
      const id = byStatus.get(status)!;
      const visible = status === 'PUBLISHED';
      expect((await text(`/messaggi/${id}`)).status, `${status} page`).toBe(visible ? 200 : 404);
      expect((await text(`/api/v1/videos/${id}/poster.svg`)).status, `${status} poster`).toBe(visible ? 200 : 404);
      expect((await text(`/api/v1/videos/${id}/captions.vtt`)).status, `${status} captions`).toBe(visible ? 200 : 404);
      const mediaId = mediaByStatus.get(status)!;
      expect((await text(`/api/media/${mediaId}/video`)).status, `${status} video file`).toBe(visible ? 200 : 404);
      expect((await text(`/api/media/${mediaId}/poster.jpg`)).status, `${status} poster frame`).toBe(visible ? 200 : 404);
      expect((await text(`/api/media/${mediaId}/leggera`)).status, `${status} light version`).toBe(visible ? 200 : 404);
      expect((await text(`/api/media/${mediaId}/audio`)).status, `${status} audio`).toBe(visible ? 200 : 404);
      expect((await text(`/api/media/${mediaId}`)).status, `${status} upload state`).toBe(404);
      expect((await text(`/messaggi/${id}/manifesto.pdf`)).status, `${status} poster to print`).toBe(visible ? 200 : 404);
      const short = await fetch(`${baseUrl}/m/${id.replace(/-/g, '').slice(-12)}`, { redirect: 'manual' });
      expect(short.status, `${status} short address`).toBe(visible ? 302 : 404);
      if (visible) expect(short.headers.get('location')).toBe(`/messaggi/${id}`);
      for (const [i, surface] of surfaces.entries()) {
        if (visible) continue;
        expect(surface.body.includes(id), `${status} leaked through surface #${i}`).toBe(false);
        expect(surface.body.includes(`Moncenisio ${status} ${marker}`), `${status} title leaked through surface #${i}`).toBe(false);
      }
    }
    const published = byStatus.get('PUBLISHED')!;
    expect(surfaces[3]!.body).toContain(published);
    expect(surfaces[7]!.body).toContain(published);
    // The podcast of the comune has the published message's audio, with its real size.
    const audio = `/api/media/${mediaByStatus.get('PUBLISHED')!}/audio`;
    const enclosure = new RegExp(`<enclosure url="[^"]*${audio}" length="(\\d+)" type="audio/mp4"/>`).exec(surfaces[11]!.body);
    expect(enclosure).not.toBeNull();
    expect(Number(enclosure![1])).toBe((await (await fetch(`${baseUrl}${audio}`)).arrayBuffer()).byteLength);
  });
});

describe('the light versions of a published message', () => {
  it('are offered on its page with their sizes, and served with Range like the video', async () => {
    const page = await text(`/messaggi/${byStatus.get('PUBLISHED')!}`);
    const mediaId = mediaByStatus.get('PUBLISHED')!;
    expect(page.body).toContain(`href="/api/media/${mediaId}/leggera"`);
    expect(page.body).toMatch(/Video leggero \(360p\), \d+(,\d)? (kB|MB)/);
    expect(page.body).toMatch(/Solo audio, \d+(,\d)? (kB|MB)/);
    for (const [kind, type] of [
      ['leggera', 'video/mp4'],
      ['audio', 'audio/mp4'],
    ] as const) {
      const whole = await fetch(`${baseUrl}/api/media/${mediaId}/${kind}`);
      const bytes = Buffer.from(await whole.arrayBuffer());
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-type')).toBe(type);
      expect(whole.headers.get('accept-ranges')).toBe('bytes');
      const part = await fetch(`${baseUrl}/api/media/${mediaId}/${kind}`, { headers: { range: 'bytes=100-199' } });
      expect(part.status).toBe(206);
      const size = Number(/^bytes 100-199\/(\d+)$/.exec(part.headers.get('content-range') ?? '')?.[1]);
      expect(size).toBe(bytes.length);
      expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
      expect((await fetch(`${baseUrl}/api/media/${mediaId}/${kind}`, { headers: { range: `bytes=${size}-` } })).status).toBe(416);
    }
  });
});

describe('the message player', () => {
  it('loads nothing from YouTube until the visitor clicks, then only the embed (the local stand-in here, as no Google credentials are set)', async () => {
    const { context, external, blocked } = await isolatedContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/messaggi/${byStatus.get('PUBLISHED')!}`);
    expect(await page.locator('iframe').count()).toBe(0);
    expect(external).toEqual([]);
    expect(blocked).toEqual([]);
    await page.getByRole('button', { name: /Guarda il video/ }).click();
    const src = await page.locator('iframe').getAttribute('src');
    expect(src).toMatch(/^\/_youtube\/embed\/dQw4w9WgXcQ\?/);
    await page.waitForTimeout(500);
    expect(external).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  });
});
