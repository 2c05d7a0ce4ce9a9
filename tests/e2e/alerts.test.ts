import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { sendWeeklyDigests } from '@/lib/alerts/fanout';
import { createDb, type Db } from '@/lib/db/client';
import { isolatedContext, launchBrowser, wcagViolations } from '../support/browser';
import { createVideo } from '../support/fixtures';

/*
 * A citizen follows a comune by e-mail, from the comune's page to the alert of
 * a new message and out again with one click, through the portal's own demo
 * inbox (its local SMTP server) and worker.
 */

const base = inject('baseUrl');
let db: Db;
let browser: Browser;
let context: BrowserContext;
let external: string[];
let blocked: string[];
let comune: { istatCode: string; slug: string; name: string };

beforeAll(async () => {
  db = createDb(inject('portalDatabaseUrl'), 2);
  comune = await db.municipality.findFirstOrThrow({
    where: { areaCode: '001', videos: { none: {} }, alerts: { none: {} } },
    select: { istatCode: true, slug: true, name: true },
    orderBy: { istatCode: 'desc' },
  });
  browser = await launchBrowser();
  ({ context, external, blocked } = await isolatedContext(browser));
});
afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
});

async function mailTo(email: string, subject: RegExp) {
  return vi.waitFor(
    async () => {
      const mails = await db.demoMail.findMany({ where: { recipients: email }, orderBy: { id: 'asc' } });
      const found = mails.filter((m) => subject.test(m.subject));
      if (!found.length) throw new Error(`no mail "${subject}" to ${email} yet`);
      return found;
    },
    { timeout: 30_000, interval: 250 },
  );
}

describe('e-mail alerts', () => {
  it('signs up from the comune page, confirms from the mail, gets one alert of a new message and leaves with one click', async () => {
    const email = `cittadino-${randomUUID()}@example.org`;
    const page = await context.newPage();
    await page.goto(`${base}/comuni/${comune.istatCode}-${comune.slug}`);
    await page.getByRole('link', { name: 'Iscriviti agli avvisi' }).click();
    await page.waitForURL(`**/avvisi?comune=${comune.istatCode}`);
    expect(await wcagViolations(page)).toEqual([]);

    // A wrong address is refused with its reason, and what was typed stays.
    await page.getByLabel('Indirizzo e-mail').fill('non-un-indirizzo');
    await page.getByRole('button', { name: 'Iscriviti' }).click();
    await expect.poll(() => page.getByRole('alert', { name: 'Controlla il modulo' }).textContent()).toContain('Scrivi un indirizzo e-mail valido');
    expect(await page.getByLabel('Indirizzo e-mail').inputValue()).toBe('non-un-indirizzo');

    await page.getByLabel('Indirizzo e-mail').fill(email);
    await page.getByLabel('Subito, un’e-mail per ogni nuovo messaggio').check();
    await page.getByRole('button', { name: 'Iscriviti' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Controlla la tua posta');
    // Nothing is stored before the citizen confirms.
    expect(await db.alertSubscription.count({ where: { email } })).toBe(0);

    const [confirmation] = await mailTo(email, /^Conferma gli avvisi di Comune di /);
    const link = /http:\/\/\S+\/avvisi\/conferma\?t=[A-Za-z0-9_-]+/.exec(confirmation!.text)![0];
    // Opening the link confirms nothing (mail scanners open links too); the button does.
    await page.goto(link.replace(/^http:\/\/[^/]+/, base));
    expect(await db.alertSubscription.count({ where: { email } })).toBe(0);
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sì, conferma l’iscrizione' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`Iscrizione confermata: riceverai i nuovi messaggi di Comune di ${comune.name}`);
    expect(await wcagViolations(page)).toEqual([]);
    expect(await db.alertSubscription.count({ where: { email } })).toBe(1);

    const video = await createVideo(db, { municipality: comune.istatCode, title: `Spesa a domicilio ${Date.now()}`, status: 'PUBLISHED' });
    const [alert] = await mailTo(email, new RegExp(`^${comune.name}: Spesa a domicilio`));
    expect(alert!.text).toContain(`/messaggi/${video.id}`);
    expect(alert!.listUnsubscribePost).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<(http:\/\/\S+)>$/.exec(alert!.listUnsubscribe ?? '')![1]!;

    // One alert however long we look (two workers, retries): the delivery is claimed once.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await mailTo(email, /Spesa a domicilio/)).toHaveLength(1);

    // RFC 8058: the mail program posts, with no cookie and no sign-in.
    const answer = await fetch(unsubscribe.replace(/^http:\/\/[^/]+/, base), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(answer.status).toBe(200);
    expect(await db.alertSubscription.count({ where: { email } })).toBe(0);
    expect(external).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();
  });

  it('sends a weekly subscriber one summary, and lets them change it from the mail without signing in', async () => {
    const email = `riepilogo-${randomUUID()}@example.org`;
    const page = await context.newPage();
    await page.goto(`${base}/avvisi?comune=${comune.istatCode}`);
    await page.getByLabel('Indirizzo e-mail').fill(email);
    await page.getByLabel('Un riepilogo alla settimana, il lunedì mattina').check();
    await page.getByRole('button', { name: 'Iscriviti' }).click();
    const [confirmation] = await mailTo(email, /^Conferma gli avvisi/);
    await page.goto(/http:\/\/\S+\/avvisi\/conferma\?t=[A-Za-z0-9_-]+/.exec(confirmation!.text)![0].replace(/^http:\/\/[^/]+/, base));
    await page.getByRole('button', { name: 'Sì, conferma l’iscrizione' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Iscrizione confermata');

    const video = await createVideo(db, { municipality: comune.istatCode, title: `Sportello psicologico ${Date.now()}`, status: 'PUBLISHED' });
    await sendWeeklyDigests(db, base, new Date(Date.now() + 1000));
    const [summary] = await mailTo(email, /nuov[oi] messagg/);
    expect(summary!.text).toContain(`/messaggi/${video.id}`);
    // The weekly subscriber got no single alert.
    expect(await db.demoMail.count({ where: { recipients: email, subject: { startsWith: `${comune.name}:` } } })).toBe(0);

    const manage = /http:\/\/\S+\/avvisi\/gestisci\?t=[A-Za-z0-9_-]+/.exec(summary!.text)![0].replace(/^http:\/\/[^/]+/, base);
    await page.goto(manage);
    await page.getByLabel('Subito, un’e-mail per ogni nuovo messaggio').check();
    await page.getByRole('button', { name: 'Salva' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('uno alla volta');
    expect((await db.alertSubscription.findFirstOrThrow({ where: { email } })).frequency).toBe('IMMEDIATE');
    await page.getByRole('button', { name: 'Cancella l’iscrizione' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Iscrizione cancellata');
    expect(await db.alertSubscription.count({ where: { email } })).toBe(0);
    await page.close();
  });

  it('refuses bad parameters with a 4xx or says the link is not valid, never a 5xx', async () => {
    const status = async (path: string, init?: RequestInit) => (await fetch(`${base}${path}`, { redirect: 'manual', ...init })).status;
    expect(await status('/avvisi?comune=abc')).toBe(400);
    expect(await status('/avvisi?comune=999999')).toBe(404);
    expect(await status('/avvisi?tema=non-esiste')).toBe(404);
    expect(await status('/avvisi?tema=%00')).toBe(400);
    expect(await status('/avvisi/conferma?t=%0A')).toBe(400);
    expect(await status('/avvisi/gestisci?esito=altro')).toBe(400);
    const garbage = await fetch(`${base}/avvisi/conferma?t=${'A'.repeat(60)}`);
    expect(garbage.status).toBe(200);
    expect(await garbage.text()).toContain('Questo link non è valido');
    expect(await (await fetch(`${base}/avvisi/gestisci?t=${'A'.repeat(43)}`)).text()).toContain('Questa iscrizione non esiste più');
    expect(await status('/api/avvisi/disiscrivi?t=corto', { method: 'POST' })).toBe(400);
    expect(await status(`/api/avvisi/disiscrivi?t=${'A'.repeat(43)}`, { method: 'POST' })).toBe(200);
    const look = await fetch(`${base}/api/avvisi/disiscrivi?t=${'A'.repeat(43)}`, { redirect: 'manual' });
    expect(look.status).toBe(303);
    expect(look.headers.get('location')).toBe(`/avvisi/gestisci?t=${'A'.repeat(43)}`);
  });
});
