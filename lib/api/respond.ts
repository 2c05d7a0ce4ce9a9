import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { hasControlCharacters } from '../text/safe-text';

/** The one error shape of the open API: { "error": { "code", "message", "issues"? } }. */
export function jsonError(status: number, code: string, message: string, issues?: Array<{ path: string; message: string }>): NextResponse {
  return NextResponse.json({ error: { code, message, ...(issues ? { issues } : {}) } }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** An answer of the open API: anyone may keep it for a minute; the web processes keep it (s-maxage) until a public change. */
export function json(body: unknown, maxAgeSeconds = 60): NextResponse {
  return NextResponse.json(body, {
    headers: { 'Cache-Control': `public, max-age=${maxAgeSeconds}, s-maxage=${maxAgeSeconds}`, 'Access-Control-Allow-Origin': '*' },
  });
}

/** Parses query parameters with a schema; unknown parameters are refused so typos do not go unnoticed. */
export function parseQuery<S extends z.ZodType>(url: URL, schema: S): { ok: true; value: z.infer<S> } | { ok: false; response: NextResponse } {
  const params: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    // A NUL would reach PostgreSQL as an error; no parameter of the API has any use for control characters.
    if (hasControlCharacters(key) || hasControlCharacters(value))
      return { ok: false, response: jsonError(400, 'bad_request', 'control characters are not allowed') };
    if (key in params) return { ok: false, response: jsonError(400, 'bad_request', `parameter "${key}" is repeated`) };
    params[key] = value;
  }
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    return {
      ok: false,
      response: jsonError(
        400,
        'bad_request',
        'invalid query parameters',
        parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(query)', message: i.message })),
      ),
    };
  }
  return { ok: true, value: parsed.data };
}
