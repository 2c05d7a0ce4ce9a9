import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { DEMO_USERS } from '@/lib/seed/demo-accounts';
import { isolatedContext, launchBrowser, wcagViolations } from '../support/browser';
import { makeTestMedia, type TestMedia } from '../support/media';

const base = inject('baseUrl');
let browser: Browser;
let media: TestMedia;

beforeAll(async () => {
  browser = await launchBrowser();
  media = makeTestMedia();
});
afterAll(() => browser?.close());

/** The sign-in links the demo inbox shows for an address, newest first. */
async function linksIn(page: Page, email: string): Promise<string[]> {
  await page.goto(inject('demoInboxUrl'));
  const links = page.locator('li', { hasText: email }).locator('a[href*="/api/auth/callback/email"]');
  return Promise.all((await links.all()).map(async (a) => (await a.getAttribute('href'))!));
}

/* Asks for a sign-in link and follows the new one from the demo inbox (it is sent just after the answer); returns the link. */
async function signIn(page: Page, email: string): Promise<string> {
  const before = new Set(await linksIn(page, email));
  await page.goto(`${base}/accedi`);
  await page.getByLabel('Indirizzo e-mail').fill(email);
  await page.getByRole('button', { name: 'Mandami il collegamento' }).click();
  await page.getByRole('heading', { name: 'Controlla la posta' }).waitFor();
  const link = await vi.waitFor(
    async () => {
      const fresh = (await linksIn(page, email)).find((l) => !before.has(l));
      if (!fresh) throw new Error(`no new sign-in link for ${email} yet`);
      return fresh;
    },
    { timeout: 20_000, interval: 250 },
  );
  await page.goto(link);
  return link;
}

/* The demo mayor, signed in, choosing a file on the new-message form. */
async function uploadAsDemoMayor(file: string) {
  const { context } = await isolatedContext(browser);
  const page = await context.newPage();
  await signIn(page, DEMO_USERS.mayor);
  await page.goto(`${base}/sindaco/messaggi/nuovo`);
  await page.getByLabel('Scegli il video').setInputFiles(file);
  return { context, page };
}

describe('a mayor publishes from a weak connection', () => {
  it('signs in through the demo inbox, uploads through a cut and a reload, submits, and sees it waiting for moderation', async () => {
    const { context, external, blocked } = await isolatedContext(browser);
    const page = await context.newPage();
    const link = await signIn(page, DEMO_USERS.mayor);
    await page.getByRole('heading', { name: 'I messaggi di Torino' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    // The box with the code for the comune's website, opened: its labelled code field too.
    await page.getByText('Incorpora nel sito del Comune').click();
    await page.getByLabel('Codice da copiare').waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Nuovo messaggio' }).click();
    await page.getByRole('heading', { name: 'Nuovo messaggio' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    // A slow line (each chunk waits) that drops once in the middle; tus resumes by itself.
    let patches = 0;
    let cut = false;
    await page.route('**/api/uploads/**', async (route) => {
      if (route.request().method() !== 'PATCH') return route.fallback();
      await new Promise((resolve) => setTimeout(resolve, 150));
      if (++patches === 4 && !cut) {
        cut = true;
        return route.abort('connectionreset');
      }
      return route.fallback();
    });
    await page.getByLabel('Scegli il video').setInputFiles(media.big);
    await page.waitForFunction(() => Number(document.querySelector('#upload-progress')?.getAttribute('value')) >= 30);
    expect(cut).toBe(true);
    await page.getByRole('button', { name: 'Pausa' }).click();
    const paused = await page.locator('#upload-progress').getAttribute('value');
    expect(Number(paused)).toBeGreaterThan(0);

    // A reload forgets the file but not the upload: choosing it again continues.
    await page.reload();
    await page.getByText('Caricamento interrotto di «big.mp4»').waitFor();
    const offsets: number[] = [];
    page.on('request', (request) => {
      const offset = request.headers()['upload-offset'];
      if (request.method() === 'PATCH' && offset) offsets.push(Number(offset));
    });
    await page.getByLabel('Scegli il video').setInputFiles(media.big);
    await page
      .getByText(/Video pronto: big\.mp4/)
      .first()
      .waitFor({ timeout: 60_000 });
    expect(offsets[0]).toBeGreaterThan(0);

    // A refused form keeps what was typed.
    await page.getByLabel('Titolo').fill('<script>alert(1)</script>');
    await page.getByLabel('Descrizione').fill('Spesa a domicilio per chi ha più di 65 anni: 011 123456.');
    await page.getByLabel('Solidarietà').check();
    await page.getByLabel(/Dichiaro che le persone riprese/).check();
    await page.getByRole('button', { name: 'Invia per la verifica' }).click();
    await page.getByRole('alert').filter({ hasText: 'I segni < e > non sono ammessi' }).waitFor();
    expect(await page.getByLabel('Descrizione').inputValue()).toBe('Spesa a domicilio per chi ha più di 65 anni: 011 123456.');

    await page.getByLabel('Titolo').fill('Spesa a domicilio per gli anziani');
    await page.getByRole('button', { name: 'Invia per la verifica' }).click();
    await page.getByText('Messaggio inviato: lo staff lo verificherà prima della pubblicazione.').waitFor();
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('SUBMITTED');

    await page.goto(`${base}/sindaco`);
    const item = page.locator('li', { hasText: 'Spesa a domicilio per gli anziani' });
    expect(await item.locator('[data-status]').getAttribute('data-status')).toBe('SUBMITTED');
    expect(await item.textContent()).toContain('Inviato, in attesa di verifica');

    // Not public yet: citizens find nothing.
    const search = (await (await fetch(`${base}/api/v1/videos?q=${encodeURIComponent('Spesa a domicilio per gli anziani')}`)).json()) as {
      data: Array<{ title: string }>;
    };
    expect(search.data.map((v) => v.title)).not.toContain('Spesa a domicilio per gli anziani');

    // The link worked once.
    const { context: again } = await isolatedContext(browser);
    const second = await again.newPage();
    await second.goto(link);
    await second.getByText('Il collegamento è scaduto o è già stato usato').waitFor();
    await again.close();
    expect(external).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  });

  it('sends anonymous visitors to sign-in, and answers an unknown address exactly like an invited one', async () => {
    const { context } = await isolatedContext(browser);
    const page = await context.newPage();
    await page.goto(`${base}/sindaco`);
    expect(new URL(page.url()).pathname).toBe('/accedi');
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByLabel('Indirizzo e-mail').fill('chiunque@example.com');
    await page.getByRole('button', { name: 'Mandami il collegamento' }).click();
    await page.getByRole('heading', { name: 'Controlla la posta' }).waitFor();
    const inbox = await (await fetch(inject('demoInboxUrl'))).text();
    expect(inbox).not.toContain('chiunque@example.com');
    await context.close();
  });

  it('refuses, after the upload, a file that only pretends to be a video, with a translated reason', async () => {
    const { context, page } = await uploadAsDemoMayor(media.polyglot);
    await page.getByRole('alert').filter({ hasText: 'Il file non è un video MP4, MOV o WebM.' }).waitFor({ timeout: 30_000 });
    expect(await page.getByText(/Video pronto/).count()).toBe(0);
    await context.close();
  });

  it('offers a video uploaded before a reload again, so the form is saved without a second upload', async () => {
    const { context, page } = await uploadAsDemoMayor(media.good);
    await page
      .getByText(/Video pronto: good\.mp4/)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.reload();
    let uploads = 0;
    page.on('request', (request) => void (request.url().includes('/api/uploads') && uploads++));
    await page.getByText('Hai già caricato «good.mp4» senza salvare il messaggio').waitFor();
    await page.getByRole('button', { name: 'Usa questo video' }).click();
    await page
      .getByText(/Video pronto: good\.mp4/)
      .first()
      .waitFor();
    await page.getByLabel('Titolo').fill('Il video non si carica due volte');
    await page.getByLabel('Solidarietà').check();
    await page.getByLabel(/Dichiaro che le persone riprese/).check();
    await page.getByRole('button', { name: 'Salva la bozza' }).click();
    await page.getByRole('heading', { name: 'Il video non si carica due volte' }).or(page.getByText('Bozza salvata')).first().waitFor();
    expect(uploads).toBe(0);
    // Now that a message holds it, the new-message form no longer offers it.
    const asked = page.waitForResponse((response) => /\/api\/media\/[a-f0-9]{32}$/.test(response.url()));
    await page.goto(`${base}/sindaco/messaggi/nuovo`);
    expect(((await (await asked).json()) as { attached: boolean }).attached).toBe(true);
    await page.waitForTimeout(300);
    expect(await page.getByRole('button', { name: 'Usa questo video' }).count()).toBe(0);
    await context.close();
  });

  it('keeps a mayor out of the staff pages', async () => {
    const { context } = await isolatedContext(browser);
    const page = await context.newPage();
    await signIn(page, DEMO_USERS.mayor);
    await page.goto(`${base}/staff/inviti`);
    await page.getByRole('heading', { name: 'Accesso non consentito' }).waitFor();
    await context.close();
  });
});
