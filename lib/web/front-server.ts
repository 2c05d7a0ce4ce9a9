import { randomBytes, randomUUID } from 'node:crypto';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { pageCacheKey, pageCacheTtl, type CachedPage, type PageCache } from './page-cache';
import { runInRequestScope } from './request-guard';
import { isEmbedPath } from '../embeds/paths';
import { baseSecurityHeaders, isHtml, pagePolicy, type SecurityPolicy } from './security-headers';
import { SESSION_COOKIES } from './cookies';
import { callerOrigin, isLocalRequest, TRUST_NOBODY, type ProxyTrust } from './trusted-proxies';
import type { Log } from '../observability/log';
import { routeGroup } from '../observability/route-group';
import { compressAnswers, encodingFor } from './compression';
import { sendPrecompressed, STATIC_PREFIX } from './static-files';
import { matchesPrefix, pathOf } from './prefix';
import { scriptsOnInteraction, withScriptsOnInteraction } from './scripts-on-interaction';
import { ERROR_SHELL, NOT_FOUND_PAGE } from './not-found-page';

/*
 * The web process's own HTTP server, the only one facing the network. It
 * answers resumable uploads itself (they stream to storage without passing
 * through Next.js), serves the short page cache, forwards everything else to
 * the Next.js server on a loopback port, and is where every answer gets its
 * security headers: each HTML page's Content-Security-Policy, with the fresh
 * nonce that replaces Next.js's placeholder (security-headers.ts). It decides who the caller is
 * (trusted-proxies.ts) and tells Next.js in headers no visitor can forge.
 */

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface FrontRoute {
  /** A path prefix: the route answers the prefix itself and what lies below it (`/_youtube`, `/_youtube/…`), nothing else. */
  prefix: string;
  handle: RouteHandler;
  /** Answered only for a browser on this machine with no proxy between (demo conveniences). */
  localOnly?: boolean;
}

export interface FrontServerOptions {
  upstream: { host: string; port: number };
  cache: PageCache;
  cacheSeconds: number;
  /** Path prefixes answered in this process instead of Next.js. */
  routes?: FrontRoute[];
  /** Next.js pages that exist only for local requests (the demo inbox); anyone else gets a 404. */
  localOnlyPages?: string[];
  /**
   * The nonce Next.js writes on its scripts (proxy.ts hands it over in the request's
   * Content-Security-Policy). It is a secret of this process, never sent: every
   * page gets it replaced by a fresh random nonce, which its policy names.
   */
  noncePlaceholder?: string;
  /** Which peers may report the client's address and scheme. */
  trustProxy?: ProxyTrust;
  security?: SecurityPolicy;
  /** Names of the session cookies of this request that lead nowhere (unknown or expired session): they are cleared. */
  staleSessionCookies?: (cookieHeader: string | undefined) => Promise<string[]>;
  /** The largest request body passed to Next.js (routes answer their own: uploads stream to storage). */
  maxBodyBytes?: number;
  /** Next.js's build output of static files (`.next/static`), whose precompressed copies this server sends itself. */
  staticDirectory?: string;
  /** One line per answered request (with its id, route group, status and time). */
  log?: Log;
  /** Told of every answered request, with when it began (process.hrtime.bigint()). */
  observe?: (req: IncomingMessage, res: ServerResponse, startedAt: bigint) => void;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The request's id: the trusted proxy's, when it sent a sane one (its logs and ours then match), or a new one. */
function requestIdOf(req: IncomingMessage, trust: ProxyTrust): string {
  const given = req.headers['x-request-id'];
  const peer = req.socket.remoteAddress ?? '';
  return typeof given === 'string' && REQUEST_ID.test(given) && peer !== '' && trust(peer, 0) ? given : randomUUID();
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];
// Set by the language proxy for its own rewrites, or by this server: a visitor must not be able to send them.
const INTERNAL_HEADERS = [
  'x-vc-internal',
  'x-vc-local',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'forwarded',
  'x-real-ip',
];
// Next.js's own bookkeeping; the rewrite header even names the internal port.
const UPSTREAM_ONLY = /^(x-middleware-|x-nextjs-|x-powered-by$)/;
const MAX_CACHED_BODY = 4 * 1024 * 1024;
// Pages larger than this are not sent at all (none of the portal's comes close): their nonce could not be replaced.
const MAX_PAGE = 8 * 1024 * 1024;
const DEFAULT_SECURITY: SecurityPolicy = { https: false, frameSources: [], formTargets: [] };
/*
 * Next.js's route handlers read a body whole before anyone can refuse it (a
 * staff form, a sign-in request): a few multi-gigabyte bodies would exhaust its
 * memory. The largest legitimate one is an invitation CSV or a message with
 * captions, well under this.
 */
const DEFAULT_MAX_BODY = 4 * 1024 * 1024;
// How much of a refused body is read and dropped so that the client sees the 413, before the connection is cut.
const DRAIN_BYTES = 64 * 1024 * 1024;

/** Reads an answer whole, up to `limit` bytes; a larger one is drained and given as null. */
function readWhole(stream: IncomingMessage, limit: number, done: (body: Buffer | null) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  });
  stream.on('end', () => done(size <= limit ? Buffer.concat(chunks) : null));
}

/** The answer's Vary, plus Accept-Encoding: this server compresses what it sends. */
function varyOnEncoding(vary: string | string[] | undefined): string {
  return [vary, 'Accept-Encoding'].flat().filter(Boolean).join(', ');
}

/** Answers read whole before they are sent: their nonce is replaced, and a page gets its policy. */
function isPayload(contentType: string | string[] | undefined): boolean {
  return isHtml(contentType) || /^\s*text\/x-component\b/i.test(String(contentType ?? ''));
}

function forwardedHeaders(req: IncomingMessage, trust: ProxyTrust, overrides: Record<string, string> = {}): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { ...req.headers };
  for (const name of [...HOP_BY_HOP, ...INTERNAL_HEADERS]) delete headers[name];
  // This server compresses every answer itself (brotli or gzip, see compression.ts), so Next.js never does.
  headers['accept-encoding'] = 'identity';
  const origin = callerOrigin(req, trust);
  headers['x-forwarded-for'] = origin.address;
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = origin.proto;
  if (isLocalRequest(req)) headers['x-vc-local'] = '1';
  return { ...headers, ...overrides };
}

function responseHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.includes(name) || UPSTREAM_ONLY.test(name)) continue;
    out[name] = value;
  }
  return out;
}

/** An answer of Next.js read whole. */
interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

interface Fetched {
  page: Omit<CachedPage, 'encoded'> & { encoded: CachedPage['encoded'] | null };
  cached: boolean;
}

/** A kept page in the encoding the browser takes best; one not kept (BYPASS) is compressed on its way like any answer. */
function sendCached(req: IncomingMessage, res: ServerResponse, page: Fetched['page'], state: 'HIT' | 'MISS' | 'BYPASS'): void {
  const encoding = page.encoded ? encodingFor(req, ['br', 'gzip']) : null;
  const body = encoding && page.encoded ? page.encoded[encoding] : page.body;
  const headers: Record<string, string> = { ...page.headers, 'content-length': String(body.length), 'x-vc-cache': state };
  if (encoding) headers['content-encoding'] = encoding;
  res.writeHead(page.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A page's text, whatever compression Next.js applied to it; null when it cannot be read. */
function decoded(body: Buffer, encoding: string): string | null {
  try {
    const plain = /\bbr\b/.test(encoding)
      ? brotliDecompressSync(body)
      : /\bgzip\b/.test(encoding)
        ? gunzipSync(body)
        : /\bdeflate\b/.test(encoding)
          ? inflateSync(body)
          : body;
    return plain.toString('utf8');
  } catch {
    return null;
  }
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end('Not found');
}

export function createFrontServer(options: FrontServerOptions): http.Server {
  const compress = compressAnswers();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const pending = new Map<string, Promise<Fetched | null>>();
  const trust = options.trustProxy ?? TRUST_NOBODY;
  const security = options.security ?? DEFAULT_SECURITY;
  const always = baseSecurityHeaders(security);

  /**
   * A page or React payload from Next.js made ready to send: the nonce
   * placeholder replaced by a fresh nonce, and, for a page, the policy that
   * lets exactly the scripts carrying it run. Null when it cannot be read.
   */
  function sealed(
    headers: Record<string, string | string[]>,
    raw: Buffer,
    url: string | undefined,
    afterInteraction: boolean,
  ): { headers: Record<string, string | string[]>; body: Buffer } | null {
    const text = decoded(raw, String(headers['content-encoding'] ?? ''));
    if (text === null) return null;
    const placeholder = options.noncePlaceholder;
    const nonce = randomBytes(18).toString('base64');
    const nonced = placeholder !== undefined && text.includes(placeholder);
    const page = nonced ? text.replaceAll(placeholder, nonce) : text;
    const body = nonced && afterInteraction && isHtml(headers['content-type']) ? withScriptsOnInteraction(page, nonce) : page;
    const out = { ...headers };
    delete out['content-encoding'];
    delete out['content-length'];
    if (isHtml(headers['content-type'])) out['content-security-policy'] = pagePolicy(security, body, nonced ? nonce : null, isEmbedPath(url));
    return { headers: out, body: Buffer.from(body, 'utf8') };
  }

  /*
   * A readable 404 (not-found-page.ts): Next.js's empty shell of a not-found
   * page is swapped for the not-found page rendered on the server, asked for
   * with the caller's own headers (its language); that page asked for by its
   * own address is a 404 too. Anything amiss leaves the answer as it was.
   */
  function withReadableNotFound(req: IncomingMessage, answer: Answer, done: (answer: Answer) => void): void {
    if (req.method !== 'GET' || !isHtml(answer.headers['content-type'])) return done(answer);
    if (answer.status === 200 && pathOf(req.url) === NOT_FOUND_PAGE) return done({ ...answer, status: 404 });
    if (answer.status !== 404 || !decoded(answer.body, String(answer.headers['content-encoding'] ?? ''))?.includes(ERROR_SHELL)) return done(answer);
    let answered = false;
    const once = (final: Answer) => {
      if (answered) return;
      answered = true;
      done(final);
    };
    const request = http.request({ ...options.upstream, agent, method: 'GET', path: NOT_FOUND_PAGE, headers: forwardedHeaders(req, trust) }, (page) => {
      page.on('error', () => once(answer));
      readWhole(page, MAX_PAGE, (body) =>
        once(body && page.statusCode === 200 && isHtml(page.headers['content-type']) ? { status: 404, headers: responseHeaders(page.headers), body } : answer),
      );
    });
    request.on('error', () => once(answer));
    request.end();
  }

  /*
   * The refusal of a body too large. Closing at once would cut a client still
   * sending (it sees a broken pipe, not the 413), so the rest of the body is
   * read and dropped, up to a bound past which the connection is cut.
   */
  function tooLarge(req: IncomingMessage, res: ServerResponse): void {
    let dropped = 0;
    req.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > DRAIN_BYTES) req.destroy();
    });
    req.resume();
    if (res.headersSent) return void res.destroy();
    res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('Request too large');
  }

  function pipeToUpstream(req: IncomingMessage, res: ServerResponse): void {
    const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
    if (Number(req.headers['content-length'] ?? 0) > maxBody) return tooLarge(req, res);
    const upstream = http.request({ ...options.upstream, agent, method: req.method, path: req.url, headers: forwardedHeaders(req, trust) }, (answer) => {
      const headers = responseHeaders(answer.headers);
      answer.on('error', () => res.destroy());
      if (!isPayload(headers['content-type'])) {
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
        return;
      }
      if (req.method === 'HEAD') {
        answer.resume();
        res.writeHead(
          answer.statusCode ?? 502,
          isHtml(headers['content-type']) ? { ...headers, 'content-security-policy': pagePolicy(security, null, null, isEmbedPath(req.url)) } : headers,
        );
        res.end();
        return;
      }
      // A page is read whole: its nonce is replaced before any of it leaves.
      readWhole(answer, MAX_PAGE, (whole) => {
        if (!whole) return void res.destroy();
        withReadableNotFound(req, { status: answer.statusCode ?? 502, headers, body: whole }, (final) => {
          const ready = sealed(final.headers, final.body, req.url, scriptsOnInteraction(req));
          if (!ready) return void res.destroy();
          res.writeHead(final.status, {
            ...ready.headers,
            vary: varyOnEncoding(ready.headers.vary),
            'content-length': String(ready.body.length),
          });
          res.end(ready.body);
        });
      });
    });
    let refused = false;
    upstream.on('error', () => {
      if (refused) return;
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('Bad gateway');
    });
    // A visitor who goes away mid-request takes the upstream request with them.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    // A body without a length (chunked) is counted as it streams.
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= maxBody || refused) return;
      refused = true;
      req.unpipe(upstream);
      upstream.destroy();
      tooLarge(req, res);
    });
    req.pipe(upstream);
  }

  /*
   * One request to Next.js per key however many visitors ask at once. The visitor
   * who caused the request always gets its answer; the others share it only when
   * it may be cached, and otherwise ask Next.js themselves.
   */
  function fetchCacheable(req: IncomingMessage, res: ServerResponse, key: string): void {
    // A page asked for before a public change was rendered, maybe, before it: it is neither kept nor shared after the change.
    const generation = options.cache.generation;
    const pendingKey = `${generation} ${key}`;
    const inFlight = pending.get(pendingKey);
    if (inFlight) {
      void inFlight.then((fetched) => (fetched?.cached ? sendCached(req, res, fetched.page, 'HIT') : pipeToUpstream(req, res)));
      return;
    }
    /** The answer sealed, and kept when it may be. */
    function kept(answer: Answer): Fetched | null {
      const ttl = pageCacheTtl(answer.status, answer.headers, options.cacheSeconds);
      // A cached page keeps one nonce for its few seconds in the cache: it was fresh when the page was rendered.
      const ready = isPayload(answer.headers['content-type']) ? sealed(answer.headers, answer.body, req.url, scriptsOnInteraction(req)) : answer;
      if (!ready) return null;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(ready.headers)) {
        if (name !== 'content-length' && name !== 'content-encoding') headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      headers.vary = varyOnEncoding(headers.vary);
      const page = { status: answer.status, headers, body: ready.body, expiresAt: Date.now() + ttl };
      const keep = ttl > 0 && options.cache.generation === generation;
      return keep ? { page: options.cache.set(key, page), cached: true } : { page: { ...page, encoded: null }, cached: false };
    }
    const promise = new Promise<Fetched | null>((resolve) => {
      const upstream = http.request(
        { ...options.upstream, agent, method: 'GET', path: req.url, headers: forwardedHeaders(req, trust, { 'accept-encoding': 'identity' }) },
        (answer) => {
          readWhole(answer, MAX_CACHED_BODY, (whole) => {
            if (!whole) return resolve(null);
            withReadableNotFound(req, { status: answer.statusCode ?? 502, headers: responseHeaders(answer.headers), body: whole }, (final) =>
              resolve(kept(final)),
            );
          });
          answer.on('error', () => resolve(null));
        },
      );
      upstream.on('error', () => resolve(null));
      upstream.end();
    }).finally(() => pending.delete(pendingKey));
    pending.set(pendingKey, promise);
    void promise.then((fetched) => (fetched ? sendCached(req, res, fetched.page, fetched.cached ? 'MISS' : 'BYPASS') : pipeToUpstream(req, res)));
  }

  /** Drops session cookies that lead nowhere from the request, and tells the browser to forget them. */
  async function clearStaleSession(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const header = req.headers.cookie;
    if (!options.staleSessionCookies || !header || !SESSION_COOKIES.some((name) => header.includes(name))) return;
    const stale = await options.staleSessionCookies(header);
    if (!stale.length) return;
    req.headers.cookie = header
      .split(';')
      .filter((part) => !stale.includes(part.split('=')[0]!.trim()))
      .join(';');
    res.appendHeader(
      'Set-Cookie',
      stale.map((name) => `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith('__Secure-') ? '; Secure' : ''}`),
    );
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(always)) res.setHeader(name, value);
    // The comuni's websites frame the embed pages; their policy's frame-ancestors says so (X-Frame-Options cannot).
    if (isEmbedPath(req.url)) res.removeHeader('X-Frame-Options');
    const route = options.routes?.find((r) => matchesPrefix(req.url, r.prefix));
    if (route) {
      if (route.localOnly && !isLocalRequest(req)) return notFound(res);
      return route.handle(req, res);
    }
    if (options.staticDirectory && (req.url ?? '').startsWith(STATIC_PREFIX) && (await sendPrecompressed(req, res, options.staticDirectory))) return;
    // Not for the routes (they read the session themselves) nor for Next.js's scripts and styles: it costs a query.
    // Nor for the embed pages, which must set no cookie on the sites that frame them.
    if (!matchesPrefix(req.url, '/_next') && !isEmbedPath(req.url)) await clearStaleSession(req, res);
    if (options.localOnlyPages?.some((prefix) => matchesPrefix(req.url, prefix)) && !isLocalRequest(req)) return notFound(res);
    const key = options.cacheSeconds > 0 ? pageCacheKey(req.method, req.url, req.headers) : null;
    if (!key) return pipeToUpstream(req, res);
    const hit = options.cache.get(key);
    if (hit) return sendCached(req, res, hit, 'HIT');
    fetchCacheable(req, res, key);
  }

  return http.createServer((req, res) => {
    const startedAt = process.hrtime.bigint();
    const requestId = requestIdOf(req, trust);
    // Next.js (and the jobs a request queues) see the same id; the visitor gets it back to quote in a report.
    req.headers['x-request-id'] = requestId;
    res.setHeader('X-Request-Id', requestId);
    res.once('close', () => {
      options.observe?.(req, res, startedAt);
      const route = routeGroup(req.url);
      const line = {
        requestId,
        method: req.method,
        route,
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - startedAt) / 1e6,
        aborted: !res.writableFinished,
      };
      if (route === 'static') options.log?.debug(line, 'request');
      else options.log?.info(line, 'request');
    });
    runInRequestScope(req, res, () => new Promise<void>((done, failed) => compress(req, res, () => dispatch(req, res).then(done, failed))));
  });
}
