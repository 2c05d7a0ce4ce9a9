/*
 * Issue 15's alerts at scale: 10,000 confirmed e-mail subscribers and 10,000
 * browsers subscribed to push notifications of one comune; a message of that comune is published (the editorial step records
 * `message.published`, as staff's approval does) and the workers' real
 * handlers take it from there: the `alerts` subscriber, the chain of
 * `alerts.fanout` batches, one `alerts.deliver` job per mail, to a local SMTP
 * catcher; the `push` subscriber, the chain of `push.fanout` batches, one
 * `push.send` job per batch, to a local push service (web-push-testing, which
 * checks every push's VAPID signature and decrypts it, in a process of its own
 * as a real one is elsewhere).
 * Prints, with 1 and then 2 workers (in this process, each with the portal's
 * own concurrency):
 *  - seconds from the publication to the last alert received by the catcher,
 *    and to the last push received by the push service;
 *  - ratios against the same number of mails, and of pushes, sent straight to
 *    the catcher and the service with as many in flight as the workers allow,
 *    measured in the same run;
 *  - peak memory of the process while it works, above what it used before
 *    (the batches read 500 subscribers at a time: it should not grow with them);
 *  - how many addresses and browsers got the alert twice (must be 0) or never (must be 0).
 *
 *   VC_LOG_LEVEL=warn npx tsx bench/alerts-fanout.ts [--subscribers 10000] [--browsers 10000]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import webpush from 'web-push';
import { sendPush } from '../lib/alerts/push-send';
import { subjectColumns } from '../lib/alerts/subject';
import { addDerivedSettings } from '../lib/config';
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
import { pushServiceAt, type LocalSubscription } from '../tests/support/push-service';

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '10000' }, browsers: { type: 'string', default: '10000' } } });
const total = Number(values.subscribers);
const browsers = Number(values.browsers);
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
    const pushProcess = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'tests/support/push-service-main.ts'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const [line] = (await once(createInterface({ input: pushProcess.stdout! }), 'line')) as [string];
    const pushService = pushServiceAt(line.trim());
    const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:urp@example.org' };
    addDerivedSettings({ VC_VAPID_PUBLIC_KEY: vapid.publicKey, VC_VAPID_PRIVATE_KEY: vapid.privateKey, VC_PUSH_SERVICES: pushService.origin });
    const pushSettings = { vapid, services: [pushService.origin] };
    const subscriptions: LocalSubscription[] = [];
    for (let from = 0; from < browsers; from += 500) {
      subscriptions.push(...(await Promise.all(Array.from({ length: Math.min(500, browsers - from) }, () => pushService.subscribe(vapid.publicKey)))));
    }
    for (let from = 0; from < browsers; from += 1000) {
      const chunk = subscriptions.slice(from, from + 1000);
      await db.pushSubscription.createMany({ data: chunk.map((s) => ({ endpoint: s.endpoint, ...s.keys, locale: 'it' })) });
      const rows = await db.pushSubscription.findMany({ where: { endpoint: { in: chunk.map((s) => s.endpoint) } }, select: { id: true } });
      await db.pushFollow.createMany({ data: rows.map((row) => ({ subscriptionId: row.id, ...subjectColumns({ kind: 'municipality', istat: '001272' }) })) });
    }
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
    // Baseline for pushes: each browser's push (encrypted, signed) straight to the service, 32 in flight per batch and two batches at once, as two workers send.
    const pushInFlight = 2 * 32;
    const payload = JSON.stringify({
      title: 'Nuovo messaggio del Comune di Torino',
      body: 'Baseline',
      url: 'https://voci.example.it/it',
      tag: 'baseline',
      lang: 'it',
    });
    const directPushStart = performance.now();
    let nextPush = 0;
    await Promise.all(
      Array.from({ length: pushInFlight }, async () => {
        while (nextPush < browsers) {
          const s = subscriptions[nextPush++]!;
          if ((await sendPush({ endpoint: s.endpoint, ...s.keys }, payload, pushSettings)) !== 'sent') throw new Error('baseline push not sent');
        }
      }),
    );
    const directPushSeconds = (performance.now() - directPushStart) / 1000;
    console.log(`subscribers: ${total} e-mail addresses and ${browsers} browsers of one comune`);
    console.log(`baseline, straight to SMTP with ${inFlight} in flight: ${directSeconds.toFixed(1)} s`);
    console.log(`baseline, straight to the push service with ${pushInFlight} in flight: ${directPushSeconds.toFixed(1)} s`);

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
          startJobWorker({
            databaseUrl: pg.url,
            handlers,
            kinds: ['event.deliver', 'alerts.fanout', 'alerts.deliver', 'mail.deliver', 'push.fanout', 'push.send'],
          }),
        ),
      );
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
      const started = performance.now();
      const video = await createVideo(db, { municipality: '001272', title: `Spesa a domicilio (${workerCount})`, status: 'PUBLISHED' });
      // Every subscriber has been told of each run's message: `round` alerts each, by the end of this one (plus the baseline's push).
      const round = workerCount;
      const told = () => [...smtp.received].filter(([address, n]) => address.startsWith('cittadino-') && n >= round).length;
      const pushed = async () => (await pushService.counts()).filter((n) => n >= round + 1).length;
      let seconds = 0;
      let pushSeconds = 0;
      while ((!seconds || !pushSeconds) && performance.now() - started < 600_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (!seconds && told() >= total) seconds = (performance.now() - started) / 1000;
        if (!pushSeconds && (await pushed()) >= browsers) pushSeconds = (performance.now() - started) / 1000;
      }
      // A little longer, for a mail that would arrive twice.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      clearInterval(sampler);
      await Promise.all(workers.map((w) => w.stop(5000)));
      const counts = [...smtp.received].filter(([address]) => address.startsWith('cittadino-')).map(([, n]) => n);
      const twice = counts.filter((n) => n > round).length;
      const never = total - counts.filter((n) => n >= round).length;
      const pushCounts = await pushService.counts();
      const pushedTwice = pushCounts.filter((n) => n > round + 1).length;
      const pushedNever = browsers - pushCounts.filter((n) => n >= round + 1).length;
      console.log(
        `${workerCount} worker(s): publication → last alert ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)} mails/s, ratio to baseline ${(directSeconds / seconds).toFixed(2)}), ` +
          `→ last push ${pushSeconds.toFixed(1)} s (${(browsers / pushSeconds).toFixed(0)} pushes/s, ratio to baseline ${(directPushSeconds / pushSeconds).toFixed(2)}); ` +
          `peak memory +${mb(peak - before)} MB over ${mb(before)} MB; twice: ${twice} mails, ${pushedTwice} pushes; never: ${never} mails, ${pushedNever} pushes; outbox rows left: ${await db.mailOutbox.count({ where: { videoId: video.id } })}`,
      );
      if (twice || never || pushedTwice || pushedNever) process.exitCode = 1;
    }
    smtp.close();
    pushProcess.stdin!.end();
    await db.$disconnect();
    await closeJobQueue();
  } finally {
    await pg.stop();
  }
}

void main();
