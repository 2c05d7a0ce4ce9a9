import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import type { JobWorker } from '@/lib/jobs/worker';
import { checkMedia } from '@/lib/uploads/media-check';
import { mediaStore, type MediaStore } from '@/lib/uploads/media-store';
import { mediaFile, uploadSettings, type UploadSettings } from '@/lib/uploads/settings';
import { requeueUnfinishedWork } from '@/lib/worker/requeue';
import { syncRenditions } from '@/lib/renditions/make';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createMunicipality, createReadyMedia } from '../support/fixtures';
import { startS3StandIn, type S3StandIn } from '../support/s3-standin';
import { startTestWorker } from '../support/worker';

/*
 * The light version and the audio of a message's video: made by a worker once
 * the file is inspected, kept in the media store (a folder or an S3 bucket),
 * removed when the message is withdrawn.
 */

let t: TestDatabase;
let s3: S3StandIn;
let dir = '';
let landscape = '';
let portrait = '';
let silent = '';

interface Probe {
  streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number; channels?: number }>;
  format: { format_name: string; bit_rate?: string; duration?: string };
}

function probe(file: string): Probe {
  return JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]).toString()) as Probe;
}

/** A phone-like clip: moving picture, speech-like tone, AAC stereo. */
function phoneClip(file: string, size: string, withSound = true): string {
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${size}:rate=30`,
    ...(withSound ? ['-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=48000', '-ac', '2'] : []),
    '-t',
    '6',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-b:v',
    '6M',
    '-pix_fmt',
    'yuv420p',
    ...(withSound ? ['-c:a', 'aac', '-b:a', '192k'] : []),
    '-movflags',
    '+faststart',
    file,
  ]);
  return file;
}

/** Where the first `moov` and `mdat` boxes of an MP4 start: with +faststart the index comes first. */
function boxOffsets(bytes: Buffer): { moov: number; mdat: number } {
  const found: Record<string, number> = {};
  for (let at = 0; at + 8 <= bytes.length;) {
    const size = bytes.readUInt32BE(at);
    found[bytes.subarray(at + 4, at + 8).toString('latin1')] ??= at;
    if (size < 8) break;
    at += size;
  }
  return { moov: found.moov ?? -1, mdat: found.mdat ?? -1 };
}

beforeAll(async () => {
  t = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'vc-renditions-'));
  landscape = phoneClip(path.join(dir, 'landscape.mp4'), '1280x720');
  portrait = phoneClip(path.join(dir, 'portrait.mp4'), '720x1280');
  silent = phoneClip(path.join(dir, 'silent.mp4'), '640x360', false);
  s3 = await startS3StandIn(path.join(dir, 's3'));
  await createMunicipality(t.db, '001272', 'Torino');
}, 120_000);

afterAll(async () => {
  await s3?.close();
  await t?.drop();
});

const backends: Array<[string, () => UploadSettings]> = [
  ['in folders', () => uploadSettings(path.join(dir, 'data-folders'))],
  [
    'in an S3 bucket',
    () => ({
      ...uploadSettings(path.join(dir, 'data-s3')),
      s3: {
        bucket: s3.bucket,
        endpoint: s3.endpoint,
        region: 'eu-south-1',
        credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
        forcePathStyle: true,
        partBytes: 5 * 1024 * 1024,
      },
    }),
  ],
];

describe.each(backends)('renditions %s', (_name, settingsOf) => {
  let settings: UploadSettings;
  let store: MediaStore;
  let worker: JobWorker;

  beforeAll(async () => {
    settings = settingsOf();
    store = await mediaStore(settings);
    worker = await startTestWorker(t, { store, uploads: settings, kinds: ['event.deliver', 'media.check', 'media.renditions'] });
  });

  afterAll(async () => {
    await worker?.stop(2000);
  });

  /** A file as a finished upload leaves it, inspected the way an upload is (which records media.inspected). */
  async function uploaded(source: string): Promise<string> {
    const media = await createReadyMedia(t.db, '001272');
    await t.db.mediaFile.update({ where: { id: media.id }, data: { status: 'CHECKING' } });
    if (settings.s3) {
      const client = new S3Client({ region: 'eu-south-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: settings.s3.credentials });
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: media.id, Body: readFileSync(source) }));
    } else {
      mkdirSync(settings.directory, { recursive: true });
      copyFileSync(source, mediaFile(settings, media.id));
    }
    await checkMedia(t.db, store, settings, media.id);
    return media.id;
  }

  async function renditionsOf(mediaId: string, count: number) {
    await expect.poll(() => t.db.mediaRendition.count({ where: { mediaId } }), { timeout: 60_000, interval: 200 }).toBe(count);
    return t.db.mediaRendition.findMany({ where: { mediaId }, orderBy: { kind: 'asc' } });
  }

  async function saved(mediaId: string, kind: 'LIGHT' | 'AUDIO' | 'SHARE'): Promise<string> {
    const file = path.join(dir, `${mediaId}-${kind}-${randomBytes(3).toString('hex')}`);
    const size = (await store.size(mediaId, kind))!;
    const chunks: Buffer[] = [];
    for await (const chunk of await store.read(mediaId, 0, size - 1, kind)) chunks.push(chunk as Buffer);
    writeFileSync(file, Buffer.concat(chunks));
    return file;
  }

  it('makes a 360p light version at about 400 kbit/s, a mono AAC audio and a 1200×630 share picture once a file is inspected', async () => {
    const mediaId = await uploaded(landscape);
    const [light, audio, share] = await renditionsOf(mediaId, 3);
    expect(light!.kind).toBe('LIGHT');
    expect(audio!.kind).toBe('AUDIO');
    expect(share!.kind).toBe('SHARE');
    expect(probe(await saved(mediaId, 'SHARE')).streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 1200, height: 630 });
    const lightFile = await saved(mediaId, 'LIGHT');
    expect(Number(light!.sizeBytes)).toBe((await store.size(mediaId, 'LIGHT'))!);
    const lightProbe = probe(lightFile);
    const picture = lightProbe.streams.find((s) => s.codec_type === 'video')!;
    expect(picture).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    expect(lightProbe.streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac', channels: 1 });
    // 400 kbit/s of picture and 48 of sound, with the encoder's tolerance; the 6 Mbit/s original is far above.
    expect(Number(lightProbe.format.bit_rate)).toBeLessThan(600_000);
    const offsets = boxOffsets(readFileSync(lightFile));
    expect(offsets.moov).toBeGreaterThan(-1);
    expect(offsets.moov).toBeLessThan(offsets.mdat);
    const audioProbe = probe(await saved(mediaId, 'AUDIO'));
    expect(audioProbe.streams.map((s) => s.codec_type)).toEqual(['audio']);
    expect(audioProbe.streams[0]).toMatchObject({ codec_name: 'aac', channels: 1 });
    expect(audioProbe.format.format_name).toContain('mp4');
  });

  it('keeps a phone video upright (360 wide), and makes no audio of a silent video', async () => {
    const upright = await uploaded(portrait);
    await renditionsOf(upright, 3);
    expect(probe(await saved(upright, 'LIGHT')).streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 360, height: 640 });
    const quiet = await uploaded(silent);
    expect((await renditionsOf(quiet, 2)).map((r) => r.kind)).toEqual(['LIGHT', 'SHARE']);
    expect(await store.size(quiet, 'AUDIO')).toBeNull();
  });

  it('removes the renditions, rows and bytes, when the message is withdrawn; the video itself stays for the record', async () => {
    const mediaId = await uploaded(landscape);
    await renditionsOf(mediaId, 3);
    const video = await t.db.video.create({ data: { municipalityIstat: '001272', title: 'Ritirato', mediaId, consentGiven: true } });
    for (const event of ['submit', 'approve', 'publish', 'withdraw'] as const) {
      await applyEditorialEvent(t.db, { videoId: video.id, event, reason: event === 'withdraw' ? 'superato' : undefined });
    }
    await renditionsOf(mediaId, 0);
    await expect.poll(() => store.size(mediaId, 'LIGHT'), { timeout: 30_000 }).toBeNull();
    expect(await store.size(mediaId, 'AUDIO')).toBeNull();
    expect(await store.size(mediaId)).not.toBeNull();
    if (settings.s3) expect((await s3.objects()).filter((key) => key.startsWith(`${mediaId}.`) && !key.endsWith('.jpg'))).toEqual([]);
    else expect(existsSync(path.join(settings.renditionDirectory, `${mediaId}.light.mp4`))).toBe(false);
  });

  it('makes at a worker’s start what a published message’s file lacks (uploaded before renditions existed)', async () => {
    const mediaId = await uploaded(landscape);
    await renditionsOf(mediaId, 3);
    const video = await t.db.video.create({ data: { municipalityIstat: '001272', title: 'Di prima', mediaId, consentGiven: true } });
    for (const event of ['submit', 'approve', 'publish'] as const) await applyEditorialEvent(t.db, { videoId: video.id, event });
    await t.db.mediaRendition.deleteMany({ where: { mediaId, kind: 'AUDIO' } });
    await store.removeRenditions(mediaId);
    await t.db.mediaRendition.deleteMany({ where: { mediaId } });
    expect((await requeueUnfinishedWork(t.db)).renditions).toBeGreaterThanOrEqual(1);
    await renditionsOf(mediaId, 3);
    expect(await store.size(mediaId, 'LIGHT')).toBeGreaterThan(0);
    expect(await store.size(mediaId, 'AUDIO')).toBeGreaterThan(0);
  });

  it('keeps nothing it made while the message was being withdrawn', async () => {
    // The file's own job is not run here: this test plays it, and withdraws the message while ffmpeg works.
    await worker.stop(2000);
    try {
      const media = await createReadyMedia(t.db, '001272');
      await t.db.mediaFile.update({ where: { id: media.id }, data: { audioCodec: 'aac', durationMs: 6000 } });
      if (settings.s3) {
        const client = new S3Client({ region: 'eu-south-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: settings.s3.credentials });
        await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: media.id, Body: readFileSync(landscape) }));
      } else {
        mkdirSync(settings.directory, { recursive: true });
        copyFileSync(landscape, mediaFile(settings, media.id));
      }
      const video = await t.db.video.create({
        data: { municipalityIstat: '001272', title: 'Ritirato mentre si codifica', mediaId: media.id, consentGiven: true },
      });
      for (const event of ['submit', 'approve', 'publish'] as const) await applyEditorialEvent(t.db, { videoId: video.id, event });
      const making = syncRenditions(t.db, store, settings, media.id);
      // ffmpeg is writing its output in the scratch folder: the withdrawal comes now.
      await vi.waitFor(() => expect(readdirSync(settings.scratchDirectory).some((name) => name.startsWith(`${media.id}-`))).toBe(true), {
        timeout: 30_000,
        interval: 20,
      });
      await applyEditorialEvent(t.db, { videoId: video.id, event: 'withdraw', reason: 'superato' });
      await making;
      expect(await t.db.mediaRendition.count({ where: { mediaId: media.id } })).toBe(0);
      expect(await store.size(media.id, 'LIGHT')).toBeNull();
      expect(await store.size(media.id, 'AUDIO')).toBeNull();
    } finally {
      worker = await startTestWorker(t, { store, uploads: settings, kinds: ['event.deliver', 'media.check', 'media.renditions'] });
    }
  });
});
