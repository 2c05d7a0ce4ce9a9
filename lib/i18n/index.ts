import { createTranslator, type AbstractIntlMessages } from 'use-intl/core';
import { en } from './en';
import { it } from './it';
import type { Messages } from './messages';

/*
 * Translations use next-intl's core (use-intl): ICU message format, so counts
 * are plural-aware ("1 messaggio", "2 messaggi") and numbers and dates are
 * written the language's way. Server code (pages, route handlers, mails, the
 * proxy) calls translator(); client components get only the namespaces their
 * page needs through <ClientMessages> (components/common) and useTranslations.
 */

export type { Messages };

export const LOCALES = ['it', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'it';
export const LOCALE_COOKIE = 'vc_lang';
export const TIME_ZONE = 'Europe/Rome';

const DICTIONARIES: Record<Locale, Messages> = { it, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A language named by a page's internal segment, a form's field or a stored row: Italian when it names none of ours. */
export function localeOf(value: unknown): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** The cookie wins; then the first supported language of Accept-Language; then Italian. */
export function negotiateLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().slice(0, 2);
    if (isLocale(tag)) return tag;
  }
  return DEFAULT_LOCALE;
}

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type Namespace = keyof Messages;
export type Translate = (key: MessageKey, params?: Record<string, string | number | Date>) => string;

/** The strings of the named namespaces only: what a client component's page ships. */
export function messagesFor<N extends Namespace>(locale: Locale, namespaces: readonly N[]): Pick<Messages, N> {
  const all = DICTIONARIES[locale];
  return Object.fromEntries(namespaces.map((name) => [name, all[name]])) as Pick<Messages, N>;
}

/** Only the named strings ('home.listCount'…), nested as next-intl expects: for a client component that needs a few. */
export function messagesWith(locale: Locale, keys: readonly MessageKey[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const parts = key.split('.');
    let from: unknown = DICTIONARIES[locale];
    let into = out;
    parts.forEach((part, i) => {
      from = (from as Record<string, unknown>)[part];
      if (i === parts.length - 1) into[part] = from;
      else into = (into[part] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

/** One namespace's raw strings, for server code that checks which codes have a message. */
export function namespaceKeys(namespace: Namespace, sub?: string): ReadonlySet<string> {
  const node = DICTIONARIES.it[namespace] as Record<string, unknown>;
  return new Set(Object.keys(sub ? (node[sub] as object) : node));
}

const TRANSLATORS = new Map<Locale, Translate>();

export function translator(locale: Locale): Translate {
  let translate = TRANSLATORS.get(locale);
  if (!translate) {
    const t = createTranslator({
      locale,
      messages: DICTIONARIES[locale] as unknown as AbstractIntlMessages,
      timeZone: TIME_ZONE,
      // A missing key or argument shows the key (as the old dictionaries did) instead of breaking the page.
      onError: () => undefined,
      getMessageFallback: ({ key, namespace }) => (namespace ? `${namespace}.${key}` : key),
    });
    translate = (key, params) => (t as unknown as (key: string, params?: Record<string, string | number | Date>) => string)(key, params);
    TRANSLATORS.set(locale, translate);
  }
  return translate;
}

export function formatDate(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }).format(date);
}

function tag(locale: Locale): string {
  return locale === 'it' ? 'it-IT' : 'en-GB';
}

/** A date and time of day in Italian time, to the minute or to the second. */
export function formatDateTime(locale: Locale, date: Date, withSeconds = false): string {
  return `${formatDate(locale, date)} ${date.toLocaleTimeString(tag(locale), { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}) })}`;
}

export function formatNumber(locale: Locale, value: number): string {
  return value.toLocaleString(tag(locale));
}

export function formatMegabytes(bytes: bigint | number | null): string {
  return bytes === null ? '—' : `${(Number(bytes) / 1_000_000).toFixed(1)} MB`;
}

/** A file's size for a citizen deciding whether to download it: "850 kB", "1,2 MB" (decimal units, as phones count data). */
export function formatSize(locale: Locale, bytes: number): string {
  const [value, unit] = bytes < 1_000_000 ? [Math.max(1, Math.round(bytes / 1000)), 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
  return new Intl.NumberFormat(tag(locale), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export function themeLabel(locale: Locale, theme: { labelIt: string; labelEn: string }): string {
  return locale === 'en' ? theme.labelEn : theme.labelIt;
}

/** A message's title where it leaves the portal's pages (feeds, podcasts, print, embeds, shares): demo content says so in the title itself. */
export function labelledTitle(t: Translate, video: { title: string; isDemo: boolean }): string {
  return video.isDemo ? `[${t('video.demo')}] ${video.title}` : video.title;
}
