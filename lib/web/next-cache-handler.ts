import { LRUCache } from 'lru-cache';
// With its extension: Node loads this file itself, without a bundler to resolve the path.
import { config } from '../config/index.ts';
import { dropTwice, listenForEvents } from '../events/listen.ts';
import { isPublicEvent } from '../events/routes.ts';

/*
 * Next.js's cache of rendered pages (ISR), kept in memory within a byte
 * budget instead of Next's default, which writes every rendered address to
 * disk without bound: every distinct /messaggi/<x> or /temi/<x>?pagina=<n> an
 * anonymous visitor invented became a ~54 KB file. Here nothing is written to
 * disk, the least recently used pages go when the budget is full, and a page
 * that answered 404 (an unknown id, a page number past the end) is not kept at
 * all, so made-up addresses cannot push real pages out either.
 *
 * Next.js loads this file itself at run time (next.config.js, cacheHandler),
 * with Node's own TypeScript support: it imports only the configuration
 * (which imports packages only) and uses only syntax Node can strip.
 */

interface CacheContext {
  tags?: string[];
  softTags?: string[];
  cacheControl?: unknown;
  fetchCache?: boolean;
}

interface CachedValue {
  kind?: string;
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  html?: string | { length: number };
  body?: { length: number };
  rscData?: { length: number };
  data?: unknown;
}

interface Entry {
  value: CachedValue;
  lastModified: number;
  cacheControl: unknown;
  tags: string[];
  size: number;
}

const TAGS_HEADER = 'x-next-cache-tags';

/** A rough size: the page's HTML and React payload, or the serialised data of a fetch. */
function sizeOf(key: string, value: CachedValue): number {
  const length = (part: { length: number } | string | undefined) => (part === undefined ? 0 : part.length);
  const data = value.data === undefined ? 0 : JSON.stringify(value.data).length;
  return key.length + length(value.html) + length(value.rscData) + length(value.body) + data + 256;
}

function tagsOf(value: CachedValue, ctx: CacheContext): string[] {
  const header = value.headers?.[TAGS_HEADER];
  const fromHeader = typeof header === 'string' ? header.split(',') : [];
  return [...new Set([...fromHeader, ...(ctx.tags ?? []), ...(ctx.softTags ?? [])])];
}

/** Answers that must not be kept: not-found pages and errors. */
function notWorthKeeping(value: CachedValue): boolean {
  return typeof value.status === 'number' && value.status >= 400;
}

export class PageStore {
  private readonly entries: LRUCache<string, Entry>;
  /** When each tag was last revalidated: an entry older than one of its tags is gone. */
  private readonly revalidated = new Map<string, number>();

  constructor(maxBytes: number) {
    this.entries = new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: (entry) => entry.size });
  }

  get(key: string, ctx: CacheContext = {}): { lastModified: number; value: CachedValue; cacheControl: unknown } | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    const tags = [...entry.tags, ...(ctx.tags ?? []), ...(ctx.softTags ?? [])];
    if (tags.some((tag) => (this.revalidated.get(tag) ?? -1) >= entry.lastModified)) {
      this.entries.delete(key);
      return null;
    }
    return { lastModified: entry.lastModified, value: entry.value, cacheControl: entry.cacheControl };
  }

  set(key: string, value: CachedValue | null, ctx: CacheContext = {}, now = Date.now()): void {
    if (!value || notWorthKeeping(value)) {
      this.entries.delete(key);
      return;
    }
    const size = sizeOf(key, value);
    // One entry larger than the whole budget would empty the cache for nothing.
    if (size > this.entries.maxSize) return;
    this.entries.set(key, { value, lastModified: now, cacheControl: ctx.fetchCache ? undefined : ctx.cacheControl, tags: tagsOf(value, ctx), size });
  }

  revalidateTag(tags: string | string[], now = Date.now()): void {
    for (const tag of Array.isArray(tags) ? tags : [tags]) this.revalidated.set(tag, now);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.entries.calculatedSize;
  }
}

// One store per process, shared by every instance Next.js makes of the handler.
const store = new PageStore(config().nextCacheBytes);

/*
 * Changes made by other processes (another web process, a worker: a video
 * gone live on YouTube, new view counts) reach this one as domain events: a
 * public one drops every kept page. Started with the first use, so a build,
 * which loads this file too, opens no connection.
 */
let listening = false;
function listenOnce(): void {
  const { databaseUrl: url, building } = config();
  if (listening || !url || building) return;
  listening = true;
  const dropAll = () => dropTwice(() => store.clear());
  listenForEvents(url, (event) => isPublicEvent(event.type) && dropAll(), dropAll);
}

export default class BoundedCacheHandler {
  async get(key: string, ctx?: CacheContext) {
    listenOnce();
    return store.get(key, ctx);
  }

  async set(key: string, data: CachedValue | null, ctx?: CacheContext) {
    store.set(key, data, ctx);
  }

  async revalidateTag(tags: string | string[]) {
    store.revalidateTag(tags);
  }

  resetRequestCache() {}
}
