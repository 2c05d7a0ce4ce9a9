import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { takeRateLimit, type RateLimit } from '../auth/rate-limit';
import { config } from '../config';
import type { Db, Tx } from '../db/client';
import { localeOf, translator, type Locale } from '../i18n';
import { enqueueMail } from '../notifications/outbox';
import { CONFIRMATION_HOURS, openRequest, sealRequest, type AlertRequest } from './confirmation';
import { confirmationLink, confirmationMail } from './mails';
import { keyFor } from '../secrets/seal';
import { subjectColumns, subjectKey, subjectOfRow, type AlertSubject, type Frequency } from './subject';

/*
 * A citizen's e-mail alerts, without an account: a request sends a
 * confirmation link (double opt-in) and stores nothing; following the link
 * stores the subscription; every mail of it links to a page that changes or
 * cancels it, and cancelling deletes the address. Whoever holds a
 * subscription's token (it is in every mail) may manage it: it is the only key.
 */

/** Requests from one network, refused with a message past the limit. */
export const ALERT_REQUESTS_PER_NETWORK: RateLimit = { bucket: 'alert-network', limit: 10, windowMs: 3600_000 };
/*
 * Confirmation mails to one address: past either limit nothing is sent, and the
 * answer does not change, so nobody can flood a stranger's inbox or learn
 * anything from the answer. A few per subject (a lost mail, a second try), a
 * few more in all (a citizen following several subjects).
 */
export const ALERT_REQUESTS_PER_SUBJECT: RateLimit = { bucket: 'alert-address-subject', limit: 3, windowMs: 24 * 3600_000 };
export const ALERT_REQUESTS_PER_ADDRESS: RateLimit = { bucket: 'alert-address', limit: 10, windowMs: 24 * 3600_000 };

/** The token in a subscription's links: 32 random bytes, base64url. */
export const SUBSCRIPTION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const alertEmail = z
  .string()
  .trim()
  .max(320)
  .pipe(z.email())
  .transform((e) => e.toLowerCase());

/** What a subject is called in mails and pages, in a language (a retired theme keeps its name); null when it no longer exists. */
export async function subjectLabel(db: Db | Tx, subject: AlertSubject, locale: Locale): Promise<string | null> {
  const t = translator(locale);
  if (subject.kind === 'all') return t('alerts.subjectAll');
  if (subject.kind === 'municipality') {
    const m = await db.municipality.findUnique({ where: { istatCode: subject.istat }, select: { name: true } });
    return m ? t('alerts.subjectMunicipality', { name: m.name }) : null;
  }
  const theme = await db.theme.findUnique({ where: { id: subject.themeId }, select: { labelIt: true, labelEn: true } });
  return theme ? t('alerts.subjectTheme', { label: locale === 'it' ? theme.labelIt : theme.labelEn }) : null;
}

/** The subject a sign-up page's address names (?comune=<istat>, ?tema=<slug>, or neither for everything); null when it names nothing that exists. */
export async function subjectFromAddress(db: Db, query: { comune?: string | undefined; tema?: string | undefined }): Promise<AlertSubject | null> {
  if (query.comune && query.tema) return null;
  if (query.comune) {
    if (!/^\d{6}$/.test(query.comune)) return null;
    const m = await db.municipality.findUnique({ where: { istatCode: query.comune }, select: { istatCode: true } });
    return m ? { kind: 'municipality', istat: m.istatCode } : null;
  }
  if (query.tema) {
    if (!/^[a-z0-9-]{1,80}$/.test(query.tema)) return null;
    const theme = await db.theme.findFirst({ where: { slug: query.tema, active: true }, select: { id: true } });
    return theme ? { kind: 'theme', themeId: theme.id } : null;
  }
  return { kind: 'all' };
}

/**
 * The mailbox an address reaches, for the limits: `name+anything@` is `name@`
 * (most providers deliver both to one inbox), and Gmail ignores dots and knows
 * googlemail.com too; so a stranger's inbox cannot be flooded through aliases.
 */
export function mailboxOf(email: string): string {
  const at = email.lastIndexOf('@');
  let local = email.slice(0, at).split('+')[0]!;
  let domain = email.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

/** The limits' counters must not keep an address nobody confirmed: a keyed digest of its mailbox (not one a list of addresses could be tried against) is enough to count. */
function addressKey(email: string, ...parts: string[]): string {
  return createHmac('sha256', keyFor('alert request limits'))
    .update([mailboxOf(email), ...parts].join('\n'))
    .digest('hex');
}

export type RequestOutcome = { ok: true } | { ok: false; reason: 'tooMany'; retryAfterSeconds: number } | { ok: false; reason: 'unknownSubject' };

/**
 * A citizen asks for alerts. The answer is the same whether the address is new,
 * already subscribed or past its own limit; only a flood from one network is told to wait.
 */
export async function requestAlerts(db: Db, request: AlertRequest, network: string, now = new Date()): Promise<RequestOutcome> {
  const label = await subjectLabel(db, request.subject, request.locale);
  if (!label) return { ok: false, reason: 'unknownSubject' };
  const byNetwork = await takeRateLimit(db, ALERT_REQUESTS_PER_NETWORK, network, now);
  if (!byNetwork.allowed) return { ok: false, reason: 'tooMany', retryAfterSeconds: byNetwork.retryAfterSeconds };
  const bySubject = await takeRateLimit(db, ALERT_REQUESTS_PER_SUBJECT, addressKey(request.email, subjectKey(request.subject)), now);
  if (!bySubject.allowed) return { ok: true };
  const byAddress = await takeRateLimit(db, ALERT_REQUESTS_PER_ADDRESS, addressKey(request.email), now);
  if (!byAddress.allowed) return { ok: true };
  const url = confirmationLink(config().publicUrl, request.locale, sealRequest(request, now));
  const site = translator(request.locale)('site.name');
  await enqueueMail(db, 'alert-confirm', confirmationMail(request.email, request.locale, { subject: label, site, hours: CONFIRMATION_HOURS }, url));
  return { ok: true };
}

export type ConfirmOutcome = { ok: true; token: string } | { ok: false; reason: 'invalid' | 'expired' | 'unknownSubject' };

/**
 * Stores the subscription a confirmation link carries. Confirming again (the
 * same link twice, or a new request for a subject already followed) keeps the
 * one subscription and its token, with the latest frequency and language.
 */
export async function confirmAlerts(db: Db, sealed: string, now = new Date()): Promise<ConfirmOutcome> {
  const opened = openRequest(sealed, now);
  if (!opened.ok) return opened;
  const { email, subject, frequency, locale } = opened.request;
  if (!(await subjectLabel(db, subject, locale))) return { ok: false, reason: 'unknownSubject' };
  const columns = subjectColumns(subject);
  const row = await db.alertSubscription.upsert({
    where: { email_subject: { email, subject: columns.subject } },
    create: { email, ...columns, frequency, locale, token: randomBytes(32).toString('base64url') },
    update: { frequency, locale },
    select: { token: true },
  });
  return { ok: true, token: row.token };
}

export interface ManagedSubscription {
  email: string;
  subject: AlertSubject;
  frequency: Frequency;
  locale: Locale;
}

export async function subscriptionByToken(db: Db, token: string): Promise<ManagedSubscription | null> {
  if (!SUBSCRIPTION_TOKEN.test(token)) return null;
  const row = await db.alertSubscription.findUnique({
    where: { token },
    select: { email: true, municipalityIstat: true, themeId: true, frequency: true, locale: true },
  });
  if (!row) return null;
  return { email: row.email, subject: subjectOfRow(row), frequency: row.frequency, locale: localeOf(row.locale) };
}

export async function changeFrequency(db: Db, token: string, frequency: Frequency): Promise<boolean> {
  if (!SUBSCRIPTION_TOKEN.test(token)) return false;
  const { count } = await db.alertSubscription.updateMany({ where: { token }, data: { frequency } });
  return count === 1;
}

/** Deletes the subscription with its address (unless the address follows something else too), what it was told and its mails not yet sent; true the first time, false after. */
export async function unsubscribe(db: Db, token: string): Promise<boolean> {
  if (!SUBSCRIPTION_TOKEN.test(token)) return false;
  const { count } = await db.alertSubscription.deleteMany({ where: { token } });
  return count === 1;
}
