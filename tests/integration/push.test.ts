import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  browserSubscription,
  followByPush,
  followsByPush,
  MAX_FOLLOWS_PER_BROWSER,
  PUSH_FOLLOWS_PER_NETWORK,
  renewPushSubscription,
  unfollowByPush,
} from '@/lib/alerts/push-subscriptions';
import { MAX_FAILURES, PUSH_BATCH, pushFanOutBatch, sendPushBatch } from '@/lib/alerts/push-fanout';
import { sendPush } from '@/lib/alerts/push-send';
import { subjectColumns, type AlertSubject } from '@/lib/alerts/subject';
import { addDerivedSettings } from '@/lib/config';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { queuedJobs } from '@/lib/jobs/queue';
import type { JobWorker } from '@/lib/jobs/worker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createMunicipality, createTheme, createVideo } from '../support/fixtures';
import { startLocalPushService, type LocalSubscription } from '../support/push-service';
import { eventsHeard, startTestWorker } from '../support/worker';

/*
 * Push notifications through a real push service's protocol: the local one
 * checks each push's VAPID signature and decrypts its payload, as Google's,
 * Mozilla's or Apple's would.
 */

let t: TestDatabase;
let service: Awaited<ReturnType<typeof startLocalPushService>>;
let themeId: number;
const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:urp@example.org' };
const workers: JobWorker[] = [];
const torino: AlertSubject = { kind: 'municipality', istat: '001272' };
let settings: { vapid: typeof vapid; services: string[] };
let network = 0;

beforeAll(async () => {
  service = await startLocalPushService();
  settings = { vapid, services: [service.origin] };
  addDerivedSettings({
    VC_PUBLIC_URL: 'http://portal.test',
    VC_VAPID_PUBLIC_KEY: vapid.publicKey,
    VC_VAPID_PRIVATE_KEY: vapid.privateKey,
    VC_PUSH_SERVICES: service.origin,
  });
  t = await createTestDatabase();
  await createMunicipality(t.db, '001272', 'Torino');
  await createMunicipality(t.db, '001259', 'Sauze d’Oulx');
  themeId = (await createTheme(t.db, 'spesa', 'Spesa', 'Shopping')).id;
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop(1000)));
  await t.drop();
  await service.stop();
});

/** A browser that subscribed at the local push service and follows these subjects on the portal. */
async function browserFollowing(subjects: AlertSubject[], locale: 'it' | 'en' = 'it'): Promise<LocalSubscription> {
  const subscription = await service.subscribe(vapid.publicKey);
  for (const subject of subjects) {
    const outcome = await followByPush(
      t.db,
      { subscription: { endpoint: subscription.endpoint, keys: subscription.keys }, subject, locale },
      [service.origin],
      `10.${network++}.0.0/16`,
    );
    expect(outcome).toEqual({ ok: true });
  }
  return subscription;
}

async function pushesTo(browser: LocalSubscription): Promise<Array<{ title: string; body: string; url: string; tag: string; lang: string }>> {
  return (await service.received(browser.clientHash)).map((text) => JSON.parse(text));
}

describe('following by push', () => {
  it('keeps one browser once, with what it follows; stopping the last subject forgets the browser', async () => {
    const browser = await browserFollowing([torino, { kind: 'theme', themeId }, torino]);
    expect(await t.db.pushSubscription.count({ where: { endpoint: browser.endpoint } })).toBe(1);
    expect(await t.db.pushFollow.count({ where: { subscription: { endpoint: browser.endpoint } } })).toBe(2);
    expect(await followsByPush(t.db, browser.endpoint, torino)).toBe(true);
    expect(await unfollowByPush(t.db, browser.endpoint, torino)).toBe(1);
    expect(await followsByPush(t.db, browser.endpoint, torino)).toBe(false);
    expect(await unfollowByPush(t.db, browser.endpoint, { kind: 'theme', themeId })).toBe(0);
    expect(await t.db.pushSubscription.count({ where: { endpoint: browser.endpoint } })).toBe(0);
    expect(await unfollowByPush(t.db, browser.endpoint, torino)).toBe(0);
  });

  it('accepts only the configured push services’ addresses, never one of the portal’s network', async () => {
    const { keys } = await service.subscribe(vapid.publicKey);
    for (const endpoint of [
      'http://169.254.169.254/latest/meta-data',
      'http://127.0.0.1:5432/',
      `${service.origin}.evil.example/notify/x`,
      `https://user:pw@fcm.googleapis.com/fcm/send/x`,
      'https://fcm.googleapis.com.evil.example/x',
    ]) {
      expect(
        await followByPush(
          t.db,
          { subscription: { endpoint, keys }, subject: torino, locale: 'it' },
          ['https://fcm.googleapis.com', service.origin],
          '10.200.0.0/16',
        ),
      ).toEqual({
        ok: false,
        reason: 'unknownService',
      });
    }
    expect(
      await followByPush(
        t.db,
        { subscription: { endpoint: 'https://wns2-am3p.notify.windows.com/w/?token=x', keys }, subject: torino, locale: 'it' },
        ['https://*.notify.windows.com'],
        '10.201.0.0/16',
      ),
    ).toEqual({ ok: true });
    expect(
      await followByPush(
        t.db,
        { subscription: { endpoint: `${service.origin}/notify/x`, keys }, subject: { kind: 'municipality', istat: '999999' }, locale: 'it' },
        [service.origin],
        '10.202.0.0/16',
      ),
    ).toEqual({
      ok: false,
      reason: 'unknownSubject',
    });
  });

  it('keeps one browser however its address is spelled or however many requests arrive at once, and refuses a key off the curve', async () => {
    const made = await service.subscribe(vapid.publicKey);
    const spelled = made.endpoint.replace('http://', 'HTTP://').replace('/notify/', '/notify/./');
    const requests = [made.endpoint, spelled, made.endpoint, made.endpoint].map((endpoint, i) =>
      followByPush(t.db, { subscription: { endpoint, keys: made.keys }, subject: torino, locale: 'it' }, [service.origin], `10.210.${i}.0/24`),
    );
    expect(await Promise.all(requests)).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: true }]);
    expect(await t.db.pushSubscription.count({ where: { endpoint: made.endpoint } })).toBe(1);
    expect(await t.db.pushFollow.count({ where: { subscription: { endpoint: made.endpoint } } })).toBe(1);
    expect(await followsByPush(t.db, spelled, torino)).toBe(true);
    expect(await unfollowByPush(t.db, spelled, torino)).toBe(0);
    const offCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64)]).toString('base64url');
    expect(browserSubscription.safeParse({ endpoint: made.endpoint, keys: { p256dh: offCurve, auth: made.keys.auth } }).success).toBe(false);
    expect(browserSubscription.safeParse({ endpoint: made.endpoint, keys: made.keys }).success).toBe(true);
  });

  it('moves what a browser follows to the subscription its push service replaced it with, for whoever knows the old endpoint only', async () => {
    const old = await browserFollowing([torino, { kind: 'theme', themeId }]);
    const fresh = await service.subscribe(vapid.publicKey);
    const renewed = { endpoint: fresh.endpoint, keys: fresh.keys };
    expect(await renewPushSubscription(t.db, `${service.origin}/notify/${'0'.repeat(64)}`, renewed, [service.origin])).toBe('unknown');
    expect(await renewPushSubscription(t.db, old.endpoint, { ...renewed, endpoint: 'http://169.254.169.254/latest' }, [service.origin])).toBe('unknownService');
    expect(await renewPushSubscription(t.db, old.endpoint, renewed, [service.origin])).toBe('renewed');
    expect(await followsByPush(t.db, fresh.endpoint, torino)).toBe(true);
    expect(await followsByPush(t.db, fresh.endpoint, { kind: 'theme', themeId })).toBe(true);
    expect(await t.db.pushSubscription.count({ where: { endpoint: old.endpoint } })).toBe(0);
    // Said twice (the service worker retried): the old endpoint is gone, nothing changes.
    expect(await renewPushSubscription(t.db, old.endpoint, renewed, [service.origin])).toBe('unknown');
    await unfollowByPush(t.db, fresh.endpoint, torino);
    await unfollowByPush(t.db, fresh.endpoint, { kind: 'theme', themeId });
  });

  it('tells a flooding network to wait, and caps what one browser follows', async () => {
    const { keys } = await service.subscribe(vapid.publicKey);
    const flood = '10.203.0.0/16';
    for (let i = 0; i < PUSH_FOLLOWS_PER_NETWORK.limit; i++) {
      await followByPush(
        t.db,
        { subscription: { endpoint: `${service.origin}/notify/flood${i}`, keys }, subject: torino, locale: 'it' },
        [service.origin],
        flood,
      );
    }
    expect(
      await followByPush(
        t.db,
        { subscription: { endpoint: `${service.origin}/notify/flood-last`, keys }, subject: torino, locale: 'it' },
        [service.origin],
        flood,
      ),
    ).toMatchObject({
      ok: false,
      reason: 'tooMany',
    });
    const busy = await t.db.pushSubscription.create({ data: { endpoint: `${service.origin}/notify/busy`, ...keys, locale: 'it' } });
    const themes = await Promise.all(Array.from({ length: MAX_FOLLOWS_PER_BROWSER }, (_, i) => createTheme(t.db, `tema-${i}`, `Tema ${i}`, `Theme ${i}`)));
    await t.db.pushFollow.createMany({ data: themes.map((theme) => ({ subscriptionId: busy.id, ...subjectColumns({ kind: 'theme', themeId: theme.id }) })) });
    expect(
      await followByPush(t.db, { subscription: { endpoint: busy.endpoint, keys }, subject: torino, locale: 'it' }, [service.origin], '10.204.0.0/16'),
    ).toEqual({
      ok: false,
      reason: 'tooManyFollows',
    });
    await t.db.pushSubscription.deleteMany({ where: { endpoint: { startsWith: `${service.origin}/notify/flood` } } });
    await t.db.pushSubscription.delete({ where: { id: busy.id } });
    await t.db.theme.deleteMany({ where: { id: { in: themes.map((theme) => theme.id) } } });
  });
});

describe('pushes on publication', () => {
  it('sends each following browser one signed, encrypted push per message, across two workers, and none to others', async () => {
    const both = await browserFollowing([torino, { kind: 'theme', themeId }]);
    const english = await browserFollowing([{ kind: 'theme', themeId }], 'en');
    const elsewhere = await browserFollowing([{ kind: 'municipality', istat: '001259' }]);
    for (let i = 0; i < 2; i++) workers.push(await startTestWorker(t, { kinds: ['event.deliver', 'push.fanout', 'push.send'] }));
    const video = await createVideo(t.db, { municipality: '001272', title: 'Mascherine gratuite', status: 'PUBLISHED', themes: [themeId] });
    await eventsHeard(t);
    await vi.waitFor(async () => expect(await pushesTo(english)).toHaveLength(1), { timeout: 15_000, interval: 100 });
    await vi.waitFor(async () => expect(await pushesTo(both)).toHaveLength(1), { timeout: 15_000, interval: 100 });
    expect(await pushesTo(both)).toEqual([
      {
        title: 'Nuovo messaggio del Comune di Torino',
        body: 'Mascherine gratuite',
        url: `http://portal.test/it/messaggi/${video.id}`,
        tag: video.id,
        lang: 'it',
      },
    ]);
    expect((await pushesTo(english))[0]).toMatchObject({ title: 'New message from the Comune of Torino', url: `http://portal.test/en/messaggi/${video.id}` });
    expect(await pushesTo(elsewhere)).toEqual([]);

    // A fan-out and a sending run again (a retry after a crash) push nothing twice.
    await pushFanOutBatch(t.db, { videoId: video.id });
    const rows = await t.db.pushDelivery.findMany({ where: { videoId: video.id }, orderBy: { subscriptionId: 'asc' } });
    await sendPushBatch(t.db, 'http://portal.test', settings, { videoId: video.id, first: rows[0]!.subscriptionId, last: rows.at(-1)!.subscriptionId });
    expect(await pushesTo(both)).toHaveLength(1);
    expect(rows.every((row) => row.sentAt)).toBe(true);
    await Promise.all(workers.splice(0).map((w) => w.stop(1000)));
  });

  it('forgets a browser its push service says is gone (410), and puts back the pushes a service asked to retry', async () => {
    const gone = await browserFollowing([torino]);
    const flaky = await browserFollowing([torino]);
    await service.expire(gone.clientHash);
    const video = await createVideo(t.db, { municipality: '001272', title: 'Scadenza', status: 'PUBLISHED' });
    await pushFanOutBatch(t.db, { videoId: video.id });
    const job = (await queuedJobs('push.send', 1000)).find((j) => j.payload.videoId === video.id)!.payload;
    // The first attempt meets a busy service for one browser: the batch fails (the queue retries it) and keeps that push for later.
    const busyOnce: typeof sendPush = (target, payload, s) => (target.endpoint === flaky.endpoint ? Promise.resolve('retry') : sendPush(target, payload, s));
    await expect(sendPushBatch(t.db, 'http://portal.test', settings, job, busyOnce)).rejects.toThrow(/^1 of \d+ push notifications to retry$/);
    expect(await t.db.pushSubscription.count({ where: { endpoint: gone.endpoint } })).toBe(0);
    expect(await t.db.pushDelivery.findFirst({ where: { videoId: video.id, subscription: { endpoint: flaky.endpoint } }, select: { sentAt: true } })).toEqual({
      sentAt: null,
    });
    await sendPushBatch(t.db, 'http://portal.test', settings, job);
    expect(await pushesTo(flaky)).toHaveLength(1);
  });

  it('forgets a browser its service does not know, and one whose service has not answered for too long', async () => {
    const unknown = await browserFollowing([{ kind: 'municipality', istat: '001259' }]);
    await t.db.pushSubscription.update({ where: { endpoint: unknown.endpoint }, data: { endpoint: `${service.origin}/notify/${'f'.repeat(64)}` } });
    const silent = await browserFollowing([{ kind: 'municipality', istat: '001259' }]);
    // Its push service's name stopped resolving, say: here, a port where nothing listens.
    const silentEndpoint = 'http://127.0.0.1:9/notify/silent';
    await t.db.pushSubscription.update({ where: { endpoint: silent.endpoint }, data: { endpoint: silentEndpoint, failures: MAX_FAILURES - 2 } });
    const video = await createVideo(t.db, { municipality: '001259', title: 'Silenzio', status: 'PUBLISHED' });
    await pushFanOutBatch(t.db, { videoId: video.id });
    const job = (await queuedJobs('push.send', 1000)).find((j) => j.payload.videoId === video.id)!.payload;
    const withSilent = { ...settings, services: [service.origin, 'http://127.0.0.1:9'] };
    await expect(sendPushBatch(t.db, 'http://portal.test', withSilent, job)).rejects.toThrow(/to retry/);
    expect(await t.db.pushSubscription.count({ where: { endpoint: { startsWith: `${service.origin}/notify/fff` } } })).toBe(0);
    expect(await t.db.pushSubscription.findUnique({ where: { endpoint: silentEndpoint }, select: { failures: true } })).toEqual({ failures: MAX_FAILURES - 1 });
    await expect(sendPushBatch(t.db, 'http://portal.test', withSilent, job)).rejects.toThrow(/to retry/);
    expect(await t.db.pushSubscription.count({ where: { endpoint: silentEndpoint } })).toBe(0);
  });

  it('pushes nothing of a message withdrawn first or hidden for an election, and drops what a later withdrawal finds unsent', async () => {
    const browser = await browserFollowing([torino]);
    const withdrawn = await createVideo(t.db, { municipality: '001272', title: 'Ritirato', status: 'PUBLISHED' });
    await applyEditorialEvent(t.db, { videoId: withdrawn.id, event: 'withdraw', reason: 'errore' });
    expect(await pushFanOutBatch(t.db, { videoId: withdrawn.id })).toBe(false);
    expect(await t.db.pushDelivery.count({ where: { videoId: withdrawn.id } })).toBe(0);

    const hidden = await createVideo(t.db, { municipality: '001272', title: 'In periodo elettorale', status: 'PUBLISHED' });
    const today = new Date().toISOString().slice(0, 10);
    const period = await t.db.electionPeriod.create({
      data: { municipalityIstat: '001272', startsOn: new Date(today), endsOn: new Date(today), hidePublished: true },
    });
    expect(await pushFanOutBatch(t.db, { videoId: hidden.id })).toBe(false);
    await t.db.electionPeriod.delete({ where: { id: period.id } });

    const later = await createVideo(t.db, { municipality: '001272', title: 'Ritirato dopo', status: 'PUBLISHED' });
    await pushFanOutBatch(t.db, { videoId: later.id });
    const job = (await queuedJobs('push.send', 1000)).find((j) => j.payload.videoId === later.id)!.payload;
    const worker = await startTestWorker(t, { kinds: ['event.deliver'] });
    try {
      await applyEditorialEvent(t.db, { videoId: later.id, event: 'withdraw', reason: 'errore' });
      await eventsHeard(t);
    } finally {
      await worker.stop(1000);
    }
    expect(await t.db.pushDelivery.count({ where: { videoId: later.id } })).toBe(0);
    expect(await sendPushBatch(t.db, 'http://portal.test', settings, job)).toEqual({ sent: 0, gone: 0, refused: 0, retry: 0 });
    expect(await pushesTo(browser)).toEqual([]);
  });

  it('goes through every following browser in batches, each batch queuing the next', async () => {
    const { keys } = await service.subscribe(vapid.publicKey);
    const many = PUSH_BATCH + 20;
    await t.db.pushSubscription.createMany({
      data: Array.from({ length: many }, (_, i) => ({ endpoint: `${service.origin}/notify/many${i}`, ...keys, locale: 'it' })),
    });
    const ids = await t.db.pushSubscription.findMany({ where: { endpoint: { startsWith: `${service.origin}/notify/many` } }, select: { id: true } });
    await t.db.pushFollow.createMany({ data: ids.map(({ id }) => ({ subscriptionId: id, ...subjectColumns({ kind: 'municipality', istat: '001259' }) })) });
    const video = await createVideo(t.db, { municipality: '001259', title: 'Neve', status: 'PUBLISHED' });
    expect(await pushFanOutBatch(t.db, { videoId: video.id })).toBe(true);
    const next = (await queuedJobs('push.fanout', 1000)).find((job) => job.payload.videoId === video.id);
    expect(next?.payload.after).toMatch(/^[0-9a-f-]{36}$/);
    expect(await pushFanOutBatch(t.db, { videoId: video.id, after: next!.payload.after })).toBe(false);
    const following = await t.db.pushSubscription.count({ where: { follows: { some: { subject: { in: ['all', 'comune:001259'] } } } } });
    expect(await t.db.pushDelivery.count({ where: { videoId: video.id } })).toBe(following);
    expect((await queuedJobs('push.send', 1000)).filter((job) => job.payload.videoId === video.id)).toHaveLength(2);
  });
});
