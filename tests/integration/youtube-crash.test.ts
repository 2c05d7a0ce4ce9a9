import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { addDerivedSettings } from '@/lib/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@/lib/db/embedded';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import type { YoutubeTarget } from '@/lib/youtube/api';
import { connectChannel } from '@/lib/youtube/channel';
import { syncMarker } from '@/lib/youtube/metadata';
import { createStandin, STANDIN_CLIENT_ID, type Standin } from '@/lib/youtube/standin/server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createMunicipality, createTheme, createUser, placeMedia } from '../support/fixtures';
import { makeTestMedia } from '../support/media';

let t: TestDatabase;
let standin: Standin;
let server: Server;
let standinUrl: string;
let dataDir: string;

beforeAll(async () => {
  addDerivedSettings({ VC_TOKEN_KEY: randomBytes(32).toString('base64') });
  t = await createTestDatabase();
  await createMunicipality(t.db, '001272', 'Torino');
  await createTheme(t.db, 'solidarieta', 'Solidarietà', 'Solidarity');
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vc-crash-'));
  // A slow line (1 MB/s), so that kills land in the middle of uploads.
  standin = createStandin({ dataDir: path.join(dataDir, 'standin'), processingMs: 200, uploadBytesPerSecond: 1_000_000 });
  server = createServer((req, res) => standin.handle(req, res));
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  standinUrl = `http://127.0.0.1:${port}/`;
  const target: YoutubeTarget = {
    standinRoot: standinUrl,
    clientId: STANDIN_CLIENT_ID,
    clientSecret: standin.clientSecret,
    authUrl: `${standinUrl}o/oauth2/v2/auth`,
    tokenUrl: `${standinUrl}token`,
  };
  const admin = await createUser(t.db, { role: 'ADMIN' });
  await connectChannel(t.db, target, standin.issueRefreshToken(), admin.user.id);
});
afterAll(async () => {
  server?.close();
  await t.drop();
});

function startWorker(): ChildProcess {
  // The worker itself (not tsx's wrapper process), so that SIGKILL hits the process doing the upload.
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      VC_DATA_DIR: dataDir,
      VC_PUBLIC_URL: 'http://portal.test',
      VC_YOUTUBE_STANDIN_URL: standinUrl,
      VC_YOUTUBE_STANDIN_SECRET: standin.clientSecret,
      VC_YOUTUBE_CHUNK_BYTES: String(256 * 1024),
      VC_YOUTUBE_POLL_MS: '100',
      VC_WORKER_SUPERVISE_SECONDS: '1',
      VC_EXIT_WITH_PARENT: '1',
    },
    stdio: 'ignore',
  });
}

function kill(worker: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (worker.exitCode !== null || worker.signalCode !== null) return resolve();
    worker.once('exit', () => resolve());
    worker.kill('SIGKILL');
  });
}

describe('a worker killed mid-upload', () => {
  it('leaves every approved message on YouTube exactly once, complete, after 6 SIGKILLs at random moments', async () => {
    const media = makeTestMedia();
    const moderator = await createUser(t.db, { role: 'MODERATOR' });
    const messages = [];
    for (let i = 0; i < 3; i++) {
      const file = await placeMedia(t.db, dataDir, '001272', media.big);
      const video = await t.db.video.create({
        data: { municipalityIstat: '001272', title: `Messaggio ${i} resistente`, mediaId: file.id, consentGiven: true },
      });
      await applyEditorialEvent(t.db, { videoId: video.id, event: 'submit' });
      await applyEditorialEvent(t.db, { videoId: video.id, event: 'approve', actorId: moderator.user.id });
      await applyEditorialEvent(t.db, { videoId: video.id, event: 'publish', actorId: moderator.user.id });
      messages.push({ video, file });
    }

    const killedAt: string[] = [];
    const progress = async () => (await t.db.youtubeSync.aggregate({ _sum: { bytesConfirmed: true } }))._sum.bytesConfirmed ?? 0n;
    for (let i = 0; i < 6; i++) {
      const worker = startWorker();
      // Once it uploads (a job of a killed worker comes back when its heartbeats stop), anywhere in the next 1.5 s.
      const before = await progress();
      const deadline = Date.now() + 40_000;
      while ((await progress()) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, Math.random() * 1500));
      const states = await t.db.youtubeSync.findMany({ select: { state: true, bytesConfirmed: true } });
      killedAt.push(states.map((s) => `${s.state}:${s.bytesConfirmed}`).join(' '));
      await kill(worker);
    }
    // Most kills must have hit an upload in progress, or the test proves little.
    expect(killedAt.filter((line) => /UPLOADING:[1-9]/.test(line)).length, killedAt.join('\n')).toBeGreaterThanOrEqual(3);

    const last = startWorker();
    try {
      const deadline = Date.now() + 90_000;
      while ((await t.db.youtubeSync.count({ where: { state: 'LIVE' } })) < messages.length) {
        if (Date.now() > deadline)
          throw new Error(`not all live: ${JSON.stringify(await t.db.youtubeSync.findMany({ select: { state: true, lastError: true } }))}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await kill(last);
    }

    const remote = Object.values(standin.state().videos);
    for (const { video, file } of messages) {
      const copies = remote.filter((v) => String(v.snippet.description ?? '').includes(syncMarker(video.id)));
      expect(copies, video.title).toHaveLength(1);
      expect(copies[0]!.bytes).toBe(Number(file.sizeBytes));
      expect(copies[0]!.sha256).toBe(file.sha256);
      const sync = await t.db.youtubeSync.findUniqueOrThrow({ where: { videoId: video.id } });
      expect(sync.youtubeVideoId).toBe(copies[0]!.id);
    }
    expect(remote).toHaveLength(messages.length);
  }, 400_000);
});
