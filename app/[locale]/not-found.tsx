'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';

/* not-found receives no params: its strings come from the layout's <ClientMessages> (the errors namespace only). */
export default function NotFound() {
  const t = useTranslations('errors');
  return (
    <div className="mx-auto max-w-2xl py-10">
      <title>{`${t('notFoundTitle')} · VociComuni`}</title>
      <h1 className="text-3xl font-bold">{t('notFoundTitle')}</h1>
      <p className="mt-3">{t('notFoundText')}</p>
      <p className="mt-6">
        <Link href="/">{t('backHome')}</Link>
      </p>
    </div>
  );
}
