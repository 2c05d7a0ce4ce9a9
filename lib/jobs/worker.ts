import { PgBoss, type Job, type JobResult } from 'pg-boss';
import { processLog } from '../observability/log';
import { JOB_KIND_NAMES, JOB_KINDS, keyOf, type JobKindName, type JobPayload } from './kinds';
import { bossOptions } from './queue';

/*
 * A worker process's side of the queue: every kind has its handler, runs as
 * many at once as its kind allows, and is retried with backoff when the
 * handler throws. A handler can also ask to run again later without counting
 * a failure (a YouTube step waiting for processing, the quota, the channel).
 * Schedules are pg-boss's own: across all workers a scheduled kind is queued
 * once per tick.
 */

/** Run the same work again later, without counting a failure; with another payload when the handler says (why it waits). */
export interface RunAgain<K extends JobKindName = JobKindName> {
  at: Date;
  payload?: JobPayload<K>;
}

export interface JobContext {
  id: string;
  retryCount: number;
  signal: AbortSignal;
}

export type JobHandler<K extends JobKindName> = (payload: JobPayload<K>, job: JobContext) => Promise<RunAgain<K> | void>;
export type JobHandlers = { [K in JobKindName]: JobHandler<K> };

export interface JobWorkerOptions {
  databaseUrl: string;
  handlers: JobHandlers;
  /** How often the queue looks for jobs whose worker stopped sending heartbeats (tests shorten it). */
  superviseSeconds?: number;
  /** Kinds this worker takes (all by default). */
  kinds?: readonly JobKindName[];
}

export interface JobWorker {
  /** Stops taking jobs, lets running ones finish within `graceMs`, then releases the rest to other workers. */
  stop(graceMs: number): Promise<void>;
}

export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  const superviseSeconds = options.superviseSeconds ?? 10;
  const boss = new PgBoss({
    ...bossOptions('worker'),
    connectionString: options.databaseUrl,
    superviseIntervalSeconds: superviseSeconds,
    monitorIntervalSeconds: superviseSeconds,
  });
  const log = processLog('worker');
  boss.on('error', (error) => log.error({ err: error }, 'job queue'));
  await boss.start();
  for (const name of options.kinds ?? JOB_KIND_NAMES) {
    const kind = JOB_KINDS[name];
    if ('schedule' in kind && kind.schedule) await boss.schedule(name, kind.schedule, {}, { tz: 'Europe/Rome' });
    const handle = options.handlers[name] as JobHandler<JobKindName>;
    const batch = 'batch' in kind && kind.batch ? kind.batch : 1;
    const work = {
      localConcurrency: kind.concurrency,
      batchSize: batch,
      burstWhenBatchFull: batch > 1,
      pollingIntervalSeconds: 2,
      notifyPollingIntervalSeconds: 2,
      perJobResults: true,
    } as const;
    await boss.work(name, work, async (jobs: Job<unknown>[]): Promise<JobResult[]> => {
      const results: JobResult[] = [];
      // Each settled on its own: a failure retries that job only, never one already done.
      const runOne = async (job: Job<unknown>) => {
        const { requestId, ...data } = job.data as { requestId?: unknown };
        const jobLog = log.child({ job: name, jobId: job.id, try: job.retryCount + 1, ...(typeof requestId === 'string' ? { requestId } : {}) });
        const started = performance.now();
        try {
          const payload = kind.payload.parse(data) as JobPayload<JobKindName>;
          const again = await handle(payload, { id: job.id, retryCount: job.retryCount, signal: job.signal });
          if (again) await runAgain(boss, name, payload, again);
          results.push({ id: job.id, status: 'completed' });
          jobLog.info({ ms: Math.round(performance.now() - started), ...(again ? { again: again.at, next: again.payload } : {}) }, 'job done');
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          jobLog.warn({ ms: Math.round(performance.now() - started), err: error }, 'job failed');
          results.push({ id: job.id, status: 'failed', output: { message } });
        }
      };
      if ('parallel' in kind && kind.parallel) await Promise.all(jobs.map(runOne));
      else for (const job of jobs) await runOne(job);
      return results;
    });
  }
  return {
    async stop(graceMs) {
      await boss.stop({ graceful: true, timeout: graceMs });
    },
  };
}

/** The same work queued again for later; with one-at-a-time kinds this is the key's one queued job. */
async function runAgain(boss: PgBoss, name: JobKindName, payload: JobPayload<JobKindName>, again: RunAgain): Promise<void> {
  const data = JOB_KINDS[name].payload.parse(again.payload ?? payload) as JobPayload<JobKindName>;
  const singletonKey = keyOf(name, data);
  await boss.send(name, data, { startAfter: again.at, ...(singletonKey ? { singletonKey } : {}) });
}
