import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { isLocale, localeOf, translator, type Locale, type MessageKey, type Translate } from '@/lib/i18n';

export type LocaleParams = Promise<{ locale: string }>;

export async function pageLocale(params: LocaleParams): Promise<{ locale: Locale; t: Translate }> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return { locale, t: translator(locale) };
}

/** A page's generateMetadata: its own <title> in the page's language, plus any fixed metadata (robots…). */
export function titled(key: MessageKey, extra: Metadata = {}) {
  return async function generateMetadata({ params }: { params: LocaleParams }): Promise<Metadata> {
    const { locale } = await params;
    return { ...extra, title: translator(localeOf(locale))(key) };
  };
}
