'use client';

import Link from 'next/link';
import { useParams } from 'next/navigation';
import { translator } from '@/lib/i18n';

/* not-found receives no params; the [locale] segment is read on the client side of the boundary. */
export default function NotFound() {
  const { locale } = useParams<{ locale?: string }>();
  const t = translator(locale === 'en' ? 'en' : 'it');
  return (
    <div className="mx-auto max-w-2xl py-10">
      <h1 className="text-3xl font-bold">{t('errors.notFoundTitle')}</h1>
      <p className="mt-3">{t('errors.notFoundText')}</p>
      <p className="mt-6">
        <Link href="/">{t('errors.backHome')}</Link>
      </p>
    </div>
  );
}
