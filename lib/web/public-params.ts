import { z } from 'zod';
import { hasControlCharacters, isSingleLine } from '../text/safe-text';

/*
 * What the public pages accept in their address, checked before anything is
 * rendered or queried: no control characters anywhere (PostgreSQL refuses a NUL
 * in text with an error, and no name, slug or search needs one), readable
 * percent-encoding, and each page's own parameters within their ranges. A
 * request that fails gets a 400, never a 500 and never a page in the cache.
 */

/** Text without control characters, as every public parameter must be. */
const plainText = z.string().refine(isSingleLine, { message: 'control characters are not allowed' });

const MAX_PAGE = 10_000;

/** A page number of a paged list, as an address carries it (?pagina= or the path the proxy rewrites it to). */
export function isPageNumber(text: string): boolean {
  return /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_PAGE;
}

const pageNumber = z.union([z.literal(''), z.string().refine(isPageNumber)]);

/** Query parameters that decide what a page shows; others (tracking tags, say) are ignored, but must still be plain text. */
const PAGE_QUERIES: Array<{ path: RegExp; schema: z.ZodType }> = [
  { path: /^\/cerca$/, schema: z.object({ q: plainText.pipe(z.string().max(1000)).optional() }) },
  { path: /^\/accessibilita\/segnala$/, schema: z.object({ pagina: plainText.pipe(z.string().max(500)).optional() }) },
  {
    path: /^\/avvisi$/,
    schema: z.object({
      comune: z.union([z.literal(''), z.string().regex(/^\d{6}$/)]).optional(),
      tema: z
        .string()
        .regex(/^[a-z0-9-]{0,80}$/)
        .optional(),
    }),
  },
  {
    path: /^\/avvisi\/conferma$/,
    schema: z.object({
      t: z
        .string()
        .regex(/^[A-Za-z0-9_-]{0,1000}$/)
        .optional(),
    }),
  },
  {
    path: /^\/avvisi\/gestisci$/,
    schema: z.object({
      t: z
        .string()
        .regex(/^[A-Za-z0-9_-]{0,100}$/)
        .optional(),
      esito: z.enum(['confermata', 'salvata', 'cancellata']).optional(),
    }),
  },
  { path: /^\/embed\/(comuni|messaggi|appelli)\/[^/]+$/, schema: z.object({ lingua: z.enum(['it', 'en']).optional() }) },
  { path: /^\/temi\/[^/]+$/, schema: z.object({ comune: z.union([z.literal(''), z.string().regex(/^\d{6}$/)]).optional(), pagina: pageNumber.optional() }) },
];

export type ParamVerdict = { ok: true } | { ok: false; reason: 'encoding' | 'control' | 'range' };

/** Checks a public page's path and query string. */
export function checkPublicAddress(pathname: string, search: URLSearchParams): ParamVerdict {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return { ok: false, reason: 'encoding' };
  }
  if (hasControlCharacters(path)) return { ok: false, reason: 'control' };
  const query: Record<string, string> = {};
  for (const [key, value] of search) {
    if (hasControlCharacters(key) || hasControlCharacters(value)) return { ok: false, reason: 'control' };
    query[key] ??= value;
  }
  const rule = PAGE_QUERIES.find((r) => r.path.test(path));
  if (rule && !rule.schema.safeParse(query).success) return { ok: false, reason: 'range' };
  return { ok: true };
}
