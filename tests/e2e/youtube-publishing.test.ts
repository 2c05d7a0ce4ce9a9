import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { isolatedContext, launchBrowser, wcagViolations } from '../support/browser';
import { createUser, placeMedia, revisionOf } from '../support/fixtures';
import { makeTestMedia } from '../support/media';

const base = inject('baseUrl');
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

async function until<T>(read: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('from approval to the (local) YouTube channel', () => {
  it('uploads the approved message, adds it to the playlists, embeds it on the portal and shows its views to staff', async () => {
    const title = `Verso YouTube ${Date.now().toString(36)}`;
    const media = makeTestMedia();
    const mayor = await createUser(db, { role: 'MAYOR', municipality: '001272' });
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const file = await placeMedia(db, inject('portalDataDir'), '001272', media.goodWebm);
    const theme = await db.theme.findUniqueOrThrow({ where: { slug: 'solidarieta' } });
    const video = await db.video.create({
      data: {
        municipalityIstat: '001272',
        title,
        mediaId: file.id,
        consentGiven: true,
        authorId: mayor.user.id,
        captions: 'WEBVTT\n\n00:00.000 --> 00:02.000\nCiao\n',
        themes: { create: [{ themeId: theme.id }] },
      },
    });
    await applyEditorialEvent(db, { videoId: video.id, event: 'submit', actorId: mayor.user.id });

    const answer = await fetch(`${base}/api/staff/moderazione/${video.id}/decisione`, {
      method: 'POST',
      headers: { cookie: moderator.cookie, Accept: 'application/json', Origin: base },
      body: new URLSearchParams({ decision: 'approve', expectedStatus: 'SUBMITTED', reason: '', revision: String(await revisionOf(db, video.id)) }),
    });
    expect(answer.status).toBe(200);

    const sync = await until(async () => {
      const row = await db.youtubeSync.findUnique({ where: { videoId: video.id } });
      return row?.state === 'LIVE' ? row : null;
    }, 'the message to be live on the stand-in');
    const youtubeId = sync.youtubeVideoId!;
    expect((await db.video.findUniqueOrThrow({ where: { id: video.id } })).youtubeVideoId).toBe(youtubeId);

    const state = (await (await fetch(`${base}/_youtube/state.json`)).json()) as {
      videos: Record<string, { bytes: number; sha256: string }>;
      playlists: Record<string, { snippet: { title: string }; items: Array<{ videoId: string }> }>;
      captions: Record<string, { videoId: string }>;
    };
    expect(state.videos[youtubeId]).toMatchObject({ bytes: Number(file.sizeBytes), sha256: file.sha256 });
    const holding = Object.values(state.playlists)
      .filter((p) => p.items.some((i) => i.videoId === youtubeId))
      .map((p) => p.snippet.title);
    expect(holding).toEqual(expect.arrayContaining(['VociComuni — tutti i messaggi', `VociComuni — ${theme.labelIt}`]));
    expect(Object.values(state.captions).some((c) => c.videoId === youtubeId)).toBe(true);

    // Citizens: the message page embeds the stand-in's player once the visitor asks (the page refreshes within a minute).
    const { context, external, blocked } = await isolatedContext(browser);
    const page = await context.newPage();
    await until(
      async () => {
        await page.goto(`${base}/messaggi/${video.id}`);
        return (await page.getByRole('button', { name: /Guarda il video/ }).count()) > 0;
      },
      'the page to show the YouTube player',
      90_000,
    );
    await page.getByRole('button', { name: /Guarda il video/ }).click();
    expect(await page.locator('iframe').getAttribute('src')).toMatch(new RegExp(`^/_youtube/embed/${youtubeId}\\?`));
    expect(external).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();

    // Staff: the journey and the views counted by the periodic job.
    await until(async () => (await db.videoStats.count({ where: { videoId: video.id } })) > 0, 'the first statistics');
    const staff = await isolatedContext(browser);
    await staff.context.addCookies([{ name: 'next-auth.session-token', value: moderator.sessionToken, url: base }]);
    const staffPage = await staff.context.newPage();
    await staffPage.goto(`${base}/staff/moderazione/${video.id}`);
    expect(await staffPage.getByText(/visualizzazion[ei], \d+ «mi piace»/).count()).toBe(1);
    await staffPage.goto(`${base}/staff/youtube`);
    expect(
      await staffPage
        .getByRole('row', { name: new RegExp(title) })
        .getByText('Su YouTube')
        .count(),
    ).toBe(1);
    expect(await wcagViolations(staffPage)).toEqual([]);
    await staff.context.close();
  }, 180_000);

  it('an administrator reconnects the channel through the consent page', async () => {
    const admin = await createUser(db, { role: 'ADMIN' });
    const { context, external, blocked } = await isolatedContext(browser);
    await context.addCookies([{ name: 'next-auth.session-token', value: admin.sessionToken, url: base }]);
    const page = await context.newPage();
    await page.goto(`${base}/staff/youtube`);
    await page.getByRole('button', { name: 'Ricollega il canale' }).click();
    await page.getByRole('heading', { name: /Collegare il canale/ }).waitFor();
    await page.getByRole('button', { name: 'Consenti' }).click();
    await page.waitForURL(/\/staff\/youtube\?esito=collegato/);
    expect(await page.getByRole('status').filter({ hasText: 'Canale collegato.' }).count()).toBe(1);
    expect(await page.getByText(/Collegato al canale/).count()).toBe(1);
    const channel = await db.youtubeChannel.findUniqueOrThrow({ where: { id: 1 } });
    expect(channel.connectedById).toBe(admin.user.id);
    expect(channel.refreshToken).toMatch(/^v1\./);
    expect(external).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  });
});
