/*
 * Issue 15's alerts at scale: 10,000 confirmed e-mail subscribers of one
 * comune; a message of that comune is published (the editorial step records
 * `message.published`, as staff's approval does) and the workers' real
 * handlers take it from there: the `alerts` subscriber, the chain of
 * `alerts.fanout` batches, one `alerts.deliver` job per mail, to a local SMTP
 * catcher. Prints, with 1 and then 2 workers (in this process, each with the
 * portal's own concurrency):
 *  - seconds from the publication to the last alert received by the catcher;
 *  - a ratio against the same number of mails sent straight to the catcher
 *    with as many in flight as the workers allow, measured in the same run;
 *  - peak memory of the process while it works, above what it used before
 *    (the batches read 500 subscribers at a time: it should not grow with them);
 *  - how many addresses got the alert twice (must be 0) or never (must be 0).
 *
 *   VC_LOG_LEVEL=warn npx tsx bench/alerts-fanout.ts [--subscribers 10000]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { subjectColumns } from '../lib/alerts/subject';
import { createDb } from '../lib/db/client';
import { deployFor } from '../lib/db/deploy';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { JOB_KINDS } from '../lib/jobs/kinds';
import { closeJobQueue, jobQueueClient } from '../lib/jobs/queue';
import { startJobWorker } from '../lib/jobs/worker';
import { mailSender } from '../lib/mail/send';
import { mediaStore } from '../lib/uploads/media-store';
import { uploadSettings } from '../lib/uploads/settings';
import { jobHandlers } from '../lib/worker/handlers';
import { syncSettings } from '../lib/youtube/sync-steps';
import { startSmtpCatcher } from '../scripts/support/smtp-catcher';
import { createMunicipality, createVideo, ensureArea } from '../tests/support/fixtures';

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '10000' } } });
const total = Number(values.subscribers);
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vc-bench-alerts-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), ephemeral: true });
  try {
    await deployFor(pg.url, pg.ownerUrl);
    await jobQueueClient(pg.url);
    const db = createDb(pg.url, 10);
    await ensureArea(db);
    await createMunicipality(db, '001272', 'Torino');
    const smtp = await startSmtpCatcher();
    const send = mailSender({ smtpUrl: smtp.url, from: 'avvisi@vocicomuni.test' });
    for (let from = 0; from < total; from += 1000) {
      await db.alertSubscription.createMany({
        data: Array.from({ length: Math.min(1000, total - from) }, (_, k) => ({
          email: `cittadino-${from + k}@comuni.test`,
          ...subjectColumns({ kind: 'municipality', istat: '001272' }),
          frequency: 'IMMEDIATE' as const,
          locale: 'it',
          token: randomBytes(32).toString('base64url'),
        })),
      });
    }

    // Baseline: the same number of mails straight to the catcher, as many in flight as two workers allow.
    const kind = JOB_KINDS['alerts.deliver'];
    const inFlight = 2 * kind.concurrency * (kind.batch ?? 1);
    const directStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < total) {
          const i = next++;
          await send({ to: `direct-${i}@comuni.test`, subject: 'Avviso', text: 'Testo', html: '<p>Testo</p>' });
        }
      }),
    );
    const directSeconds = (performance.now() - directStart) / 1000;
    console.log(`subscribers: ${total} of one comune`);
    console.log(`baseline, straight to SMTP with ${inFlight} in flight: ${directSeconds.toFixed(1)} s`);

    const settings = uploadSettings(dir);
    for (const workerCount of [1, 2]) {
      const handlers = jobHandlers({
        db,
        publicUrl: 'https://voci.example.it',
        sendMail: send,
        store: await mediaStore(settings),
        uploads: settings,
        youtube: { target: null, settings: syncSettings(settings) },
        refreshEveryMs: 3600_000,
      });
      const workers = await Promise.all(
        Array.from({ length: workerCount }, () =>
          startJobWorker({ databaseUrl: pg.url, handlers, kinds: ['event.deliver', 'alerts.fanout', 'alerts.deliver', 'mail.deliver'] }),
        ),
      );
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
      const started = performance.now();
      const video = await createVideo(db, { municipality: '001272', title: `Spesa a domicilio (${workerCount})`, status: 'PUBLISHED' });
      // Every subscriber has been told of each run's message: `round` alerts each, by the end of this one.
      const round = workerCount;
      const told = () => [...smtp.received].filter(([address, n]) => address.startsWith('cittadino-') && n >= round).length;
      while (told() < total && performance.now() - started < 600_000) await new Promise((resolve) => setTimeout(resolve, 100));
      const seconds = (performance.now() - started) / 1000;
      // A little longer, for a mail that would arrive twice.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      clearInterval(sampler);
      await Promise.all(workers.map((w) => w.stop(5000)));
      const counts = [...smtp.received].filter(([address]) => address.startsWith('cittadino-')).map(([, n]) => n);
      const twice = counts.filter((n) => n > round).length;
      const never = total - counts.filter((n) => n >= round).length;
      console.log(
        `${workerCount} worker(s): publication → last alert ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)} mails/s, ratio to baseline ${(directSeconds / seconds).toFixed(2)}); ` +
          `peak memory +${mb(peak - before)} MB over ${mb(before)} MB; twice: ${twice}; never: ${never}; outbox rows left: ${await db.mailOutbox.count({ where: { videoId: video.id } })}`,
      );
      if (twice || never) process.exitCode = 1;
    }
    smtp.close();
    await db.$disconnect();
    await closeJobQueue();
  } finally {
    await pg.stop();
  }
}

void main();
