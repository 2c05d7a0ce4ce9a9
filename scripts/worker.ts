/*
 * A worker process: every background job of the portal (domain event
 * subscribers, mail, media inspection, upload cleanup, YouTube sync and
 * statistics) from the one job queue. The README's run command starts one next
 * to the web process; in production run as many as wanted (README, "Serving a network"):
 *   DATABASE_URL=… VC_TOKEN_KEY=… tsx scripts/worker.ts
 */
import { hostname } from 'node:os';
import { config } from '../lib/config';
import { createDb } from '../lib/db/client';
import { JOB_KIND_NAMES } from '../lib/jobs/kinds';
import { enqueue } from '../lib/jobs/queue';
import { startJobWorker } from '../lib/jobs/worker';
import { mailSender } from '../lib/mail/send';
import { mediaStore } from '../lib/uploads/media-store';
import { uploadSettings } from '../lib/uploads/settings';
import { jobHandlers } from '../lib/worker/handlers';
import { requeueUnfinishedWork } from '../lib/worker/requeue';
import { youtubeTarget } from '../lib/youtube/api';
import { syncSettings } from '../lib/youtube/sync-steps';

async function main(): Promise<void> {
  const { databaseUrl, mail, publicUrl, dataDir, shutdownGraceMs, worker: settings, exitWithParent } = config();
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const db = createDb(databaseUrl, 4);
  const uploads = uploadSettings(dataDir);
  const target = youtubeTarget();
  // A worker takes only work it can do: no YouTube jobs without a channel to talk to, no mail without a server.
  const kinds = JOB_KIND_NAMES.filter((kind) => (target || !kind.startsWith('youtube.')) && (mail.smtpUrl || kind !== 'mail.deliver'));
  const worker = await startJobWorker({
    databaseUrl,
    kinds,
    superviseSeconds: settings.superviseSeconds,
    handlers: jobHandlers({
      db,
      publicUrl,
      sendMail: mail.smtpUrl ? mailSender({ smtpUrl: mail.smtpUrl, from: mail.from }) : null,
      store: await mediaStore(uploads),
      uploads,
      youtube: { target, settings: syncSettings(uploads) },
      refreshEveryMs: settings.youtubeRefreshMs,
    }),
  });
  await requeueUnfinishedWork(db);
  // The refresh chain: one waits across all workers; this queues it if none does.
  if (target) await enqueue(db, 'youtube.refresh', {});
  console.log(
    `worker ${hostname()}:${process.pid}: YouTube ${target ? (target.standinRoot ? `stand-in at ${target.standinRoot}` : 'Data API') : 'not configured'}; mail ${mail.smtpUrl ? 'on' : 'off'}`,
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop(shutdownGraceMs);
    await db.$disconnect();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop());
  if (exitWithParent) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void stop();
    }, 1000).unref();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
