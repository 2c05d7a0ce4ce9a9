import type { JobKindName } from '@/lib/jobs/kinds';
import { startJobWorker, type JobWorker } from '@/lib/jobs/worker';
import { uploadSettings } from '@/lib/uploads/settings';
import { mediaStore } from '@/lib/uploads/media-store';
import { jobHandlers, type WorkerDependencies } from '@/lib/worker/handlers';
import { syncSettings } from '@/lib/youtube/sync-steps';
import type { TestDatabase } from './database';

/**
 * A worker on a test's own database, with the real handlers of every kind;
 * what a test does not give is the default of a portal without mail or
 * YouTube. The queue looks for dead workers every second.
 */
export async function startTestWorker(
  t: TestDatabase,
  deps: Partial<WorkerDependencies> & { dataDir?: string; kinds?: readonly JobKindName[] } = {},
): Promise<JobWorker> {
  const folder = uploadSettings(deps.dataDir ?? '/nonexistent');
  const uploads = deps.uploads ?? folder;
  return startJobWorker({
    databaseUrl: t.url,
    superviseSeconds: 1,
    kinds: deps.kinds,
    handlers: jobHandlers({
      db: t.db,
      publicUrl: 'http://portal.test',
      sendMail: null,
      store: deps.store ?? (await mediaStore(folder)),
      youtube: { target: null, settings: syncSettings(folder) },
      refreshEveryMs: 3600_000,
      ...deps,
      uploads,
    }),
  });
}

/** Resolves once every domain event's subscribers have done their work (the worker of the test runs them). */
export async function eventsHeard(t: TestDatabase, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await t.db.$queryRaw<Array<{ waiting: bigint }>>`
      SELECT count(*) AS waiting FROM pgboss.job WHERE name = 'event.deliver' AND state IN ('created', 'retry', 'active')`;
    if (row?.waiting === 0n) return;
    if (Date.now() > deadline) throw new Error(`${row?.waiting} domain events still wait for their subscribers`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Lets the subscribers hear every event recorded so far (a worker that runs only them, for as long as that takes). */
export async function hearEvents(t: TestDatabase): Promise<void> {
  const worker = await startTestWorker(t, { kinds: ['event.deliver'] });
  try {
    await eventsHeard(t);
  } finally {
    await worker.stop(1000);
  }
}
