import { fromPrisma, PgBoss, type Queue } from 'pg-boss';
import type { Db, Tx } from '../db/client';
import { config } from '../config';
import { currentRequestId } from '../observability/request-id';
import { JOB_KIND_NAMES, JOB_KINDS, keyOf, type JobKindName, type JobPayload } from './kinds';

/*
 * The one job queue: pg-boss on the portal's own PostgreSQL (docs/ARCHITECTURE.md
 * says why). Its schema and queues are installed by the deployment step, as the
 * owner role; web processes only add jobs, inside the transaction of the change
 * that causes them, so a job exists exactly when its change was committed.
 */

export const JOB_SCHEMA = 'pgboss';

/** Options every process gives pg-boss: its own schema, never installing or maintaining anything unless asked. */
export function bossOptions(role: 'owner' | 'worker' | 'client') {
  return {
    schema: JOB_SCHEMA,
    application_name: `vocicomuni-${role}`,
    max: role === 'worker' ? 6 : 1,
    migrate: role === 'owner',
    createSchema: role === 'owner',
    // Maintenance and cron run in workers; rebuilding indexes would need the owner's rights.
    supervise: role === 'worker',
    schedule: role === 'worker',
    reindex: false,
    useListenNotify: role === 'worker',
  } as const;
}

export function queueOptions(name: JobKindName): Omit<Queue, 'name'> {
  const kind = JOB_KINDS[name];
  return {
    policy: 'oneAtATimePer' in kind ? 'stately' : 'standard',
    retryLimit: kind.retry.retryLimit,
    retryDelay: kind.retry.retryDelay,
    retryBackoff: true,
    retryDelayMax: kind.retry.retryDelayMax,
    expireInSeconds: kind.expireInSeconds,
    ...('heartbeatSeconds' in kind ? { heartbeatSeconds: kind.heartbeatSeconds } : {}),
    deleteAfterSeconds: 7 * 86400,
    notify: true,
  };
}

/**
 * As the owner, at deployment: pg-boss's schema (created or migrated), one
 * queue per kind with its retry policy, and the application role's rights on
 * the queue's tables (rows only, like the portal's own tables).
 */
export async function installJobQueue(ownerUrl: string, appRole: string | null): Promise<void> {
  const boss = new PgBoss({ ...bossOptions('owner'), connectionString: ownerUrl });
  boss.on('error', (error) => console.error('job queue install:', error));
  await boss.start();
  try {
    for (const name of JOB_KIND_NAMES) {
      if (await boss.getQueue(name)) await boss.updateQueue(name, updatableOptions(name));
      else await boss.createQueue(name, queueOptions(name));
    }
    if (appRole) {
      await boss.getDb().executeSql(`
        GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO "${appRole}";
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO "${appRole}";
        GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${JOB_SCHEMA} TO "${appRole}";
        GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} TO "${appRole}";`);
    }
  } finally {
    await boss.stop({ graceful: false });
  }
}

function updatableOptions(name: JobKindName) {
  const { retryLimit, retryDelay, retryBackoff, retryDelayMax, expireInSeconds, deleteAfterSeconds, notify } = queueOptions(name);
  return { retryLimit, retryDelay, retryBackoff, retryDelayMax, expireInSeconds, deleteAfterSeconds, notify };
}

let client: Promise<PgBoss> | null = null;

/**
 * This process's client of the queue (it reads the queues' definitions on a
 * small pool of its own; jobs are written on the caller's Prisma transaction).
 * The first call decides the database: a process talks to one.
 */
export function jobQueueClient(url = config().databaseUrl): Promise<PgBoss> {
  if (client) return client;
  if (!url) throw new Error('DATABASE_URL is not set');
  const boss = new PgBoss({ ...bossOptions('client'), connectionString: url });
  boss.on('error', (error) => console.error('job queue:', error));
  const started = boss.start();
  client = started;
  started.catch(() => {
    if (client === started) client = null;
  });
  return started;
}

/** Closes this process's client (tests, before their database is dropped). */
export async function closeJobQueue(): Promise<void> {
  const held = client;
  client = null;
  await (await held?.catch(() => null))?.stop({ graceful: false });
}

/** A job's data: its payload, and the id of the request that queued it when there is one (for the logs). */
async function withRequestId(payload: object): Promise<object> {
  const requestId = await currentRequestId();
  return requestId ? { ...payload, requestId } : payload;
}

/** Adds a job in the caller's transaction (or at once, given the client). Returns null when the same work is already queued. */
export async function enqueue<K extends JobKindName>(tx: Tx | Db, name: K, payload: JobPayload<K>): Promise<string | null> {
  const data = JOB_KINDS[name].payload.parse(payload) as JobPayload<K>;
  const boss = await jobQueueClient();
  const singletonKey = keyOf(name, data);
  return boss.send(name, await withRequestId(data), { db: fromPrisma(tx), ...(singletonKey ? { singletonKey } : {}) });
}

/** Several jobs of one kind in one statement (the invitations of a CSV file). */
export async function enqueueMany<K extends JobKindName>(tx: Tx | Db, name: K, payloads: readonly JobPayload<K>[]): Promise<void> {
  if (!payloads.length) return;
  const kind = JOB_KINDS[name];
  const boss = await jobQueueClient();
  await boss.insert(name, await Promise.all(payloads.map(async (p) => ({ data: await withRequestId(kind.payload.parse(p) as object) }))), {
    db: fromPrisma(tx),
  });
}

export interface QueuedJob<K extends JobKindName> {
  payload: JobPayload<K>;
  /** When it runs next. */
  runAt: Date;
  /** Tries made so far. */
  attempts: number;
  /** Why the last try failed, when one did. */
  lastError: string | null;
}

/** What waits in a kind's queue (not yet run, or waiting to be tried again), oldest first: for staff pages. */
export async function queuedJobs<K extends JobKindName>(name: K, take = 100): Promise<QueuedJob<K>[]> {
  const boss = await jobQueueClient();
  const jobs = await boss.findJobs<JobPayload<K>>(name, { queued: true, limit: take });
  return jobs.map((job) => ({
    payload: job.data,
    runAt: job.startAfter,
    // pg-boss counts a retry when it is taken: one waiting in `retry` has been tried once more than it says.
    attempts: job.state === 'retry' ? job.retryCount + 1 : job.retryCount,
    lastError: typeof (job.output as { message?: unknown } | null)?.message === 'string' ? (job.output as { message: string }).message : null,
  }));
}

/**
 * Jobs of a kind that failed: those waiting to be tried again, and those that
 * used up their tries (the newest per key), which would otherwise vanish from
 * sight until someone queues them again.
 */
export async function failingJobs<K extends JobKindName>(name: K, take = 50): Promise<Array<QueuedJob<K> & { lastError: string }>> {
  const boss = await jobQueueClient();
  const { rows } = await boss.getDb().executeSql(
    `SELECT DISTINCT ON (coalesce(singleton_key, id::text)) data, state::text AS state, retry_count, output, start_after
     FROM ${JOB_SCHEMA}.job
     WHERE name = $1 AND state IN ('created', 'retry', 'failed') AND output ? 'message'
     ORDER BY coalesce(singleton_key, id::text), created_on DESC
     LIMIT $2`,
    [name, take],
  );
  return (rows as Array<{ data: JobPayload<K>; state: string; retry_count: number; output: { message: string }; start_after: Date }>).map((row) => ({
    payload: row.data,
    runAt: row.start_after,
    // pg-boss counts a retry when it is taken: one waiting in `retry` has been tried once more than it says.
    attempts: row.state === 'created' ? row.retry_count : row.retry_count + 1,
    lastError: row.output.message,
  }));
}

/** Runs the key's queued job now, or queues one (staff's "retry now", a channel connected again). One-at-a-time kinds only. */
export async function runNow<K extends JobKindName>(tx: Tx | Db, name: K, payload: JobPayload<K>): Promise<void> {
  const data = JOB_KINDS[name].payload.parse(payload) as JobPayload<K>;
  const singletonKey = keyOf(name, data);
  if (!singletonKey) throw new Error(`${name} jobs have no key`);
  const boss = await jobQueueClient();
  await boss.upsert(name, data, { singletonKey, startAfter: new Date(), db: fromPrisma(tx) });
}
