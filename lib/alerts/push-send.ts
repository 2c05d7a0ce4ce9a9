import webpush from 'web-push';
import { allowedEndpoint } from './push-services';

/*
 * One push to one browser (RFC 8030): web-push encrypts the payload for the
 * browser's keys (RFC 8291, aes128gcm) and signs the request with the portal's
 * VAPID key (RFC 8292); the request itself goes out with fetch, so that a
 * push service on http (the tests' local one) works as a real one does, no
 * redirect is followed and a slow service times out. The VAPID signature names
 * only the push service and an expiry, so one is made per service every few
 * hours rather than one per push (a publication sends thousands).
 */

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushSettings {
  vapid: { publicKey: string; privateKey: string; subject: string };
  services: readonly string[];
}

/**
 * sent; gone (the browser unsubscribed, 404/410, or the subscription can never
 * work: 400, 401, 403, a key nothing can be encrypted for; drop it); refused (another 4xx:
 * not sent again); retry (429, 5xx, no answer).
 */
export type PushOutcome = 'sent' | 'gone' | 'refused' | 'retry';

/** A day: an alert older than that is no news (the push service drops it if the phone stayed offline). */
const PUSH_TTL_SECONDS = 24 * 3600;
const PUSH_TIMEOUT_MS = 10_000;
/** A VAPID signature is valid for 12 hours (push services accept up to 24) and replaced an hour before it expires. */
const VAPID_VALID_SECONDS = 12 * 3600;
const VAPID_RENEW_BEFORE_MS = 3600_000;

const signatures = new Map<string, { authorization: string; expiresAt: number }>();

function vapidAuthorization(endpoint: string, vapid: PushSettings['vapid'], now = Date.now()): string {
  const audience = new URL(endpoint).origin;
  const key = `${vapid.publicKey} ${audience}`;
  const known = signatures.get(key);
  if (known && known.expiresAt - VAPID_RENEW_BEFORE_MS > now) return known.authorization;
  const expiration = Math.floor(now / 1000) + VAPID_VALID_SECONDS;
  const { Authorization } = webpush.getVapidHeaders(audience, vapid.subject, vapid.publicKey, vapid.privateKey, 'aes128gcm', expiration);
  signatures.set(key, { authorization: Authorization, expiresAt: expiration * 1000 });
  return Authorization;
}

export async function sendPush(target: PushTarget, payload: string, settings: PushSettings): Promise<PushOutcome> {
  // The services allowed may have changed since the browser subscribed.
  if (!allowedEndpoint(target.endpoint, settings.services)) return 'gone';
  let request: ReturnType<typeof webpush.generateRequestDetails>;
  try {
    request = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, payload, {
      headers: { Authorization: vapidAuthorization(target.endpoint, settings.vapid) },
      TTL: PUSH_TTL_SECONDS,
      urgency: 'normal',
      contentEncoding: 'aes128gcm',
    });
  } catch {
    return 'gone';
  }
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'content-length'));
  try {
    const answer = await fetch(request.endpoint, {
      method: 'POST',
      headers: headers as Record<string, string>,
      body: request.body ? new Uint8Array(request.body) : null,
      redirect: 'manual',
      signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
    });
    await answer.body?.cancel();
    if (answer.status >= 200 && answer.status < 300) return 'sent';
    if ([400, 401, 403, 404, 410].includes(answer.status)) return 'gone';
    if (answer.status === 429 || answer.status >= 500) return 'retry';
    return 'refused';
  } catch {
    return 'retry';
  }
}
