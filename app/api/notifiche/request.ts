import { z } from 'zod';
import { subjectFromAddress } from '@/lib/alerts/subscriptions';
import type { AlertSubject } from '@/lib/alerts/subject';
import { MAX_ENDPOINT_LENGTH } from '@/lib/alerts/push-services';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { localeOf, translator, type Locale, type MessageKey } from '@/lib/i18n';

/*
 * The push button's requests (components/alerts/PushButton.tsx): small JSON
 * bodies with no cookie. The browser's endpoint is the only key; a body from
 * a form of another site (not JSON) is refused before it is read, and
 * cross-site JSON needs a CORS preflight the portal never grants.
 */

const MAX_BODY = 4096;

/** What every request names: the subject as the page's address does (?comune=, ?tema=) and the page's language. */
export const subjectFields = {
  comune: z.string().max(20).optional(),
  tema: z.string().max(100).optional(),
  locale: z.string().max(5).optional(),
};

export const endpointOnly = z.object({ endpoint: z.string().min(1).max(MAX_ENDPOINT_LENGTH), ...subjectFields }).strict();

export function answer(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

export function refusal(status: number, locale: Locale, key: MessageKey, params?: Record<string, number>, headers?: Record<string, string>): Response {
  return answer(status, { error: translator(locale)(key, params) }, headers);
}

type Read<T> = { ok: true; body: T; locale: Locale } | { ok: false; response: Response };
type Parsed<T> = { ok: true; body: T; subject: AlertSubject; locale: Locale } | { ok: false; response: Response };

/** Reads and checks a request's JSON body against `schema`; a refusal is a translated 4xx. */
export async function readPushBody<T extends { locale?: string | undefined }>(request: Request, schema: z.ZodType<T>): Promise<Read<T>> {
  if (!config().push.vapid) return { ok: false, response: refusal(404, 'it', 'alerts.push.errors.unavailable') };
  if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
    return { ok: false, response: refusal(415, 'it', 'alerts.push.errors.invalid') };
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) return { ok: false, response: refusal(413, 'it', 'alerts.push.errors.invalid') };
  const text = await request.text().catch(() => '');
  let json: unknown = null;
  try {
    json = text.length <= MAX_BODY ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  const locale = localeOf(json !== null && typeof json === 'object' && 'locale' in json ? json.locale : undefined);
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, response: refusal(400, locale, 'alerts.push.errors.invalid') };
  return { ok: true, body: parsed.data, locale };
}

/** The same, for a request about one subject: the one its page's address names. */
export async function readPushRequest<T extends { comune?: string | undefined; tema?: string | undefined; locale?: string | undefined }>(
  request: Request,
  schema: z.ZodType<T>,
): Promise<Parsed<T>> {
  const read = await readPushBody(request, schema);
  if (!read.ok) return read;
  const { comune, tema } = read.body;
  // A page offers the button for one comune or one theme; "everything" has e-mail alerts only.
  const subject = comune || tema ? await subjectFromAddress(db(), { comune, tema }) : null;
  if (!subject) return { ok: false, response: refusal(400, read.locale, 'alerts.push.errors.invalid') };
  return { ...read, subject };
}
