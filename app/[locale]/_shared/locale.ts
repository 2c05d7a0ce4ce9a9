import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { isLocale, translator, type Locale, type MessageKey, type Translate } from '@/lib/i18n';

export type LocaleParams = Promise<{ locale: string }>;

/** A route handler's language: the internal segment, Italian when it is anything else. */
export function localeOf(value: string): Locale {
  return isLocale(value) ? value : 'it';
}

export async function pageLocale(params: LocaleParams): Promise<{ locale: Locale; t: Translate }> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return { locale, t: translator(locale) };
}

/** A page's generateMetadata: its own <title> in the page's language, plus any fixed metadata (robots…). */
export function titled(key: MessageKey, extra: Metadata = {}) {
  return async function generateMetadata({ params }: { params: LocaleParams }): Promise<Metadata> {
    const { locale } = await params;
    return { ...extra, title: translator(isLocale(locale) ? locale : 'it')(key) };
  };
}
