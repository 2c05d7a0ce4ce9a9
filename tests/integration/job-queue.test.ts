import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JOB_KIND_NAMES } from '@/lib/jobs/kinds';
import { enqueue, failingJobs, jobQueueClient } from '@/lib/jobs/queue';
import { startJobWorker, type JobHandlers, type JobWorker } from '@/lib/jobs/worker';
import { createTestDatabase, type TestDatabase } from '../support/database';

let t: TestDatabase;
const workers: JobWorker[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop(1000)));
  await t.drop();
});

/** Handlers that record what they were given; kinds a test does not use fail loudly. */
function recording(runs: string[], overrides: Partial<JobHandlers> = {}): JobHandlers {
  const refuse = async () => {
    throw new Error('not expected in this test');
  };
  const all = Object.fromEntries(JOB_KIND_NAMES.map((name) => [name, refuse])) as unknown as JobHandlers;
  return {
    ...all,
    'mail.deliver': async ({ outboxId }) => {
      runs.push(outboxId);
    },
    ...overrides,
  };
}

describe('the job queue', () => {
  it('runs a job added in a committed transaction exactly once across two workers, and never one rolled back', async () => {
    const runs: string[] = [];
    for (let i = 0; i < 2; i++) workers.push(await startJobWorker({ databaseUrl: t.url, handlers: recording(runs), kinds: ['mail.deliver'] }));
    await t.db.$transaction(async (tx) => {
      for (let i = 1; i <= 20; i++) await enqueue(tx, 'mail.deliver', { outboxId: String(i) });
    });
    await t.db
      .$transaction(async (tx) => {
        await enqueue(tx, 'mail.deliver', { outboxId: '999' });
        throw new Error('the change failed');
      })
      .catch(() => {});
    await vi.waitFor(() => expect(runs.length).toBe(20), { timeout: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect([...runs].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    await Promise.all(workers.splice(0).map((w) => w.stop(1000)));
  });

  it('keeps showing a job that used up its tries, once per key, until its work is queued again', async () => {
    const mediaId = 'f'.repeat(32);
    const worker = await startJobWorker({
      databaseUrl: t.url,
      kinds: ['media.check'],
      handlers: recording([], {
        'media.check': async () => {
          throw new Error('spawn ffprobe ENOENT');
        },
      }),
    });
    workers.push(worker);
    // Its last try (no retries left), as after twelve failed ones.
    await (await jobQueueClient(t.url)).send('media.check', { mediaId }, { retryLimit: 0, singletonKey: mediaId });
    await vi.waitFor(
      async () =>
        expect((await failingJobs('media.check')).filter((j) => j.payload.mediaId === mediaId)).toEqual([
          expect.objectContaining({ attempts: 1, lastError: 'spawn ffprobe ENOENT' }),
        ]),
      { timeout: 15_000, interval: 200 },
    );
    await Promise.all(workers.splice(0).map((w) => w.stop(1000)));
  });

  it('refuses a payload that does not match its kind before anything is written', async () => {
    await expect(enqueue(t.db, 'mail.deliver', { outboxId: 'x; DROP TABLE job' })).rejects.toThrow();
  });
});

describe('work left without a job', () => {
  it('is queued again when a worker starts: files being checked and unsent mail, never twice', async () => {
    const { requeueUnfinishedWork } = await import('@/lib/worker/requeue');
    const { queuedJobs } = await import('@/lib/jobs/queue');
    const { createMunicipality, createUser } = await import('../support/fixtures');
    await t.db.$executeRaw`DELETE FROM pgboss.job`;
    await createMunicipality(t.db, '001272', 'Torino');
    const mayor = await createUser(t.db, { role: 'MAYOR', municipality: '001272' });
    const file = await t.db.mediaFile.create({
      data: { id: 'c'.repeat(32), uploaderId: mayor.user.id, municipalityIstat: '001272', status: 'CHECKING', originalName: 'a.mp4', sizeBytes: 1n },
    });
    const mail = await t.db.mailOutbox.create({ data: { recipient: 'sindaco@comune.test', subject: 'Prima', text: 'x', kind: 'test' } });
    await t.db.mailOutbox.create({ data: { recipient: 'sindaco@comune.test', subject: 'Già inviata', text: 'x', kind: 'test', sentAt: new Date() } });

    expect(await requeueUnfinishedWork(t.db)).toMatchObject({ media: 1, mails: 1 });
    await requeueUnfinishedWork(t.db);
    expect((await queuedJobs('media.check')).map((j) => j.payload.mediaId)).toEqual([file.id]);
    const mailJobs = await t.db.$queryRaw<Array<{ outboxId: string }>>`SELECT data->>'outboxId' AS "outboxId" FROM pgboss.job WHERE name = 'mail.deliver'`;
    expect(mailJobs.map((j) => j.outboxId)).toEqual([mail.id.toString()]);
  });
});
