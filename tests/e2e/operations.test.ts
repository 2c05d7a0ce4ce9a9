import http from 'node:http';
import { describe, expect, inject, it } from 'vitest';

/* What the operators' monitoring asks the running portal (the run command's defaults: no metrics token). */
const base = inject('baseUrl');

describe('the running portal, as monitoring sees it', () => {
  it('answers live and ready, with what readiness checked', async () => {
    expect((await fetch(`${base}/api/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: { ok: true }, storage: { ok: true }, queue: { ok: true } });
  });

  it('shows its figures to this machine only when no token is set, and logs each request under the id it returns', async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/vc_http_request_duration_seconds_count\{route="home",method="GET",status="2xx"\} \d+/);
    expect(text).toMatch(/vc_jobs\{kind="[a-z.]+",state="[a-z]+"\} \d+|# TYPE vc_jobs gauge/);
    // Asked under another host name (as through a proxy), there is nothing there; fetch() cannot choose the Host header.
    const elsewhere = await new Promise<number>((resolve, reject) =>
      http.get(`${base}/metrics`, { headers: { host: 'portale.example.it' } }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject),
    );
    expect(elsewhere).toBe(404);
  });
});
