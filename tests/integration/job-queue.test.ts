import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JOB_KIND_NAMES } from '@/lib/jobs/kinds';
import { enqueue } from '@/lib/jobs/queue';
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
  });

  it('refuses a payload that does not match its kind before anything is written', async () => {
    await expect(enqueue(t.db, 'mail.deliver', { outboxId: 'x; DROP TABLE job' })).rejects.toThrow();
  });
});
