import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { isolatedContext, launchBrowser, wcagViolations } from '../support/browser';
import { createVideo } from '../support/fixtures';
import { pushServiceAt, type LocalSubscription } from '../support/push-service';

/*
 * A citizen turns on push notifications for a comune with the page's button,
 * a message of that comune is published, and the portal's worker pushes it
 * (VAPID-signed, encrypted) to the local push service the portal was started
 * with; the service worker shows it. Chromium subscribes only at Google's push
 * service, out of reach here: the page's PushManager is given subscriptions of
 * the local service instead (everything else is the browser's own: the
 * permission, the service worker, the page's requests), and the payload the
 * local service received is handed to the service worker through the
 * DevTools protocol, as the browser's push channel would.
 */

const base = inject('baseUrl');
const service = pushServiceAt(inject('pushServiceOrigin'));
let db: Db;
let browser: Browser;
let context: BrowserContext;
let external: string[];
let blocked: string[];
let comune: { istatCode: string; slug: string; name: string };
const subscriptions: LocalSubscription[] = [];

/** Stands in for the browser's link to its push service: subscribe() asks the local one, and the subscription is kept like the browser keeps it. */
function localPushManager() {
  const KEY = 'vc-test-push-subscription';
  const toBase64url = (buffer: ArrayBuffer) =>
    btoa(String.fromCharCode(...new Uint8Array(buffer)))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  const fromBase64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)).buffer;
  type Stored = { endpoint: string; keys: { p256dh: string; auth: string }; applicationServerKey: string };
  const subscription = (stored: Stored) => ({
    endpoint: stored.endpoint,
    expirationTime: null,
    options: { userVisibleOnly: true, applicationServerKey: fromBase64url(stored.applicationServerKey) },
    toJSON: () => ({ endpoint: stored.endpoint, expirationTime: null, keys: stored.keys }),
    unsubscribe: async () => {
      localStorage.removeItem(KEY);
      return true;
    },
  });
  PushManager.prototype.getSubscription = async function () {
    const stored = localStorage.getItem(KEY);
    return (stored ? subscription(JSON.parse(stored) as Stored) : null) as unknown as PushSubscription;
  };
  PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
    const applicationServerKey = toBase64url(options!.applicationServerKey as ArrayBuffer);
    const made = await (window as unknown as { __vcLocalSubscribe: (key: string) => Promise<Omit<Stored, 'applicationServerKey'>> }).__vcLocalSubscribe(
      applicationServerKey,
    );
    const stored = { ...made, applicationServerKey };
    localStorage.setItem(KEY, JSON.stringify(stored));
    return subscription(stored) as unknown as PushSubscription;
  };
}

beforeAll(async () => {
  db = createDb(inject('portalDatabaseUrl'), 2);
  comune = await db.municipality.findFirstOrThrow({
    where: { areaCode: '001', videos: { none: {} }, alerts: { none: {} }, pushFollows: { none: {} } },
    select: { istatCode: true, slug: true, name: true },
    orderBy: { istatCode: 'asc' },
  });
  browser = await launchBrowser();
  ({ context, external, blocked } = await isolatedContext(browser));
  await context.grantPermissions(['notifications'], { origin: base });
  await context.exposeBinding('__vcLocalSubscribe', async (_source, key: string) => {
    const made = await service.subscribe(key);
    subscriptions.push(made);
    return { endpoint: made.endpoint, keys: made.keys };
  });
  await context.addInitScript(localPushManager);
});
afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
});

/** The notifications the page's service worker is showing. */
async function shown(page: Page) {
  return page.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, url: (n.data as { url: string }).url })),
  );
}

/** What the browser's push channel does with a push its service received: hand it to the service worker. */
async function deliverToServiceWorker(cdp: CDPSession, registrationId: string, payload: string) {
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: base, registrationId, data: payload });
}

describe('push notifications', () => {
  it('turns on with the comune page’s button, pushes a new message once, shows it, and turns off with the same button', async () => {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const registrations: string[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: list }) => {
      for (const r of list as Array<{ registrationId: string; isDeleted: boolean }>) if (!r.isDeleted) registrations.push(r.registrationId);
    });
    await cdp.send('ServiceWorker.enable');
    await page.goto(`${base}/comuni/${comune.istatCode}-${comune.slug}`);
    // The button needs the page's scripts, which come at the visitor's first movement (lib/web/scripts-on-interaction.ts).
    await page.mouse.move(20, 20);
    const button = page.getByRole('button', { name: 'Ricevi notifiche' });
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
    expect(await wcagViolations(page)).toEqual([]);

    await button.click();
    await page
      .getByRole('status')
      .filter({ hasText: `Notifiche attive su questo dispositivo per i nuovi messaggi di Comune di ${comune.name}` })
      .waitFor();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    const [browserSubscription] = subscriptions.splice(0);
    expect(await db.pushFollow.count({ where: { subject: `comune:${comune.istatCode}`, subscription: { endpoint: browserSubscription!.endpoint } } })).toBe(1);
    expect(await wcagViolations(page)).toEqual([]);

    // A reload shows the button as it was left: this browser follows the comune.
    await page.reload();
    await page.mouse.move(40, 40);
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');

    const video = await createVideo(db, { municipality: comune.istatCode, title: `Consegna mascherine ${Date.now()}`, status: 'PUBLISHED' });
    const received = await vi.waitFor(
      async () => {
        const list = await service.received(browserSubscription!.clientHash);
        if (!list.length) throw new Error('no push yet');
        return list;
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(JSON.parse(received[0]!)).toMatchObject({ title: `Nuovo messaggio del Comune di ${comune.name}`, body: video.title, tag: video.id, lang: 'it' });
    // Once, however long we look (two workers, retries).
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await service.received(browserSubscription!.clientHash)).toHaveLength(1);

    expect(registrations.length).toBeGreaterThan(0);
    await deliverToServiceWorker(cdp, registrations.at(-1)!, received[0]!);
    await expect
      .poll(() => shown(page))
      .toEqual([{ title: `Nuovo messaggio del Comune di ${comune.name}`, body: video.title, url: expect.stringContaining(`/it/messaggi/${video.id}`) }]);

    await button.click();
    await page.getByRole('status').filter({ hasText: 'Notifiche disattivate' }).waitFor();
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    // It followed nothing else: the portal forgets the browser, and the browser unsubscribes.
    expect(await db.pushSubscription.count({ where: { endpoint: browserSubscription!.endpoint } })).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('vc-test-push-subscription'))).toBeNull();
    expect(external).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();
  });

  it('offers the same button on a theme page, in English too', async () => {
    const theme = await db.theme.findFirstOrThrow({ where: { active: true }, select: { slug: true, labelEn: true } });
    const english = await browser.newContext({ locale: 'en-GB' });
    try {
      const page = await english.newPage();
      await page.goto(`${base}/temi/${theme.slug}`);
      await page.mouse.move(20, 20);
      const button = page.getByRole('button', { name: 'Get notifications' });
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
      expect(await page.getByText('No e-mail address needed').count()).toBe(1);
      expect(await wcagViolations(page)).toEqual([]);
    } finally {
      await english.close();
    }
  });

  it('forgets a browser whose push service answers 410 Gone', async () => {
    const revoked = await service.subscribe(await portalPublicKey());
    const answer = await fetch(`${base}/api/notifiche`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ subscription: { endpoint: revoked.endpoint, keys: revoked.keys }, comune: comune.istatCode, locale: 'it' }),
    });
    expect(answer.status).toBe(200);
    await service.expire(revoked.clientHash);
    await createVideo(db, { municipality: comune.istatCode, title: `Dopo la revoca ${Date.now()}`, status: 'PUBLISHED' });
    await vi.waitFor(async () => expect(await db.pushSubscription.count({ where: { endpoint: revoked.endpoint } })).toBe(0), {
      timeout: 30_000,
      interval: 250,
    });
  });
});

/** The portal's public VAPID key (demo mode keeps its pair in the data folder). */
async function portalPublicKey(): Promise<string> {
  const keys = JSON.parse(await readFile(`${inject('portalDataDir')}/vapid-keys.json`, 'utf8')) as { publicKey: string };
  return keys.publicKey;
}
