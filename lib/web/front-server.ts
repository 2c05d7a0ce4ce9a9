import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { pageCacheKey, pageCacheTtl, type CachedPage, type PageCache } from './page-cache';

/*
 * The web process's own HTTP server. It answers resumable uploads itself (they
 * stream to storage without passing through Next.js), serves the short page
 * cache, and forwards everything else to the Next.js server on a loopback port.
 */

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface FrontServerOptions {
  upstream: { host: string; port: number };
  cache: PageCache;
  cacheSeconds: number;
  /** Path prefixes answered in this process instead of Next.js. */
  routes?: Array<{ prefix: string; handle: RouteHandler }>;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];
// Set by the language proxy for its own rewrites; a visitor must not be able to send it.
const INTERNAL_HEADERS = ['x-vc-internal'];
const MAX_CACHED_BODY = 4 * 1024 * 1024;

function forwardedHeaders(req: IncomingMessage, overrides: Record<string, string> = {}): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { ...req.headers };
  for (const name of [...HOP_BY_HOP, ...INTERNAL_HEADERS]) delete headers[name];
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = headers['x-forwarded-proto'] ?? 'http';
  return { ...headers, ...overrides };
}

function responseHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.includes(name)) continue;
    out[name] = value;
  }
  return out;
}

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

interface Fetched {
  page: Omit<CachedPage, 'gzip'> & { gzip: Buffer | null };
  cached: boolean;
}

function sendCached(req: IncomingMessage, res: ServerResponse, page: Fetched['page'], state: 'HIT' | 'MISS' | 'BYPASS'): void {
  const gzip = page.gzip !== null && acceptsGzip(req) ? page.gzip : null;
  const body = gzip ?? page.body;
  const headers: Record<string, string> = { ...page.headers, 'content-length': String(body.length), 'x-vc-cache': state };
  if (gzip) headers['content-encoding'] = 'gzip';
  res.writeHead(page.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function createFrontServer(options: FrontServerOptions): http.Server {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const pending = new Map<string, Promise<Fetched | null>>();

  function pipeToUpstream(req: IncomingMessage, res: ServerResponse): void {
    const upstream = http.request({ ...options.upstream, agent, method: req.method, path: req.url, headers: forwardedHeaders(req) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, responseHeaders(answer.headers));
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Bad gateway');
    });
    req.pipe(upstream);
  }

  /*
   * One request to Next.js per key however many visitors ask at once. The visitor
   * who caused the request always gets its answer; the others share it only when
   * it may be cached, and otherwise ask Next.js themselves.
   */
  function fetchCacheable(req: IncomingMessage, res: ServerResponse, key: string): void {
    const inFlight = pending.get(key);
    if (inFlight) {
      void inFlight.then((fetched) => (fetched?.cached ? sendCached(req, res, fetched.page, 'HIT') : pipeToUpstream(req, res)));
      return;
    }
    const promise = new Promise<Fetched | null>((resolve) => {
      const upstream = http.request(
        { ...options.upstream, agent, method: 'GET', path: req.url, headers: forwardedHeaders(req, { 'accept-encoding': 'identity' }) },
        (answer) => {
          const chunks: Buffer[] = [];
          let size = 0;
          answer.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_CACHED_BODY) chunks.push(chunk);
          });
          answer.on('end', () => {
            const ttl = size <= MAX_CACHED_BODY ? pageCacheTtl(answer.statusCode ?? 0, answer.headers, options.cacheSeconds) : 0;
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(responseHeaders(answer.headers))) {
              if (name !== 'content-length' && name !== 'content-encoding') headers[name] = Array.isArray(value) ? value.join(', ') : value;
            }
            headers.vary = [headers.vary, 'Accept-Encoding'].filter(Boolean).join(', ');
            if (size > MAX_CACHED_BODY) return resolve(null);
            const page = { status: answer.statusCode ?? 502, headers, body: Buffer.concat(chunks), expiresAt: Date.now() + ttl };
            resolve(ttl > 0 ? { page: options.cache.set(key, page), cached: true } : { page: { ...page, gzip: null }, cached: false });
          });
          answer.on('error', () => resolve(null));
        },
      );
      upstream.on('error', () => resolve(null));
      upstream.end();
    }).finally(() => pending.delete(key));
    pending.set(key, promise);
    void promise.then((fetched) => (fetched ? sendCached(req, res, fetched.page, fetched.cached ? 'MISS' : 'BYPASS') : pipeToUpstream(req, res)));
  }

  return http.createServer((req, res) => {
    const route = options.routes?.find((r) => req.url?.startsWith(r.prefix));
    if (route) {
      void Promise.resolve(route.handle(req, res)).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return;
    }
    const key = options.cacheSeconds > 0 ? pageCacheKey(req.method, req.url, req.headers) : null;
    if (!key) return pipeToUpstream(req, res);
    const hit = options.cache.get(key);
    if (hit) return sendCached(req, res, hit, 'HIT');
    fetchCacheable(req, res, key);
  });
}
