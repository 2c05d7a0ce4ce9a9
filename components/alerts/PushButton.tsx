'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';

/*
 * "Ricevi notifiche": one button turns this device's push notifications for a
 * comune or a theme on and off (aria-pressed says which). On: the browser asks
 * its user for permission, the portal's service worker (public/sw.js) is
 * registered, the browser subscribes at its own push service with the
 * portal's public VAPID key, and the subscription goes to /api/notifiche. Off:
 * the portal forgets the subject, and the browser unsubscribes when it
 * follows nothing else. Without JavaScript (and on the server) nothing shows;
 * a browser without the Push API is told to use e-mail alerts.
 */

export interface PushLabels {
  title: string;
  hint: string;
  button: string;
  working: string;
  on: string;
  off: string;
  denied: string;
  unsupported: string;
  failed: string;
}

type Support = 'unknown' | 'unsupported' | 'supported';

const never = () => () => undefined;

function support(): Support {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window ? 'supported' : 'unsupported';
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function sameKey(key: ArrayBuffer | null, expected: Uint8Array): boolean {
  if (!key || key.byteLength !== expected.length) return false;
  const bytes = new Uint8Array(key);
  return bytes.every((b, i) => b === expected[i]);
}

async function ask(method: 'POST' | 'DELETE', path: string, body: object): Promise<{ ok: boolean; data: Record<string, unknown> }> {
  const response = await fetch(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: response.ok, data };
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (await registration?.pushManager.getSubscription()) ?? null;
}

export function PushButton({
  subject,
  locale,
  publicKey,
  labels,
}: {
  /** As the page's address names it: `comune=<istat>` or `tema=<slug>`. */
  subject: { comune?: string; tema?: string };
  locale: string;
  publicKey: string;
  labels: PushLabels;
}) {
  const supported = useSyncExternalStore(never, support, () => 'unknown' as const);
  const [following, setFollowing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const { comune, tema } = subject;

  // Whether this browser already follows the subject: only a browser with a subscription asks.
  useEffect(() => {
    if (supported !== 'supported') return;
    let live = true;
    currentSubscription()
      .then(async (subscription) => {
        if (!subscription) return false;
        const { ok, data } = await ask('POST', '/api/notifiche/stato', { endpoint: subscription.endpoint, comune, tema, locale });
        return ok && data.following === true;
      })
      .then(
        (yes) => live && setFollowing(yes),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [supported, comune, tema, locale]);

  const turnOn = async (): Promise<string> => {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') return labels.denied;
    const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    await navigator.serviceWorker.ready;
    const key = keyBytes(publicKey);
    let subscription = await registration.pushManager.getSubscription();
    // Subscribed with another key (the portal's keys were changed): the push service would refuse our pushes.
    if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    const { ok, data } = await ask('POST', '/api/notifiche', { subscription: subscription.toJSON(), comune, tema, locale });
    if (!ok) return typeof data.error === 'string' ? data.error : labels.failed;
    setFollowing(true);
    return labels.on;
  };

  const turnOff = async (): Promise<string> => {
    const subscription = await currentSubscription();
    if (subscription) {
      const { ok, data } = await ask('DELETE', '/api/notifiche', { endpoint: subscription.endpoint, comune, tema, locale });
      if (!ok) return typeof data.error === 'string' ? data.error : labels.failed;
      if (data.remaining === 0) await subscription.unsubscribe();
    }
    setFollowing(false);
    return labels.off;
  };

  const toggle = () => {
    if (busy) return;
    setBusy(true);
    setMessage(labels.working);
    (following ? turnOff() : turnOn())
      .then(
        (text) => setMessage(text),
        () => setMessage(labels.failed),
      )
      .finally(() => setBusy(false));
  };

  if (supported === 'unknown') return null;
  return (
    <div className="mt-3 border-t border-stone-200 pt-3">
      <h3 className="font-semibold">{labels.title}</h3>
      {supported === 'unsupported' ? (
        <p className="mt-1">{labels.unsupported}</p>
      ) : (
        <>
          <p className="mt-1">{labels.hint}</p>
          <p className="mt-2">
            <button
              type="button"
              aria-pressed={following}
              aria-disabled={busy}
              onClick={toggle}
              className={`rounded border border-primary px-3 py-1.5 font-semibold ${following ? 'bg-primary text-white' : 'bg-white text-primary'}`}
            >
              {labels.button}
            </button>
          </p>
          <p role="status" className="mt-1 text-sm">
            {message}
          </p>
        </>
      )}
    </div>
  );
}
