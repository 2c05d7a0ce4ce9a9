import type { Metadata } from 'next';
import { NotFoundContent } from '@/components/common/NotFoundContent';
import { DEFAULT_LOCALE, isLocale, translator } from '@/lib/i18n';

/*
 * Next.js reads a not-found file's metadata with its segment's params (the
 * component itself gets none): the 404's title is in the page's language in
 * the served HTML, before any script runs.
 */
export async function generateMetadata({ params }: { params: Promise<{ locale?: string }> }): Promise<Metadata> {
  const locale = (await params)?.locale;
  return { title: translator(isLocale(locale) ? locale : DEFAULT_LOCALE)('errors.notFoundTitle') };
}

export default function NotFound() {
  return <NotFoundContent />;
}
