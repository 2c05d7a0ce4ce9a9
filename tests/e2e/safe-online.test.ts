import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { DEMO_USERS } from '@/lib/seed/demo-accounts';
import { createUser } from '../support/fixtures';

/*
 * The portal as the run command starts it, tried the way an attacker would:
 * the findings of the security review, each one against the real processes.
 */

const base = inject('baseUrl');
const port = Number(new URL(base).port);
let db: Db;

beforeAll(() => {
  db = createDb(inject('portalDatabaseUrl'), 2);
});
afterAll(async () => {
  // Sign-in attempts counted here must not limit the other test files.
  await db.rateLimitHit.deleteMany({ where: { bucket: { in: ['signin-ip', 'signin-address'] } } });
  await db.$disconnect();
});

/** A raw request, with whatever Host and headers a client can send. */
function raw(
  pathname: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The CSRF token and cookie next-auth wants with a sign-in request. */
async function csrf(): Promise<{ token: string; cookie: string }> {
  const answer = await fetch(`${base}/api/auth/csrf`);
  const cookie = answer.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { token: ((await answer.json()) as { csrfToken: string }).csrfToken, cookie };
}

/** Asks for a sign-in link as the form does (at any address under /signin/email), and returns where the browser is sent. */
async function askForLink(email: string, pathname = '/api/auth/signin/email', cookie = ''): Promise<{ location: string; ms: number }> {
  const { token, cookie: csrfCookie } = await csrf();
  const started = performance.now();
  const answer = await fetch(`${base}${pathname}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [csrfCookie, cookie].filter(Boolean).join('; ') },
    body: new URLSearchParams({ csrfToken: token, email, callbackUrl: '/area' }),
  });
  return { location: answer.headers.get('location') ?? '', ms: performance.now() - started };
}

async function linkFor(email: string, since: Date): Promise<string> {
  const mail = await vi.waitFor(() => db.demoMail.findFirstOrThrow({ where: { recipients: email, receivedAt: { gte: since } }, orderBy: { id: 'desc' } }), {
    timeout: 20_000,
    interval: 200,
  });
  return /https?:\/\/\S+\/api\/auth\/callback\/email\S+/.exec(mail.text)![0];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('the demo inbox', () => {
  const inbox = new URL(inject('demoInboxUrl'));
  const withKey = `${inbox.pathname}${inbox.search}`;

  it('answers only a browser on this machine, with no proxy between, that has the key the run command printed', async () => {
    const local = { host: `127.0.0.1:${port}` };
    const opened = await raw(withKey, local);
    expect(opened.body).toContain('Casella di posta di prova');
    // The key is kept in a cookie for the browser's next visits.
    const cookie = String(opened.headers['set-cookie']).split(';')[0]!;
    expect((await raw('/posta-demo', { ...local, cookie })).body).toContain('Casella di posta di prova');
    // A default nginx in front of a loopback portal sends exactly this: local peer, local Host, no forwarding header. Without the key: no mail.
    const noKey = await raw('/posta-demo', local);
    expect(noKey.body).toContain('Serve la chiave');
    expect(noKey.body).not.toContain('/api/auth/callback/email');
    expect((await raw(`${inbox.pathname}?chiave=${'0'.repeat(64)}`, local)).body).toContain('Serve la chiave');
    expect((await raw(withKey, { ...local, 'x-forwarded-for': '203.0.113.5' })).status).toBe(404);
    expect((await raw(withKey, { host: 'voci.example.it' })).status).toBe(404);
  });

  it('never shows mail to staff accounts other than the demo ones', async () => {
    const realAdmin = await createUser(db, { role: 'ADMIN', email: `amministratore-${randomUUID()}@comune.example.it` });
    const mayor = await createUser(db, { role: 'MAYOR', municipality: '001272' });
    await db.demoMail.createMany({
      data: [
        { recipients: realAdmin.user.email, subject: `Accesso per l’amministratore ${realAdmin.user.id}`, text: 'link segreto' },
        { recipients: mayor.user.email, subject: `Accesso per il sindaco ${mayor.user.id}`, text: 'link del sindaco' },
        { recipients: DEMO_USERS.admin, subject: `Accesso per l’amministratore dimostrativo ${mayor.user.id}`, text: 'link demo' },
      ],
    });
    const shown = (await raw(withKey, { host: `127.0.0.1:${port}` })).body;
    expect(shown).not.toContain(realAdmin.user.id);
    expect(shown).toContain(`Accesso per il sindaco ${mayor.user.id}`);
    expect(shown).toContain(`Accesso per l’amministratore dimostrativo ${mayor.user.id}`);
  });
});

describe('no client action stops a process', () => {
  it('survives aborted requests of every method on every front-server route, then answers', async () => {
    const mayor = await createUser(db, { role: 'MAYOR', municipality: '001272' });
    const created = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: {
        cookie: mayor.cookie,
        'tus-resumable': '1.0.0',
        'upload-length': '1000000',
        'upload-metadata': `filename ${Buffer.from('a.mp4').toString('base64')}`,
      },
    });
    const upload = created.headers.get('location')!;
    const routes = [
      '/api/uploads',
      upload,
      '/_youtube/',
      '/_youtube/upload/youtube/v3/videos',
      '/',
      '/comuni/001272-torino',
      '/api/health',
      '/api/auth/signin/email',
      '/api/media/0123456789abcdef0123456789abcdef/video',
      '/staff',
    ];
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
    const attempts: Array<Promise<void>> = [];
    for (const route of routes) {
      for (const method of methods) {
        for (const cutAfterMs of [0, 15, 60]) {
          attempts.push(
            new Promise((resolve) => {
              const socket = net.connect(port, '127.0.0.1', () => {
                // A body announced and never finished, from a signed-in mayor: the worst a browser tab closing can do.
                socket.write(
                  `${method} ${route} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${mayor.cookie}\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n` +
                    `Content-Type: application/offset+octet-stream\r\nContent-Length: 1000000\r\n\r\n${'x'.repeat(5000)}`,
                );
                setTimeout(() => socket.destroy(), cutAfterMs);
              });
              socket.on('error', () => {});
              socket.on('close', () => resolve());
            }),
          );
        }
      }
    }
    await Promise.all(attempts);
    await vi.waitFor(
      async () => {
        const health = await fetch(`${base}/api/health`);
        expect(health.status).toBe(200);
      },
      { timeout: 10_000, interval: 200 },
    );
    expect((await fetch(`${base}/comuni/001272-torino`)).status).toBe(200);
    // Reading an upload back through tus is not offered at all: that GET once brought every process down.
    expect((await fetch(`${base}${upload}`, { headers: { cookie: mayor.cookie } })).status).toBe(405);
  });
});

describe('the YouTube stand-in behind the portal', () => {
  it('is mounted at /_youtube/ only, and only for this machine', async () => {
    const lookalike = await raw('/_youtubeX');
    expect(lookalike.status).toBe(404);
    expect(lookalike.headers['content-type']).toMatch(/text\/html/);
    expect((await raw('/_youtube/', { host: `127.0.0.1:${port}` })).status).toBe(200);
    expect((await raw('/_youtube/', { host: `127.0.0.1:${port}`, 'x-forwarded-for': '203.0.113.5' })).status).toBe(404);
    expect((await raw('/_youtube/state.json', { host: 'voci.example.it' })).status).toBe(404);
  });

  it('gives no token to whoever knows the old public client secret', async () => {
    const answer = await fetch(`${base}/_youtube/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: '1//x',
        client_id: 'vocicomuni-standin.apps.local',
        client_secret: 'standin-secret',
      }),
    });
    expect(answer.status).toBe(401);
  });
});

describe('sign-in', () => {
  it('checks the address wherever the request is sent (/signin/email/anything)', async () => {
    const { location } = await askForLink('non-una-mail', '/api/auth/signin/email/x');
    const url = new URL(location, base);
    expect(url.pathname).toBe('/accedi');
    expect(url.searchParams.get('errore')).toBe('email');
    expect(url.searchParams.get('email')).toBe('non-una-mail');
  });

  it('counts requests per network address in the flow itself, whatever the path', async () => {
    await db.rateLimitHit.deleteMany({ where: { bucket: 'signin-ip' } });
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push(new URL((await askForLink(`sconosciuto-${i}@example.com`, `/api/auth/signin/email/${i}`)).location, base));
    // "Check your mail", by way of next-auth's own address, whatever the address typed.
    expect(answers.slice(0, 20).map((u) => u.pathname)).toEqual(Array.from({ length: 20 }, () => '/api/auth/verify-request'));
    expect(answers[20]!.pathname).toBe('/accedi');
    expect(answers[20]!.searchParams.get('errore')).toBe('limit');
    await db.rateLimitHit.deleteMany({ where: { bucket: 'signin-ip' } });
  });

  it('answers invited and unknown addresses alike, in the same time, and sends links at most five times an hour', async () => {
    await db.rateLimitHit.deleteMany({ where: { bucket: 'signin-ip' } });
    const mayor = await createUser(db, { role: 'MAYOR', municipality: '001272' });
    const since = new Date();
    const invited: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      const a = await askForLink(mayor.user.email);
      const b = await askForLink(`nessuno-${i}-${randomUUID()}@example.com`);
      expect(a.location).toBe(b.location);
      expect(new URL(a.location, base).pathname).toBe('/api/auth/verify-request');
      invited.push(a.ms);
      unknown.push(b.ms);
    }
    // The link is written to the outbox in the request and sent afterwards: no mail server in the answer's time.
    expect(median(invited)).toBeGreaterThanOrEqual(290);
    expect(median(unknown)).toBeGreaterThanOrEqual(290);
    expect(Math.abs(median(invited) - median(unknown))).toBeLessThan(100);
    // The sixth request got the same answer, but no sixth link: only links actually sent are counted, per address.
    expect(await db.mailOutbox.count({ where: { recipient: mayor.user.email, kind: 'signin', createdAt: { gte: since } } })).toBe(5);
    expect(await db.rateLimitHit.count({ where: { bucket: 'signin-address', key: { startsWith: 'nessuno-' } } })).toBe(0);
    await db.rateLimitHit.deleteMany({ where: { bucket: 'signin-ip' } });
  });

  it('ends the other links of an address when one is used, and keeps staff sessions short', async () => {
    await db.rateLimitHit.deleteMany({ where: { bucket: 'signin-ip' } });
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const since = new Date();
    await askForLink(moderator.user.email);
    const first = await linkFor(moderator.user.email, since);
    const secondSince = new Date();
    await askForLink(moderator.user.email);
    const second = await linkFor(moderator.user.email, secondSince);
    expect(second).not.toBe(first);
    const used = await fetch(second, { redirect: 'manual' });
    expect(used.headers.get('location')).toMatch(/\/area$/);
    const session = used.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='))!;
    const token = session.split(';')[0]!.split('=')[1]!;
    const row = await db.session.findUniqueOrThrow({ where: { sessionToken: token } });
    expect(row.expires.getTime() - Date.now()).toBeLessThanOrEqual(12 * 3600_000 + 60_000);
    const stale = await fetch(first, { redirect: 'manual' });
    expect(stale.headers.get('location')).toContain('error=Verification');
  });

  it('signs in past a session cookie that leads nowhere, and clears it', async () => {
    await db.rateLimitHit.deleteMany({ where: { bucket: 'signin-ip' } });
    const cleared = await fetch(`${base}/accedi`, { headers: { cookie: 'next-auth.session-token=sessione-di-un-database-precedente' } });
    expect(cleared.headers.getSetCookie().some((c) => /^next-auth\.session-token=;.*Max-Age=0/.test(c))).toBe(true);
    const mayor = await createUser(db, { role: 'MAYOR', municipality: '001272' });
    const since = new Date();
    await askForLink(mayor.user.email, '/api/auth/signin/email', 'next-auth.session-token=sessione-di-un-database-precedente');
    const link = await linkFor(mayor.user.email, since);
    const followed = await fetch(link, { redirect: 'manual', headers: { cookie: 'next-auth.session-token=sessione-di-un-database-precedente' } });
    expect(followed.headers.get('location')).not.toContain('error=');
    expect(followed.headers.getSetCookie().some((c) => /^next-auth\.session-token=[^;]+/.test(c) && !c.includes('Max-Age=0'))).toBe(true);
  });
});

describe('input the sign-in flow and the front server did not expect', () => {
  it('clears a session cookie that is not even a token (a NUL), instead of failing', async () => {
    const answer = await raw('/', { cookie: 'next-auth.session-token=%00' });
    expect(answer.status).toBe(200);
    expect(String(answer.headers['set-cookie'])).toMatch(/next-auth\.session-token=;.*Max-Age=0/);
  });

  it('answers a sign-in request that is not a form, or carries a NUL, without a server error', async () => {
    const json = await fetch(`${base}/api/auth/signin/email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(json.status).toBe(415);
    await db.rateLimitHit.deleteMany({ where: { bucket: 'signin-ip' } });
    const { location } = await askForLink('a\u0000b@esempio.it');
    expect(new URL(location, base).pathname).toMatch(/^\/(api\/auth\/error|accedi)/);
  });

  it('refuses a request body too large for any form before Next.js reads it', async () => {
    const answer = await fetch(`${base}/api/staff/temi`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'x'.repeat(5 * 1024 * 1024),
    });
    expect(answer.status).toBe(413);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });

  it('answers a theme filtered by a comune outside the area with a 404', async () => {
    expect((await raw('/temi/solidarieta?comune=999999')).status).toBe(404);
    expect((await raw('/temi/solidarieta?comune=001272')).status).toBe(200);
  });
});

describe('answers and their headers', () => {
  it('serves every page when a client claims X-Forwarded-Proto: https (it is not a trusted proxy)', async () => {
    for (const pathname of ['/', '/comuni/001272-torino', '/temi/solidarieta', '/cerca?q=spesa']) {
      expect((await raw(pathname, { 'x-forwarded-proto': 'https' })).status, pathname).toBe(200);
    }
  });

  it('sends nosniff on every answer, a Content-Security-Policy on every page, and no internal header', async () => {
    const home = await raw('/');
    const script = /<script [^>]*src="(\/_next\/static\/[^"]+)"/.exec(home.body)![1]!;
    const answers = await Promise.all(
      [
        '/',
        '/comuni/001272-torino',
        '/nessuna-pagina',
        '/accedi',
        '/api/v1/videos',
        '/api/health',
        '/feed.xml',
        script,
        '/api/uploads',
        '/_youtube/',
        '/api/media/x/video',
      ].map(async (p) => [p, await raw(p)] as const),
    );
    for (const [pathname, answer] of answers) {
      expect(answer.headers['x-content-type-options'], pathname).toBe('nosniff');
      expect(answer.headers['x-middleware-rewrite'], pathname).toBeUndefined();
      expect(
        Object.keys(answer.headers).some((h) => h.startsWith('x-middleware-')),
        pathname,
      ).toBe(false);
      if (/text\/html/.test(String(answer.headers['content-type']))) {
        const csp = String(answer.headers['content-security-policy']);
        for (const directive of ["object-src 'none'", "base-uri 'none'", 'frame-ancestors']) expect(csp, pathname).toContain(directive);
        expect(csp, pathname).not.toContain("'unsafe-inline' 'unsafe-eval'");
        expect(answer.headers['referrer-policy'], pathname).toBeDefined();
        expect(answer.headers['cross-origin-opener-policy'], pathname).toBe('same-origin');
      }
    }
  });

  it('sends a language switch back only to this site, whatever form the address takes', async () => {
    const tricks = [
      '/\t/evil.example/',
      '%2F%09%2Fevil.example%2F',
      '/.//evil.example',
      '//evil.example',
      '/\\evil.example',
      '/%0A/evil.example',
      '/%0D/evil.example',
      'https://evil.example',
      '/\\/evil.example',
    ];
    for (const trick of tricks) {
      const answer = await raw(`/lingua/en?da=${trick.includes('%') ? trick : encodeURIComponent(trick)}`);
      expect([303, 400], trick).toContain(answer.status);
      if (answer.status === 303) expect(new URL(answer.headers.location!, base).origin, trick).toBe(new URL(base).origin);
    }
  });
});

describe('every public parameter', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('\u0000', '%00', '%', '%E0%A4%A', '\uD800', '-1', '99999999999999999999', '1e308', '../..', '0000-00-00'),
  );
  // Any string a browser could put in an address (lone surrogates become U+FFFD, as they would).
  const enc = (v: string) => encodeURIComponent(Buffer.from(v, 'utf8').toString('utf8'));
  const routes: Array<(v: string) => string> = [
    (v) => `/api/v1/videos?q=${enc(v)}`,
    (v) => `/api/v1/videos?municipality=${enc(v)}`,
    (v) => `/api/v1/videos?theme=${enc(v)}`,
    (v) => `/api/v1/videos?limit=${enc(v)}`,
    (v) => `/api/v1/videos?cursor=${enc(v)}`,
    (v) => `/api/v1/videos?cursor=${Buffer.from(`${v}|0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b`).toString('base64url')}`,
    (v) => `/api/v1/videos/${enc(v)}/captions.vtt`,
    (v) => `/api/v1/videos/${enc(v)}/poster.svg`,
    (v) => `/api/media/${enc(v)}/video`,
    (v) => `/cerca?q=${enc(v)}`,
    (v) => `/temi/${enc(v)}`,
    (v) => `/temi/${enc(v)}/feed.xml`,
    (v) => `/temi/solidarieta?comune=${enc(v)}&pagina=1`,
    (v) => `/temi/solidarieta?pagina=${enc(v)}`,
    (v) => `/comuni/${enc(v)}`,
    (v) => `/comuni/${enc(v)}/feed.xml`,
    (v) => `/messaggi/${enc(v)}`,
    (v) => `/lingua/en?da=${enc(v)}`,
    (v) => `/accedi?da=${enc(v)}&errore=${enc(v)}&email=${enc(v)}`,
  ];

  it('never answers random input with a server error (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes.keys()), text, async (route, value) => {
        const address = routes[route]!(value);
        const answer = await raw(address);
        expect(answer.status, address).toBeLessThan(500);
      }),
      { numRuns: 400 },
    );
  });

  it('answers control characters with a 400, where they once reached PostgreSQL', async () => {
    for (const address of ['/api/v1/videos?q=%00', '/cerca?q=%00', '/temi/%00/feed.xml']) expect((await raw(address)).status, address).toBe(400);
    // Also when the page itself is in the front server's cache: the cached /privacy is not the answer to /privacy?x=%00.
    expect((await raw('/privacy')).status).toBe(200);
    expect((await raw('/privacy')).status).toBe(200);
    expect((await raw('/privacy?x=%00')).status).toBe(400);
    const outOfRange = Buffer.from('-271821-04-20T00:00:00.000Z|0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b').toString('base64url');
    expect((await raw(`/api/v1/videos?cursor=${outOfRange}`)).status).toBe(400);
  });
});

describe('the data folder', () => {
  it('keeps uploads and secrets to the portal’s own user (folders 0700, files 0600)', () => {
    const dataDir = inject('portalDataDir');
    const mode = (file: string) => statSync(path.join(dataDir, file)).mode & 0o777;
    expect(mode('uploads')).toBe(0o700);
    for (const file of readdirSync(path.join(dataDir, 'uploads'))) expect(mode(path.join('uploads', file)), file).toBe(0o600);
    for (const secret of ['auth-secret', 'token-key', 'demo-key', 'youtube-standin-secret', 'pg-secrets.json']) expect(mode(secret), secret).toBe(0o600);
  });
});

describe('the page cache', () => {
  it('keeps no made-up address: unknown ids and pages past the end answer 404 and leave nothing on disk', async () => {
    const ids = Array.from({ length: 40 }, () => randomUUID());
    for (const id of ids) expect((await raw(`/messaggi/${id}`)).status).toBe(404);
    for (let page = 500; page < 520; page++) expect((await raw(`/temi/solidarieta?pagina=${page}`)).status).toBe(404);
    const written: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(path.join(dir, entry.name));
        else written.push(entry.name);
      }
    };
    walk(path.join(process.cwd(), '.next/server/app'));
    expect(written.filter((name) => ids.some((id) => name.includes(id)) || /^50\d\./.test(name))).toEqual([]);
  });
});
