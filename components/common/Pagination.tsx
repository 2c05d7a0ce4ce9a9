import Link from 'next/link';
import type { Translate } from '@/lib/i18n';

export function Pagination({ t, page, pages, hrefFor }: { t: Translate; page: number; pages: number; hrefFor: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={t('pagination.label')} className="mt-6 flex items-center gap-4">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} prefetch={false} rel="prev">
          {t('pagination.previous')}
        </Link>
      ) : null}
      <span aria-current="page">{t('pagination.status', { page, pages })}</span>
      {page < pages ? (
        <Link href={hrefFor(page + 1)} prefetch={false} rel="next">
          {t('pagination.next')}
        </Link>
      ) : null}
    </nav>
  );
}
