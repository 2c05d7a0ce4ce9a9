import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import type { EditorialStatus } from '@/lib/generated/prisma/enums';
import { isolatedContext, launchBrowser } from '../support/browser';
import { ALL_STATUSES, createVideo, placeMedia } from '../support/fixtures';
import { makeTestMedia } from '../support/media';

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
      expect((await text(`/api/media/${mediaId}`)).status, `${status} upload state`).toBe(404);
      for (const [i, surface] of surfaces.entries()) {
        if (visible) continue;
        expect(surface.body.includes(id), `${status} leaked through surface #${i}`).toBe(false);
        expect(surface.body.includes(`Moncenisio ${status} ${marker}`), `${status} title leaked through surface #${i}`).toBe(false);
      }
    }
    const published = byStatus.get('PUBLISHED')!;
    expect(surfaces[3]!.body).toContain(published);
    expect(surfaces[7]!.body).toContain(published);
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
