import { hostname } from 'node:os';
import type { Db, Tx } from '../db/client';

/*
 * A job queue in PostgreSQL (no other service to run). A job is a kind and a
 * key (e.g. youtube.sync + a message id), unique while pending: enqueueing it
 * again only brings it forward. Workers claim due jobs with FOR UPDATE SKIP
 * LOCKED under a lease, so several can run at once and a job whose worker died
 * is picked up again when its lease ends.
 */

export interface ClaimedJob {
  id: bigint;
  kind: string;
  key: string;
  runAt: Date;
  attempts: number;
}

export function workerId(): string {
  return `${hostname()}:${process.pid}`;
}

export async function enqueueJob(tx: Tx | Db, kind: string, key: string, runAt = new Date()): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "job" ("kind", "key", "run_at") VALUES (${kind}, ${key}, ${runAt})
    ON CONFLICT ("kind", "key") DO UPDATE SET "run_at" = LEAST("job"."run_at", EXCLUDED."run_at"), "waiting_for" = NULL`;
}

export async function claimJob(db: Db, worker: string, kinds: readonly string[], leaseMs: number, now = new Date()): Promise<ClaimedJob | null> {
  const rows = await db.$queryRaw<Array<{ id: bigint; kind: string; key: string; run_at: Date; attempts: number }>>`
    UPDATE "job" SET "locked_by" = ${worker}, "locked_until" = ${new Date(now.getTime() + leaseMs)}, "attempts" = "attempts" + 1
    WHERE "id" = (
      SELECT "id" FROM "job"
      WHERE "kind" = ANY(${[...kinds]}) AND "run_at" <= ${now} AND ("locked_until" IS NULL OR "locked_until" < ${now})
      ORDER BY "run_at" LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "kind", "key", "run_at", "attempts"`;
  const row = rows[0];
  return row ? { id: row.id, kind: row.kind, key: row.key, runAt: row.run_at, attempts: row.attempts } : null;
}

/** Keeps the lease while a long step (an upload) runs. */
export async function extendLease(db: Db, job: ClaimedJob, worker: string, leaseMs: number): Promise<void> {
  await db.job.updateMany({ where: { id: job.id, lockedBy: worker }, data: { lockedUntil: new Date(Date.now() + leaseMs) } });
}

/** Done: removed, unless it was enqueued again while it ran (then it runs again). */
export async function completeJob(db: Db, job: ClaimedJob): Promise<void> {
  const removed = await db.job.deleteMany({ where: { id: job.id, runAt: job.runAt } });
  if (removed.count === 0) await db.job.updateMany({ where: { id: job.id }, data: { lockedBy: null, lockedUntil: null, attempts: 0 } });
}

/** Not done: runs again at `runAt`; `waitingFor` tells staff why. */
export async function deferJob(db: Db, job: ClaimedJob, runAt: Date, waitingFor: string | null, error: string | null, resetAttempts = false): Promise<void> {
  await db.job.updateMany({
    where: { id: job.id },
    data: { runAt, waitingFor, lastError: error?.slice(0, 1000) ?? null, lockedBy: null, lockedUntil: null, ...(resetAttempts ? { attempts: 0 } : {}) },
  });
}

/** Exponential backoff with full jitter: 0.5–1.5 × base·2^(attempt−1), at most `maxMs`. */
export function backoffMs(attempt: number, baseMs = 5_000, maxMs = 30 * 60_000, random = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.5 + random()));
}
