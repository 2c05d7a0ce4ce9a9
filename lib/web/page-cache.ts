import { isEmbedPath } from '../embeds/paths';
import type { IncomingHttpHeaders } from 'node:http';
import { LOCALE_COOKIE, negotiateLocale } from '../i18n';
import { hasSessionCookie, parseCookieHeader } from './cookies';
import { checkPublicAddress } from './public-params';
import { compressOnce, type Variants } from './compression';

/*
 * A short-lived cache of the public pages anonymous visitors see, kept in the
 * web process in front of Next.js. Next already caches these pages (ISR), but
 * serving its cache costs several milliseconds a request; on a crisis day the
 * same few pages are asked for thousands of times a minute. Only what Next marks
 * as shared-cacheable (s-maxage) and carries no cookie is kept, and only for
 * requests without a session, so nothing personal or unpublished can be stored.
 */

export interface CachedPage {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The body compressed once when kept (brotli and gzip), not at every answer. */
  encoded: Variants;
  expiresAt: number;
}

/*
 * Only the query parameters a cached page reads are part of its key: /?x=1,
 * /?x=2 … are the same page, and must not each push a real page out.
 */
const PAGE_PARAMS = ['comune', 'pagina'];
/** An embed page's language, chosen by its snippet: part of the key there, and only there (elsewhere it would make any number of keys of one page). */
const EMBED_PARAMS = [...PAGE_PARAMS, 'lingua'];
const OPEN_DATA_PATH = '/api/v1/';

function keyPath(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  const names = isEmbedPath(url) ? EMBED_PARAMS : PAGE_PARAMS;
  const kept = new URLSearchParams(names.flatMap((name) => (params.has(name) ? [[name, params.get(name)!]] : [])));
  const query = kept.toString();
  return `${url.slice(0, at)}${query ? `?${query}` : ''}`;
}

/** The cache key of a request, or null when it must go to Next.js. */
export function pageCacheKey(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): string | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  if (!url || url.includes('_rsc=')) return null;
  // Of the API, only the open data (the same answer for everyone); each of its parameters is validated, so all count.
  const openData = url.startsWith(OPEN_DATA_PATH);
  if (url.startsWith('/api/') && !openData) return null;
  // Client-side navigations ask Next for React payloads, which vary on these headers.
  if (headers.rsc || headers['next-router-state-tree'] || headers['next-router-prefetch'] || headers.authorization) return null;
  const cookie = parseCookieHeader(headers.cookie);
  if (hasSessionCookie(cookie)) return null;
  if (openData) return `api ${url}`;
  // An address the proxy refuses (a control character in the path or any parameter, an out-of-range page)
  // is never answered from the cache: /privacy?x=%00 must get its 400, not the cached /privacy.
  const { pathname, searchParams } = new URL(url, 'http://cache.invalid');
  if (!checkPublicAddress(pathname, searchParams).ok) return null;
  const locale = negotiateLocale(cookie(LOCALE_COOKIE), (headers['accept-language'] as string | undefined) ?? null);
  return `${locale} ${keyPath(url)}`;
}

/** How long a response may be kept, in milliseconds; 0 when it must not be. */
export function pageCacheTtl(status: number, headers: IncomingHttpHeaders, maxSeconds: number): number {
  if (status !== 200 || headers['set-cookie']) return 0;
  const control = String(headers['cache-control'] ?? '');
  if (/private|no-store|no-cache/.test(control)) return 0;
  const shared = /s-maxage=(\d+)/.exec(control);
  if (!shared) return 0;
  return Math.min(Number(shared[1]), maxSeconds) * 1000;
}

const sizeOf = (page: CachedPage) => page.body.length + page.encoded.br.length + page.encoded.gzip.length;

/** Least-recently-used, bounded by total bytes. */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string, now = Date.now()): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= now) {
      this.bytes -= sizeOf(entry);
      return undefined;
    }
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, page: Omit<CachedPage, 'encoded'>): CachedPage {
    const entry: CachedPage = { ...page, encoded: compressOnce(page.body) };
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.bytes -= sizeOf(previous);
    }
    this.entries.set(key, entry);
    this.bytes += sizeOf(entry);
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(old);
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Emptied when a public change commits anywhere; a page fetched across a clear may predate the change. */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.clears++;
  }

  private clears = 0;

  /** How many times the cache was emptied: a fetch begun under another number must not be kept. */
  get generation(): number {
    return this.clears;
  }
}
