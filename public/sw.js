/*
 * VociComuni's service worker: it only shows the push notifications the portal
 * sends (lib/alerts/push-fanout.ts), opens the message when one is chosen, and
 * tells the portal when the browser's push service replaces the subscription.
 * It handles no fetch, so pages load exactly as without it.
 */

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const title = typeof data.title === 'string' ? data.title : 'VociComuni';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === 'string' ? data.body : '',
      tag: typeof data.tag === 'string' ? data.tag : undefined,
      lang: typeof data.lang === 'string' ? data.lang : undefined,
      icon: '/podcast.png',
      data: { url: typeof data.url === 'string' ? data.url : '/' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(event.notification.data && event.notification.data.url ? event.notification.data.url : '/', self.location.origin);
  // Only the portal's own pages: a payload can name nothing else.
  const url = target.origin === self.location.origin ? target.href : self.location.origin + '/';
  // The link names the language (/it/…); the page it leads to has the address without it.
  const shown = url.replace(/^(https?:\/\/[^/]+)\/(?:it|en)(?=\/)/, '$1');
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url === url || w.url === shown);
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});

// The browser's push service replaced the subscription (Firefox does so on its own): the old
// endpoint proves to the portal which browser this is, and the new one follows what it followed.
self.addEventListener('pushsubscriptionchange', (event) => {
  const old = event.oldSubscription;
  if (!old) return;
  event.waitUntil(
    Promise.resolve(event.newSubscription || self.registration.pushManager.subscribe(old.options)).then((fresh) =>
      fetch('/api/notifiche/rinnova', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ oldEndpoint: old.endpoint, subscription: fresh.toJSON() }),
      }),
    ),
  );
});
