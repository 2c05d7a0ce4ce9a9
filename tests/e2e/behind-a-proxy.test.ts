import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { startPortal, type RunningPortal } from '../support/launcher';

/*
 * The portal as a metropolitan city runs it: not in demo mode, behind a TLS
 * reverse proxy on the same machine (VC_TRUSTED_PROXIES=loopback), with its
 * public address on https. The requests below are what such a proxy sends.
 */

let portal: RunningPortal;
let db: Db;

beforeAll(async () => {
  portal = await startPortal({
    VC_PUBLIC_URL: 'https://voci.test',
    VC_TRUSTED_PROXIES: 'loopback',
    // Nothing listens there: mail waits in the outbox, which is all these tests need.
    VC_SMTP_URL: 'smtp://127.0.0.1:9',
    VC_YOUTUBE: 'off',
  });
  db = createDb(portal.databaseUrl, 2);
}, 600_000);

afterAll(async () => {
  await db?.$disconnect();
  await portal?.stop();
});

function viaProxy(
  pathname: string,
  client: string,
  extra: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = { host: 'voci.test', 'x-forwarded-proto': 'https', 'x-forwarded-for': client, ...extra };
    const req = http.request({ host: '127.0.0.1', port: portal.port, path: pathname, method: extra['content-type'] ? 'POST' : 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('behind a trusted TLS proxy', () => {
  it('serves every page for https clients, with HSTS and a policy that upgrades insecure requests', async () => {
    for (const pathname of ['/', '/comuni/001272-torino', '/temi/solidarieta', '/cerca?q=spesa', '/accedi']) {
      const answer = await viaProxy(pathname, '198.51.100.7');
      expect(answer.status, pathname).toBe(200);
      expect(answer.headers['strict-transport-security'], pathname).toMatch(/max-age=\d+/);
      expect(String(answer.headers['content-security-policy']), pathname).toContain('upgrade-insecure-requests');
    }
  });

  it('has no demo inbox and no YouTube stand-in', async () => {
    expect((await viaProxy('/posta-demo', '198.51.100.7')).status).toBe(404);
    expect((await viaProxy('/_youtube/state.json', '198.51.100.7')).status).toBe(404);
  });

  it('counts sign-in attempts per client, as the proxy reports it, not per proxy', async () => {
    const csrf = await viaProxy('/api/auth/csrf', '198.51.100.7');
    const token = (JSON.parse(csrf.body) as { csrfToken: string }).csrfToken;
    const cookie = ([] as string[])
      .concat(csrf.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    for (const client of ['198.51.100.7', '198.51.100.8']) {
      const body = new URLSearchParams({ csrfToken: token, email: 'nessuno@example.com', callbackUrl: '/area' }).toString();
      await new Promise<void>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: portal.port,
            path: '/api/auth/signin/email',
            method: 'POST',
            headers: {
              host: 'voci.test',
              'x-forwarded-proto': 'https',
              'x-forwarded-for': client,
              'content-type': 'application/x-www-form-urlencoded',
              cookie,
            },
          },
          (res) => {
            res.resume();
            res.on('end', resolve);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    }
    const keys = (await db.rateLimitHit.findMany({ where: { bucket: 'signin-ip' }, select: { key: true } })).map((r) => r.key).sort();
    expect(keys).toEqual(['198.51.100.7', '198.51.100.8']);
  });
});
