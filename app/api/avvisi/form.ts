import type { NextRequest } from 'next/server';
import { translator, type MessageKey } from '@/lib/i18n';
import { field } from '@/lib/web/form-data';

/*
 * The buttons of the alerts' confirmation and management pages are plain HTML
 * forms posted here (they work without JavaScript and need no session: the
 * token they carry came in the citizen's mail and is the only key). Every
 * answer is a 303 to a page that says what happened, so a reload never posts
 * twice; a token or value our pages never send is a 400.
 */

/** The posted fields, as text cut to a length; a body that is not a form is an empty one. */
export async function postedFields(request: NextRequest): Promise<(name: string, max: number) => string> {
  const data = await request.formData().catch(() => new FormData());
  return (name, max) => field(data, name).slice(0, max);
}

/** A short answer in both languages (for mail programs and for requests no page of ours makes). */
export function plainAnswer(status: number, key: MessageKey): Response {
  return new Response(`${translator('it')(key)}\n${translator('en')(key)}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
