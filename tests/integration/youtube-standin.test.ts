import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStandin, STANDIN_CLIENT_ID, type Standin } from '@/lib/youtube/standin/server';

/*
 * The local YouTube stand-in as a visitor who reached it would try it: it must
 * not hand out tokens, send codes elsewhere, keep unbounded bodies or show a
 * withdrawn message.
 */

const CALLBACK = 'http://127.0.0.1:3000/api/staff/youtube/ritorno';
let standin: Standin;
let server: http.Server;
let base = '';

beforeAll(async () => {
  standin = createStandin({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'vc-standin-')),
    processingMs: 0,
    redirectUris: [CALLBACK],
    maxUploadBytes: 10_000_000,
  });
  server = http.createServer((req, res) => standin.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => server?.close());

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});

async function accessToken(): Promise<string> {
  const answer = await fetch(
    `${base}/token`,
    form({ grant_type: 'refresh_token', refresh_token: standin.issueRefreshToken(), client_id: STANDIN_CLIENT_ID, client_secret: standin.clientSecret }),
  );
  return ((await answer.json()) as { access_token: string }).access_token;
}

describe('the stand-in’s OAuth', () => {
  it('gives no token to a client that does not prove its secret', async () => {
    const refresh = standin.issueRefreshToken();
    for (const secret of ['', 'standin-secret', `${standin.clientSecret}x`]) {
      const answer = await fetch(
        `${base}/token`,
        form({ grant_type: 'refresh_token', refresh_token: refresh, client_id: STANDIN_CLIENT_ID, client_secret: secret }),
      );
      expect(answer.status).toBe(401);
    }
    const basic = Buffer.from(`${STANDIN_CLIENT_ID}:${standin.clientSecret}`).toString('base64');
    const good = await fetch(`${base}/token`, {
      ...form({ grant_type: 'refresh_token', refresh_token: refresh }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    });
    expect(good.status).toBe(200);
  });

  it('sends its code only to the portal’s own callback, once, and only after a POSTed consent', async () => {
    const consent = { client_id: STANDIN_CLIENT_ID, response_type: 'code', scope: 'youtube', state: 's1' };
    const elsewhere = await fetch(`${base}/o/oauth2/v2/approve`, form({ ...consent, redirect_uri: 'https://evil.example/callback' }));
    expect(elsewhere.status).toBe(400);
    expect((await fetch(`${base}/o/oauth2/v2/auth?${new URLSearchParams({ ...consent, redirect_uri: 'https://evil.example/' })}`)).status).toBe(400);
    // A link (GET) cannot approve: a page elsewhere could otherwise make a visitor's browser consent.
    const byLink = await fetch(`${base}/o/oauth2/v2/approve?${new URLSearchParams({ ...consent, redirect_uri: CALLBACK })}`, { redirect: 'manual' });
    expect(byLink.status).toBeGreaterThanOrEqual(400);
    expect(byLink.headers.get('location')).toBeNull();
    const approved = await fetch(`${base}/o/oauth2/v2/approve`, form({ ...consent, redirect_uri: CALLBACK }));
    expect(approved.status).toBe(303);
    const back = new URL(approved.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    const code = back.searchParams.get('code')!;
    const exchange = (redirect: string) =>
      fetch(
        `${base}/token`,
        form({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: STANDIN_CLIENT_ID, client_secret: standin.clientSecret }),
      );
    expect((await exchange('https://evil.example/callback')).status).toBe(400);
    // A code tried with the wrong redirect is spent: it cannot be used again.
    expect((await exchange(CALLBACK)).status).toBe(400);
  });
});

describe('the stand-in’s API', () => {
  it('refuses an upload that declares more bytes than the portal accepts, and bodies over their limit', async () => {
    const token = await accessToken();
    const session = (length: number) =>
      fetch(`${base}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-upload-content-length': String(length) },
        body: JSON.stringify({ snippet: { title: 'Prova', description: '' }, status: { privacyStatus: 'public' } }),
      });
    expect((await session(50 * 1024 ** 3)).status).toBe(400);
    expect((await session(1000)).status).toBe(200);
    const huge = await fetch(`${base}/youtube/v3/playlists?part=snippet`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: 'x'.repeat(1024 * 1024),
    });
    expect(huge.status).toBe(413);
  });

  it('shows nothing of a video made private (a withdrawn message) on its state page', async () => {
    const token = await accessToken();
    const created = await fetch(`${base}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-upload-content-length': '4' },
      body: JSON.stringify({ snippet: { title: 'Messaggio ritirato', description: 'Non più valido' }, status: { privacyStatus: 'public' } }),
    });
    const sessionUrl = new URL(created.headers.get('location')!);
    const uploaded = await fetch(`${base}${sessionUrl.pathname}${sessionUrl.search}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-range': 'bytes 0-3/4' },
      body: 'abcd',
    });
    const videoId = ((await uploaded.json()) as { id: string }).id;
    expect(await (await fetch(`${base}/`)).text()).toContain('Messaggio ritirato');
    await fetch(`${base}/youtube/v3/videos?part=snippet,status`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: videoId, snippet: { title: 'Messaggio ritirato', categoryId: '25' }, status: { privacyStatus: 'private' } }),
    });
    expect(await (await fetch(`${base}/`)).text()).not.toContain('Messaggio ritirato');
    expect(JSON.stringify(await (await fetch(`${base}/state.json`)).json())).not.toContain('Messaggio ritirato');
    expect((await fetch(`${base}/embed/${videoId}`)).status).toBe(404);
  });
});
