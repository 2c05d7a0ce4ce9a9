/*
 * How long the demo takes to seed now that its messages have real videos
 * (issue 13: at most 60 s on this machine). Two fresh databases in one run:
 *  - baseline: the demo messages with captions only (as without ffmpeg);
 *  - with videos: each clip rendered by ffmpeg, written through the tus
 *    datastore and inspected (ffprobe, poster) as an upload is.
 * Prints both times, their ratio, the time per video and the bytes written.
 *
 *   npx tsx bench/demo-seed.ts
 */
import { mkdtempSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../lib/db/client';
import { deployFor } from '../lib/db/deploy';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { closeJobQueue, jobQueueClient } from '../lib/jobs/queue';
import { seedDemoContent, type DemoMedia } from '../lib/seed/demo';
import { seedReferenceData } from '../lib/seed/reference';
import { defaultSharedGeoDir, ensureAreaMap } from '../lib/setup/prepare';
import { mediaStore } from '../lib/uploads/media-store';
import { uploadSettings } from '../lib/uploads/settings';

async function timedSeed(dir: string, withVideos: boolean): Promise<{ seconds: number; messages: number; bytes: number }> {
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, withVideos ? 'pg-videos' : 'pg-plain'), ephemeral: true });
  try {
    await deployFor(pg.url, pg.ownerUrl);
    // Publication records domain events, whose jobs go through this process's client of the queue (as in prepare()).
    await jobQueueClient(pg.url);
    const db = createDb(pg.url, 4);
    const map = await ensureAreaMap({ areaCode: '001', mapDir: path.join(dir, 'map'), sharedGeoDir: defaultSharedGeoDir(process.cwd()) });
    await seedReferenceData(db, map);
    const uploads = uploadSettings(path.join(dir, withVideos ? 'data-videos' : 'data-plain'));
    const media: DemoMedia | null = withVideos ? { store: await mediaStore(uploads), limits: uploads.limits } : null;
    const started = performance.now();
    const messages = await seedDemoContent(db, { media });
    const seconds = (performance.now() - started) / 1000;
    await db.$disconnect();
    const files = withVideos ? await readdir(uploads.directory) : [];
    let bytes = 0;
    for (const file of files) bytes += (await stat(path.join(uploads.directory, file))).size;
    return { seconds, messages, bytes };
  } finally {
    await closeJobQueue();
    await pg.stop();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vc-bench-seed-'));
  const plain = await timedSeed(dir, false);
  const videos = await timedSeed(dir, true);
  console.log(`demo messages: ${videos.messages}`);
  console.log(`baseline (captions, no video): ${plain.seconds.toFixed(1)} s`);
  console.log(`with real videos: ${videos.seconds.toFixed(1)} s (${(videos.seconds / plain.seconds).toFixed(1)}× the baseline; goal ≤ 60 s)`);
  console.log(`per video: ${((videos.seconds - plain.seconds) / videos.messages).toFixed(2)} s; written: ${(videos.bytes / 1e6).toFixed(1)} MB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
