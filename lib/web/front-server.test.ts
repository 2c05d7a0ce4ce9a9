import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrontServer } from './front-server';
import { matchesPrefix } from './prefix';
import { parseTrustedProxies } from './trusted-proxies';
import { PageCache, pageCacheKey, pageCacheTtl } from './page-cache';

/* A stand-in for Next.js that counts how often each path is rendered. */
const rendered = new Map<string, number>();
const upstream = http.createServer(async (req, res) => {
  rendered.set(req.url!, (rendered.get(req.url!) ?? 0) + 1);
  if (req.url === '/slow') await new Promise((resolve) => setTimeout(resolve, 300));
  const seenInternal = req.headers['x-vc-internal'] ? 'internal header reached Next' : '';
  if (req.url === '/with-cookie') res.setHeader('Set-Cookie', 'vc_lang=en');
  if (req.url === '/private') res.setHeader('Cache-Control', 'private, no-store');
  else res.setHeader('Cache-Control', 's-maxage=60, stale-while-revalidate=31535940');
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  // Next.js's notFound() in a dynamic route: an empty shell (vercel/next.js#62228); and a 404 with words of its own.
  if (req.url!.startsWith('/missing')) return void res.writeHead(404).end('<!DOCTYPE html><html id="__next_error__"><head></head><body></body></html>');
  if (req.url === '/gone') return void res.writeHead(404).end('<p>gone</p>');
  res.end(`<p>${req.url} ${req.headers['accept-language'] ?? ''} ${seenInternal}</p>`);
});
let front: http.Server;
let base = '';
const cache = new PageCache(1024 * 1024);

beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  front = createFrontServer({
    upstream: { host: '127.0.0.1', port: (upstream.address() as AddressInfo).port },
    cache,
    cacheSeconds: 10,
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

afterAll(() => {
  front.close();
  upstream.close();
});

describe('front server page cache', () => {
  it('renders a public page once and then answers from memory, gzipped when asked', async () => {
    const first = await fetch(`${base}/comuni/001272-torino`);
    expect(first.headers.get('x-vc-cache')).toBe('MISS');
    await first.text();
    const second = await new Promise<http.IncomingMessage>((resolve) =>
      http.get(`${base}/comuni/001272-torino`, { headers: { 'accept-encoding': 'gzip' } }, resolve),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of second) chunks.push(chunk as Buffer);
    expect(second.headers['x-vc-cache']).toBe('HIT');
    expect(second.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(Buffer.concat(chunks)).toString()).toContain('/comuni/001272-torino');
    expect(rendered.get('/comuni/001272-torino')).toBe(1);
  });

  it('does not keep a page whose rendering began before a public change and ended after it', async () => {
    const during = fetch(`${base}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    cache.clear();
    expect((await during).headers.get('x-vc-cache')).toBe('BYPASS');
    expect((await fetch(`${base}/slow`)).headers.get('x-vc-cache')).toBe('MISS');
    expect((await fetch(`${base}/slow`)).headers.get('x-vc-cache')).toBe('HIT');
  });

  it('keeps each language apart', async () => {
    const italian = await (await fetch(`${base}/temi/solidarieta`, { headers: { 'accept-language': 'it' } })).text();
    const english = await (await fetch(`${base}/temi/solidarieta`, { headers: { cookie: 'vc_lang=en', 'accept-language': 'en' } })).text();
    expect(italian).not.toEqual(english);
    expect(rendered.get('/temi/solidarieta')).toBe(2);
  });

  it('never stores for a signed-in browser, a cookie-setting answer or a private page', async () => {
    for (let i = 0; i < 2; i++) {
      await (await fetch(`${base}/signed-in`, { headers: { cookie: 'next-auth.session-token=abc' } })).text();
      await (await fetch(`${base}/with-cookie`)).text();
      await (await fetch(`${base}/private`)).text();
    }
    expect(rendered.get('/signed-in')).toBe(2);
    expect(rendered.get('/with-cookie')).toBe(2);
    expect(rendered.get('/private')).toBe(2);
  });

  it('drops the internal rewrite header a visitor sends', async () => {
    const body = await (await fetch(`${base}/api/x`, { headers: { 'x-vc-internal': '1' } })).text();
    expect(body).not.toContain('internal header reached Next');
  });

  it('asks Next.js once when many visitors want the same expired page', async () => {
    await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/comuni/001259-sauze-d-oulx`).then((r) => r.text())));
    expect(rendered.get('/comuni/001259-sauze-d-oulx')).toBe(1);
  });
});

describe('page cache rules', () => {
  it('keys a page by the parameters it reads, so made-up ones cannot push real pages out', () => {
    expect(pageCacheKey('GET', '/?x=1', {})).toBe('it /');
    expect(pageCacheKey('GET', '/?x=2&utm_source=y', {})).toBe('it /');
    expect(pageCacheKey('GET', '/temi/volontariato?x=1&pagina=2&comune=001272', {})).toBe('it /temi/volontariato?comune=001272&pagina=2');
  });

  it('keeps the open data API by its whole address, the same for every language', () => {
    expect(pageCacheKey('GET', '/api/v1/videos?limit=20&municipality=001272', { 'accept-language': 'en' })).toBe(
      'api /api/v1/videos?limit=20&municipality=001272',
    );
    expect(pageCacheKey('GET', '/api/v1/videos?limit=21', {})).toBe('api /api/v1/videos?limit=21');
  });

  it('bypasses the rest of the API, React payload requests and sessions', () => {
    expect(pageCacheKey('GET', '/api/health/ready', {})).toBeNull();
    expect(pageCacheKey('GET', '/api/auth/session', {})).toBeNull();
    expect(pageCacheKey('GET', '/api/uploads/abc', {})).toBeNull();
    expect(pageCacheKey('POST', '/', {})).toBeNull();
    expect(pageCacheKey('GET', '/', { rsc: '1' })).toBeNull();
    expect(pageCacheKey('GET', '/', { cookie: 'a=b; __Secure-next-auth.session-token=x' })).toBeNull();
    expect(pageCacheKey('GET', '/', { cookie: 'vc_lang=en' })).toBe('en /');
  });

  it('keeps only shared-cacheable 200 answers, for at most the configured time', () => {
    expect(pageCacheTtl(200, { 'cache-control': 's-maxage=60' }, 10)).toBe(10_000);
    expect(pageCacheTtl(200, { 'cache-control': 's-maxage=5' }, 10)).toBe(5_000);
    expect(pageCacheTtl(404, { 'cache-control': 's-maxage=60' }, 10)).toBe(0);
    expect(pageCacheTtl(200, { 'cache-control': 'private, no-cache, no-store' }, 10)).toBe(0);
    expect(pageCacheTtl(200, { 'cache-control': 's-maxage=60', 'set-cookie': ['a=b'] }, 10)).toBe(0);
  });

  it('forgets the least recently used pages beyond its byte budget', () => {
    // Each entry is about 55 bytes: its body and both compressed copies.
    const cache = new PageCache(150);
    const page = (text: string) => ({ status: 200, headers: {}, body: Buffer.from(text), expiresAt: Date.now() + 1000 });
    cache.set('a', page('x'.repeat(20)));
    cache.set('b', page('y'.repeat(20)));
    expect(cache.get('a')).toBeDefined();
    cache.set('c', page('z'.repeat(20)));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
  });
});

describe('front server, facing the network', () => {
  let safe: http.Server;
  let safeBase = '';
  const seen: Array<Record<string, string | string[] | undefined>> = [];
  let sessionLookups = 0;
  const next = http.createServer((req, res) => {
    seen.push(req.headers);
    res.setHeader('x-middleware-rewrite', 'http://localhost:41234/it');
    if (req.url === '/page') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 's-maxage=60');
      // As Next.js renders it: its scripts carry the nonce it was given; an injected one carries none.
      res.end(
        '<html><body><script nonce="PLACEHOLDER-SECRET">self.__next_f.push(1)</script><script src="/_next/a.js" nonce="PLACEHOLDER-SECRET"></script><p><script>alert(1)</script></p></body></html>',
      );
      return;
    }
    if (req.url === '/payload') {
      res.setHeader('Content-Type', 'text/x-component');
      res.end('0:{"nonce":"PLACEHOLDER-SECRET"}');
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    res.end('{}');
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => next.listen(0, '127.0.0.1', resolve));
    safe = createFrontServer({
      upstream: { host: '127.0.0.1', port: (next.address() as AddressInfo).port },
      cache: new PageCache(1024 * 1024),
      cacheSeconds: 0,
      noncePlaceholder: 'PLACEHOLDER-SECRET',
      trustProxy: parseTrustedProxies('192.0.2.1'),
      security: { https: true, frameSources: [], formTargets: [] },
      routes: [
        { prefix: '/_youtube', handle: (_req, res) => void res.end('stand-in'), localOnly: true },
        {
          prefix: '/boom',
          handle: () => {
            throw new Error('a bug in a handler');
          },
        },
        { prefix: '/later', handle: async () => Promise.reject(new Error('a bug, later')) },
      ],
      staleSessionCookies: async (header) => {
        sessionLookups += 1;
        return header?.includes('next-auth.session-token=stale') ? ['next-auth.session-token'] : [];
      },
    });
    await new Promise<void>((resolve) => safe.listen(0, '127.0.0.1', resolve));
    safeBase = `http://127.0.0.1:${(safe.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    safe.close();
    next.close();
  });

  /* fetch() will not send a Host header of the caller's choosing; a raw request does, as any client can. */
  function get(path: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.get(`${safeBase}${path}`, { headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
  }

  it("answers a not-found page Next.js left empty with the one rendered on the server, in the caller's language, still a 404", async () => {
    const callers: Array<Record<string, string>> = [{ 'accept-language': 'en' }, { 'accept-language': 'en', cookie: 'next-auth.session-token=abc' }];
    for (const headers of callers) {
      const answer = await fetch(`${base}/missing/comune?x=1`, { headers });
      expect(answer.status).toBe(404);
      expect(await answer.text()).toContain('<p>/non-trovata en ');
    }
    // The page by its own address is a 404 too, never a page found; a 404 with words of its own is left alone.
    const direct = await fetch(`${base}/non-trovata`);
    expect(direct.status).toBe(404);
    expect(await direct.text()).toContain('<p>/non-trovata');
    const gone = await fetch(`${base}/gone`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe('<p>gone</p>');
    expect((await fetch(`${base}/missing/comune`, { method: 'HEAD' })).status).toBe(404);
  });

  it('answers a route only at its own prefix: /_youtubeX is not the stand-in', async () => {
    expect(await (await fetch(`${safeBase}/_youtube/state`)).text()).toBe('stand-in');
    expect(await (await fetch(`${safeBase}/_youtubeX`)).text()).toBe('{}');
    expect(matchesPrefix('/_youtube?x=1', '/_youtube')).toBe(true);
    expect(matchesPrefix('/api/uploadsevil', '/api/uploads')).toBe(false);
  });

  it('keeps a local-only route from anyone behind a proxy or using another host name', async () => {
    expect((await fetch(`${safeBase}/_youtube/`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(404);
    expect(await get('/_youtube/', { host: 'voci.example.it' })).toBe(404);
  });

  it('ends a request whose handler throws with a 500, and goes on serving', async () => {
    const thrown = await fetch(`${safeBase}/boom`);
    expect(thrown.status).toBe(500);
    expect(thrown.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${safeBase}/later`)).status).toBe(500);
    expect((await fetch(`${safeBase}/page`)).status).toBe(200);
  });

  it('gives each page a fresh nonce its policy names, and never lets the placeholder out', async () => {
    const [first, second] = await Promise.all([fetch(`${safeBase}/page`), fetch(`${safeBase}/page`)]);
    const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')![1]!;
    const [a, b] = [nonceOf(first.headers.get('content-security-policy')), nonceOf(second.headers.get('content-security-policy'))];
    expect(a).not.toBe(b);
    const html = await first.text();
    expect(html).not.toContain('PLACEHOLDER-SECRET');
    // Next.js's two scripts, then the loader that runs them after the first interaction (scripts-on-interaction.ts).
    expect(html.match(/nonce="([^"]+)"/g)).toEqual([`nonce="${a}"`, `nonce="${a}"`, `nonce="${a}"`]);
    // The injected script has no nonce: the policy does not let it run, and the loader leaves it alone.
    expect(html).toContain('<p><script>alert(1)</script></p>');
    expect(await (await fetch(`${safeBase}/payload`)).text()).not.toContain('PLACEHOLDER-SECRET');
  });

  it("sends a citizen's page with Next.js's scripts for after the first interaction, a signed-in visitor's as they are", async () => {
    const citizen = await (await fetch(`${safeBase}/page`)).text();
    expect(citizen).toMatch(/<script nonce="[^"]+">self.__next_f.push\(1\)<\/script>/);
    expect(citizen).toContain('<script type="text/x-after-interaction" src="/_next/a.js"');
    const mayor = await (await fetch(`${safeBase}/page`, { headers: { cookie: 'next-auth.session-token=valid' } })).text();
    expect(mayor).not.toContain('x-after-interaction');
    expect(mayor).toMatch(/<script src="\/_next\/a.js" nonce="[^"]+"><\/script>/);
  });

  it('gives pages their policy, and every answer its security headers', async () => {
    const page = await fetch(`${safeBase}/page`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('strict-transport-security')).toMatch(/max-age/);
    const json = await fetch(`${safeBase}/api/x`);
    expect(json.headers.get('content-security-policy')).toBeNull();
    expect(json.headers.get('x-content-type-options')).toBe('nosniff');
    for (const answer of [page, json]) expect(answer.headers.get('x-middleware-rewrite')).toBeNull();
  });

  it('tells Next.js the caller’s own address and plain http, whatever an untrusted client claims', async () => {
    seen.length = 0;
    await fetch(`${safeBase}/api/x`, { headers: { 'x-forwarded-for': '10.9.9.9', 'x-forwarded-proto': 'https', 'x-vc-local': '1' } });
    expect(seen[0]).toMatchObject({ 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http' });
    // The mark of a request from this machine is the front server's to give, never the visitor's.
    expect(seen[0]!['x-vc-local']).toBeUndefined();
    seen.length = 0;
    await get('/api/x', { 'x-vc-local': '0' });
    expect(seen[0]!['x-vc-local']).toBe('1');
    seen.length = 0;
    await get('/api/x', { host: 'voci.example.it', 'x-vc-local': '1' });
    expect(seen[0]!['x-vc-local']).toBeUndefined();
  });

  it('gives every request an id, returned to the visitor and passed to Next.js; a visitor cannot choose it', async () => {
    seen.length = 0;
    const answer = await fetch(`${safeBase}/api/x`, { headers: { 'x-request-id': 'chosen-by-visitor' } });
    const id = answer.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]!['x-request-id']).toBe(id);
    const again = await fetch(`${safeBase}/api/x`);
    expect(again.headers.get('x-request-id')).not.toBe(id);
  });

  it('clears a session cookie that leads nowhere, and does not pass it on', async () => {
    seen.length = 0;
    const answer = await fetch(`${safeBase}/api/x`, { headers: { cookie: 'vc_lang=en; next-auth.session-token=stale' } });
    expect(answer.headers.get('set-cookie')).toMatch(/^next-auth\.session-token=; Path=\/; Max-Age=0/);
    expect(seen[0]!.cookie).not.toContain('session-token');
    expect(seen[0]!.cookie).toContain('vc_lang=en');
  });

  it("looks no session up for Next.js's scripts and styles, which a signed-in page asks for by the dozen", async () => {
    sessionLookups = 0;
    const answer = await fetch(`${safeBase}/_next/static/chunks/app.js`, { headers: { cookie: 'next-auth.session-token=stale' } });
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect(sessionLookups).toBe(0);
  });
});

describe('front server, request bodies', () => {
  let small: http.Server;
  let smallBase = '';
  let upstreamBodies = 0;
  const next = http.createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (upstreamBodies += chunk.length));
    req.on('end', () => res.end('ok'));
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => next.listen(0, '127.0.0.1', resolve));
    small = createFrontServer({
      upstream: { host: '127.0.0.1', port: (next.address() as AddressInfo).port },
      cache: new PageCache(1024),
      cacheSeconds: 0,
      maxBodyBytes: 64 * 1024,
    });
    await new Promise<void>((resolve) => small.listen(0, '127.0.0.1', resolve));
    smallBase = `http://127.0.0.1:${(small.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    small.close();
    next.close();
  });

  it('refuses a body announced over the limit before passing any of it on, and the client reads the refusal', async () => {
    for (let i = 0; i < 5; i++) {
      const answer = await fetch(`${smallBase}/api/staff/temi`, { method: 'POST', body: Buffer.alloc(2 * 1024 * 1024) });
      expect(answer.status).toBe(413);
    }
    expect(upstreamBodies).toBe(0);
  });

  it('cuts a body sent without a length once it passes the limit', async () => {
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(32 * 1024));
        controller.close();
      },
    });
    const answer = await fetch(`${smallBase}/api/auth/signin/email`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(answer.status).toBe(413);
    expect(upstreamBodies).toBeLessThanOrEqual(64 * 1024 + 32 * 1024);
    expect(await (await fetch(`${smallBase}/api/x`)).text()).toBe('ok');
  });
});
