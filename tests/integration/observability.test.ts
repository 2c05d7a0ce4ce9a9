import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '@/lib/jobs/queue';
import { readiness } from '@/lib/observability/health';
import { createMetrics } from '@/lib/observability/metrics';
import { mediaStore } from '@/lib/uploads/media-store';
import { uploadSettings } from '@/lib/uploads/settings';
import { createTestDatabase, type TestDatabase } from '../support/database';

let t: TestDatabase;
let server: http.Server;
let base = '';
const token = 'a-token-long-enough-for-metrics-0123456789';

beforeAll(async () => {
  t = await createTestDatabase();
  const metrics = createMetrics(t.db, token);
  server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    res.once('close', () => metrics.observe(req, res, started));
    if (req.url === '/metrics') return void metrics.handle(req, res);
    res.end('home');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await t.drop();
});

describe('/metrics', () => {
  it('wants the token, then reports requests per route group and the queue, mail and uploads of the whole service', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    await fetch(`${base}/`);
    await t.db.$transaction((tx) => enqueue(tx, 'mail.deliver', { outboxId: '1' }));
    const answer = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/plain');
    const text = await answer.text();
    expect(text).toMatch(/vc_http_request_duration_seconds_count\{route="home",method="GET",status="2xx"\} 1/);
    expect(text).toContain('vc_jobs{kind="mail.deliver",state="created"} 1');
    expect(text).toMatch(/vc_jobs_oldest_ready_seconds\{kind="mail.deliver"\} [\d.]+/);
    expect(text).toContain('vc_mail{state="queued"} 0');
    expect(text).toContain('vc_process_');
  });
});

describe('readiness', () => {
  it('is ready with a database and a media folder, reports the workers’ lag beside, and says what is wrong', async () => {
    const settings = uploadSettings(mkdtempSync(path.join(os.tmpdir(), 'vc-ready-')));
    const store = await mediaStore(settings);
    await t.db.$executeRaw`DELETE FROM pgboss.job`;
    const ready = await readiness(t.db, store, settings);
    expect(ready.ok).toBe(true);
    expect(ready.checks.queue.detail).toBe('lag 0 s');

    // A job ready for ten minutes (no worker takes jobs): reported, but the web process still serves.
    await enqueue(t.db, 'mail.deliver', { outboxId: '2' });
    await t.db.$executeRaw`UPDATE pgboss.job SET start_after = now() - interval '10 minutes' WHERE name = 'mail.deliver'`;
    const lagging = await readiness(t.db, store, settings);
    expect(lagging.ok).toBe(true);
    expect(lagging.checks.queue.detail).toMatch(/^lag 6\d\d s$/);
    // The media folder gone: not ready.
    const noStorage = await readiness(t.db, store, { ...settings, directory: path.join(settings.directory, 'missing') });
    expect(noStorage.ok).toBe(false);
    expect(noStorage.checks.database.ok).toBe(true);
    expect(noStorage.checks.storage.ok).toBe(false);
  });
});
