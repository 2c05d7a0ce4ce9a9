/*
 * The job queue under load: 10,000 mails (outbox rows, one `mail.deliver` job
 * each, added in transactions of 500 as invitations are) delivered by 2
 * workers to a local SMTP catcher, and prints
 *  - jobs per second, from the first job queued to the last mail received;
 *  - a ratio against the same mails sent straight to the catcher with the
 *    same number in flight as the workers allow (no database, no queue),
 *    measured in the same run: what the queue costs;
 *  - how many mails arrived twice (must be 0) and how many never (must be 0).
 *
 *   npx tsx bench/job-throughput.ts [--mails 10000] [--workers 2]
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '../lib/db/client';
import { deployFor } from '../lib/db/deploy';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { JOB_KINDS } from '../lib/jobs/kinds';
import { closeJobQueue, jobQueueClient } from '../lib/jobs/queue';
import { startJobWorker, type JobHandlers } from '../lib/jobs/worker';
import { mailSender, type OutgoingMail } from '../lib/mail/send';
import { deliverMail, enqueueMails } from '../lib/notifications/outbox';
import { startSmtpCatcher } from '../scripts/support/smtp-catcher';

const { values } = parseArgs({ options: { mails: { type: 'string', default: '10000' }, workers: { type: 'string', default: '2' } } });
const total = Number(values.mails);
const workerCount = Number(values.workers);

const mail = (i: number, run: string): OutgoingMail => ({
  to: `sindaco-${run}-${i}@comuni.test`,
  subject: `Messaggio ${i}`,
  text: `Testo del messaggio ${i}`,
  html: `<p>Testo del messaggio ${i}</p>`,
});

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vc-bench-jobs-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), ephemeral: true });
  try {
    await deployFor(pg.url, pg.ownerUrl);
    await jobQueueClient(pg.url);
    const db = createDb(pg.url, 8);
    const smtp = await startSmtpCatcher();
    const send = mailSender({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'bench@vocicomuni.test' });

    // Baseline: the same mails straight to the catcher, as many in flight as the workers will have.
    const kind = JOB_KINDS['mail.deliver'];
    const inFlight = workerCount * kind.concurrency * (kind.batch ?? 1);
    const directStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < total) await send(mail(next++, 'direct'));
      }),
    );
    const directSeconds = (performance.now() - directStart) / 1000;

    const handlers = {
      'mail.deliver': async ({ outboxId }: { outboxId: string }) => {
        await deliverMail(db, send, BigInt(outboxId));
      },
    } as unknown as JobHandlers;
    const workers = await Promise.all(Array.from({ length: workerCount }, () => startJobWorker({ databaseUrl: pg.url, handlers, kinds: ['mail.deliver'] })));
    const queuedStart = performance.now();
    for (let from = 0; from < total; from += 500) {
      const batch = Array.from({ length: Math.min(500, total - from) }, (_, k) => mail(from + k, 'queued'));
      await db.$transaction((tx) => enqueueMails(tx, 'bench', batch), { timeout: 60_000 });
    }
    const queuedSeconds = (performance.now() - queuedStart) / 1000;
    for (;;) {
      const sent = await db.mailOutbox.count({ where: { sentAt: { not: null } } });
      if (sent >= total) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - queuedStart) / 1000;
    await Promise.all(workers.map((w) => w.stop(5000)));

    const queued = [...smtp.received].filter(([address]) => address.includes('-queued-'));
    const twice = queued.filter(([, n]) => n > 1).length;
    const never = total - queued.length;
    console.log(`mails: ${total}, workers: ${workerCount}`);
    console.log(`queued (outbox rows + jobs, in transactions of 500): ${queuedSeconds.toFixed(1)} s`);
    console.log(`delivered through the queue: ${seconds.toFixed(1)} s = ${(total / seconds).toFixed(0)} jobs/s`);
    console.log(`baseline, straight to SMTP with ${inFlight} in flight: ${directSeconds.toFixed(1)} s = ${(total / directSeconds).toFixed(0)} mails/s`);
    console.log(`ratio queue / baseline: ${(directSeconds / seconds).toFixed(2)}`);
    console.log(`received twice: ${twice}; never received: ${never}`);
    smtp.close();
    await db.$disconnect();
    await closeJobQueue();
    if (twice || never) process.exitCode = 1;
  } finally {
    await pg.stop();
  }
}

void main();
