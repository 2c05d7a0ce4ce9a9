import webpush from 'web-push';
import { isAllowedEndpoint } from './push-services';

/*
 * One push to one browser (RFC 8030): web-push encrypts the payload for the
 * browser's keys (RFC 8291, aes128gcm) and signs the request with the portal's
 * VAPID key (RFC 8292); the request itself goes out with fetch, so that a
 * push service on http (the tests' local one) works as a real one does, no
 * redirect is followed and a slow service times out.
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

/** sent; gone (404/410: the browser unsubscribed, drop it); refused (a permanent 4xx: not sent again); retry (429, 5xx, no answer). */
export type PushOutcome = 'sent' | 'gone' | 'refused' | 'retry';

/** A day: an alert older than that is no news (the push service drops it if the phone stayed offline). */
const PUSH_TTL_SECONDS = 24 * 3600;
const PUSH_TIMEOUT_MS = 10_000;

export async function sendPush(target: PushTarget, payload: string, settings: PushSettings): Promise<PushOutcome> {
  // The services allowed may have changed since the browser subscribed.
  if (!isAllowedEndpoint(target.endpoint, settings.services)) return 'gone';
  const request = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, payload, {
    vapidDetails: settings.vapid,
    TTL: PUSH_TTL_SECONDS,
    urgency: 'normal',
    contentEncoding: 'aes128gcm',
  });
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
    if (answer.status === 404 || answer.status === 410) return 'gone';
    if (answer.status === 429 || answer.status >= 500) return 'retry';
    return 'refused';
  } catch {
    return 'retry';
  }
}
