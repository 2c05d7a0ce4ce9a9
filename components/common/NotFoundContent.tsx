'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';

/* The 404's words: from the layout's <ClientMessages> (the errors namespace only), since not-found gets no params to render with. */
export function NotFoundContent() {
  const t = useTranslations('errors');
  return (
    <div className="mx-auto max-w-2xl py-10">
      <h1 className="text-3xl font-bold">{t('notFoundTitle')}</h1>
      <p className="mt-3">{t('notFoundText')}</p>
      <p className="mt-6">
        <Link href="/" prefetch={false}>
          {t('backHome')}
        </Link>
      </p>
    </div>
  );
}
