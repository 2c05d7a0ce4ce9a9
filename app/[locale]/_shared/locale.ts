import { notFound } from 'next/navigation';
import { isLocale, translator, type Locale, type Translate } from '@/lib/i18n';

export type LocaleParams = Promise<{ locale: string }>;

export async function pageLocale(params: LocaleParams): Promise<{ locale: Locale; t: Translate }> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return { locale, t: translator(locale) };
}
