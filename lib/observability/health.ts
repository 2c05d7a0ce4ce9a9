import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/client';
import { JOB_SCHEMA } from '../jobs/queue';
import type { MediaStore } from '../uploads/media-store';
import type { UploadSettings } from '../uploads/settings';

/*
 * Two questions a load balancer and an orchestrator ask a web process:
 * live (/api/health/live) — is the process answering at all (restart it if
 * not); ready (/api/health/ready) — can it serve: the database answers and
 * the media store is reachable. A process that is not ready gets no traffic
 * but is not restarted. How long the oldest job ready to run has waited (the
 * workers' lag) is reported beside, never a reason to take web processes out
 * of service: workers that fall behind are an alert (vc_jobs_oldest_ready_seconds
 * in /metrics), not a reason to stop serving pages.
 *
 * One check at a time per process, its answer kept for two seconds: a flood of
 * requests costs no more queries than one. Details (error texts name folders
 * and hosts) only to this machine; anyone else reads ready or not ready.
 */

export interface ReadinessCheck {
  ok: boolean;
  detail?: string;
  ms: number;
}

const PROBE_ID = '0'.repeat(32);

async function timed(work: () => Promise<string | undefined>): Promise<ReadinessCheck> {
  const started = performance.now();
  try {
    const detail = await Promise.race([work(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 3 s')), 3000).unref())]);
    return { ok: true, ...(detail ? { detail } : {}), ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error), ms: Math.round(performance.now() - started) };
  }
}

export async function readiness(db: Db, store: MediaStore, uploads: Pick<UploadSettings, 's3' | 'directory'>) {
  const [database, storage, queue] = await Promise.all([
    timed(async () => {
      await db.$queryRaw`SELECT 1`;
      return undefined;
    }),
    timed(async () => {
      if (!uploads.s3) await stat(uploads.directory);
      await store.size(PROBE_ID);
      return undefined;
    }),
    timed(async () => {
      const [row] = await db.$queryRawUnsafe<Array<{ lag: number | null }>>(
        `SELECT extract(epoch FROM now() - min(start_after))::float8 AS lag FROM ${JOB_SCHEMA}.job WHERE state IN ('created', 'retry') AND start_after <= now()`,
      );
      return `lag ${Math.round(row?.lag ?? 0)} s`;
    }),
  ]);
  return { ok: database.ok && storage.ok, checks: { database, storage, queue } };
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

const KEEP_MS = 2000;

/** The front server's routes /api/health/live and /api/health/ready. */
export function healthRoutes(db: Db, store: MediaStore, uploads: Pick<UploadSettings, 's3' | 'directory'>, isLocal: (req: IncomingMessage) => boolean) {
  let last: { at: number; result: Promise<Awaited<ReturnType<typeof readiness>>> } | null = null;
  const current = () => {
    if (!last || Date.now() - last.at > KEEP_MS) last = { at: Date.now(), result: readiness(db, store, uploads) };
    return last.result;
  };
  return [
    { prefix: '/api/health/live', handle: async (_req: IncomingMessage, res: ServerResponse) => answer(res, 200, { status: 'ok' }) },
    {
      prefix: '/api/health/ready',
      handle: async (req: IncomingMessage, res: ServerResponse) => {
        const result = await current();
        const status = result.ok ? 'ready' : 'not ready';
        answer(res, result.ok ? 200 : 503, isLocal(req) ? { status, ...result.checks } : { status });
      },
    },
  ];
}
