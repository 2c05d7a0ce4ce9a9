import { z } from 'zod';
import { AdminError } from '../admin/errors';
import { can, ForbiddenError, type Capability } from '../auth/permissions';
import { userFromCookieHeader, type SignedInUser } from '../auth/session';
import { db } from '../db/client';
import { isLocale, namespaceKeys, LOCALE_COOKIE, translator, type Locale, type MessageKey, type Translate } from '../i18n';
import { ModerationError } from '../moderation';
import { parseCookieHeader } from '../web/cookies';

/*
 * The staff console's forms post here (route handlers under app/api/staff).
 * With JavaScript the browser asks for JSON and keeps what was typed when the
 * answer is an error; without it, the form posts normally and gets a 303 to
 * the next page (or back, with the error code). Either way the caller is
 * read from the session cookie, and a request from another site is refused.
 */

export interface FormContext {
  user: SignedInUser | null;
  data: FormData;
  locale: Locale;
  t: Translate;
}

/** What a handler answers: where the browser goes next. */
export interface FormOutcome {
  redirectTo: string;
}

const FORM_ERRORS = namespaceKeys('form', 'errors');

export class FieldErrors extends Error {
  constructor(readonly fields: Record<string, string>) {
    super('invalid form');
    this.name = 'FieldErrors';
  }
}

/** Validates a form with zod; issues become translated field errors (message codes under staff.errors). */
export function parseForm<S extends z.ZodType>(schema: S, values: unknown, t: Translate): z.infer<S> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    const code = /^[a-zA-Z]+$/.test(issue.message) ? issue.message : 'invalid';
    // The message form's own codes (title, themes…) keep the wording mayors see.
    fields[field] ??= t((FORM_ERRORS.has(code) ? `form.errors.${code}` : `staff.errors.${code}`) as MessageKey);
  }
  throw new FieldErrors(fields);
}

/** Whether a form was posted from one of the portal's own pages (a cross-site post is refused before anything is read). */
export function sameOrigin(request: Request): boolean {
  if (request.headers.get('sec-fetch-site') === 'cross-site') return false;
  const origin = request.headers.get('origin');
  if (!origin) return true;
  const host = request.headers.get('x-forwarded-host') || request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The form's own language field, else the visitor's saved language. */
function localeOf(data: FormData | null, cookie: (name: string) => string | undefined): Locale {
  const asked = data?.get('locale');
  if (isLocale(asked)) return asked;
  const saved = cookie(LOCALE_COOKIE);
  return isLocale(saved) ? saved : 'it';
}

function backTo(request: Request, code: string): string {
  const referer = request.headers.get('referer');
  let path = '/staff';
  if (referer) {
    try {
      const url = new URL(referer);
      if (url.pathname.startsWith('/staff')) path = url.pathname;
    } catch {
      // An unreadable Referer sends the browser to the console's home.
    }
  }
  return `${path}?errore=${encodeURIComponent(code)}`;
}

/** The signed-in caller of a route handler, from the request's own Cookie header. */
export function userFromRequest(request: Request): Promise<SignedInUser | null> {
  return userFromCookieHeader(db(), request.headers.get('cookie'));
}

export async function handleStaffForm(request: Request, capability: Capability, handle: (context: FormContext) => Promise<FormOutcome>): Promise<Response> {
  const wantsJson = (request.headers.get('accept') ?? '').includes('application/json');
  const noStore = { 'Cache-Control': 'private, no-store' };
  const cookie = parseCookieHeader(request.headers.get('cookie') ?? undefined);
  const forbidden = (locale: Locale) => {
    const text = translator(locale)('staff.errors.forbidden');
    return wantsJson ? Response.json({ errors: { form: text } }, { status: 403, headers: noStore }) : new Response(text, { status: 403, headers: noStore });
  };
  if (!sameOrigin(request)) return new Response('Cross-site form refused', { status: 403, headers: noStore });
  const user = await userFromRequest(request);
  // Refused before the form is even read: a caller without the right learns nothing from validation, and costs nothing.
  if (!can(user, capability)) {
    if (!wantsJson && !user) return new Response(null, { status: 303, headers: { ...noStore, Location: '/accedi?da=/staff' } });
    return forbidden(localeOf(null, cookie));
  }
  let data: FormData;
  try {
    data = await request.formData();
  } catch {
    return new Response('Expected a form', { status: 400, headers: noStore });
  }
  const locale = localeOf(data, cookie);
  const t = translator(locale);
  const fail = (status: number, code: string, fields: Record<string, string>) =>
    wantsJson
      ? Response.json({ errors: fields }, { status, headers: noStore })
      : new Response(null, { status: 303, headers: { ...noStore, Location: backTo(request, code) } });
  try {
    const outcome = await handle({ user, data, locale, t });
    return wantsJson
      ? Response.json(outcome, { headers: noStore })
      : new Response(null, { status: 303, headers: { ...noStore, Location: outcome.redirectTo } });
  } catch (error) {
    if (error instanceof ForbiddenError) return forbidden(locale);
    if (error instanceof FieldErrors) return fail(400, 'invalid', error.fields);
    if (error instanceof ModerationError || error instanceof AdminError) return fail(409, error.code, { form: t(`staff.errors.${error.code}` as MessageKey) });
    throw error;
  }
}
