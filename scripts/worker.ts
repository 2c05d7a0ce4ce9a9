/*
 * The worker process: YouTube sync and statistics from the PostgreSQL job
 * queue. The README's run command starts one next to the web process; in
 * production run it on its own (several may run at once):
 *   DATABASE_URL=… VC_TOKEN_KEY=… tsx scripts/worker.ts
 */
import { createDb } from '../lib/db/client';
import { workerId } from '../lib/jobs/queue';
import { runWorker } from '../lib/worker/run';
import { youtubeTarget } from '../lib/youtube/api';
import { syncSettings } from '../lib/youtube/sync-steps';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const db = createDb(url, 3);
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop.abort());
  if (process.env.VC_EXIT_WITH_PARENT === '1') {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) stop.abort();
    }, 1000).unref();
  }
  const target = youtubeTarget();
  console.log(`worker ${workerId()}: YouTube ${target ? (target.standinRoot ? `stand-in at ${target.standinRoot}` : 'Data API') : 'not configured'}`);
  await runWorker({
    db,
    target,
    settings: syncSettings(),
    id: workerId(),
    refreshEveryMs: Number(process.env.VC_YOUTUBE_REFRESH_MS ?? 3600_000),
    leaseMs: Number(process.env.VC_WORKER_LEASE_MS ?? 5 * 60_000),
    signal: stop.signal,
  });
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
