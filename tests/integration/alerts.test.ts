import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fanOutBatch, FANOUT_BATCH, sendWeeklyDigests } from '@/lib/alerts/fanout';
import { changeFrequency, confirmAlerts, requestAlerts, subscriptionByToken, unsubscribe, ALERT_REQUESTS_PER_NETWORK } from '@/lib/alerts/subscriptions';
import { subjectColumns, type AlertSubject } from '@/lib/alerts/subject';
import { addDerivedSettings } from '@/lib/config';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { queuedJobs } from '@/lib/jobs/queue';
import { deliverMail, purgeUndeliveredCitizenMail } from '@/lib/notifications/outbox';
import type { JobWorker } from '@/lib/jobs/worker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createMunicipality, createTheme, createVideo } from '../support/fixtures';
import { eventsHeard, startTestWorker } from '../support/worker';

let t: TestDatabase;
let themeId: number;
const workers: JobWorker[] = [];

beforeAll(async () => {
  addDerivedSettings({ VC_TOKEN_KEY: randomBytes(32).toString('base64'), VC_PUBLIC_URL: 'http://portal.test' });
  t = await createTestDatabase();
  await createMunicipality(t.db, '001272', 'Torino');
  await createMunicipality(t.db, '001259', 'Sauze d’Oulx');
  themeId = (await createTheme(t.db, 'aiuti', 'Aiuti', 'Help')).id;
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop(1000)));
  await t.drop();
});

let counter = 0;
/** A confirmed subscription, as the confirmation page would store it. */
async function subscriber(subject: AlertSubject, frequency: 'IMMEDIATE' | 'WEEKLY' = 'IMMEDIATE', locale = 'it') {
  counter++;
  return t.db.alertSubscription.create({
    data: { email: `citizen${counter}@example.org`, ...subjectColumns(subject), frequency, locale, token: randomBytes(32).toString('base64url') },
  });
}

async function alertsFor(kind: string, recipient: string) {
  return t.db.mailOutbox.findMany({ where: { kind, recipient }, select: { subject: true, text: true, headers: true } });
}

const torino: AlertSubject = { kind: 'municipality', istat: '001272' };

describe('asking for alerts (double opt-in)', () => {
  it('stores nothing until the link is followed, then one subscription however often it is followed', async () => {
    const email = 'maria.rossi@example.org';
    expect(await requestAlerts(t.db, { email, subject: torino, frequency: 'IMMEDIATE', locale: 'it' }, '198.51.100.0/24')).toEqual({ ok: true });
    expect(await t.db.alertSubscription.count({ where: { email } })).toBe(0);
    const [mail] = await t.db.mailOutbox.findMany({ where: { kind: 'alert-confirm', recipient: email }, select: { text: true, subject: true } });
    expect(mail!.subject).toBe('Conferma gli avvisi di Comune di Torino');
    const link = new URL(/http:\/\/portal\.test\/(it|en)\/avvisi\/conferma\?t=\S+/.exec(mail!.text)![0]);
    // The address is nowhere in the link: it is sealed.
    expect(link.href).not.toContain('maria');

    const first = await confirmAlerts(t.db, link.searchParams.get('t')!);
    const again = await confirmAlerts(t.db, link.searchParams.get('t')!);
    expect(first.ok && again.ok && first.token === again.token).toBe(true);
    expect(await subscriptionByToken(t.db, first.ok ? first.token : '')).toEqual({ email, subject: torino, frequency: 'IMMEDIATE', locale: 'it' });
  });

  it('refuses a link that was altered or has expired, and a subject that does not exist', async () => {
    const email = 'late@example.org';
    const sent = new Date('2026-11-01T10:00:00Z');
    await requestAlerts(t.db, { email, subject: { kind: 'theme', themeId }, frequency: 'WEEKLY', locale: 'en' }, '198.51.100.1/24', sent);
    const [mail] = await t.db.mailOutbox.findMany({ where: { kind: 'alert-confirm', recipient: email }, select: { text: true } });
    const token = new URL(/http:\/\/portal\.test\/(it|en)\/avvisi\/conferma\?t=\S+/.exec(mail!.text)![0]).searchParams.get('t')!;
    expect(await confirmAlerts(t.db, token, new Date('2026-11-03T09:59:00Z'))).toMatchObject({ ok: true });
    expect(await confirmAlerts(t.db, token, new Date('2026-11-03T10:01:00Z'))).toEqual({ ok: false, reason: 'expired' });
    const altered = `${token.slice(0, 30)}${token[30] === 'A' ? 'B' : 'A'}${token.slice(31)}`;
    expect(await confirmAlerts(t.db, altered)).toEqual({ ok: false, reason: 'invalid' });
    expect(await confirmAlerts(t.db, 'not a token')).toEqual({ ok: false, reason: 'invalid' });
    expect(
      await requestAlerts(t.db, { email, subject: { kind: 'municipality', istat: '999999' }, frequency: 'WEEKLY', locale: 'it' }, '198.51.100.1/24'),
    ).toEqual({
      ok: false,
      reason: 'unknownSubject',
    });
  });

  it('answers an address past its own limit as any other (sending nothing), and tells a flooding network to wait', async () => {
    const email = 'often@example.org';
    for (let i = 0; i < 5; i++) {
      expect(await requestAlerts(t.db, { email, subject: torino, frequency: 'IMMEDIATE', locale: 'it' }, `203.0.113.${i}/24`)).toEqual({ ok: true });
    }
    expect(await t.db.mailOutbox.count({ where: { kind: 'alert-confirm', recipient: email } })).toBe(3);
    // Aliases of one inbox share its limits.
    for (const alias of ['often+1@example.org', 'often+altro@example.org']) {
      expect(await requestAlerts(t.db, { email: alias, subject: torino, frequency: 'IMMEDIATE', locale: 'it' }, '203.0.113.9/24')).toEqual({ ok: true });
    }
    expect(await t.db.mailOutbox.count({ where: { kind: 'alert-confirm', recipient: { startsWith: 'often' } } })).toBe(3);
    // The counters keep a digest of the address, never the address.
    expect(await t.db.rateLimitHit.count({ where: { key: email } })).toBe(0);
    const network = '192.0.2.0/24';
    for (let i = 0; i < ALERT_REQUESTS_PER_NETWORK.limit; i++) {
      await requestAlerts(t.db, { email: `n${i}@example.org`, subject: torino, frequency: 'IMMEDIATE', locale: 'it' }, network);
    }
    expect(await requestAlerts(t.db, { email: 'n-last@example.org', subject: torino, frequency: 'IMMEDIATE', locale: 'it' }, network)).toMatchObject({
      ok: false,
      reason: 'tooMany',
    });
  });

  it('changes the frequency and deletes the address on unsubscribing, with the token only', async () => {
    const sub = await subscriber(torino);
    expect(await changeFrequency(t.db, sub.token, 'WEEKLY')).toBe(true);
    expect((await subscriptionByToken(t.db, sub.token))?.frequency).toBe('WEEKLY');
    expect(await unsubscribe(t.db, sub.token)).toBe(true);
    expect(await unsubscribe(t.db, sub.token)).toBe(false);
    expect(await t.db.alertSubscription.count({ where: { email: sub.email } })).toBe(0);
    expect(await changeFrequency(t.db, 'x'.repeat(43), 'WEEKLY')).toBe(false);
  });

  it('keeps one subscription per address and subject in the database itself', async () => {
    const sub = await subscriber({ kind: 'all' });
    await expect(
      subscriber({ kind: 'all' }).then(() => t.db.alertSubscription.create({ data: { ...sub, id: undefined, token: randomBytes(32).toString('base64url') } })),
    ).rejects.toThrow();
    await expect(
      t.db.alertSubscription.create({
        data: {
          email: 'x@example.org',
          subject: 'all',
          municipalityIstat: '001272',
          frequency: 'IMMEDIATE',
          locale: 'it',
          token: randomBytes(32).toString('base64url'),
        },
      }),
    ).rejects.toThrow(/subject_matches/);
  });
});

describe('alerts on publication', () => {
  it('tells each matching subscriber once, across two workers and a batch run again, and nobody else', async () => {
    const forTorino = await subscriber(torino);
    const forTheme = await subscriber({ kind: 'theme', themeId }, 'IMMEDIATE', 'en');
    const forAll = await subscriber({ kind: 'all' });
    const forSauze = await subscriber({ kind: 'municipality', istat: '001259' });
    const weekly = await subscriber(torino, 'WEEKLY');
    for (let i = 0; i < 2; i++) workers.push(await startTestWorker(t, { kinds: ['event.deliver', 'alerts.fanout'] }));
    const video = await createVideo(t.db, { municipality: '001272', title: 'Spesa a domicilio', status: 'PUBLISHED', themes: [themeId] });
    await eventsHeard(t);
    await vi.waitFor(async () => expect(await alertsFor('alert', forAll.email)).toHaveLength(1), { timeout: 15_000, interval: 100 });
    await vi.waitFor(async () => expect(await alertsFor('alert', forTheme.email)).toHaveLength(1), { timeout: 15_000, interval: 100 });
    const [mail] = await alertsFor('alert', forTorino.email);
    expect(mail!.subject).toBe('Torino: Spesa a domicilio');
    expect(mail!.text).toContain(`http://portal.test/it/messaggi/${video.id}`);
    expect(mail!.headers).toEqual({
      'List-Unsubscribe': `<http://portal.test/api/avvisi/disiscrivi?t=${forTorino.token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect((await alertsFor('alert', forTheme.email))[0]!.text).toContain('The Comune of Torino has published a new message');
    expect(await alertsFor('alert', forSauze.email)).toHaveLength(0);
    expect(await alertsFor('alert', weekly.email)).toHaveLength(0);

    // A batch run again (a retry after a crash) tells nobody twice.
    await fanOutBatch(t.db, 'http://portal.test', { videoId: video.id });
    expect(await alertsFor('alert', forTorino.email)).toHaveLength(1);
    const told = await t.db.mailOutbox.findMany({ where: { kind: 'alert', text: { contains: video.id } }, select: { recipient: true } });
    expect(told.length).toBe(new Set(told.map((m) => m.recipient)).size);
    await Promise.all(workers.splice(0).map((w) => w.stop(1000)));
  });

  it('tells nobody of a message withdrawn before its alerts went out, or of a comune hidden for an election', async () => {
    const sub = await subscriber(torino);
    const withdrawn = await createVideo(t.db, { municipality: '001272', title: 'Ritirato', status: 'PUBLISHED' });
    await applyEditorialEvent(t.db, { videoId: withdrawn.id, event: 'withdraw', reason: 'errore' });
    expect(await fanOutBatch(t.db, 'http://portal.test', { videoId: withdrawn.id })).toBe(false);

    const hidden = await createVideo(t.db, { municipality: '001272', title: 'In periodo elettorale', status: 'PUBLISHED' });
    const today = new Date().toISOString().slice(0, 10);
    const period = await t.db.electionPeriod.create({
      data: { municipalityIstat: '001272', startsOn: new Date(today), endsOn: new Date(today), hidePublished: true },
    });
    expect(await fanOutBatch(t.db, 'http://portal.test', { videoId: hidden.id })).toBe(false);
    await t.db.electionPeriod.delete({ where: { id: period.id } });
    expect(await alertsFor('alert', sub.email)).toHaveLength(0);
  });

  it('goes through every subscriber in batches, each batch queuing the next', async () => {
    const sauze: AlertSubject = { kind: 'municipality', istat: '001259' };
    const many = FANOUT_BATCH + 20;
    await t.db.alertSubscription.createMany({
      data: Array.from({ length: many }, (_, i) => ({
        email: `many${i}@example.org`,
        ...subjectColumns(sauze),
        frequency: 'IMMEDIATE' as const,
        locale: 'it',
        token: randomBytes(32).toString('base64url'),
      })),
    });
    const video = await createVideo(t.db, { municipality: '001259', title: 'Neve', status: 'PUBLISHED' });
    expect(await fanOutBatch(t.db, 'http://portal.test', { videoId: video.id })).toBe(true);
    const next = (await queuedJobs('alerts.fanout', 1000)).find((job) => job.payload.videoId === video.id);
    expect(next?.payload.after).toMatch(/^[0-9a-f-]{36}$/);
    expect(await fanOutBatch(t.db, 'http://portal.test', { videoId: video.id, after: next!.payload.after })).toBe(false);
    const matching = await t.db.alertSubscription.count({ where: { frequency: 'IMMEDIATE', OR: [{ subject: 'all' }, { municipalityIstat: '001259' }] } });
    expect(matching).toBeGreaterThanOrEqual(many);
    expect(await t.db.alertDelivery.count({ where: { videoId: video.id } })).toBe(matching);
  });
});

describe('one address, several subscriptions; withdrawals and unsubscriptions after the alerts were written', () => {
  it('tells an address that follows its comune, a theme and everything of a message once', async () => {
    const email = `overlap-${counter}@example.org`;
    for (const subject of [torino, { kind: 'theme', themeId } as AlertSubject, { kind: 'all' } as AlertSubject]) {
      await t.db.alertSubscription.create({
        data: { email, ...subjectColumns(subject), frequency: 'IMMEDIATE', locale: 'it', token: randomBytes(32).toString('base64url') },
      });
    }
    const video = await createVideo(t.db, { municipality: '001272', title: 'Tre volte?', status: 'PUBLISHED', themes: [themeId] });
    await fanOutBatch(t.db, 'http://portal.test', { videoId: video.id });
    await fanOutBatch(t.db, 'http://portal.test', { videoId: video.id });
    expect(await t.db.mailOutbox.count({ where: { kind: 'alert', recipient: email, videoId: video.id } })).toBe(1);
    // Nor again in the weekly summary of another of its subscriptions.
    await t.db.alertSubscription.updateMany({ where: { email, subject: 'all' }, data: { frequency: 'WEEKLY' } });
    await sendWeeklyDigests(t.db, 'http://portal.test', new Date(Date.now() + 1000));
    expect(await alertsFor('alert-digest', email)).toHaveLength(0);
  });

  it('drops the unsent alerts of a message withdrawn after they were written, and an unsubscribed citizen’s', async () => {
    const stays = await subscriber(torino);
    const leaves = await subscriber(torino);
    const video = await createVideo(t.db, { municipality: '001272', title: 'Ritirato dopo', status: 'PUBLISHED' });
    await fanOutBatch(t.db, 'http://portal.test', { videoId: video.id });
    expect(await t.db.mailOutbox.count({ where: { kind: 'alert', videoId: video.id, recipient: { in: [stays.email, leaves.email] } } })).toBe(2);
    await unsubscribe(t.db, leaves.token);
    expect(await t.db.mailOutbox.count({ where: { recipient: leaves.email } })).toBe(0);
    const worker = await startTestWorker(t, { kinds: ['event.deliver'] });
    try {
      await applyEditorialEvent(t.db, { videoId: video.id, event: 'withdraw', reason: 'errore' });
      await eventsHeard(t);
    } finally {
      await worker.stop(1000);
    }
    expect(await t.db.mailOutbox.count({ where: { kind: 'alert', videoId: video.id } })).toBe(0);
  });

  it('deletes a citizen’s mail once sent, and one that could not be delivered after four days', async () => {
    const sub = await subscriber(torino);
    const video = await createVideo(t.db, { municipality: '001272', title: 'Spedito', status: 'PUBLISHED' });
    await fanOutBatch(t.db, 'http://portal.test', { videoId: video.id });
    const row = await t.db.mailOutbox.findFirstOrThrow({ where: { recipient: sub.email, videoId: video.id }, select: { id: true } });
    const sent: string[] = [];
    expect(await deliverMail(t.db, async (mail) => void sent.push(mail.to), row.id)).toBe('sent');
    expect(sent).toEqual([sub.email]);
    expect(await t.db.mailOutbox.count({ where: { id: row.id } })).toBe(0);
    expect(await deliverMail(t.db, async (mail) => void sent.push(mail.to), row.id)).toBe('gone');

    await requestAlerts(t.db, { email: 'typo@exmple.org', subject: torino, frequency: 'IMMEDIATE', locale: 'it' }, '198.51.100.9/24');
    expect(await purgeUndeliveredCitizenMail(t.db, new Date(Date.now() + 3 * 24 * 3600_000))).toBe(0);
    expect(await t.db.mailOutbox.count({ where: { recipient: 'typo@exmple.org' } })).toBe(1);
    await purgeUndeliveredCitizenMail(t.db, new Date(Date.now() + 5 * 24 * 3600_000));
    expect(await t.db.mailOutbox.count({ where: { recipient: 'typo@exmple.org' } })).toBe(0);
  });
});

describe('weekly summaries', () => {
  it('sends each weekly subscriber the week’s new messages of its subject once, and nothing in a quiet week', async () => {
    const own = (await createTheme(t.db, 'psicologia', 'Psicologia', 'Psychology')).id;
    const weekly = await subscriber({ kind: 'theme', themeId: own }, 'WEEKLY');
    const quiet = await subscriber({ kind: 'municipality', istat: '001259' }, 'WEEKLY');
    await t.db.alertSubscription.update({ where: { id: weekly.id }, data: { confirmedAt: new Date(Date.now() - 30 * 24 * 3600_000) } });
    const old = await createVideo(t.db, {
      municipality: '001272',
      title: 'Vecchio',
      status: 'PUBLISHED',
      themes: [own],
      publishedAt: new Date(Date.now() - 20 * 24 * 3600_000),
    });
    const a = await createVideo(t.db, { municipality: '001272', title: 'Mascherine gratuite', status: 'PUBLISHED', themes: [own] });
    const b = await createVideo(t.db, { municipality: '001272', title: 'Sportello psicologico', status: 'PUBLISHED', themes: [own] });
    await sendWeeklyDigests(t.db, 'http://portal.test', new Date(Date.now() + 1000));
    await sendWeeklyDigests(t.db, 'http://portal.test', new Date(Date.now() + 2000));
    const mails = await alertsFor('alert-digest', weekly.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('2 nuovi messaggi di tema «Psicologia»');
    expect(mails[0]!.text).toContain(`http://portal.test/it/messaggi/${a.id}`);
    expect(mails[0]!.text).toContain(`http://portal.test/it/messaggi/${b.id}`);
    expect(mails[0]!.text).not.toContain(old.id);
    expect(await alertsFor('alert-digest', quiet.email)).toHaveLength(0);
  });
});
