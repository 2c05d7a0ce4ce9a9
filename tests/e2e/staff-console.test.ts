import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { isolatedContext, launchBrowser, wcagViolations } from '../support/browser';
import { callSchema, createCall, setCollectionPublic } from '@/lib/calls';
import { createGroup, groupSchema } from '@/lib/groups';
import { createReadyMedia, createUser, placeMedia, revisionOf } from '../support/fixtures';
import { makeTestMedia, type TestMedia } from '../support/media';

const base = inject('baseUrl');
const dataDir = inject('portalDataDir');
let db: Db;
let browser: Browser;
let media: TestMedia;
const run = Date.now().toString(36);

beforeAll(async () => {
  db = createDb(inject('portalDatabaseUrl'), 2);
  browser = await launchBrowser();
  media = makeTestMedia();
});
afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
});

/** Presses Tab until the element has the focus, as a keyboard user would (fails if it is not reachable). */
async function tabTo(page: Page, target: Locator, max = 250): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
  }
  throw new Error(`not reachable with Tab: ${target.toString()}`);
}

/*
 * Signs in with the keyboard. The link is read from the mail the demo server
 * caught, as the person would open it from their mailbox: the demo inbox page
 * shows no mail to staff accounts other than the demo ones.
 */
async function keyboardSignIn(page: Page, email: string): Promise<void> {
  const since = new Date();
  await page.goto(`${base}/accedi`);
  await tabTo(page, page.getByLabel('Indirizzo e-mail'));
  await page.keyboard.type(email);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Controlla la posta' }).waitFor();
  const mail = await vi.waitFor(() => db.demoMail.findFirstOrThrow({ where: { recipients: email, receivedAt: { gte: since } }, orderBy: { id: 'desc' } }), {
    timeout: 20_000,
    interval: 200,
  });
  await page.goto(/https?:\/\/\S+\/api\/auth\/callback\/email\S+/.exec(mail.text)![0]);
}

/** A message of the comune with a real video file, submitted by its mayor. */
async function submittedMessage(municipality: string, title: string) {
  const mayor = await createUser(db, { role: 'MAYOR', municipality });
  const file = await placeMedia(db, dataDir, municipality, media.goodWebm);
  const theme = await db.theme.findUniqueOrThrow({ where: { slug: 'volontariato' } });
  const video = await db.video.create({
    data: {
      municipalityIstat: municipality,
      title,
      description: `Descrizione ${title}`,
      mediaId: file.id,
      consentGiven: true,
      authorId: mayor.user.id,
      captions: 'WEBVTT\n\n00:00.000 --> 00:03.000\nBuongiorno a tutti\n',
      themes: { create: [{ themeId: theme.id }] },
    },
  });
  await applyEditorialEvent(db, { videoId: video.id, event: 'submit', actorId: mayor.user.id });
  return { mayor, video };
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const body = (path: string, cookie?: string) => fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} }).then((r) => r.text());

describe('the moderation loop, with the keyboard only', () => {
  it('a moderator watches a submission and requests changes, the mayor resubmits, the moderator approves, and citizens see it everywhere', async () => {
    const title = `Consegna spesa ${run}`;
    const { mayor, video } = await submittedMessage('001259', title);
    const moderatorEmail = `moderatrice-${run}@test.invalid`;
    await createUser(db, { role: 'MODERATOR', email: moderatorEmail, name: 'Moderatrice di prova' });

    const { context, external, blocked } = await isolatedContext(browser);
    const page = await context.newPage();
    await keyboardSignIn(page, moderatorEmail);
    await page.getByRole('heading', { name: 'Console dello staff' }).waitFor();

    await tabTo(page, page.getByRole('navigation', { name: 'Sezioni della console' }).getByRole('link', { name: 'Moderazione' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Moderazione' }).waitFor();
    await tabTo(page, page.getByRole('link', { name: title }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();

    // Watching: the player is reached with Tab and started with the keyboard; the file comes with Range requests.
    const player = page.locator('video');
    await tabTo(page, player);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.3, null, { timeout: 15_000 });
    expect(await page.getByText('Il sindaco dichiara che le persone riprese hanno dato il consenso.').count()).toBe(1);
    // The captions read as a transcript, whose time takes the player back there from the keyboard.
    expect(await page.getByRole('listitem').filter({ hasText: 'Buongiorno a tutti' }).count()).toBe(1);
    await tabTo(page, page.getByRole('button', { name: 'Guarda da 0:00' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('VIDEO');

    // Request changes, starting from a template and adding a line.
    await tabTo(page, page.getByRole('radio', { name: 'Approva e pubblica' }));
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Chiedi modifiche' }).isChecked()).toBe(true);
    await tabTo(page, page.getByLabel('Parti da un modello'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, page.getByRole('button', { name: 'Usa il modello' }));
    await page.keyboard.press('Enter');
    const reason = page.getByLabel('Motivo (lo leggerà il sindaco)');
    expect(await reason.inputValue()).toContain('numero di telefono');
    await page.keyboard.press('End');
    await page.keyboard.type(' Grazie!');
    await tabTo(page, page.getByRole('button', { name: 'Conferma la decisione' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/esito=requestChanges/);
    expect(await page.getByRole('status').filter({ hasText: 'Richiesta di modifiche inviata' }).count()).toBe(1);
    expect((await db.video.findUniqueOrThrow({ where: { id: video.id } })).status).toBe('CHANGES_REQUESTED');

    // The mayor reads the reason and sends the message again.
    const mayorContext = await isolatedContext(browser);
    await mayorContext.context.addCookies([{ name: 'next-auth.session-token', value: mayor.sessionToken, url: base }]);
    const mayorPage = await mayorContext.context.newPage();
    await mayorPage.goto(`${base}/sindaco/messaggi/${video.id}`);
    expect(await mayorPage.getByText(/numero di telefono.*Grazie!/).count()).toBeGreaterThan(0);
    await tabTo(mayorPage, mayorPage.getByRole('button', { name: 'Invia per la verifica' }));
    await mayorPage.keyboard.press('Enter');
    await mayorPage.waitForURL(/esito=inviato/);
    await mayorContext.context.close();

    // Approve: the first decision is already chosen.
    await page.goto(`${base}/staff/moderazione/${video.id}`);
    await page.getByText('Inviato, in attesa di verifica').first().waitFor();
    await tabTo(page, page.getByRole('button', { name: 'Conferma la decisione' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/esito=approve/);
    expect((await db.video.findUniqueOrThrow({ where: { id: video.id } })).status).toBe('PUBLISHED');

    // The audit log of the message shows both decisions, by the moderator.
    await tabTo(page, page.getByRole('navigation', { name: 'Sezioni della console' }).getByRole('link', { name: 'Registro' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Registro delle attività' }).waitFor();
    await page.goto(`${base}/staff/registro?oggetto=${video.id}`);
    for (const action of ['message.requestChanges', 'message.approve', 'message.publish'])
      expect(await page.locator('code', { hasText: action }).count()).toBe(1);
    expect(external).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();

    // Citizens: comune page, theme feed, API and RSS (the web process keeps anonymous pages up to 10 s).
    await eventually(async () => (await body('/comuni/001259-sauze-d-oulx')).includes(title), 'the comune page');
    await eventually(async () => (await body('/temi/volontariato/feed.xml')).includes(title), 'the theme feed');
    await eventually(async () => (await body('/api/v1/videos?municipality=001259&limit=100')).includes(video.id), 'the API');
    await eventually(async () => (await body('/feed.xml')).includes(title), 'the RSS feed');
    // The portal's own copy plays until the YouTube copy is processed (the worker may already be there).
    const messagePage = await body(`/messaggi/${video.id}`);
    expect(messagePage.includes(`/api/media/${video.mediaId}/video`) || messagePage.includes('Guarda il video')).toBe(true);
    const file = await fetch(`${base}/api/media/${video.mediaId}/video`, { headers: { Range: 'bytes=0-99' } });
    expect(file.status).toBe(206);
    expect(file.headers.get('content-range')).toMatch(/^bytes 0-99\/\d+$/);
    expect((await file.arrayBuffer()).byteLength).toBe(100);

    // The mayor heard of each decision by mail, with the reason.
    await eventually(async () => (await db.demoMail.count({ where: { recipients: { contains: mayor.user.email } } })) >= 2, 'the mayor’s mail');
    const mails = await db.demoMail.findMany({ where: { recipients: { contains: mayor.user.email } }, orderBy: { id: 'asc' } });
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining('Modifiche richieste'), expect.stringContaining('è pubblicato')]);
    expect(mails[0]!.text).toContain('Grazie!');
  });
});

describe('who reaches the staff console (every route × every kind of user)', () => {
  it('lets moderators moderate, admins also administer, and nobody else in', async () => {
    const { video } = await submittedMessage('001272', `Matrice ${run}`);
    const users = {
      anonymous: null,
      'mayor of A': await createUser(db, { role: 'MAYOR', municipality: '001272' }),
      'mayor of B': await createUser(db, { role: 'MAYOR', municipality: '001157' }),
      moderator: await createUser(db, { role: 'MODERATOR' }),
      admin: await createUser(db, { role: 'ADMIN' }),
    };
    const allowed = { moderate: ['moderator', 'admin'], administer: ['admin'] } as const;
    const call = await createCall(
      db,
      users.moderator.signedIn,
      '001',
      callSchema.parse({
        title: `Appello ${run}`,
        brief: 'Prova',
        deadline: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
        target: 'list',
        comuni: ['001157'],
      }),
    );
    const pages: Array<[string, keyof typeof allowed]> = [
      ['/staff', 'moderate'],
      ['/staff/moderazione', 'moderate'],
      [`/staff/moderazione/${video.id}`, 'moderate'],
      ['/staff/registro', 'moderate'],
      ['/staff/copertura', 'moderate'],
      ['/staff/gruppi', 'moderate'],
      ['/staff/appelli', 'moderate'],
      [`/staff/appelli/${call.id}`, 'moderate'],
      ['/staff/riunioni', 'moderate'],
      ['/staff/modelli', 'moderate'],
      ['/staff/youtube', 'moderate'],
      ['/staff/temi', 'administer'],
      ['/staff/elezioni', 'administer'],
      ['/staff/avvisi', 'administer'],
      ['/staff/inviti', 'administer'],
    ];
    const actions: Array<[string, keyof typeof allowed]> = [
      [`/api/staff/moderazione/${video.id}/decisione`, 'moderate'],
      [`/api/staff/moderazione/${video.id}/metadati`, 'moderate'],
      ['/api/staff/moderazione/blocco', 'moderate'],
      ['/api/staff/modelli', 'moderate'],
      ['/api/staff/gruppi', 'moderate'],
      ['/api/staff/appelli', 'moderate'],
      ['/api/staff/riunioni', 'moderate'],
      ['/api/staff/impostazioni', 'moderate'],
      ['/api/staff/youtube', 'moderate'],
      ['/api/staff/temi', 'administer'],
      ['/api/staff/elezioni', 'administer'],
      ['/api/staff/avvisi', 'administer'],
      ['/api/staff/utenti', 'administer'],
    ];
    const downloads: Array<[string, keyof typeof allowed]> = [
      ['/api/staff/registro.csv', 'moderate'],
      ['/api/staff/copertura.csv', 'moderate'],
      ['/api/staff/gruppi/esempio.csv', 'moderate'],
      [`/api/staff/appelli/${call.id}/seguito.csv`, 'moderate'],
      [`/api/staff/moderazione/${video.id}/captions.vtt`, 'moderate'],
      ['/api/staff/youtube/collega', 'administer'],
    ];
    for (const [who, user] of Object.entries(users)) {
      const headers: Record<string, string> = user ? { cookie: user.cookie } : {};
      const may = (level: keyof typeof allowed) => (allowed[level] as readonly string[]).includes(who);
      for (const [path, level] of pages) {
        const response = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
        const label = `GET ${path} as ${who}`;
        if (!user) {
          expect(response.status, label).toBe(307);
          expect(response.headers.get('location'), label).toContain('/accedi');
          continue;
        }
        // A page refused to the caller says so with its status too.
        expect(response.status, label).toBe(may(level) ? 200 : 403);
        if (!may(level)) expect(await response.text(), label).toContain('Accesso non consentito');
      }
      for (const [path, level] of actions) {
        // An empty form: allowed callers get a validation error, the others are refused before reading it.
        const response = await fetch(`${base}${path}`, {
          method: 'POST',
          body: new FormData(),
          headers: { ...headers, Accept: 'application/json', Origin: base },
          redirect: 'manual',
        });
        expect(response.status === 403, `POST ${path} as ${who}`).toBe(!may(level));
        if (may(level)) expect(response.status, `POST ${path} as ${who}`).toBe(400);
      }
      for (const [path, level] of downloads) {
        const response = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
        expect(response.status < 400, `GET ${path} as ${who}`).toBe(may(level));
      }
    }
    const forged = await fetch(`${base}/api/staff/impostazioni`, {
      method: 'POST',
      body: new URLSearchParams({ notifySubmissions: 'NONE' }),
      headers: { cookie: users.moderator.cookie, Origin: 'https://evil.example' },
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
  });
});

describe('the staff pages meet WCAG 2.1 AA', () => {
  it('has no axe violations on any staff page', async () => {
    const { video } = await submittedMessage('001157', `Accessibile ${run}`);
    // An upload whose inspection keeps failing (the machine lacks ffprobe): the staff home lists it.
    const stuck = await db.mediaFile.update({
      where: { id: (await createReadyMedia(db, '001157')).id },
      data: { status: 'CHECKING', originalName: `bloccato-${run}.mp4`, sha256: null, durationMs: null, container: null, finishedAt: null },
    });
    // Its job, as the queue keeps one that failed three times and waits for the next try.
    await db.$executeRaw`
      INSERT INTO pgboss.job (name, data, state, retry_count, start_after, output, singleton_key, policy)
      VALUES ('media.check', ${JSON.stringify({ mediaId: stuck.id })}::jsonb, 'retry', 2, now() + interval '1 hour',
              '{"message": "Error: spawn ffprobe ENOENT"}'::jsonb, ${stuck.id}, 'stately')`;
    const admin = await createUser(db, { role: 'ADMIN' });
    const { context } = await isolatedContext(browser);
    await context.addCookies([{ name: 'next-auth.session-token', value: admin.sessionToken, url: base }]);
    const page = await context.newPage();
    for (const path of [
      '/staff',
      '/staff/moderazione',
      `/staff/moderazione/${video.id}`,
      '/staff/registro',
      '/staff/copertura',
      '/staff/gruppi',
      '/staff/appelli',
      '/staff/riunioni',
      '/staff/modelli',
      '/staff/youtube',
      '/staff/temi',
      '/staff/elezioni',
      '/staff/avvisi',
      '/staff/inviti',
    ]) {
      await page.goto(`${base}${path}`);
      expect(await wcagViolations(page), path).toEqual([]);
      if (path === '/staff') {
        const section = page.getByRole('region', { name: /Video caricati che non si riescono a controllare/ });
        expect(await section.getByRole('row', { name: new RegExp(`Moncenisio bloccato-${run}\\.mp4.*3 Error: spawn ffprobe ENOENT`) }).count()).toBe(1);
      }
    }
    await db.$executeRaw`DELETE FROM pgboss.job WHERE name = 'media.check' AND singleton_key = ${stuck.id}`;
    await db.mediaFile.delete({ where: { id: stuck.id } });
    // Links drawn as buttons keep their own colours (the current section: white on dark teal).
    const current = page.getByRole('navigation', { name: 'Sezioni della console' }).locator('[aria-current=page]');
    expect(await current.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 255, 255)');
    await context.close();
    // Fifteen pages, each checked with axe: more than the default minute on a busy machine.
  }, 180_000);

  it('keeps what was typed when a decision is refused', async () => {
    const { video } = await submittedMessage('001157', `Rifiuto senza motivo ${run}`);
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const { context } = await isolatedContext(browser);
    await context.addCookies([{ name: 'next-auth.session-token', value: moderator.sessionToken, url: base }]);
    const page = await context.newPage();
    await page.goto(`${base}/staff/moderazione/${video.id}`);
    await page.getByRole('radio', { name: 'Respingi' }).check();
    await page.getByRole('button', { name: 'Conferma la decisione' }).click();
    await page.locator('main [role=alert]').filter({ hasText: 'Scrivi il motivo' }).waitFor();
    // Someone else decides meanwhile: the second moderator is told, and the reason typed is still there.
    await applyEditorialEvent(db, { videoId: video.id, event: 'approve' });
    await page.getByLabel('Motivo (lo leggerà il sindaco)').fill('Fuori tema');
    await page.getByRole('button', { name: 'Conferma la decisione' }).click();
    await page.locator('main [role=alert]').filter({ hasText: 'Qualcun altro' }).waitFor();
    expect(await page.getByLabel('Motivo (lo leggerà il sindaco)').inputValue()).toBe('Fuori tema');
    await context.close();

    // Without JavaScript the form posts plainly: the refusal comes back as a redirect and the page says why.
    const plain = await fetch(`${base}/api/staff/moderazione/${video.id}/decisione`, {
      method: 'POST',
      body: new URLSearchParams({ decision: 'reject', reason: '', expectedStatus: 'PUBLISHED', revision: String(await revisionOf(db, video.id)) }),
      headers: { cookie: moderator.cookie, Origin: base, Referer: `${base}/staff/moderazione/${video.id}` },
      redirect: 'manual',
    });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/staff/moderazione/${video.id}?errore=reasonRequired`);
    expect(await body(plain.headers.get('location')!, moderator.cookie)).toContain('Scrivi il motivo: il sindaco lo leggerà.');
  });
});

describe('crisis tools', () => {
  it('an admin posts a banner every visitor sees and an election period that stops the comune from submitting', async () => {
    const admin = await createUser(db, { role: 'ADMIN' });
    const balme = await db.municipality.findFirstOrThrow({ where: { name: 'Balme' } });
    const mayor = await createUser(db, { role: 'MAYOR', municipality: balme.istatCode });
    const { context } = await isolatedContext(browser);
    await context.addCookies([{ name: 'next-auth.session-token', value: admin.sessionToken, url: base }]);
    const page = await context.newPage();

    const notice = `Allerta neve ${run}: strade chiuse`;
    await page.goto(`${base}/staff/avvisi`);
    await page.getByLabel('Testo in italiano').fill(notice);
    await page.getByLabel('Testo in inglese').fill(`Snow alert ${run}: roads closed`);
    await page.getByRole('button', { name: 'Pubblica l’avviso' }).click();
    await page.waitForURL(/esito=salvato/);
    await eventually(async () => (await body('/')).includes(notice), 'the banner on the home page');
    expect(await body(`/comuni/${balme.istatCode}-${balme.slug}`)).toContain(notice);

    const today = new Date().toISOString().slice(0, 10);
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${base}/staff/elezioni`);
    await page.getByLabel('Comune').selectOption({ label: 'Balme' });
    await page.getByLabel('Primo giorno').fill(today);
    await page.getByLabel('Ultimo giorno').fill(inThreeDays);
    await page.getByRole('button', { name: 'Aggiungi' }).click();
    await page.waitForURL(/esito=aggiunto/);
    expect(await page.getByRole('row', { name: /Balme/ }).count()).toBe(1);
    expect(await body('/sindaco', mayor.cookie)).toContain('Periodo elettorale fino al');

    await page.goto(`${base}/staff/avvisi`);
    await page.getByRole('button', { name: 'Termina ora' }).click();
    await page.waitForURL(/esito=salvato/);
    await eventually(async () => !(await body('/')).includes(notice), 'the banner to go');
    await context.close();
  });
});

describe('groups of comuni', () => {
  it('a moderator makes a group from a file of ISTAT codes; a wrong line is named and nothing typed is lost', async () => {
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const balme = await db.municipality.findFirstOrThrow({ where: { name: 'Balme' }, select: { istatCode: true } });
    const { context } = await isolatedContext(browser);
    await context.addCookies([{ name: 'next-auth.session-token', value: moderator.sessionToken, url: base }]);
    const page = await context.newPage();
    await page.goto(`${base}/staff/gruppi`);
    const name = `Zona di prova ${run}`;
    await page.getByLabel('Nome del gruppo').fill(name);
    const file = (text: string) => ({ name: 'zona.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.getByLabel('File CSV dei codici ISTAT').setInputFiles(file('istat;comune\n001272;Torino\nBalme;Balme\n'));
    await page.getByRole('button', { name: 'Crea il gruppo' }).click();
    await page.getByText('Queste righe non contengono un codice ISTAT (riga e contenuto): 3 (Balme).').first().waitFor();
    expect(await page.getByLabel('Nome del gruppo').inputValue()).toBe(name);
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByLabel('File CSV dei codici ISTAT').setInputFiles(file(`istat;comune\n001272;Torino\n${balme.istatCode};Balme\n`));
    await page.getByRole('button', { name: 'Crea il gruppo' }).click();
    await page.waitForURL(/esito=creato/);
    await page.getByRole('status').filter({ hasText: 'Gruppo creato con 2 comuni.' }).waitFor();
    expect(await page.getByRole('heading', { name: `${name} · 2 comuni` }).count()).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'group.create', actorId: moderator.user.id } })).toBe(1);

    // The example file is made from the area's own comuni, in the format the form reads.
    const example = await fetch(`${base}/api/staff/gruppi/esempio.csv`, { headers: { cookie: moderator.cookie } });
    expect(example.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await example.arrayBuffer());
    // A byte-order mark first, for spreadsheets (fetch's text() would hide it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toMatch(/^istat,comune\r\n(\d{6},[^\r\n]+\r\n)*001272,Torino\r\n/);
    await context.close();
  });

  it('refuses bad group forms with a 4xx, never a 5xx', async () => {
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const post = (fields: Record<string, string>) => {
      const body = new FormData();
      for (const [key, value] of Object.entries(fields)) body.append(key, value);
      return fetch(`${base}/api/staff/gruppi`, { method: 'POST', body, headers: { cookie: moderator.cookie, Accept: 'application/json', Origin: base } });
    };
    const forms: Array<Record<string, string>> = [
      { name: 'Nome\u0000', by: 'list', comuni: '001272' },
      { name: 'Senza modo', by: 'mappa' },
      { name: 'Abitanti', by: 'population', minPopulation: '-5' },
      { name: 'Abitanti', by: 'population', minPopulation: '1e99' },
      { name: 'Codice', by: 'list', comuni: '12%00' },
      { name: 'Codice', by: 'list', comuni: '999999' },
      { name: 'Senza file', by: 'csv' },
      { intent: 'remove', id: 'abc' },
      { intent: 'remove', id: '99999999999' },
    ];
    for (const fields of forms) {
      const response = await post(fields);
      expect(response.status, JSON.stringify(fields)).toBeGreaterThanOrEqual(400);
      expect(response.status, JSON.stringify(fields)).toBeLessThan(500);
    }
  });
});

describe('calls for messages', () => {
  it('staff ask a group for messages; its mayor sees the card, declines with a note, and staff follow it', async () => {
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const balme = await db.municipality.findFirstOrThrow({ where: { name: 'Balme' }, select: { istatCode: true } });
    const mayor = await createUser(db, { role: 'MAYOR', municipality: balme.istatCode });
    const staff = await isolatedContext(browser);
    await staff.context.addCookies([{ name: 'next-auth.session-token', value: moderator.sessionToken, url: base }]);
    const page = await staff.context.newPage();
    const group = `Valli di Lanzo ${run}`;
    await page.goto(`${base}/staff/gruppi`);
    await page.getByLabel('Nome del gruppo').fill(group);
    // Picked on the map: the comune's checkbox in the list is ticked, and "from the list" chosen.
    await page.getByRole('link', { name: 'Balme', exact: true }).click();
    expect(await page.getByRole('checkbox', { name: 'Balme', exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Dall’elenco dei comuni').isChecked()).toBe(true);
    expect(await page.getByRole('link', { name: 'Balme: scelto' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Crea il gruppo' }).click();
    await page.waitForURL(/esito=creato/);

    const title = `Mascherine nelle valli ${run}`;
    await page.goto(`${base}/staff/appelli`);
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByLabel('Titolo', { exact: true }).fill(title);
    await page.getByLabel('Entro il (compreso)').fill(new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel(/Che cosa chiedete/).fill('Dove si ritirano le **mascherine** gratuite?');
    await page.getByLabel('Ai gruppi scelti').check();
    await page.getByLabel(group).check();
    await page.getByRole('button', { name: 'Invia l’appello' }).click();
    await page.waitForURL(/\/staff\/appelli\/\d+\?esito=inviato/);
    await page.getByRole('status').filter({ hasText: 'Appello inviato a 1 comune.' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    // The comune's mayor hears of it by mail.
    await eventually(
      async () => (await db.demoMail.count({ where: { recipients: mayor.user.email, subject: { contains: title } } })) === 1,
      'the mail to the mayor',
    );

    const mayorSide = await isolatedContext(browser);
    await mayorSide.context.addCookies([{ name: 'next-auth.session-token', value: mayor.sessionToken, url: base }]);
    const dashboard = await mayorSide.context.newPage();
    await dashboard.goto(`${base}/sindaco`);
    const card = dashboard.getByRole('listitem').filter({ has: dashboard.getByRole('heading', { name: `Città metropolitana di Torino chiede: ${title}` }) });
    expect(await card.locator('strong').textContent()).toBe('mascherine');
    expect(await wcagViolations(dashboard)).toEqual([]);
    // Answering starts a message that names the call.
    await card.getByRole('link', { name: 'Rispondi con un messaggio' }).click();
    await dashboard.getByText(`State rispondendo all’appello «${title}»`).waitFor();
    await dashboard.goBack();
    await card.getByText('Non pertinente per il nostro Comune').first().click();
    await card.getByLabel('Nota per l’ufficio comunicazione (facoltativa)').fill('Da noi le distribuisce la farmacia');
    await card.getByRole('button', { name: 'Non pertinente per il nostro Comune' }).click();
    await dashboard.waitForURL(/esito=appello-rifiutato/);
    await dashboard.getByRole('status').filter({ hasText: 'l’ufficio comunicazione sa che l’appello non riguarda il vostro Comune' }).waitFor();

    await page.reload();
    const row = page.getByRole('row', { name: /Balme/ });
    expect(await row.textContent()).toContain('Non pertinente');
    expect(await row.textContent()).toContain('Da noi le distribuisce la farmacia');
    await staff.context.close();
    await mayorSide.context.close();
  });

  it('takes a decline from a mayor of a comune the call asked only; others get a 4xx or nothing changes', async () => {
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const asked = await createUser(db, { role: 'MAYOR', municipality: '001157' });
    const other = await createUser(db, { role: 'MAYOR', municipality: '001272' });
    const { id } = await createCall(
      db,
      moderator.signedIn,
      '001',
      callSchema.parse({
        title: `Solo Moncenisio ${run}`,
        brief: 'Prova',
        deadline: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
        target: 'list',
        comuni: ['001157'],
      }),
    );
    const decline = (cookie: string, fields: Record<string, string>, origin = base) =>
      fetch(`${base}/api/sindaco/appelli/rifiuto`, {
        method: 'POST',
        body: new URLSearchParams(fields),
        headers: { ...(cookie ? { cookie } : {}), Origin: origin },
        redirect: 'manual',
      });
    const declined = () =>
      db.callTarget.findUnique({ where: { callId_municipalityIstat: { callId: id, municipalityIstat: '001157' } }, select: { declinedAt: true } });
    expect((await decline('', { callId: String(id) })).headers.get('location')).toBe('/accedi?da=/sindaco');
    expect((await decline(moderator.cookie, { callId: String(id) })).status).toBe(403);
    expect((await decline(other.cookie, { callId: String(id) })).headers.get('location')).toBe('/sindaco?esito=appello-chiuso');
    expect((await decline(asked.cookie, { callId: String(id) }, 'https://evil.example')).status).toBe(403);
    for (const bad of ['abc', '%00', '99999999999', '']) expect((await decline(asked.cookie, { callId: bad })).status, bad).toBe(400);
    expect((await decline(asked.cookie, { callId: String(id), note: 'riga\u0007' })).headers.get('location')).toBe('/sindaco?esito=appello-non-valido');
    expect((await declined())?.declinedAt).toBeNull();
    expect((await decline(asked.cookie, { callId: String(id), note: 'Non ci riguarda' })).headers.get('location')).toBe('/sindaco?esito=appello-rifiutato');
    expect((await declined())?.declinedAt).not.toBeNull();
  });

  it('answers bad calls, bad call pages and bad group pages with a 4xx, never a 5xx', async () => {
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const post = (fields: Array<[string, string]>) => {
      const body = new FormData();
      for (const [key, value] of fields) body.append(key, value);
      return fetch(`${base}/api/staff/appelli`, { method: 'POST', body, headers: { cookie: moderator.cookie, Accept: 'application/json', Origin: base } });
    };
    const good: Array<[string, string]> = [
      ['title', 'Un appello'],
      ['brief', 'Testo'],
      ['deadline', inAWeek],
      ['target', 'list'],
      ['comuni', '001157'],
    ];
    const change = (name: string, value: string) => [...good.filter(([key]) => key !== name), [name, value]] as Array<[string, string]>;
    const forms: Array<[string, Array<[string, string]>]> = [
      ['a control character in the title', change('title', 'Un\u0000appello')],
      ['angle brackets in the title', change('title', '<b>Un appello</b>')],
      ['an empty brief', change('brief', '')],
      ['a date that does not exist', change('deadline', '2026-02-30')],
      ['a deadline already past', change('deadline', '2020-01-01')],
      ['an unknown target', change('target', 'tutti')],
      ['a comune of no area', change('comune', '999999').concat([['comuni', '999999']])],
      ['a code that is no code', change('comuni', '12%00')],
      ['a theme that does not exist', [...good, ['themes', '999999']]],
      ['a theme id out of range', [...good, ['themes', '99999999999']]],
      ['a group that is no number', change('target', 'groups').concat([['groups', 'abc']])],
      ['a group that does not exist', change('target', 'groups').concat([['groups', '999999']])],
    ];
    for (const [what, fields] of forms) {
      const response = await post(fields);
      expect(response.status, what).toBeGreaterThanOrEqual(400);
      expect(response.status, what).toBeLessThan(500);
    }
    for (const path of [
      '/staff/appelli/abc',
      '/staff/appelli/0',
      '/staff/appelli/99999999999',
      '/staff/appelli/999999',
      '/staff/appelli/1%00',
      '/staff/gruppi?comuni=%01',
      '/staff/appelli?x=%7F',
    ]) {
      const response = await fetch(`${base}${path}`, { headers: { cookie: moderator.cookie }, redirect: 'manual' });
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
    }
  });
});

describe('following a call up, its public collection, meetings and the weekly briefing', () => {
  it('staff ask a group with Torino; Torino answers; the follow-up maps it and gives a CSV; once approved, the public collection shows it with its map, feed and embed', async () => {
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const balme = await db.municipality.findFirstOrThrow({ where: { name: 'Balme' }, select: { istatCode: true } });
    const group = `Torino e cintura ${run}`;
    const { id: groupId } = await createGroup(
      db,
      moderator.signedIn,
      '001',
      groupSchema.parse({ name: group, by: 'list', comuni: ['001272', balme.istatCode] }),
    );
    const title = `Natale solidale ${run}`;
    const { id } = await createCall(
      db,
      moderator.signedIn,
      '001',
      callSchema.parse({
        title,
        brief: 'Raccontate le iniziative di **Natale**.',
        deadline: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
        target: 'groups',
        groups: [groupId],
      }),
    );
    // Torino's mayor answers: a message naming the call, waiting for moderation.
    const { video } = await submittedMessage('001272', `Pacchi dono a Torino ${run}`);
    await db.video.update({ where: { id: video.id }, data: { callId: id } });

    const staff = await isolatedContext(browser);
    await staff.context.addCookies([{ name: 'next-auth.session-token', value: moderator.sessionToken, url: base }]);
    const page = await staff.context.newPage();
    await page.goto(`${base}/staff/appelli/${id}`);
    expect(await page.getByRole('row', { name: /Torino/ }).getAttribute('data-answer')).toBe('submitted');
    const map = page.getByRole('figure').filter({ has: page.getByRole('heading', { name: 'Mappa delle risposte' }) });
    expect(await map.getByRole('link', { name: 'Torino: In moderazione' }).getAttribute('href')).toBe('#comune-001272');
    expect(await map.getByRole('link', { name: 'Balme: Nessuna risposta' }).count()).toBe(1);
    expect(await map.getByRole('link', { name: 'Moncenisio: non interpellato' }).count()).toBe(1);
    await page.getByText(/Promemoria automatici 3, 1 giorni prima della scadenza/).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    const csv = await fetch(`${base}/api/staff/appelli/${id}/seguito.csv`, { headers: { cookie: moderator.cookie } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('istat_code,comune,answer,messages,decline_note,reminders_days_before');
    expect(lines).toContain(`001272,Torino,submitted,Pacchi dono a Torino ${run},,`);
    expect(lines).toContain(`${balme.istatCode},Balme,none,,,`);

    // Not public yet: citizens find nothing.
    expect((await fetch(`${base}/appelli/${id}`)).status).toBe(404);
    await page.getByRole('button', { name: 'Pubblica la raccolta' }).click();
    await page.waitForURL(/esito=raccolta-pubblica/);
    await page.getByRole('status').filter({ hasText: 'La raccolta è ora pubblica.' }).waitFor();
    expect(await db.auditEvent.count({ where: { action: 'call.collection.publish', subjectId: String(id) } })).toBe(1);

    const citizen = await isolatedContext(browser);
    const publicPage = await citizen.context.newPage();
    await publicPage.goto(`${base}/appelli/${id}`);
    await publicPage.getByRole('heading', { level: 1, name: title }).waitFor();
    await publicPage.getByText('Ancora nessun messaggio pubblicato in questa raccolta.').waitFor();
    // Approved and published: it joins the collection (the page caches hear the publication).
    await applyEditorialEvent(db, { videoId: video.id, event: 'approve', actorId: moderator.user.id });
    await applyEditorialEvent(db, { videoId: video.id, event: 'publish', actorId: moderator.user.id });
    await expect
      .poll(
        async () => {
          await publicPage.reload();
          return publicPage.getByRole('link', { name: new RegExp(`Pacchi dono a Torino ${run}`) }).count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await publicPage
      .getByRole('link', { name: new RegExp(`Pacchi dono a Torino ${run}`) })
      .first()
      .click();
    await publicPage.getByRole('link', { name: `Fa parte della raccolta «${title}»` }).click();
    await publicPage.waitForURL(new RegExp(`/appelli/${id}$`));
    const publicMap = publicPage.getByRole('figure').filter({ has: publicPage.getByRole('heading', { name: 'I comuni che hanno risposto' }) });
    expect(await publicMap.getByRole('link', { name: 'Torino: Ha risposto' }).count()).toBe(1);
    // Every comune of the area, the ones that answered coloured: who was asked and did not answer is the office's follow-up, not the public's.
    expect(await publicMap.getByRole('link', { name: 'Balme', exact: true }).count()).toBe(1);
    expect(await publicMap.getByRole('link', { name: /Balme:/ }).count()).toBe(0);
    expect(await wcagViolations(publicPage)).toEqual([]);
    const feed = await (await fetch(`${base}/appelli/${id}/feed.xml`)).text();
    expect(feed).toContain(`Pacchi dono a Torino ${run}`);
    const embed = await fetch(`${base}/embed/appelli/${id}?lingua=en`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('x-frame-options')).toBeNull();
    expect(await embed.text()).toContain(`Pacchi dono a Torino ${run}`);
    expect(await publicPage.locator('#embed-collection').inputValue()).toContain(`/embed/appelli/${id}?lingua=it`);

    // Withdrawn: the page, its feed and its embed are gone.
    await page.getByRole('button', { name: 'Ritira la raccolta' }).click();
    await page.waitForURL(/esito=raccolta-ritirata/);
    await expect.poll(async () => (await fetch(`${base}/appelli/${id}`)).status, { timeout: 10_000 }).toBe(404);
    expect((await fetch(`${base}/appelli/${id}/feed.xml`)).status).toBe(404);
    expect((await fetch(`${base}/embed/appelli/${id}`)).status).toBe(404);
    for (const bad of ['abc', '0', '010', '1e1', '99999999999', '%00', `${id}%0A`]) {
      const response = await fetch(`${base}/appelli/${bad}`);
      expect(response.status, bad).toBeGreaterThanOrEqual(400);
      expect(response.status, bad).toBeLessThan(500);
    }
    expect((await fetch(`${base}/embed/appelli/${id}?lingua=xx`)).status).toBe(400);
    await staff.context.close();
    await citizen.context.close();
  });

  it('staff set the next meeting and send the briefing now; a mayor gets it in the chosen language, sees the meeting, and can opt out', async () => {
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const balme = await db.municipality.findFirstOrThrow({ where: { name: 'Balme' }, select: { istatCode: true } });
    const mayor = await createUser(db, { role: 'MAYOR', municipality: balme.istatCode });
    const another = await createUser(db, { role: 'MAYOR', municipality: '001272' });
    const briefingsTo = (email: string) => db.mailOutbox.count({ where: { kind: 'briefing', recipient: email } });
    const staff = await isolatedContext(browser);
    await staff.context.addCookies([{ name: 'next-auth.session-token', value: moderator.sessionToken, url: base }]);
    const page = await staff.context.newPage();
    await page.goto(`${base}/staff/riunioni`);
    const link = `https://meet.example.org/sindaci-${run}`;
    // A link that is not https is refused with a translated error, and what was typed stays.
    await page.getByLabel('Giorno').fill(new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel('Ora (ora italiana)').fill('18:30');
    await page.getByLabel('Collegamento alla videochiamata (https://…)').evaluate((input: HTMLInputElement) => {
      input.type = 'text';
      input.removeAttribute('pattern');
    });
    await page.getByLabel('Collegamento alla videochiamata (https://…)').fill('http://meet.example.org/x');
    await page.getByLabel('Nota (facoltativa)').fill(`Punto sulla neve ${run}`);
    await page.getByRole('button', { name: 'Aggiungi la riunione' }).click();
    await page.getByText('Il collegamento deve essere un indirizzo https:// completo (al massimo 500 caratteri).').first().waitFor();
    expect(await page.getByLabel('Nota (facoltativa)').inputValue()).toBe(`Punto sulla neve ${run}`);
    await page.getByLabel('Collegamento alla videochiamata (https://…)').fill(link);
    await page.getByRole('button', { name: 'Aggiungi la riunione' }).click();
    await page.waitForURL(/esito=aggiunta/);
    expect(await page.getByRole('link', { name: link }).count()).toBe(1);
    expect(await wcagViolations(page)).toEqual([]);

    // The mayor chooses English, and sees the meeting on the dashboard.
    const mayorSide = await isolatedContext(browser);
    await mayorSide.context.addCookies([{ name: 'next-auth.session-token', value: mayor.sessionToken, url: base }]);
    const dashboard = await mayorSide.context.newPage();
    await dashboard.goto(`${base}/sindaco`);
    const box = dashboard.getByRole('region', { name: 'Notiziario settimanale' });
    expect(await box.getByRole('link', { name: 'Collegamento alla videochiamata' }).count()).toBeGreaterThan(0);
    await box.getByLabel('Lingua del notiziario').selectOption('en');
    await box.getByRole('button', { name: 'Salva le preferenze' }).click();
    await dashboard.waitForURL(/esito=notiziario-salvato/);
    expect(await wcagViolations(dashboard)).toEqual([]);

    await page.getByRole('button', { name: 'Invia ora il notiziario' }).click();
    await page.waitForURL(/esito=notiziario/);
    await eventually(
      async () =>
        (await db.demoMail.count({ where: { recipients: mayor.user.email, subject: { contains: 'weekly briefing for the comune of Balme' } } })) === 1,
      'the briefing in the demo inbox',
    );
    const mail = await db.demoMail.findFirstOrThrow({ where: { recipients: mayor.user.email, subject: { contains: 'weekly briefing' } } });
    expect(mail.text).toContain('Next coordination meeting');
    expect(mail.text).toContain(link);
    expect(mail.text).toContain(`Punto sulla neve ${run}`);

    // Opted out: the next edition does not come.
    await box.getByLabel('Voglio ricevere il notiziario settimanale').uncheck();
    await box.getByRole('button', { name: 'Salva le preferenze' }).click();
    await dashboard.waitForURL(/esito=notiziario-salvato/);
    expect((await db.user.findUniqueOrThrow({ where: { id: mayor.user.id } })).weeklyBriefing).toBe(false);
    await page.getByRole('button', { name: 'Invia ora il notiziario' }).click();
    await expect.poll(() => db.auditEvent.count({ where: { action: 'briefing.send', actorId: moderator.user.id } }), { timeout: 10_000 }).toBe(2);
    // The second edition reaches the mayor who still wants it, not the one who opted out.
    await eventually(async () => (await briefingsTo(another.user.email)) === 2, 'the second edition', 30_000);
    expect(await briefingsTo(mayor.user.email)).toBe(1);
    await staff.context.close();
    await mayorSide.context.close();
  });

  it('lets only the right callers change briefing settings, add meetings or send the briefing; bad values get a 4xx', async () => {
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const mayor = await createUser(db, { role: 'MAYOR', municipality: '001157' });
    const settings = (cookie: string, fields: Record<string, string>, origin = base) =>
      fetch(`${base}/api/sindaco/notiziario`, {
        method: 'POST',
        body: new URLSearchParams(fields),
        headers: { ...(cookie ? { cookie } : {}), Origin: origin },
        redirect: 'manual',
      });
    expect((await settings('', { briefingLocale: 'it' })).headers.get('location')).toBe('/accedi?da=/sindaco');
    expect((await settings(moderator.cookie, { briefingLocale: 'it' })).status).toBe(403);
    expect((await settings(mayor.cookie, { briefingLocale: 'it' }, 'https://evil.example')).status).toBe(403);
    for (const bad of ['xx', '', 'it\u0000', 'en '.repeat(50)])
      expect((await settings(mayor.cookie, { wanted: 'on', briefingLocale: bad })).status, bad).toBe(400);
    expect((await settings(mayor.cookie, { briefingLocale: 'en' })).headers.get('location')).toBe('/sindaco?esito=notiziario-salvato#notiziario');
    expect(await db.user.findUniqueOrThrow({ where: { id: mayor.user.id }, select: { weeklyBriefing: true, briefingLocale: true } })).toEqual({
      weeklyBriefing: false,
      briefingLocale: 'en',
    });

    const staffPost = (path: string, cookie: string, fields: Array<[string, string]>) => {
      const body = new FormData();
      for (const [key, value] of fields) body.append(key, value);
      return fetch(`${base}${path}`, {
        method: 'POST',
        body,
        headers: { ...(cookie ? { cookie } : {}), Accept: 'application/json', Origin: base },
        redirect: 'manual',
      });
    };
    const before = await db.auditEvent.count({ where: { action: 'briefing.send' } });
    const edition: Array<[string, string]> = [['edition', randomUUID()]];
    expect((await staffPost('/api/staff/notiziario', '', edition)).status).toBeGreaterThanOrEqual(300);
    expect((await staffPost('/api/staff/notiziario', mayor.cookie, edition)).status).toBe(403);
    for (const bad of ['', 'abc', `${randomUUID()}\u0000`])
      expect((await staffPost('/api/staff/notiziario', moderator.cookie, [['edition', bad]])).status, bad).toBe(400);
    expect(await db.auditEvent.count({ where: { action: 'briefing.send' } })).toBe(before);
    expect((await staffPost('/api/staff/notiziario', moderator.cookie, edition)).status).toBe(200);
    expect((await staffPost('/api/staff/notiziario', moderator.cookie, edition)).status).toBe(200);
    expect(await db.auditEvent.count({ where: { action: 'briefing.send' } })).toBe(before + 1);

    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const good: Array<[string, string]> = [
      ['date', inAWeek],
      ['time', '18:30'],
      ['link', 'https://meet.example.org/x'],
    ];
    const change = (name: string, value: string) => [...good.filter(([key]) => key !== name), [name, value]] as Array<[string, string]>;
    for (const [what, fields] of [
      ['no date', change('date', '')],
      ['a day that does not exist', change('date', '2026-02-30')],
      ['a date already past', change('date', '2020-01-01')],
      ['an hour out of range', change('time', '25:00')],
      ['a control character', change('link', 'https://meet.example.org/\u0000')],
      ['a javascript: link', change('link', 'javascript:alert(1)')],
      ['a link too long', change('link', `https://meet.example.org/${'a'.repeat(600)}`)],
      ['a note on two lines', [...good, ['note', 'a\nb']] as Array<[string, string]>],
      [
        'deleting no number',
        [
          ['intent', 'delete'],
          ['id', 'abc'],
        ] as Array<[string, string]>,
      ],
      [
        'deleting a meeting that does not exist',
        [
          ['intent', 'delete'],
          ['id', '999999'],
        ] as Array<[string, string]>,
      ],
    ] as const) {
      const response = await staffPost('/api/staff/riunioni', moderator.cookie, [...fields]);
      expect(response.status, what).toBeGreaterThanOrEqual(400);
      expect(response.status, what).toBeLessThan(500);
    }
    expect((await staffPost('/api/staff/riunioni', mayor.cookie, good)).status).toBe(403);
    for (const [what, fields] of [
      [
        'a collection of no call',
        [
          ['intent', 'collection'],
          ['callId', '999999'],
          ['public', '1'],
        ],
      ],
      [
        'a collection flag that is no flag',
        [
          ['intent', 'collection'],
          ['callId', '1'],
          ['public', 'yes'],
        ],
      ],
      [
        'a call id that is no number',
        [
          ['intent', 'collection'],
          ['callId', '1%00'],
          ['public', '1'],
        ],
      ],
    ] as const) {
      const response = await staffPost(
        '/api/staff/appelli',
        moderator.cookie,
        fields.map(([k, v]) => [k, v] as [string, string]),
      );
      expect(response.status, what).toBeGreaterThanOrEqual(400);
      expect(response.status, what).toBeLessThan(500);
    }
    for (const path of ['/api/staff/appelli/abc/seguito.csv', '/api/staff/appelli/0/seguito.csv', '/api/staff/appelli/999999/seguito.csv']) {
      const response = await fetch(`${base}${path}`, { headers: { cookie: moderator.cookie } });
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
    }
    expect((await fetch(`${base}/api/staff/appelli/1/seguito.csv`, { headers: { cookie: mayor.cookie } })).status).toBe(403);
    expect((await fetch(`${base}/api/staff/appelli/1/seguito.csv`)).status).toBe(401);
  });
});

describe('who reaches a public collection, its feed and its embed', () => {
  it('is nobody while the call is private (staff and its mayors included) and everybody once public; bad ids and parameters get a 4xx', async () => {
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const asked = await createUser(db, { role: 'MAYOR', municipality: '001157' });
    const other = await createUser(db, { role: 'MAYOR', municipality: '001272' });
    const { id } = await createCall(
      db,
      moderator.signedIn,
      '001',
      callSchema.parse({
        title: `Raccolta per chiunque ${run}`,
        brief: 'Prova',
        deadline: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
        target: 'list',
        comuni: ['001157'],
      }),
    );
    const callers: Record<string, string> = {
      anonymous: '',
      'mayor of the comune asked': asked.cookie,
      'mayor of another comune': other.cookie,
      staff: moderator.cookie,
    };
    const paths = [`/appelli/${id}`, `/appelli/${id}/feed.xml`, `/embed/appelli/${id}`];
    const statuses = async () => {
      const seen: Record<string, number> = {};
      for (const [who, cookie] of Object.entries(callers)) {
        for (const path of paths) seen[`${path} as ${who}`] = (await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' })).status;
      }
      return seen;
    };
    expect(new Set(Object.values(await statuses()))).toEqual(new Set([404]));
    await setCollectionPublic(db, moderator.signedIn, { callId: id, public: true });
    await expect.poll(async () => new Set(Object.values(await statuses())), { timeout: 10_000 }).toEqual(new Set([200]));
    for (const path of [
      '/appelli/abc/feed.xml',
      '/appelli/0/feed.xml',
      `/appelli/0${id}/feed.xml`,
      '/appelli/99999999999/feed.xml',
      '/embed/appelli/abc',
      `/embed/appelli/0${id}`,
      '/embed/appelli/99999999999',
      `/embed/appelli/${id}?lingua=%00`,
      `/appelli/${id}?x=%01`,
      `/appelli/${id}/feed.xml?x=%7F`,
    ]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
    }
    // The staff page that publishes it stays staff's, and answers odd addresses with a 4xx.
    for (const path of ['/staff/riunioni?esito=%00', '/staff/riunioni?esito=x%7F']) {
      const response = await fetch(`${base}${path}`, { headers: { cookie: moderator.cookie }, redirect: 'manual' });
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
    }
  });

  it('lets a mayor change only the mayor’s own briefing settings', async () => {
    const mine = await createUser(db, { role: 'MAYOR', municipality: '001157' });
    const theirs = await createUser(db, { role: 'MAYOR', municipality: '001272' });
    const response = await fetch(`${base}/api/sindaco/notiziario`, {
      method: 'POST',
      // A user id in the form is no part of it: the caller is the session's.
      body: new URLSearchParams({ briefingLocale: 'en', userId: theirs.user.id }),
      headers: { cookie: mine.cookie, Origin: base },
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    const settings = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { weeklyBriefing: true, briefingLocale: true } });
    expect(await settings(mine.user.id)).toEqual({ weeklyBriefing: false, briefingLocale: 'en' });
    expect(await settings(theirs.user.id)).toEqual({ weeklyBriefing: true, briefingLocale: 'it' });
  });
});
