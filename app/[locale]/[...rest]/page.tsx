import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DEFAULT_LOCALE, isLocale, translator } from '@/lib/i18n';

/*
 * Any address no route claims: the translated 404 of the [locale] layout. Its
 * title is this page's own metadata too, since the browser, once the page
 * runs, takes the title from the matched page's metadata rather than from not-found.
 */
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: translator(isLocale(locale) ? locale : DEFAULT_LOCALE)('errors.notFoundTitle'), robots: { index: false } };
}

export default function UnknownPage() {
  notFound();
}
