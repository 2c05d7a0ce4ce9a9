import type { Browser } from 'playwright-core';
import { POSTER_WIDTH } from '@/lib/catalog/paths';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { isolatedContext, launchBrowser, wcagViolations } from '../support/browser';
import { createTheme, createUser, createVideo, placeMedia } from '../support/fixtures';
import { makeTestMedia, type TestMedia } from '../support/media';

/* Issue 13, §5 and §6: captions reach citizens as a transcript that moves the player; the demo has real videos. */

const base = inject('baseUrl');
const run = Date.now().toString(36);
/** A YouTube id of this run's own (the column is unique). */
const youtubeId = (n: number) => `${n}${run}`.padEnd(11, 'x').slice(0, 11);
const CAPTIONS = `WEBVTT\n\n00:00.000 --> 00:03.500\n<v Sindaca>Buongiorno a tutti ${run}</v>\n\n00:04.000 --> 00:06.000\nLa spesa &amp; i farmaci a casa\n`;
let db: Db;
let browser: Browser;
let media: TestMedia;

beforeAll(async () => {
  db = createDb(inject('portalDatabaseUrl'), 2);
  browser = await launchBrowser();
  media = makeTestMedia();
});
afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
});

describe('the transcript', () => {
  it('shows a message’s captions as text on its page, and a time starts the player there with captions in the page’s language', async () => {
    const theme = await createTheme(db, `trascrizione-${run}`, `Trascrizione ${run}`, `Transcript ${run}`);
    const video = await createVideo(db, {
      municipality: '001272',
      title: `Con la trascrizione ${run}`,
      status: 'PUBLISHED',
      themes: [theme.id],
      youtubeVideoId: youtubeId(1),
      captions: CAPTIONS,
    });
    const { context } = await isolatedContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${base}/messaggi/${video.id}`);
    const transcript = page.getByRole('region', { name: 'Transcript' });
    const lines = transcript.getByRole('listitem');
    expect(await lines.count()).toBe(2);
    expect(await lines.nth(0).getByRole('button').innerText()).toBe('0:00');
    expect(await lines.nth(0).getByText(`Buongiorno a tutti ${run}`, { exact: true }).count()).toBe(1);
    expect(await lines.nth(1).getByRole('button').innerText()).toBe('0:04');
    // The words are Italian on an English page (WCAG 3.1.2).
    expect(await transcript.getByText('La spesa & i farmaci a casa').getAttribute('lang')).toBe('it');
    expect(await wcagViolations(page)).toEqual([]);

    await transcript.getByRole('button', { name: 'Watch from 0:04' }).click();
    const player = page.locator(`iframe[title="Con la trascrizione ${run}"]`);
    const src = new URL((await player.getAttribute('src'))!, base);
    expect(Object.fromEntries(src.searchParams)).toMatchObject({ autoplay: '1', start: '4', cc_load_policy: '1', cc_lang_pref: 'en' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
    // The same line again starts the player there again: a new player, not nothing.
    await player.evaluate((frame) => frame.setAttribute('data-seen', '1'));
    await transcript.getByRole('button', { name: 'Watch from 0:04' }).click();
    await expect.poll(() => page.locator('iframe[data-seen]').count()).toBe(0);
    expect(await player.count()).toBe(1);
    await context.close();
  });

  it('takes the focus to the player after play, not to the page', async () => {
    const video = await createVideo(db, { municipality: '001272', title: `Senza sottotitoli ${run}`, status: 'PUBLISHED', youtubeVideoId: youtubeId(2) });
    const { context } = await isolatedContext(browser, { locale: 'it-IT' });
    const page = await context.newPage();
    await page.goto(`${base}/messaggi/${video.id}`);
    await page.getByRole('button', { name: /Guarda il video/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
    const src = new URL((await page.locator('iframe').getAttribute('src'))!, base);
    // No captions, so no request for them; and no start time.
    expect([...src.searchParams.keys()].sort()).toEqual(['autoplay', 'rel']);
    await context.close();
  });

  it('lets a moderator jump the portal’s own player to a line, to check the words against the video', async () => {
    const mayor = await createUser(db, { role: 'MAYOR', municipality: '001090' });
    const file = await placeMedia(db, inject('portalDataDir'), '001090', media.goodWebm);
    const video = await db.video.create({
      data: { municipalityIstat: '001090', title: `Da verificare ${run}`, mediaId: file.id, consentGiven: true, authorId: mayor.user.id, captions: CAPTIONS },
    });
    await applyEditorialEvent(db, { videoId: video.id, event: 'submit', actorId: mayor.user.id });
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const { context } = await isolatedContext(browser, { locale: 'it-IT' });
    await context.addCookies([{ name: 'next-auth.session-token', value: moderator.sessionToken, url: base }]);
    const page = await context.newPage();
    await page.goto(`${base}/staff/moderazione/${video.id}`);
    await page.getByText('La spesa & i farmaci a casa').waitFor();
    await page.getByRole('button', { name: 'Guarda da 0:04' }).click();
    await expect.poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(4);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('VIDEO');
    await context.close();
  });
});

describe('the demo', () => {
  it('has real videos: inspected files with poster frames on the cards, lengths, transcripts found by the search', async () => {
    const demo = await db.video.findMany({
      where: { isDemo: true },
      select: { id: true, title: true, media: { select: { id: true, status: true, durationMs: true } } },
    });
    expect(demo.length).toBeGreaterThan(20);
    expect(demo.every((v) => v.media?.status === 'READY' && v.media.durationMs! >= 10_000 && v.media.durationMs! <= 20_500)).toBe(true);
    const file = await fetch(`${base}/api/media/${demo[0]!.media!.id}/video`, { headers: { Range: 'bytes=0-99' } });
    expect(file.status).toBe(206);
    // On publication they went to the local YouTube stand-in (never to a real channel) and play from there.
    await expect
      .poll(() => db.youtubeSync.count({ where: { state: 'LIVE', video: { isDemo: true } } }), { timeout: 120_000, interval: 1000 })
      .toBe(demo.length);

    const { context } = await isolatedContext(browser, { locale: 'it-IT' });
    const page = await context.newPage();
    await page.goto(`${base}/cerca?q=vergognatevi`);
    const card = page.getByRole('article').filter({ hasText: 'psicologico' }).first();
    await card.scrollIntoViewIfNeeded();
    const poster = card.locator('img');
    // The first card's picture is likely the largest thing on a phone's first screen; the others wait until they are near.
    const loading = await page
      .locator('article img')
      .evaluateAll((imgs) => imgs.map((img) => `${img.getAttribute('loading')} ${img.getAttribute('fetchpriority')}`));
    expect(loading[0]).toBe('eager high');
    expect(new Set(loading.slice(1))).toEqual(new Set(['lazy auto']));
    // Decorative: the card's heading, next, says what it shows.
    expect(await poster.getAttribute('alt')).toBe('');
    expect(await poster.getAttribute('src')).toMatch(/^\/api\/media\/[0-9a-f]{32}\/poster\.jpg$/);
    await expect.poll(() => poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(POSTER_WIDTH);
    expect(await card.innerText()).toMatch(/Durata: 0:1\d/);

    await card.getByRole('heading').getByRole('link').click();
    await page.getByRole('heading', { name: 'Trascrizione' }).waitFor();
    expect(await page.getByText('Non vergognatevi di chiedere aiuto.').count()).toBe(1);
    await context.close();
    // The demo's forty uploads to the stand-in may still be under way when this file starts.
  }, 180_000);
});
