import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { DEMO_USERS } from '@/lib/seed/demo-accounts';
import { isolatedContext, launchBrowser, wcagViolations } from '../support/browser';
import { makeTestMedia, type TestMedia } from '../support/media';

/*
 * Issue 16's whole loop as the demo installation's own accounts live it, in the
 * browser: the demo moderator makes a group that includes Torino (picked on the
 * map) and asks it for messages; the demo mayor of Torino answers with a video;
 * the follow-up shows the answer, the moderator approves it, the public
 * collection shows it; a meeting is set and the weekly briefing reaches the
 * demo inbox. The demo accounts get a browser session directly: signing in
 * through the demo inbox is tested in mayor-submission.test.ts, and the links
 * per address are limited.
 */

const base = inject('baseUrl');
const run = Date.now().toString(36);
let db: Db;
let browser: Browser;
let media: TestMedia;

beforeAll(async () => {
  db = createDb(inject('portalDatabaseUrl'), 2);
  browser = await launchBrowser();
  media = makeTestMedia();
});
afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
});

async function signedInAs(email: string): Promise<BrowserContext> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const sessionToken = randomBytes(24).toString('hex');
  await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 3600_000) } });
  const { context } = await isolatedContext(browser);
  await context.addCookies([{ name: 'next-auth.session-token', value: sessionToken, url: base }]);
  return context;
}

describe('coordinating the mayors, as the demo accounts do it', () => {
  it('a call for a group with Torino, answered by the demo mayor, followed up, approved, collected in public, and the briefing in the demo inbox', async () => {
    const staff = await signedInAs(DEMO_USERS.moderator);
    const page = await staff.newPage();
    const group = `Torino e valli ${run}`;
    await page.goto(`${base}/staff/gruppi`);
    await page.getByLabel('Nome del gruppo').fill(group);
    await page.getByRole('link', { name: 'Torino', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Balme', exact: true }).check();
    await page.getByRole('button', { name: 'Crea il gruppo' }).click();
    await page.waitForURL(/esito=creato&comuni=2/);

    const title = `Natale solidale ${run}`;
    await page.goto(`${base}/staff/appelli`);
    await page.getByLabel('Titolo', { exact: true }).fill(title);
    await page.getByLabel('Entro il (compreso)').fill(new Date(Date.now() + 6 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel(/Che cosa chiedete/).fill('Raccontate le iniziative di **Natale** per chi è solo.');
    await page.getByLabel('Solidarietà').check();
    await page.getByLabel('Ai gruppi scelti').check();
    await page.getByLabel(group).check();
    await page.getByRole('button', { name: 'Invia l’appello' }).click();
    await page.waitForURL(/\/staff\/appelli\/\d+\?esito=inviato/);
    const followUp = page.url().split('?')[0]!;
    const callId = Number(followUp.split('/').at(-1));

    // The demo mayor of Torino answers from the card on the dashboard.
    const mayorContext = await signedInAs(DEMO_USERS.mayor);
    const mayor = await mayorContext.newPage();
    await mayor.goto(`${base}/sindaco`);
    const card = mayor.getByRole('listitem').filter({ has: mayor.getByRole('heading', { name: `Città metropolitana di Torino chiede: ${title}` }) });
    await card.getByRole('link', { name: 'Rispondi con un messaggio' }).click();
    await mayor.getByText(`State rispondendo all’appello «${title}»`).waitFor();
    expect(await mayor.getByLabel('Solidarietà').isChecked()).toBe(true);
    await mayor.getByLabel('Scegli il video').setInputFiles(media.good);
    await mayor
      .getByText(/Video pronto: good\.mp4/)
      .first()
      .waitFor({ timeout: 60_000 });
    const answer = `Pranzo di Natale in comune ${run}`;
    await mayor.getByLabel('Titolo').fill(answer);
    await mayor.getByLabel(/Dichiaro che le persone riprese/).check();
    await mayor.getByRole('button', { name: 'Invia per la verifica' }).click();
    await mayor.getByText('Messaggio inviato: lo staff lo verificherà prima della pubblicazione.').waitFor();

    // The follow-up shows it; the moderator approves it from there.
    await page.goto(followUp);
    const row = page.getByRole('row', { name: /Torino/ });
    expect(await row.getAttribute('data-answer')).toBe('submitted');
    await row.getByRole('link', { name: answer }).click();
    await page.getByText('Inviato, in attesa di verifica').first().waitFor();
    await page.getByRole('radio', { name: 'Approva e pubblica' }).check();
    await page.getByRole('button', { name: 'Conferma la decisione' }).click();
    await page.waitForURL(/esito=approve/);
    await page.goto(followUp);
    expect(await page.getByRole('row', { name: /Torino/ }).getAttribute('data-answer')).toBe('published');
    await page.getByRole('button', { name: 'Pubblica la raccolta' }).click();
    await page.waitForURL(/esito=raccolta-pubblica/);

    const { context: citizenContext } = await isolatedContext(browser);
    const citizen = await citizenContext.newPage();
    await citizen.goto(`${base}/appelli/${callId}`);
    await citizen.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await citizen.getByRole('link', { name: new RegExp(answer) }).count()).toBeGreaterThan(0);
    expect(await citizen.getByRole('link', { name: 'Torino: Ha risposto' }).count()).toBe(1);
    expect(await wcagViolations(citizen)).toEqual([]);

    // A meeting, then the briefing now: the demo mayor's arrives in the demo inbox.
    await page.goto(`${base}/staff/riunioni`);
    await page.getByLabel('Giorno').fill(new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel('Ora (ora italiana)').fill('17:00');
    await page.getByLabel('Collegamento alla videochiamata (https://…)').fill(`https://meet.example.org/coordinamento-${run}`);
    await page.getByRole('button', { name: 'Aggiungi la riunione' }).click();
    await page.waitForURL(/esito=aggiunta/);
    await page.getByRole('button', { name: 'Invia ora il notiziario' }).click();
    await page.waitForURL(/esito=notiziario/);
    // Caught by the demo inbox (every test's mayors get an edition too, so the page's newest fifty may not show it: read what the inbox holds).
    await expect
      .poll(
        () =>
          db.demoMail.findFirst({
            where: {
              recipients: DEMO_USERS.mayor,
              subject: 'Notiziario settimanale di Città metropolitana di Torino per il Comune di Torino',
              text: { contains: `coordinamento-${run}` },
            },
            select: { text: true },
          }),
        { timeout: 90_000, interval: 1000 },
      )
      .toBeTruthy();
    const briefing = await db.demoMail.findFirstOrThrow({ where: { recipients: DEMO_USERS.mayor, text: { contains: `coordinamento-${run}` } } });
    expect(briefing.text).toContain(`${title} — entro il`);
    expect(briefing.text).toContain('Prossima riunione di coordinamento');
    await staff.close();
    await mayorContext.close();
    await citizenContext.close();
  });
});
