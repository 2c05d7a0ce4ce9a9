import { z } from 'zod';
import { LOCALES, type Locale } from '../i18n';
import { decryptToken, encryptToken, keyFor } from '../secrets/seal';
import { parseSubjectKey, subjectKey, frequencySchema, type AlertSubject, type Frequency } from './subject';

/*
 * A request for alerts is stored nowhere until it is confirmed: everything it
 * says (address, subject, frequency, language, expiry) travels sealed in the
 * confirmation link (AES-256-GCM under a key of its own derived from
 * VC_TOKEN_KEY), so a link cannot be forged, altered or read, and an address
 * nobody confirms leaves no trace in the database.
 */

export const CONFIRMATION_HOURS = 48;
const PURPOSE = 'alert confirmation';

export interface AlertRequest {
  email: string;
  subject: AlertSubject;
  frequency: Frequency;
  locale: Locale;
}

const sealedShape = z
  .object({
    e: z.string().max(320),
    s: z.string().max(32),
    f: frequencySchema,
    l: z.enum(LOCALES),
    x: z.number().int().positive(),
  })
  .strict();

/** The link's secret, ready for a query string (base64url, no padding). */
export function sealRequest(request: AlertRequest, now = new Date()): string {
  const body = { e: request.email, s: subjectKey(request.subject), f: request.frequency, l: request.locale, x: now.getTime() + CONFIRMATION_HOURS * 3600_000 };
  return Buffer.from(encryptToken(JSON.stringify(body), keyFor(PURPOSE))).toString('base64url');
}

/** Only characters base64url uses, and no longer than any sealed request: anything else is not ours. */
export const SEALED_REQUEST = /^[A-Za-z0-9_-]{40,800}$/;

export type OpenedRequest = { ok: true; request: AlertRequest } | { ok: false; reason: 'invalid' | 'expired' };

export function openRequest(token: string, now = new Date()): OpenedRequest {
  if (!SEALED_REQUEST.test(token)) return { ok: false, reason: 'invalid' };
  let body: z.infer<typeof sealedShape>;
  try {
    body = sealedShape.parse(JSON.parse(decryptToken(Buffer.from(token, 'base64url').toString('utf8'), keyFor(PURPOSE))));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const subject = parseSubjectKey(body.s);
  if (!subject) return { ok: false, reason: 'invalid' };
  if (body.x < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, request: { email: body.e, subject, frequency: body.f, locale: body.l } };
}
