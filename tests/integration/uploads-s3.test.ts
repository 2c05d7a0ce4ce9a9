import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Upload } from 'tus-js-client';
import { addDerivedSettings } from '@/lib/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { decide } from '@/lib/moderation';
import { mediaStore, type MediaStore } from '@/lib/uploads/media-store';
import { uploadSettings, type UploadSettings } from '@/lib/uploads/settings';
import { createUploadServer, type UploadServer } from '@/lib/uploads/tus-server';
import { cleanupExpiredUploads } from '@/lib/uploads/cleanup';
import type { JobWorker } from '@/lib/jobs/worker';
import { connectChannel } from '@/lib/youtube/channel';
import { createStandin, STANDIN_CLIENT_ID } from '@/lib/youtube/standin/server';
import { startTestWorker } from '../support/worker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startCuttingProxy } from '../support/cutting-proxy';
import { createMunicipality, createTheme, createUser, settledMedia, revisionOf } from '../support/fixtures';
import { encodeVideo, makeTestMedia, type TestMedia } from '../support/media';
import { startS3StandIn, type S3StandIn } from '../support/s3-standin';

/* The same tus endpoint with the videos in an S3-compatible bucket (VC_S3_BUCKET), against a local stand-in of S3. */

let t: TestDatabase;
let s3: S3StandIn;
let media: TestMedia;
let large: string;
let settings: UploadSettings;
let store: MediaStore;
let uploads: UploadServer;
let inspector: JobWorker;
let server: http.Server;
let port = 0;
let mayor: Awaited<ReturnType<typeof createUser>>;
let moderator: Awaited<ReturnType<typeof createUser>>;
let admin: Awaited<ReturnType<typeof createUser>>;
let dataDir = '';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  t = await createTestDatabase();
  media = makeTestMedia();
  // About 17 MB of noise: three S3 parts of 5 MiB and a short last one, a real multipart upload.
  large = encodeVideo(path.join(media.dir, 'large.mp4'), {
    source: 'testsrc=size=640x360:rate=25',
    seconds: 6,
    filter: 'noise=alls=60:allf=t',
    bitrate: '20M',
  });
  addDerivedSettings({ VC_TOKEN_KEY: randomBytes(32).toString('base64') });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'vc-uploads-s3-'));
  s3 = await startS3StandIn(path.join(dataDir, 's3'));
  const defaults = uploadSettings(dataDir);
  settings = {
    ...defaults,
    limits: { ...defaults.limits, maxBytes: 64 * 1024 * 1024, minSeconds: 5, maxSeconds: 60 },
    s3: {
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      region: 'eu-south-1',
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      forcePathStyle: true,
      partBytes: 5 * 1024 * 1024,
    },
  };
  store = await mediaStore(settings);
  await createMunicipality(t.db, '001272', 'Torino');
  mayor = await createUser(t.db, { role: 'MAYOR', municipality: '001272' });
  moderator = await createUser(t.db, { role: 'MODERATOR' });
  admin = await createUser(t.db, { role: 'ADMIN' });
  uploads = await createUploadServer(t.db, settings);
  inspector = await startTestWorker(t, { store, uploads: settings, kinds: ['media.check'] });
  server = http.createServer((req, res) => void uploads.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server?.close();
  await inspector?.stop(1000);
  await s3?.close();
  await t.drop();
});

function upload(file: string, endpoint: string, chunkSize: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const task = new Upload(readFileSync(file), {
      endpoint,
      chunkSize,
      retryDelays: Array.from({ length: 60 }, () => 20),
      headers: { cookie: mayor.cookie },
      metadata: { filename: path.basename(file), filetype: 'video/mp4' },
      onSuccess: () => resolve(task.url!.split('/').pop()!),
      onError: reject,
    });
    task.start();
  });
}

const settled = (id: string) => settledMedia(t.db, id);

async function bytesOf(id: string, start: number, end: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.read(id, start, end)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('videos in an S3-compatible bucket', () => {
  it('stores a video uploaded through connection cuts as one object, inspected from a copy that is then deleted', async () => {
    const proxy = await startCuttingProxy(port, { cuts: 6, minBytes: 500_000, maxBytes: 2_000_000 });
    // Chunks smaller than an S3 part: the store keeps the pieces as an incomplete part until a whole part is there.
    const id = await upload(large, `http://127.0.0.1:${proxy.port}/api/uploads`, 2 * 1024 * 1024);
    proxy.close();
    expect(proxy.cuts()).toBe(6);
    const source = readFileSync(large);
    expect(await settled(id)).toMatchObject({ status: 'READY', sha256: sha256(source), width: 640, height: 360, videoCodec: 'h264' });
    expect(await store.size(id)).toBe(source.length);
    expect(sha256(await bytesOf(id, 0, source.length - 1))).toBe(sha256(source));
    expect(await s3.objects()).toContain(id);
    expect(s3.openUploads()).toEqual([]);
    expect(s3.requests.filter((r) => r === 'PUT part').length).toBeGreaterThanOrEqual(4);
    expect(s3.requests).toContain('GET list parts');
    expect(s3.requests).toContain('POST complete upload');
    expect((await store.readPoster(id))!.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(await s3.objects()).toContain(`${id}.poster.jpg`);
    expect(existsSync(settings.posterDirectory)).toBe(false);
    expect(existsSync(settings.scratchDirectory) ? readdirSync(settings.scratchDirectory) : []).toEqual([]);
    expect(existsSync(settings.directory)).toBe(false);
  });

  it('serves a byte range with a ranged request, never the whole object', async () => {
    const id = await upload(media.good, `http://127.0.0.1:${port}/api/uploads`, 8 * 1024 * 1024);
    await settled(id);
    const before = s3.requests.length;
    const slice = await bytesOf(id, 1000, 1999);
    expect(slice.equals(readFileSync(media.good).subarray(1000, 2000))).toBe(true);
    expect(s3.requests.slice(before)).toEqual(['GET object range']);
  });

  it('sends an approved message from the bucket to YouTube with the same bytes', async () => {
    const id = await upload(large, `http://127.0.0.1:${port}/api/uploads`, 8 * 1024 * 1024);
    const file = await settled(id);
    const themeId = (await createTheme(t.db, 'solidarieta', 'Solidarietà', 'Solidarity')).id;
    const video = await t.db.video.create({
      data: {
        municipalityIstat: '001272',
        title: 'Dal secchio',
        description: 'Un video tenuto in un bucket',
        mediaId: id,
        consentGiven: true,
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

    const youtube = createStandin({ dataDir: path.join(dataDir, 'youtube'), processingMs: 100 });
    const ytServer = http.createServer((req, res) => youtube.handle(req, res));
    await new Promise<void>((resolve) => ytServer.listen(0, '127.0.0.1', resolve));
    const root = `http://127.0.0.1:${(ytServer.address() as AddressInfo).port}`;
    const target = {
      standinRoot: `${root}/`,
      clientId: STANDIN_CLIENT_ID,
      clientSecret: youtube.clientSecret,
      authUrl: `${root}/o/oauth2/v2/auth`,
      tokenUrl: `${root}/token`,
    };
    await connectChannel(t.db, target, youtube.issueRefreshToken(), admin.user.id);
    const worker = await startTestWorker(t, {
      store,
      uploads: settings,
      kinds: ['event.deliver', 'youtube.sync'],
      youtube: { target, settings: { dataDir, uploads: settings, publicUrl: 'http://portal.test', chunkBytes: 1024 * 1024, pollMs: 100 } },
    });
    try {
      for (let i = 0; i < 400 && (await t.db.youtubeSync.findUnique({ where: { videoId: video.id } }))?.state !== 'LIVE'; i++)
        await new Promise((r) => setTimeout(r, 50));
    } finally {
      await worker.stop(1000);
      ytServer.close();
    }
    const sync = await t.db.youtubeSync.findUniqueOrThrow({ where: { videoId: video.id } });
    expect(sync.state).toBe('LIVE');
    const remote = youtube.state().videos[sync.youtubeVideoId!]!;
    expect(remote.bytes).toBe(Number(file.sizeBytes));
    expect(remote.sha256).toBe(file.sha256);
  });

  it('refuses a file that is not a video and deletes its objects from the bucket', async () => {
    const id = await upload(media.textRenamed, `http://127.0.0.1:${port}/api/uploads`, 8 * 1024 * 1024);
    expect(await settled(id)).toMatchObject({ status: 'REJECTED', rejectReason: 'notVideo' });
    expect((await s3.objects()).filter((key) => key.startsWith(id))).toEqual([]);
    expect(await store.size(id)).toBeNull();
  });

  it('forgets partial uploads left beyond the expiry, in the bucket too', async () => {
    const created = await fetch(`http://127.0.0.1:${port}/api/uploads`, {
      method: 'POST',
      headers: {
        cookie: mayor.cookie,
        'tus-resumable': '1.0.0',
        'upload-length': String(12 * 1024 * 1024),
        'upload-metadata': `filename ${Buffer.from('b.mp4').toString('base64')}`,
      },
    });
    const id = created.headers.get('location')!.split('/').pop()!;
    const patched = await fetch(`http://127.0.0.1:${port}/api/uploads/${id}`, {
      method: 'PATCH',
      headers: { cookie: mayor.cookie, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: readFileSync(large).subarray(0, 6 * 1024 * 1024),
    });
    expect(patched.status).toBe(204);
    expect(s3.openUploads()).toEqual([id]);
    s3.ageUploads(settings.expiryMs + 60_000);
    await t.db.mediaFile.update({ where: { id }, data: { createdAt: new Date(Date.now() - settings.expiryMs - 1000) } });
    await cleanupExpiredUploads(t.db, store, settings.expiryMs);
    expect(s3.openUploads()).toEqual([]);
    expect((await s3.objects()).filter((key) => key.startsWith(id))).toEqual([]);
    expect(await t.db.mediaFile.findUnique({ where: { id } })).toBeNull();
  });
});
