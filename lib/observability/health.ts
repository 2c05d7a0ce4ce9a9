import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/client';
import { JOB_SCHEMA } from '../jobs/queue';
import type { MediaStore } from '../uploads/media-store';
import type { UploadSettings } from '../uploads/settings';

/*
 * Two questions a load balancer and an orchestrator ask a web process:
 * live (/api/health/live) — is the process answering at all (restart it if
 * not); ready (/api/health/ready) — can it serve: the database answers, the
 * media store is reachable, and the workers keep up (no job ready to run has
 * waited longer than the allowed lag). A process that is not ready gets no
 * traffic but is not restarted.
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

export async function readiness(db: Db, store: MediaStore, uploads: Pick<UploadSettings, 's3' | 'directory'>, maxLagSeconds: number) {
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
      const lag = Math.round(row?.lag ?? 0);
      if (lag > maxLagSeconds) throw new Error(`the oldest job ready to run has waited ${lag} s (workers down or overloaded)`);
      return `lag ${lag} s`;
    }),
  ]);
  return { ok: database.ok && storage.ok && queue.ok, checks: { database, storage, queue } };
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The front server's routes /api/health/live and /api/health/ready. */
export function healthRoutes(db: Db, store: MediaStore, uploads: Pick<UploadSettings, 's3' | 'directory'>, maxLagSeconds: number) {
  return [
    { prefix: '/api/health/live', handle: async (_req: IncomingMessage, res: ServerResponse) => answer(res, 200, { status: 'ok' }) },
    {
      prefix: '/api/health/ready',
      handle: async (_req: IncomingMessage, res: ServerResponse) => {
        const result = await readiness(db, store, uploads, maxLagSeconds);
        answer(res, result.ok ? 200 : 503, { status: result.ok ? 'ready' : 'not ready', ...result.checks });
      },
    },
  ];
}
