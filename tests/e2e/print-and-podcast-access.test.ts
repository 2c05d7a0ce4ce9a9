import { createECDH, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { syncRenditions } from '@/lib/renditions/make';
import { mediaStore } from '@/lib/uploads/media-store';
import { uploadSettings } from '@/lib/uploads/settings';
import { launchBrowser } from '../support/browser';
import { createUser, createVideo, placeMedia } from '../support/fixtures';
import { makeTestMedia } from '../support/media';
import { pushServiceAt } from '../support/push-service';

/*
 * Who may call the citizens' routes of issues 14 and 15 (posters, bulletins,
 * short addresses, podcasts, the audio and the share picture, the map sprite,
 * embeds, oEmbed, alert pages, push notifications): what is published is everyone's, what is not is
 * nobody's in print, podcast or another site's frame, and the files of an
 * unpublished message only its comune's mayors' and staff's. Bad parameters get a 4xx.
 */

const base = inject('baseUrl');
let db: Db;
let comune: { istatCode: string; slug: string };
const published = { id: '', code: '', media: '' };
const draft = { id: '', code: '', media: '' };
const callers: Record<string, string> = {};

beforeAll(async () => {
  db = createDb(inject('portalDatabaseUrl'), 2);
  comune = await db.municipality.findFirstOrThrow({
    where: { areaCode: '001', videos: { none: {} } },
    select: { istatCode: true, slug: true },
    orderBy: { istatCode: 'asc' },
  });
  const other = await db.municipality.findFirstOrThrow({ where: { areaCode: '001', istatCode: { not: comune.istatCode } }, select: { istatCode: true } });
  const settings = uploadSettings(inject('portalDataDir'));
  const store = await mediaStore(settings);
  const source = makeTestMedia().good;
  for (const [target, status] of [
    [published, 'PUBLISHED'],
    [draft, 'SUBMITTED'],
  ] as const) {
    const video = await createVideo(db, { municipality: comune.istatCode, title: `Accesso ${status} ${Date.now()}`, status });
    const file = await placeMedia(db, inject('portalDataDir'), comune.istatCode, source);
    await db.video.update({ where: { id: video.id }, data: { mediaId: file.id } });
    await syncRenditions(db, store, settings, file.id);
    Object.assign(target, { id: video.id, code: video.id.replace(/-/g, '').slice(-12), media: file.id });
  }
  callers.anonymous = '';
  callers['mayor of another comune'] = (await createUser(db, { role: 'MAYOR', municipality: other.istatCode })).cookie;
  callers['mayor of the comune'] = (await createUser(db, { role: 'MAYOR', municipality: comune.istatCode })).cookie;
  callers.moderator = (await createUser(db, { role: 'MODERATOR' })).cookie;
});
afterAll(async () => {
  await db?.$disconnect();
});

async function get(path: string, cookie: string): Promise<{ status: number; body: string }> {
  const answer = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { status: answer.status, body: await answer.text() };
}

describe('print, podcast and audio, by caller', () => {
  it('gives what is published to everyone, and prints or lists nothing unpublished for anyone', async () => {
    const comunePath = `/comuni/${comune.istatCode}-${comune.slug}`;
    for (const [who, cookie] of Object.entries(callers)) {
      expect((await get(`/messaggi/${published.id}/manifesto.pdf`, cookie)).status, `${who} poster`).toBe(200);
      expect((await get(`/m/${published.code}`, cookie)).status, `${who} short address`).toBe(302);
      expect((await get(`/api/media/${published.media}/audio`, cookie)).status, `${who} audio`).toBe(200);
      expect((await get(`${comunePath}/bollettino.pdf`, cookie)).status, `${who} bulletin`).toBe(200);
      expect((await get('/api/map/comuni.svg', cookie)).status, `${who} sprite`).toBe(200);
      for (const feed of ['/podcast.xml', `${comunePath}/podcast.xml`]) {
        const podcast = await get(feed, cookie);
        expect(podcast.status, `${who} ${feed}`).toBe(200);
        expect(podcast.body, `${who} ${feed}`).toContain(`/api/media/${published.media}/audio`);
        expect(podcast.body.includes(draft.media), `${who} ${feed} lists the unpublished audio`).toBe(false);
      }
      // Paper and short addresses are for citizens: even the comune's own mayor gets no poster of an unpublished message.
      expect((await get(`/messaggi/${draft.id}/manifesto.pdf`, cookie)).status, `${who} unpublished poster`).toBe(404);
      expect((await get(`/m/${draft.code}`, cookie)).status, `${who} unpublished short address`).toBe(404);
    }
  });

  it('gives the audio and the share picture of an unpublished message to its comune’s mayors and staff only', async () => {
    const expected: Record<string, number> = { anonymous: 404, 'mayor of another comune': 404, 'mayor of the comune': 200, moderator: 200 };
    for (const [who, cookie] of Object.entries(callers)) {
      expect((await get(`/api/media/${draft.media}/audio`, cookie)).status, who).toBe(expected[who]);
      expect((await get(`/api/media/${draft.media}/condivisione.jpg`, cookie)).status, `${who} share picture`).toBe(expected[who]);
      expect((await get(`/api/media/${published.media}/condivisione.jpg`, cookie)).status, `${who} published share picture`).toBe(200);
    }
  });

  it('frames, describes (oEmbed) and shares only what is published, for every caller', async () => {
    const oembed = (id: string) => `/api/oembed?url=${encodeURIComponent(`${base}/messaggi/${id}`)}`;
    for (const [who, cookie] of Object.entries(callers)) {
      expect((await get(`/embed/messaggi/${published.id}`, cookie)).status, `${who} embed`).toBe(200);
      expect((await get(`/embed/comuni/${comune.istatCode}`, cookie)).status, `${who} comune embed`).toBe(200);
      expect((await get(oembed(published.id), cookie)).status, `${who} oEmbed`).toBe(200);
      // A frame on another site is for citizens: even the comune's own mayor gets none of an unpublished message.
      expect((await get(`/embed/messaggi/${draft.id}`, cookie)).status, `${who} unpublished embed`).toBe(404);
      expect((await get(oembed(draft.id), cookie)).status, `${who} unpublished oEmbed`).toBe(404);
      expect((await get(`/embed/comuni/${comune.istatCode}`, cookie)).body, `${who} comune embed`).not.toContain(draft.id);
    }
  });

  it('lets a citizen manage an alert subscription with its token only: a session, staff’s included, opens nothing', async () => {
    const email = `accesso-${Date.now()}@example.org`;
    const token = randomBytes(32).toString('base64url');
    await db.alertSubscription.create({
      data: { email, subject: `comune:${comune.istatCode}`, municipalityIstat: comune.istatCode, frequency: 'IMMEDIATE', locale: 'it', token },
    });
    const otherToken = randomBytes(32).toString('base64url');
    for (const [who, cookie] of Object.entries(callers)) {
      expect((await get(`/avvisi?comune=${comune.istatCode}`, cookie)).status, who).toBe(200);
      expect((await get(`/avvisi/gestisci?t=${otherToken}`, cookie)).body, who).toContain('Questa iscrizione non esiste più');
      // The page of another subscription shows nobody's address, whoever asks.
      expect((await get(`/avvisi/gestisci?t=${otherToken}`, cookie)).body, who).not.toContain(email);
      expect((await get(`/avvisi/conferma?t=${'A'.repeat(60)}`, cookie)).body, who).toContain('Questo link non è valido');
      // Signed in or not, without the subscription's own token nothing changes.
      expect((await post('/api/avvisi/cancella', { t: otherToken }, cookie)).status, who).toBe(303);
      expect((await post('/api/avvisi/frequenza', { t: otherToken, frequency: 'WEEKLY' }, cookie)).status, who).toBe(303);
      expect((await post('/api/avvisi/conferma', { t: 'A'.repeat(60) }, cookie)).headers.get('location'), who).toBe(`/avvisi/conferma?t=${'A'.repeat(60)}`);
      expect(await db.alertSubscription.findUnique({ where: { token }, select: { frequency: true } }), who).toEqual({ frequency: 'IMMEDIATE' });
    }
    // No confirmation link was forged into a subscription: the comune still has the one it had.
    expect(await db.alertSubscription.count({ where: { municipalityIstat: comune.istatCode } })).toBe(1);
    // With it, no session is needed.
    expect((await post('/api/avvisi/cancella', { t: token }, '')).headers.get('location')).toBe(`/avvisi/gestisci?t=${token}&esito=cancellata`);
    expect(await db.alertSubscription.count({ where: { token } })).toBe(0);
  });

  it('lets a browser change what it follows by push with its own endpoint only: a session, staff’s included, changes nothing else', async () => {
    const service = pushServiceAt(inject('pushServiceOrigin'));
    const { publicKey } = JSON.parse(await readFile(`${inject('portalDataDir')}/vapid-keys.json`, 'utf8')) as { publicKey: string };
    const citizen = await service.subscribe(publicKey);
    expect(
      (await push('POST', '/api/notifiche', { subscription: { endpoint: citizen.endpoint, keys: citizen.keys }, comune: comune.istatCode }, '')).status,
    ).toBe(200);
    for (const [who, cookie] of Object.entries(callers)) {
      const own = await service.subscribe(publicKey);
      // Every caller may follow a comune with its own browser's subscription, alike.
      const followed = await push('POST', '/api/notifiche', { subscription: { endpoint: own.endpoint, keys: own.keys }, comune: comune.istatCode }, cookie);
      expect([followed.status, await followed.json()], who).toEqual([200, { following: true }]);
      // Another browser's endpoint is the only way to its subscription: an endpoint merely like it opens nothing.
      const guessed = `${citizen.endpoint.slice(0, -1)}${citizen.endpoint.endsWith('0') ? '1' : '0'}`;
      expect(await (await push('POST', '/api/notifiche/stato', { endpoint: guessed, comune: comune.istatCode }, cookie)).json(), who).toEqual({
        following: false,
      });
      expect(await (await push('DELETE', '/api/notifiche', { endpoint: guessed, comune: comune.istatCode }, cookie)).json(), who).toEqual({
        following: false,
        remaining: 0,
      });
      expect(await db.pushFollow.count({ where: { subscription: { endpoint: citizen.endpoint } } }), who).toBe(1);
      // Nor can anyone move it to a subscription of theirs without its endpoint.
      const moved = await push('POST', '/api/notifiche/rinnova', { oldEndpoint: guessed, subscription: { endpoint: own.endpoint, keys: own.keys } }, cookie);
      expect(moved.status, who).toBe(404);
      expect((await push('DELETE', '/api/notifiche', { endpoint: own.endpoint, comune: comune.istatCode }, cookie)).status, who).toBe(200);
    }
    expect(await (await push('POST', '/api/notifiche/stato', { endpoint: citizen.endpoint, comune: comune.istatCode }, '')).json()).toEqual({
      following: true,
    });
    await push('DELETE', '/api/notifiche', { endpoint: citizen.endpoint, comune: comune.istatCode }, '');
  });

  it('answers the sign-up form alike for every caller, and refuses a subject no page offers', async () => {
    const browser = await launchBrowser();
    try {
      for (const [who, cookie] of Object.entries(callers)) {
        const context = await browser.newContext({ locale: 'it-IT' });
        if (cookie) await context.addCookies([{ name: cookie.split('=')[0]!, value: cookie.slice(cookie.indexOf('=') + 1), url: base }]);
        const page = await context.newPage();
        await page.goto(`${base}/avvisi?comune=${comune.istatCode}`);
        const email = `firma-${Date.now()}-${who.replace(/\W/g, '')}@example.org`;
        await page.getByLabel('Indirizzo e-mail').fill(email);
        await page.getByRole('button', { name: 'Iscriviti' }).click();
        await expect.poll(() => page.getByRole('status').textContent(), { message: who }).toContain('Controlla la tua posta');
        // Nobody subscribes anyone by posting: the confirmation link is still owed.
        expect(await db.alertSubscription.count({ where: { email } }), who).toBe(0);
        // The hidden subject altered to a comune that does not exist: a reason, no mail.
        await page.goto(`${base}/avvisi?comune=${comune.istatCode}`);
        // Altered once the page's scripts have run (they come at the first movement), as a forger in a browser would.
        await page.mouse.move(20, 20);
        await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
        await page.locator('input[name="comune"]').evaluate((input: HTMLInputElement) => (input.value = '999999'));
        await page.getByLabel('Indirizzo e-mail').fill(`altro-${email}`);
        await page.getByRole('button', { name: 'Iscriviti' }).click();
        await expect.poll(() => page.getByRole('alert', { name: 'Controlla il modulo' }).textContent(), { message: who }).toContain('Questo link non è valido');
        expect(await db.mailOutbox.count({ where: { recipient: `altro-${email}` } }), who).toBe(0);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });
});

async function post(path: string, fields: Record<string, string>, cookie: string, body?: string): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': body === undefined ? 'application/x-www-form-urlencoded' : 'application/json', ...(cookie ? { cookie } : {}) },
    body: body ?? new URLSearchParams(fields).toString(),
  });
}

async function push(method: 'POST' | 'DELETE', path: string, body: unknown, cookie: string, contentType = 'application/json'): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    redirect: 'manual',
    headers: { 'content-type': contentType, ...(cookie ? { cookie } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('bad parameters', () => {
  it('of the push button’s requests are answered with a translated 4xx, never a 5xx', async () => {
    const browserKey = createECDH('prime256v1');
    browserKey.generateKeys();
    const keys = { p256dh: browserKey.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') };
    const endpoint = `${inject('pushServiceOrigin')}/notify/${'a'.repeat(64)}`;
    const subscription = { endpoint, keys };
    const answers: Array<[string, Response]> = [
      ['a form, not JSON', await push('POST', '/api/notifiche', `endpoint=${endpoint}`, '', 'application/x-www-form-urlencoded')],
      ['JSON that does not parse', await push('POST', '/api/notifiche', '{"subscription":', '')],
      ['too large', await push('POST', '/api/notifiche', { subscription, comune: comune.istatCode, x: 'x'.repeat(5000) }, '')],
      ['no subject', await push('POST', '/api/notifiche', { subscription }, '')],
      ['both subjects', await push('POST', '/api/notifiche', { subscription, comune: comune.istatCode, tema: 'spesa' }, '')],
      ['a comune that does not exist', await push('POST', '/api/notifiche', { subscription, comune: '999999' }, '')],
      ['a control character in the comune', await push('POST', '/api/notifiche', { subscription, comune: `${comune.istatCode}\u0000` }, '')],
      ['a theme with a control character', await push('POST', '/api/notifiche', { subscription, tema: 'spesa\u0007' }, '')],
      ['an unknown field', await push('POST', '/api/notifiche', { subscription, comune: comune.istatCode, admin: true }, '')],
      [
        'keys of the wrong length',
        await push('POST', '/api/notifiche', { subscription: { endpoint, keys: { p256dh: 'AAAA', auth: 'AAAA' } }, comune: comune.istatCode }, ''),
      ],
      [
        'a service the portal does not use',
        await push('POST', '/api/notifiche', { subscription: { endpoint: 'http://169.254.169.254/latest', keys }, comune: comune.istatCode }, ''),
      ],
      [
        'an endpoint with a control character',
        await push('POST', '/api/notifiche', { subscription: { endpoint: `${endpoint}\n`, keys }, comune: comune.istatCode }, ''),
      ],
      ['an endpoint far too long', await push('DELETE', '/api/notifiche', { endpoint: `${endpoint}${'x'.repeat(2000)}`, comune: comune.istatCode }, '')],
      ['status without an endpoint', await push('POST', '/api/notifiche/stato', { comune: comune.istatCode }, '')],
      ['renewal without the old endpoint', await push('POST', '/api/notifiche/rinnova', { subscription }, '')],
      ['renewal from an endpoint nobody has', await push('POST', '/api/notifiche/rinnova', { oldEndpoint: `${endpoint}0`, subscription }, '')],
      [
        'renewal to another machine',
        await push('POST', '/api/notifiche/rinnova', { oldEndpoint: endpoint, subscription: { endpoint: 'http://10.0.0.1/', keys } }, ''),
      ],
      ['renewal with a control character', await push('POST', '/api/notifiche/rinnova', { oldEndpoint: `${endpoint}\u0000`, subscription }, '')],
      ['read with GET', await fetch(`${base}/api/notifiche`, { redirect: 'manual' })],
    ];
    for (const [what, answer] of answers) {
      expect(answer.status, what).toBeGreaterThanOrEqual(400);
      expect(answer.status, what).toBeLessThan(500);
    }
    // The reason is in the page's language.
    const english = await push(
      'POST',
      '/api/notifiche',
      { subscription: { endpoint: 'https://push.example.org/x', keys }, comune: comune.istatCode, locale: 'en' },
      '',
    );
    expect(await english.json()).toEqual({ error: 'This browser’s notification service is not one the portal uses. You can sign up for e-mail alerts.' });
  });

  it('of the alerts’ forms are answered with a 4xx, never a 5xx', async () => {
    const token = randomBytes(32).toString('base64url');
    const answers: Array<[string, Response]> = [
      ['cancel without a token', await post('/api/avvisi/cancella', {}, '')],
      ['cancel with a short token', await post('/api/avvisi/cancella', { t: 'corto' }, '')],
      ['cancel with a control character', await post('/api/avvisi/cancella', { t: `${token.slice(0, 42)}\u0000` }, '')],
      ['frequency unknown', await post('/api/avvisi/frequenza', { t: token, frequency: 'HOURLY' }, '')],
      ['frequency without a token', await post('/api/avvisi/frequenza', { frequency: 'WEEKLY' }, '')],
      ['confirmation not sealed', await post('/api/avvisi/conferma', { t: 'x y' }, '')],
      ['confirmation too long', await post('/api/avvisi/conferma', { t: 'A'.repeat(2000) }, '')],
      ['not a form', await post('/api/avvisi/conferma', {}, '', '{"t":1}')],
      ['one-click without a token', await post('/api/avvisi/disiscrivi', {}, '')],
      ['read with GET', await fetch(`${base}/api/avvisi/cancella`, { redirect: 'manual' })],
    ];
    for (const [what, answer] of answers) {
      expect(answer.status, what).toBeGreaterThanOrEqual(400);
      expect(answer.status, what).toBeLessThan(500);
    }
  });

  it('are answered with a 4xx, never a 5xx', async () => {
    const comunePath = `/comuni/${comune.istatCode}-${comune.slug}`;
    const bad = [
      '/messaggi/not-a-uuid/manifesto.pdf',
      '/messaggi/%00/manifesto.pdf',
      `/messaggi/${published.id}%0A/manifesto.pdf`,
      '/m/zzzzzzzzzzzz',
      '/m/%00',
      `/m/${published.code}0`,
      `/comuni/${comune.istatCode}-altro/bollettino.pdf`,
      '/comuni/999999-nessuno/bollettino.pdf',
      '/comuni/abc/bollettino.pdf',
      `${comunePath}/bollettino.pdf?x=%00`,
      '/comuni/999999-nessuno/podcast.xml',
      '/comuni/%00/podcast.xml',
      '/temi/non-esiste/podcast.xml',
      '/podcast.xml?x=%01',
      '/api/media/not-hex/audio',
      `/api/media/${'0'.repeat(32)}/audio`,
      '/api/map/comuni.svg?v=%00',
      '/api/map/comuni.svg?v=../../etc',
      '/api/media/not-hex/condivisione.jpg',
      `/api/media/${'0'.repeat(32)}/condivisione.jpg`,
      '/embed/messaggi/%00',
      `/embed/comuni/${comune.istatCode}?lingua=xx`,
      '/embed/comuni/0',
      '/api/oembed',
      '/api/oembed?url=%00',
      `/api/oembed?url=${encodeURIComponent(`${base}/messaggi/${published.id}`)}&maxheight=abc`,
      '/avvisi?comune=12',
      '/avvisi?comune=001272&tema=x%00',
      '/avvisi/conferma?t=%01',
      '/avvisi/gestisci?t=%7F',
    ];
    for (const path of bad) {
      const { status } = await get(path, '');
      expect(status, path).toBeGreaterThanOrEqual(400);
      expect(status, path).toBeLessThan(500);
    }
  });
});
