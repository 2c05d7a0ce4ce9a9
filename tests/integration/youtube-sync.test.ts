import { uploadSettings } from '@/lib/uploads/settings';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { addDerivedSettings } from '@/lib/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@/lib/db/embedded';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { decide, editMetadata } from '@/lib/moderation';
import { enqueue, queuedJobs, runNow } from '@/lib/jobs/queue';
import type { YoutubeTarget } from '@/lib/youtube/api';
import { channelStatus, connectChannel, disconnectChannel } from '@/lib/youtube/channel';
import { reserveQuota } from '@/lib/youtube/quota';
import { latestStats } from '@/lib/youtube/refresh';
import { retrySyncNow } from '@/lib/youtube/sync-apply';
import type { SyncSettings } from '@/lib/youtube/sync-steps';
import { createStandin, STANDIN_CLIENT_ID, type Standin } from '@/lib/youtube/standin/server';
import { hearEvents, startTestWorker } from '../support/worker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createMunicipality, createTheme, createUser, placeMedia, revisionOf } from '../support/fixtures';
import { makeTestMedia, type TestMedia } from '../support/media';

let t: TestDatabase;
let standin: Standin;
let server: Server;
let target: YoutubeTarget;
let settings: SyncSettings;
let media: TestMedia;
let moderator: Awaited<ReturnType<typeof createUser>>;
let admin: Awaited<ReturnType<typeof createUser>>;
let themeId: number;

beforeAll(async () => {
  addDerivedSettings({ VC_TOKEN_KEY: randomBytes(32).toString('base64') });
  t = await createTestDatabase();
  await createMunicipality(t.db, '001272', 'Torino');
  themeId = (await createTheme(t.db, 'solidarieta', 'Solidarietà', 'Solidarity')).id;
  moderator = await createUser(t.db, { role: 'MODERATOR' });
  admin = await createUser(t.db, { role: 'ADMIN' });
  await createUser(t.db, { role: 'MAYOR', municipality: '001272' });
  media = makeTestMedia();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vc-yt-'));
  standin = createStandin({ dataDir: path.join(dataDir, 'standin'), processingMs: 300 });
  server = createServer((req, res) => standin.handle(req, res));
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  target = {
    standinRoot: `http://127.0.0.1:${port}/`,
    clientId: STANDIN_CLIENT_ID,
    clientSecret: standin.clientSecret,
    authUrl: `http://127.0.0.1:${port}/o/oauth2/v2/auth`,
    tokenUrl: `http://127.0.0.1:${port}/token`,
  };
  settings = { dataDir, uploads: uploadSettings(dataDir), publicUrl: 'http://portal.test', chunkBytes: 256 * 1024, pollMs: 100 };
  await connectChannel(t.db, target, standin.issueRefreshToken(), admin.user.id);
});
afterAll(async () => {
  server?.close();
  await t.drop();
});

/** Runs a worker until the condition holds (or fails after the timeout). */
async function workUntil(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const worker = await startTestWorker(t, { kinds: ['event.deliver', 'youtube.sync', 'youtube.refresh'], youtube: { target, settings }, refreshEveryMs: 200 });
  await enqueue(t.db, 'youtube.refresh', {});
  const deadline = Date.now() + timeoutMs;
  try {
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await worker.stop(1000);
  }
}

/** The message's waiting sync job, if one waits. */
async function syncJob(videoId: string) {
  return (await queuedJobs('youtube.sync', 1000)).find((job) => job.payload.videoId === videoId) ?? null;
}

async function approvedMessage(title: string, captions: string | null = null, madeForKids = false) {
  const file = await placeMedia(t.db, settings.dataDir, '001272', media.good);
  const video = await t.db.video.create({
    data: {
      municipalityIstat: '001272',
      title,
      description: `Descrizione di ${title}`,
      mediaId: file.id,
      consentGiven: true,
      captions,
      madeForKids,
      themes: { create: [{ themeId }] },
    },
  });
  await applyEditorialEvent(t.db, { videoId: video.id, event: 'submit' });
  await decide(t.db, moderator.signedIn, video.id, {
    decision: 'approve',
    reason: '',
    expectedStatus: 'SUBMITTED',
    revision: await revisionOf(t.db, video.id),
  });
  // The YouTube subscriber hears the publication and queues the sync.
  await hearEvents(t);
  return { video, file };
}

const syncOf = (videoId: string) => t.db.youtubeSync.findUniqueOrThrow({ where: { videoId } });
const standinVideos = (title: string) => Object.values(standin.state().videos).filter((v) => v.snippet.title === title);

describe('publishing to YouTube', () => {
  it('uploads an approved message, adds captions and playlists, waits for processing, then embeds it and counts its views', async () => {
    const { video, file } = await approvedMessage('Volontari per la spesa', 'WEBVTT\n\n00:00.000 --> 00:02.000\nCiao\n');
    expect((await syncOf(video.id)).state).toBe('QUEUED');
    await workUntil(async () => (await syncOf(video.id)).state === 'LIVE');

    const sync = await syncOf(video.id);
    const [remote] = standinVideos('Volontari per la spesa');
    expect(standinVideos('Volontari per la spesa')).toHaveLength(1);
    expect(remote!.bytes).toBe(Number(file.sizeBytes));
    expect(remote!.sha256).toBe(file.sha256);
    expect(remote!.snippet.description).toContain(`http://portal.test/messaggi/${video.id}`);
    expect(remote!.status.privacyStatus).toBe('public');
    expect(remote!.status.selfDeclaredMadeForKids).toBe(false);
    expect(Object.values(standin.state().captions).filter((c) => c.videoId === remote!.id)).toHaveLength(1);
    const playlists = await t.db.youtubePlaylist.findMany();
    expect(playlists.map((p) => p.key).sort()).toEqual(['main', 'tema:solidarieta']);
    for (const p of playlists) expect(standin.state().playlists[p.playlistId]!.items.map((i) => i.videoId)).toContain(remote!.id);
    expect((await t.db.video.findUniqueOrThrow({ where: { id: video.id } })).youtubeVideoId).toBe(sync.youtubeVideoId);
    const steps = await t.db.syncTransition.findMany({ where: { videoId: video.id }, orderBy: { id: 'asc' } });
    expect(steps.map((s) => s.to)).toEqual(['QUEUED', 'UPLOADING', 'ATTACHING', 'PROCESSING', 'LIVE']);

    await workUntil(async () => (await latestStats(t.db, [video.id])).get(video.id)?.views !== undefined);
    const first = (await latestStats(t.db, [video.id])).get(video.id)!;
    await new Promise((r) => setTimeout(r, 2100));
    await workUntil(async () => ((await latestStats(t.db, [video.id])).get(video.id)?.views ?? 0) > first.views);
  });

  it('sends a metadata edit with videos.update and takes a withdrawn message down from YouTube', async () => {
    const { video } = await approvedMessage('Sportello giovani', null, true);
    await workUntil(async () => (await syncOf(video.id)).state === 'LIVE');
    const current = await t.db.video.findUniqueOrThrow({ where: { id: video.id } });
    await editMetadata(t.db, moderator.signedIn, video.id, {
      title: 'Sportello giovani aperto',
      description: 'Nuovi orari',
      language: 'it',
      themes: [themeId],
      revision: current.revision,
    });
    await hearEvents(t);
    expect((await syncOf(video.id)).state).toBe('UPDATING');
    await workUntil(async () => (await syncOf(video.id)).state === 'LIVE');
    const remoteId = (await syncOf(video.id)).youtubeVideoId!;
    expect(standin.state().videos[remoteId]!.snippet.title).toBe('Sportello giovani aperto');
    expect(standin.state().videos[remoteId]!.status.selfDeclaredMadeForKids).toBe(true);

    await decide(t.db, moderator.signedIn, video.id, {
      decision: 'withdraw',
      reason: 'Orari superati',
      expectedStatus: 'PUBLISHED',
      revision: await revisionOf(t.db, video.id),
    });
    await hearEvents(t);
    expect((await t.db.video.findUniqueOrThrow({ where: { id: video.id } })).youtubeVideoId).toBeNull();
    await workUntil(async () => (await syncOf(video.id)).state === 'REMOVED');
    expect(standin.state().videos[remoteId]!.status.privacyStatus).toBe('private');
    for (const { playlistId } of await t.db.youtubePlaylist.findMany())
      expect(standin.state().playlists[playlistId]!.items.map((i) => i.videoId)).not.toContain(remoteId);
    expect(await t.db.youtubePlaylistItem.count({ where: { videoId: video.id } })).toBe(0);
  });

  it('notices a video deleted on YouTube by hand and shows it as missing', async () => {
    const { video } = await approvedMessage('Da cancellare a mano');
    await workUntil(async () => (await syncOf(video.id)).state === 'LIVE');
    delete standin.state().videos[(await syncOf(video.id)).youtubeVideoId!];
    await runNow(t.db, 'youtube.refresh', {});
    await workUntil(async () => (await syncOf(video.id)).state === 'MISSING');
    expect((await t.db.video.findUniqueOrThrow({ where: { id: video.id } })).youtubeVideoId).toBeNull();
  });
});

describe('several workers at once', () => {
  it('share the queue without uploading anything twice', async () => {
    const messages = [];
    for (let i = 0; i < 4; i++) messages.push((await approvedMessage(`In parallelo ${i}`)).video);
    const workers = await Promise.all([1, 2, 3].map(() => startTestWorker(t, { kinds: ['event.deliver', 'youtube.sync'], youtube: { target, settings } })));
    try {
      const deadline = Date.now() + 30_000;
      while ((await t.db.youtubeSync.count({ where: { videoId: { in: messages.map((m) => m.id) }, state: 'LIVE' } })) < messages.length) {
        if (Date.now() > deadline) throw new Error('not all live');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await Promise.all(workers.map((w) => w.stop(1000)));
    }
    for (let i = 0; i < 4; i++) expect(standinVideos(`In parallelo ${i}`)).toHaveLength(1);
  });
});

/*
 * Midnight Pacific time, as the ledger sees it: today's rows become
 * yesterday's. Rows already of an earlier day are dropped first: shifting all
 * of them in one UPDATE could meet an older row of the same bucket halfway
 * (PostgreSQL checks the key row by row, in whatever order the rows lie).
 */
async function endQuotaDay(): Promise<void> {
  await t.db.$executeRaw`DELETE FROM "youtube_quota" WHERE "day" < (SELECT max("day") FROM "youtube_quota")`;
  await t.db.$executeRaw`UPDATE "youtube_quota" SET "day" = "day" - 1`;
}

describe('faults', () => {
  it('backs off after a 503 and a cut connection, and still uploads once', async () => {
    standin.inject({ method: 'videos.insert', status: 503, times: 1 });
    standin.inject({ method: 'upload', status: 0, afterBytes: 300_000, times: 1 });
    const { video } = await approvedMessage('Dopo un errore di rete');
    await workUntil(async () => {
      if ((await syncJob(video.id))?.lastError) await runNow(t.db, 'youtube.sync', { videoId: video.id });
      return (await syncOf(video.id)).state === 'LIVE';
    });
    expect(standinVideos('Dopo un errore di rete')).toHaveLength(1);
    const steps = await t.db.syncTransition.findMany({ where: { videoId: video.id } });
    expect(steps.filter((s) => s.to === 'UPLOADING')).toHaveLength(1);
  });

  it('defers on quotaExceeded until the Pacific reset instead of failing', async () => {
    standin.inject({ method: 'playlistItems.insert', status: 403, reason: 'quotaExceeded', times: 1 });
    const { video } = await approvedMessage('Quota finita');
    await workUntil(async () => (await syncJob(video.id))?.payload.waitingFor === 'quota');
    expect((await syncJob(video.id))!.runAt.getTime()).toBeGreaterThan(Date.now() + 60_000);
    expect((await syncOf(video.id)).state).toBe('ATTACHING');
    // The day ends: the ledger's day passes and the job comes due.
    await endQuotaDay();
    await runNow(t.db, 'youtube.sync', { videoId: video.id });
    await workUntil(async () => (await syncOf(video.id)).state === 'LIVE');
  });

  it('backs off on rateLimitExceeded and waits for the reset on uploadLimitExceeded', async () => {
    standin.inject({ method: 'playlists.insert', status: 403, reason: 'rateLimitExceeded', times: 1 });
    await t.db.youtubePlaylist.deleteMany({ where: { key: 'tema:limiti' } });
    const limited = await createTheme(t.db, 'limiti', 'Limiti', 'Limits');
    const file = await placeMedia(t.db, settings.dataDir, '001272', media.good);
    const video = await t.db.video.create({
      data: { municipalityIstat: '001272', title: 'Troppo in fretta', mediaId: file.id, consentGiven: true, themes: { create: [{ themeId: limited.id }] } },
    });
    await applyEditorialEvent(t.db, { videoId: video.id, event: 'submit' });
    await decide(t.db, moderator.signedIn, video.id, {
      decision: 'approve',
      reason: '',
      expectedStatus: 'SUBMITTED',
      revision: await revisionOf(t.db, video.id),
    });
    await workUntil(async () => (await syncJob(video.id))?.lastError != null);
    expect((await syncJob(video.id))!.lastError).toContain('rateLimitExceeded');
    await runNow(t.db, 'youtube.sync', { videoId: video.id });
    await workUntil(async () => (await syncOf(video.id)).state === 'LIVE');

    standin.inject({ method: 'videos.insert', status: 400, reason: 'uploadLimitExceeded', times: 1 });
    const { video: second } = await approvedMessage('Limite del canale');
    await workUntil(async () => (await syncJob(second.id))?.payload.waitingFor === 'quota');
    expect((await syncOf(second.id)).state).toBe('QUEUED');
    await endQuotaDay();
    await runNow(t.db, 'youtube.sync', { videoId: second.id });
    await workUntil(async () => (await syncOf(second.id)).state === 'LIVE');
  });

  it('keeps to its own budget: a call that would exceed it waits for the next day', async () => {
    const limits = { default: 10_000, insert: 2 };
    const now = new Date('2030-03-10T12:00:00Z');
    expect((await reserveQuota(t.db, 'videos.insert', now, limits)).ok).toBe(true);
    expect((await reserveQuota(t.db, 'videos.insert', now, limits)).ok).toBe(true);
    const third = await reserveQuota(t.db, 'videos.insert', now, limits);
    expect(third).toEqual({ ok: false, resetAt: new Date('2030-03-11T07:00:00Z') });
    expect((await reserveQuota(t.db, 'videos.insert', new Date('2030-03-11T07:00:01Z'), limits)).ok).toBe(true);
  });

  it('marks the channel disconnected on a revoked token, mails the admins, and resumes after reconnection', async () => {
    standin.revokeRefreshTokens();
    const { video } = await approvedMessage('Canale revocato');
    await workUntil(async () => (await channelStatus(t.db))?.disconnectedAt != null);
    expect((await channelStatus(t.db))?.disconnectReason).toContain('invalid_grant');
    expect(await t.db.mailOutbox.count({ where: { recipient: admin.user.email, kind: 'channel.disconnected' } })).toBe(1);
    expect((await syncJob(video.id))?.payload.waitingFor).toBe('channel');
    await connectChannel(t.db, target, standin.issueRefreshToken(), admin.user.id);
    await workUntil(async () => (await syncOf(video.id)).state === 'LIVE');
  });

  it('is disconnected once when two jobs are refused at the same moment: one audit event, one mail per administrator', async () => {
    const mails = () => t.db.mailOutbox.count({ where: { recipient: admin.user.email, kind: 'channel.disconnected' } });
    const audits = () => t.db.auditEvent.count({ where: { action: 'channel.disconnect' } });
    const [mailsBefore, auditsBefore] = [await mails(), await audits()];
    await Promise.all([disconnectChannel(t.db, null, 'invalid_grant: one'), disconnectChannel(t.db, null, 'invalid_grant: two')]);
    expect(await mails()).toBe(mailsBefore + 1);
    expect(await audits()).toBe(auditsBefore + 1);
    await connectChannel(t.db, target, standin.issueRefreshToken(), admin.user.id);
  });

  it('fails with a readable reason on a refused title, and a retry after the fix publishes', async () => {
    standin.inject({ method: 'videos.insert', status: 400, reason: 'invalidTitle', times: 1 });
    const { video } = await approvedMessage('Titolo rifiutato');
    await workUntil(async () => (await syncOf(video.id)).state === 'FAILED');
    expect((await syncOf(video.id)).lastError).toContain('invalidTitle');
    await retrySyncNow(t.db, moderator.signedIn, video.id);
    await workUntil(async () => (await syncOf(video.id)).state === 'LIVE');
    expect(standinVideos('Titolo rifiutato')).toHaveLength(1);
  });
});
