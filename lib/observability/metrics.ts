import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { sameSecret } from '../auth/same-secret';
import type { Db } from '../db/client';
import { JOB_SCHEMA } from '../jobs/queue';
import { routeGroup } from './route-group';

/*
 * /metrics in Prometheus's text format (prom-client). What one web process
 * measures itself: request latency per route group, and Node's own figures.
 * What the whole service does (jobs, mail, uploads, YouTube) happens in any
 * process, so it is read from the database at each scrape: every web process
 * reports the same service-wide values, and a worker needs no port of its own.
 */

export interface Metrics {
  /** Times one answered request. */
  observe(req: IncomingMessage, res: ServerResponse, startedAt: bigint): void;
  /** The route handler for /metrics. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export function createMetrics(db: Db, token: string | null): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vc_process_' });
  const http = new Histogram({
    name: 'vc_http_request_duration_seconds',
    help: 'Time from a request to the end of its answer, per route group',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const gauge = (name: string, help: string, labelNames: string[], read: (set: (labels: Record<string, string>, value: number) => void) => Promise<void>) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        await read((labels, value) => this.set(labels, value));
      },
    });

  gauge('vc_jobs', 'Jobs in the queue per kind and state', ['kind', 'state'], async (set) => {
    const rows = await db.$queryRawUnsafe<Array<{ name: string; state: string; n: bigint }>>(
      `SELECT name, state::text, count(*) AS n FROM ${JOB_SCHEMA}.job WHERE state IN ('created', 'retry', 'active', 'failed') GROUP BY 1, 2`,
    );
    for (const row of rows) set({ kind: row.name, state: row.state }, Number(row.n));
  });
  gauge('vc_jobs_oldest_ready_seconds', 'Age of the oldest job ready to run, per kind (queue lag)', ['kind'], async (set) => {
    const rows = await db.$queryRawUnsafe<Array<{ name: string; age: number }>>(
      // A job that waits for another of its key to finish (one YouTube sync per message at a time) is not lag.
      `SELECT j.name, extract(epoch FROM now() - min(j.start_after))::float8 AS age FROM ${JOB_SCHEMA}.job j
       WHERE j.state IN ('created', 'retry') AND j.start_after <= now()
         AND NOT EXISTS (SELECT 1 FROM ${JOB_SCHEMA}.job a WHERE a.name = j.name AND a.singleton_key = j.singleton_key AND a.state = 'active')
       GROUP BY 1`,
    );
    for (const row of rows) set({ kind: row.name }, row.age);
  });
  gauge('vc_youtube_sync_waiting', 'YouTube sync jobs waiting, per reason (quota, channel, processing, backoff)', ['reason'], async (set) => {
    const rows = await db.$queryRawUnsafe<Array<{ reason: string | null; n: bigint }>>(
      `SELECT data->>'waitingFor' AS reason, count(*) AS n FROM ${JOB_SCHEMA}.job
       WHERE name = 'youtube.sync' AND state IN ('created', 'retry') AND start_after > now() GROUP BY 1`,
    );
    for (const row of rows) set({ reason: row.reason ?? 'backoff' }, Number(row.n));
  });
  gauge('vc_youtube_quota_used_units', 'YouTube Data API units reserved today (Pacific day), per bucket', ['bucket'], async (set) => {
    const rows = await db.$queryRaw<Array<{ bucket: string; used: number }>>`
      SELECT "bucket", "used" FROM "youtube_quota" WHERE "day" = (SELECT max("day") FROM "youtube_quota")`;
    for (const row of rows) set({ bucket: row.bucket }, row.used);
  });
  gauge('vc_uploads', 'Uploaded files per state (READY and REJECTED are inspection verdicts)', ['state'], async (set) => {
    const rows = await db.mediaFile.groupBy({ by: ['status'], _count: { _all: true } });
    for (const row of rows) set({ state: row.status }, row._count._all);
  });
  gauge('vc_upload_bytes', 'Bytes of the files uploaded and kept', [], async (set) => {
    const sum = await db.mediaFile.aggregate({ where: { status: { in: ['READY', 'CHECKING', 'UPLOADING'] } }, _sum: { sizeBytes: true } });
    set({}, Number(sum._sum.sizeBytes ?? 0n));
  });
  gauge('vc_mail', 'Mail of the outbox: delivered, waiting after a failure, queued', ['state'], async (set) => {
    const [sent, failing, queued] = await Promise.all([
      db.mailOutbox.count({ where: { sentAt: { not: null } } }),
      db.mailOutbox.count({ where: { sentAt: null, lastError: { not: null } } }),
      db.mailOutbox.count({ where: { sentAt: null, lastError: null } }),
    ]);
    set({ state: 'delivered' }, sent);
    set({ state: 'failing' }, failing);
    set({ state: 'queued' }, queued);
  });

  return {
    observe(req, res, startedAt) {
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      http.observe(
        { route: routeGroup(req.url), method: req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET'), status: `${Math.floor(res.statusCode / 100)}xx` },
        seconds,
      );
    },
    async handle(req, res) {
      const shown = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (token && !sameSecret(token, shown)) {
        res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer', 'Cache-Control': 'no-store' });
        res.end('A bearer token is needed (VC_METRICS_TOKEN)');
        return;
      }
      const body = await registry.metrics();
      res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
      res.end(body);
    },
  };
}
