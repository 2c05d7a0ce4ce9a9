import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Upload } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPrisma } from 'pg-boss';
import { cleanupExpiredUploads } from '@/lib/uploads/cleanup';
import { jobQueueClient } from '@/lib/jobs/queue';
import type { JobWorker } from '@/lib/jobs/worker';
import { failingMediaChecks, queueMediaCheck } from '@/lib/uploads/media-check';
import { mediaStore, type MediaStore } from '@/lib/uploads/media-store';
import { inspectVideo, makePoster, type ToolBounds } from '@/lib/uploads/probe';
import { mediaFile, posterFile, uploadSettings, type UploadSettings } from '@/lib/uploads/settings';
import { createUploadServer, type UploadServer } from '@/lib/uploads/tus-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startCuttingProxy } from '../support/cutting-proxy';
import { createMunicipality, createUser, settledMedia } from '../support/fixtures';
import { encodeVideo, makeTestMedia, type TestMedia } from '../support/media';
import { startTestWorker } from '../support/worker';

let t: TestDatabase;
let media: TestMedia;
let settings: UploadSettings;
let uploads: UploadServer;
let store: MediaStore;
let worker: JobWorker;
let server: http.Server;
let base = '';
let mayorA: Awaited<ReturnType<typeof createUser>>;
let mayorB: Awaited<ReturnType<typeof createUser>>;
let moderator: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  t = await createTestDatabase();
  media = makeTestMedia();
  await createMunicipality(t.db, '001272', 'Torino');
  await createMunicipality(t.db, '001157', 'Moncenisio');
  mayorA = await createUser(t.db, { role: 'MAYOR', municipality: '001272' });
  mayorB = await createUser(t.db, { role: 'MAYOR', municipality: '001157' });
  moderator = await createUser(t.db, { role: 'MODERATOR' });
  const defaults = uploadSettings(mkdtempSync(path.join(os.tmpdir(), 'vc-uploads-')));
  // These tests upload many files as one mayor; the quota has tests of its own below.
  const roomy = { openPerUser: 1000, openPerComune: 1000, bytesPerUser: 1e12, bytesPerComune: 1e12 };
  settings = { ...defaults, limits: { ...defaults.limits, maxBytes: 8 * 1024 * 1024, minSeconds: 5, maxSeconds: 60 }, quota: roomy };
  uploads = await createUploadServer(t.db, settings);
  store = await mediaStore(settings);
  worker = await startTestWorker(t, { store, uploads: settings });
  server = http.createServer((req, res) => void uploads.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  await worker?.stop(1000);
  await t.drop();
});

const settled = (id: string) => settledMedia(t.db, id);

function upload(
  file: string,
  options: { cookie?: string; endpoint?: string; chunkSize?: number; name?: string } = {},
): Promise<{ url: string; status: number; body: string }> {
  return new Promise((resolve) => {
    const task = new Upload(readFileSync(file), {
      endpoint: options.endpoint ?? `${base}/api/uploads`,
      chunkSize: options.chunkSize ?? 256 * 1024,
      retryDelays: Array.from({ length: 60 }, () => 20),
      headers: options.cookie ? { cookie: options.cookie } : {},
      metadata: { filename: options.name ?? path.basename(file), filetype: 'video/mp4' },
      onSuccess: () => resolve({ url: task.url ?? '', status: 204, body: '' }),
      onError: (error) => {
        const response = 'originalResponse' in error ? error.originalResponse : null;
        resolve({ url: task.url ?? '', status: response?.getStatus() ?? 0, body: response?.getBody() ?? String(error) });
      },
    });
    task.start();
  });
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('video validation', () => {
  const limits = { ...uploadSettings('/nowhere').limits, maxBytes: 8 * 1024 * 1024, minSeconds: 5, maxSeconds: 60 };

  it('accepts real MP4 and WebM videos and describes them', async () => {
    const mp4 = await inspectVideo(media.good, limits);
    expect(mp4).toMatchObject({ ok: true, info: { container: 'mp4', videoCodec: 'h264', width: 320, height: 240, sha256: sha256(media.good) } });
    expect(await inspectVideo(media.goodWebm, limits)).toMatchObject({ ok: true, info: { container: 'webm', videoCodec: 'vp8' } });
  });

  it.each([
    ['a text file renamed .mp4', 'textRenamed', 'notVideo'],
    ['a zero-byte file', 'empty', 'empty'],
    ['a truncated MP4', 'truncated', 'damaged'],
    ['an HTML/JS polyglot', 'polyglot', 'notVideo'],
    ['a sound without pictures', 'audioOnly', 'noVideoStream'],
    ['a video under the minimum duration', 'short', 'tooShort'],
  ] as const)('refuses %s', async (_label, key, reason) => {
    expect(await inspectVideo(media[key], limits)).toEqual({ ok: false, reason });
  });

  it('refuses a file over the size limit before reading it', async () => {
    expect(await inspectVideo(media.good, { ...limits, maxBytes: 1000 })).toEqual({ ok: false, reason: 'tooLarge' });
  });
});

describe('tus upload endpoint', () => {
  it('takes a mayor’s video, validates it, and keeps the bytes, metadata and a poster', async () => {
    const result = await upload(media.good, { cookie: mayorA.cookie });
    expect(result.status).toBe(204);
    const id = result.url.split('/').pop()!;
    const row = await settled(id);
    expect(row).toMatchObject({
      status: 'READY',
      municipalityIstat: '001272',
      uploaderId: mayorA.user.id,
      sha256: sha256(media.good),
      videoCodec: 'h264',
      width: 320,
    });
    expect(sha256(mediaFile(settings, id))).toBe(sha256(media.good));
    expect(readFileSync(posterFile(settings, id)).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('resumes through 10 random connection cuts and ends with the same bytes', async () => {
    const proxy = await startCuttingProxy((server.address() as AddressInfo).port, { cuts: 10, minBytes: 50_000, maxBytes: 350_000 });
    const endpoint = `http://127.0.0.1:${proxy.port}/api/uploads`;
    const result = await upload(media.big, { cookie: mayorA.cookie, endpoint, chunkSize: 1024 * 1024 });
    proxy.close();
    expect(proxy.cuts()).toBe(10);
    expect(result.status).toBe(204);
    const id = result.url.split('/').pop()!;
    expect(sha256(mediaFile(settings, id))).toBe(sha256(media.big));
    expect((await settled(id)).status).toBe('READY');
  });

  it.each([
    ['a text file renamed .mp4', 'textRenamed', 'notVideo'],
    ['a truncated MP4', 'truncated', 'damaged'],
    ['an HTML/JS polyglot', 'polyglot', 'notVideo'],
  ] as const)('refuses %s after the upload with a reason, and deletes the stored bytes', async (_label, key, reason) => {
    const result = await upload(media[key], { cookie: mayorA.cookie });
    expect(result.status).toBe(204);
    const id = result.url.split('/').pop()!;
    expect(await settled(id)).toMatchObject({ status: 'REJECTED', rejectReason: reason });
    expect(existsSync(mediaFile(settings, id))).toBe(false);
    expect(existsSync(posterFile(settings, id))).toBe(false);
  });

  it('keeps a file whose inspection fails for a reason of the machine, shows it to staff, and inspects it once the machine is fixed', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
    let id = '';
    try {
      id = (await upload(media.good, { cookie: mayorA.cookie })).url.split('/').pop()!;
      for (let i = 0; i < 100 && !(await failingMediaChecks(t.db)).some((c) => c.mediaId === id); i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      process.env.PATH = savedPath;
    }
    const [failing] = (await failingMediaChecks(t.db)).filter((c) => c.mediaId === id);
    expect(failing).toMatchObject({ comune: 'Torino', name: 'good.mp4', attempts: 1 });
    expect(failing!.lastError).toContain('ffprobe');
    expect((await t.db.mediaFile.findUniqueOrThrow({ where: { id } })).status).toBe('CHECKING');
    expect(existsSync(mediaFile(settings, id))).toBe(true);
    // Retried after a backoff of a few seconds.
    expect(await settledMedia(t.db, id, 30_000)).toMatchObject({ status: 'READY', sha256: sha256(media.good) });
    expect((await failingMediaChecks(t.db)).some((c) => c.mediaId === id)).toBe(false);
  });

  it('refuses a zero-byte file at once, storing nothing', async () => {
    const before = await t.db.mediaFile.count();
    const result = await upload(media.empty, { cookie: mayorA.cookie });
    expect(result.status).toBe(422);
    expect(JSON.parse(result.body)).toEqual({ error: 'empty' });
    expect(await t.db.mediaFile.count()).toBe(before);
  });

  it('answers the last byte before the inspection, which another worker finishes if the first one dies', async () => {
    const result = await upload(media.good, { cookie: mayorA.cookie });
    const id = result.url.split('/').pop()!;
    await settled(id);
    // A file whose inspection was taken by a worker that died at once: the job is active and no heartbeat comes;
    // after the heartbeat's 10 s and the retry's delay, the test's worker takes it.
    await t.db.mediaFile.update({ where: { id }, data: { status: 'UPLOADING', sha256: null, durationMs: null, container: null, finishedAt: null } });
    const boss = await jobQueueClient();
    await t.db.$transaction(async (tx) => {
      await queueMediaCheck(tx, id);
      expect(await boss.fetch('media.check', { db: fromPrisma(tx) })).toHaveLength(1);
    });
    expect(await settledMedia(t.db, id, 60_000)).toMatchObject({ status: 'READY', sha256: sha256(media.good) });
  }, 90_000);

  it('refuses a file over the limit before any byte is stored', async () => {
    const big = { ...settings, limits: { ...settings.limits, maxBytes: 1000 } };
    const small = await createUploadServer(t.db, big);
    const s = http.createServer((req, res) => void small.handle(req, res));
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const result = await upload(media.good, { cookie: mayorA.cookie, endpoint: `http://127.0.0.1:${(s.address() as AddressInfo).port}/api/uploads` });
    s.close();
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({ error: 'tooLarge' });
  });

  it('never uses the browser’s file name as a path', async () => {
    const result = await upload(media.good, { cookie: mayorA.cookie, name: '../../etc/\u0007pass\u202ewd.mp4' });
    expect(result.status).toBe(204);
    const id = result.url.split('/').pop()!;
    expect(id).toMatch(/^[a-f0-9]{32}$/);
    expect((await t.db.mediaFile.findUniqueOrThrow({ where: { id } })).originalName).toBe('passwd.mp4');
  });

  it('refuses a file type that is not a video by its name', async () => {
    const result = await upload(media.good, { cookie: mayorA.cookie, name: 'pagina.html' });
    expect(result.status).toBe(415);
  });
});

describe('who may upload', () => {
  it('turns away anonymous visitors and staff', async () => {
    expect((await upload(media.good)).status).toBe(401);
    expect((await upload(media.good, { cookie: moderator.cookie })).status).toBe(403);
    expect((await upload(media.good, { cookie: 'next-auth.session-token=forged' })).status).toBe(401);
  });

  it('lets only the mayors of the same comune see or continue an upload', async () => {
    const created = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: {
        cookie: mayorA.cookie,
        'tus-resumable': '1.0.0',
        'upload-length': '151969',
        'upload-metadata': `filename ${Buffer.from('a.mp4').toString('base64')}`,
      },
    });
    expect(created.status).toBe(201);
    const url = new URL(created.headers.get('location')!, base).toString();
    const head = (cookie: string) => fetch(url, { method: 'HEAD', headers: { cookie, 'tus-resumable': '1.0.0' } }).then((r) => r.status);
    expect(await head(mayorA.cookie)).toBe(200);
    expect(await head(mayorB.cookie)).toBe(404);
    const colleague = await createUser(t.db, { role: 'MAYOR', municipality: '001272' });
    expect(await head(colleague.cookie)).toBe(200);
    const patch = await fetch(url, {
      method: 'PATCH',
      headers: { cookie: mayorB.cookie, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: 'x',
    });
    expect(patch.status).toBe(404);
  });

  it('forgets partial uploads left beyond the expiry', async () => {
    const created = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: {
        cookie: mayorA.cookie,
        'tus-resumable': '1.0.0',
        'upload-length': '5000',
        'upload-metadata': `filename ${Buffer.from('b.mp4').toString('base64')}`,
      },
    });
    const id = created.headers.get('location')!.split('/').pop()!;
    await t.db.mediaFile.update({ where: { id }, data: { createdAt: new Date(Date.now() - settings.expiryMs - 1000) } });
    await cleanupExpiredUploads(t.db, store, settings.expiryMs);
    expect(await t.db.mediaFile.findUnique({ where: { id } })).toBeNull();
    expect(existsSync(mediaFile(settings, id))).toBe(false);
  });

  it('forgets finished files that no message uses once they are older than the expiry, and keeps those a draft holds', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push((await upload(media.good, { cookie: mayorA.cookie })).url.split('/').pop()!);
    for (const id of ids) await settled(id);
    const [unused, kept] = ids as [string, string];
    await t.db.video.create({ data: { municipalityIstat: '001272', title: 'Bozza con il video', description: '', mediaId: kept, consentGiven: true } });
    await t.db.mediaFile.updateMany({ where: { id: { in: ids } }, data: { createdAt: new Date(Date.now() - settings.expiryMs - 1000) } });
    await cleanupExpiredUploads(t.db, store, settings.expiryMs);
    expect(await t.db.mediaFile.findUnique({ where: { id: unused } })).toBeNull();
    expect(existsSync(mediaFile(settings, unused))).toBe(false);
    expect(existsSync(posterFile(settings, unused))).toBe(false);
    expect((await t.db.mediaFile.findUniqueOrThrow({ where: { id: kept } })).status).toBe('READY');
    expect(existsSync(mediaFile(settings, kept))).toBe(true);
    expect(existsSync(posterFile(settings, kept))).toBe(true);
  });
});

/** A tus creation request: how the uploader asks for a new upload of `size` bytes. */
function create(cookie: string, size: number, endpoint = `${base}/api/uploads`) {
  return fetch(endpoint, {
    method: 'POST',
    headers: { cookie, 'tus-resumable': '1.0.0', 'upload-length': String(size), 'upload-metadata': `filename ${Buffer.from('video.mp4').toString('base64')}` },
  });
}

/** An upload server of its own, with other settings. */
async function serverWith(changes: Partial<UploadSettings>): Promise<{ endpoint: string; close(): Promise<void> }> {
  const own = await createUploadServer(t.db, { ...settings, ...changes });
  const s = http.createServer((req, res) => void own.handle(req, res));
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(s.address() as AddressInfo).port}/api/uploads`,
    close: async () => {
      s.close();
    },
  };
}

describe('what the upload endpoint refuses', () => {
  it('serves no file back (tus GET): the player has its own address with a type the server chose', async () => {
    const result = await upload(media.good, { cookie: mayorA.cookie });
    const url = new URL(result.url, base).toString();
    const answer = await fetch(url, { headers: { cookie: mayorA.cookie } });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).not.toContain('GET');
    expect(await answer.json()).toEqual({ error: 'methodNotAllowed' });
  });

  it('never deletes a finished file, which a message may hold: DELETE is refused and nothing is lost', async () => {
    const result = await upload(media.good, { cookie: mayorA.cookie });
    const id = result.url.split('/').pop()!;
    await settled(id);
    const answer = await fetch(new URL(result.url, base), { method: 'DELETE', headers: { cookie: mayorA.cookie, 'tus-resumable': '1.0.0' } });
    expect(answer.status).toBe(409);
    expect(await answer.json()).toEqual({ error: 'alreadyFinished' });
    expect((await t.db.mediaFile.findUniqueOrThrow({ where: { id } })).status).toBe('READY');
    expect(sha256(mediaFile(settings, id))).toBe(sha256(media.good));
  });

  it('cancels an upload still under way, and forgets its record', async () => {
    const created = await create(mayorA.cookie, 5000);
    const id = created.headers.get('location')!.split('/').pop()!;
    const answer = await fetch(`${base}/api/uploads/${id}`, { method: 'DELETE', headers: { cookie: mayorA.cookie, 'tus-resumable': '1.0.0' } });
    expect(answer.status).toBe(204);
    await expect.poll(() => t.db.mediaFile.findUnique({ where: { id } })).toBeNull();
  });

  it('keeps one mayor, and one comune, from opening more uploads or bytes than the quota allows', async () => {
    await createMunicipality(t.db, '001063', 'Cantalupa');
    const mayor = await createUser(t.db, { role: 'MAYOR', municipality: '001063' });
    const colleague = await createUser(t.db, { role: 'MAYOR', municipality: '001063' });
    const quota = { openPerUser: 3, openPerComune: 4, bytesPerUser: 20 * 1024 * 1024, bytesPerComune: 24 * 1024 * 1024 };
    const server = await serverWith({ quota });
    try {
      // Forty at once, as a script would: the comune's lock lets exactly three through.
      const answers = await Promise.all(Array.from({ length: 40 }, () => create(mayor.cookie, 1024 * 1024, server.endpoint)));
      expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
      const refused = answers.filter((a) => a.status !== 201);
      expect(new Set(refused.map((a) => a.status))).toEqual(new Set([429]));
      expect(await refused[0]!.json()).toEqual({ error: 'quotaUploads' });
      // The comune's limit counts every mayor of it: one more for a colleague, then none.
      expect((await create(colleague.cookie, 1024 * 1024, server.endpoint)).status).toBe(201);
      expect((await create(colleague.cookie, 1024 * 1024, server.endpoint)).status).toBe(429);
      // Cancelling one of them frees its place.
      const first = answers
        .find((a) => a.status === 201)!
        .headers.get('location')!
        .split('/')
        .pop()!;
      await fetch(`${server.endpoint}/${first}`, { method: 'DELETE', headers: { cookie: mayor.cookie, 'tus-resumable': '1.0.0' } });
      await expect.poll(() => t.db.mediaFile.count({ where: { id: first } })).toBe(0);
      expect((await create(mayor.cookie, 1024 * 1024, server.endpoint)).status).toBe(201);
    } finally {
      await server.close();
    }
  });

  it('counts the bytes an upload reserves: one that would go over the quota is refused at creation', async () => {
    await createMunicipality(t.db, '001064', 'Cantoira');
    const mayor = await createUser(t.db, { role: 'MAYOR', municipality: '001064' });
    const server = await serverWith({ quota: { openPerUser: 10, openPerComune: 10, bytesPerUser: 10 * 1024 * 1024, bytesPerComune: 100 * 1024 * 1024 } });
    try {
      expect((await create(mayor.cookie, 6 * 1024 * 1024, server.endpoint)).status).toBe(201);
      const over = await create(mayor.cookie, 6 * 1024 * 1024, server.endpoint);
      expect(over.status).toBe(429);
      expect(await over.json()).toEqual({ error: 'quotaBytes' });
    } finally {
      await server.close();
    }
  });
});

describe('what the quota counts', () => {
  it('keeps counting a file once a draft holds it: one draft per file does not free its place', async () => {
    await createMunicipality(t.db, '001065', 'Caprie');
    const mayor = await createUser(t.db, { role: 'MAYOR', municipality: '001065' });
    const server = await serverWith({ quota: { openPerUser: 10, openPerComune: 10, bytesPerUser: 1024 * 1024, bytesPerComune: 100 * 1024 * 1024 } });
    try {
      const result = await upload(media.good, { cookie: mayor.cookie, endpoint: server.endpoint });
      const id = result.url.split('/').pop()!;
      await settled(id);
      await t.db.video.create({
        data: { municipalityIstat: '001065', title: 'Bozza', description: '', mediaId: id, consentGiven: true, authorId: mayor.user.id },
      });
      const next = await create(mayor.cookie, 1024 * 1024 - 1000, server.endpoint);
      expect(next.status).toBe(429);
      expect(await next.json()).toEqual({ error: 'quotaBytes' });
    } finally {
      await server.close();
    }
  });
});

describe('what the inspection refuses', () => {
  it('refuses a frame larger than the limit from the stream headers, before decoding any frame', async () => {
    const wide = encodeVideo(path.join(media.dir, 'wide.mp4'), { source: 'color=c=blue:size=4160x64:rate=5', seconds: 6 });
    expect(await inspectVideo(wide, settings.limits)).toEqual({ ok: false, reason: 'frameTooLarge' });
    expect(await inspectVideo(wide, { ...settings.limits, maxFrameSide: 8192 })).toMatchObject({ ok: true, info: { width: 4160, height: 64 } });
    const result = await upload(wide, { cookie: mayorA.cookie });
    expect(await settled(result.url.split('/').pop()!)).toMatchObject({ status: 'REJECTED', rejectReason: 'frameTooLarge' });
  });

  it('gives a verdict within the configured time, whatever the file', async () => {
    const started = Date.now();
    expect(await inspectVideo(media.big, { ...settings.limits, checkMs: 1 })).toEqual({ ok: false, reason: 'checkTooSlow' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('runs the tools with bounded memory: a poster that needs more than allowed fails, and the file gets a verdict', async () => {
    const large = encodeVideo(path.join(media.dir, 'large.mp4'), { source: 'color=c=green:size=4096x2304:rate=2', seconds: 6 });
    const limits = { ...settings.limits, maxFrameSide: 8192 };
    const poster = (file: string) => (info: { durationMs: number }, bounds: ToolBounds) => makePoster(file, info.durationMs, bounds);
    // About 300 MB: enough for ffprobe to read the headers and count packets, not for ffmpeg to decode a 4096×2304 frame.
    expect(await inspectVideo(large, { ...limits, toolMemoryBytes: 320 * 1024 * 1024 }, poster(large))).toEqual({ ok: false, reason: 'damaged' });
    expect(await inspectVideo(large, limits, poster(large))).toMatchObject({ ok: true, poster: expect.any(Buffer) });
  });

  it('tells a machine that cannot run the tools at all (memory cap too low to load them) from a bad file', async () => {
    await expect(inspectVideo(media.good, { ...settings.limits, toolMemoryBytes: 64 * 1024 * 1024 })).rejects.toThrow(/ffprobe could not start/);
  });
});
