import { en } from './en';
import { it } from './it';
import { interpolate } from './format';
import type { Messages } from './messages';

export type { Messages };

export const LOCALES = ['it', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'it';
export const LOCALE_COOKIE = 'vc_lang';

const DICTIONARIES: Record<Locale, Messages> = { it, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
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
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The whole dictionary of a language, for client components that receive their labels as props. */
export function dictionary(locale: Locale): Messages {
  return DICTIONARIES[locale];
}

export function translator(locale: Locale): Translate {
  const dictionary = DICTIONARIES[locale];
  return (key, params) => {
    let node: unknown = dictionary;
    for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
    return interpolate(locale, typeof node === 'string' ? node : key, params);
  };
}

export function formatDate(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Rome' }).format(date);
}

function tag(locale: Locale): string {
  return locale === 'it' ? 'it-IT' : 'en-GB';
}

/** A date and time of day in Italian time, to the minute or to the second. */
export function formatDateTime(locale: Locale, date: Date, withSeconds = false): string {
  return `${formatDate(locale, date)} ${date.toLocaleTimeString(tag(locale), { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}) })}`;
}

export function formatNumber(locale: Locale, value: number): string {
  return value.toLocaleString(tag(locale));
}

export function formatMegabytes(bytes: bigint | number | null): string {
  return bytes === null ? '—' : `${(Number(bytes) / 1_000_000).toFixed(1)} MB`;
}

export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export function themeLabel(locale: Locale, theme: { labelIt: string; labelEn: string }): string {
  return locale === 'en' ? theme.labelEn : theme.labelIt;
}
