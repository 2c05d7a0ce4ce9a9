import Link from 'next/link';
import type { Translate } from '@/lib/i18n';

export function SiteFooter({ t }: { t: Translate }) {
  return (
    <footer className="mt-12 border-t border-stone-300 bg-stone-100">
      <div className="mx-auto max-w-6xl space-y-2 px-4 py-6 text-sm text-stone-800">
        <p>{t('site.footerNote')}</p>
        <p>
          <span className="font-semibold">{t('site.openData')}:</span>{' '}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- JSON and XML resources, not pages */}
          <a href="/api/v1/videos">{t('site.api')}</a> · <a href="/openapi.yaml">OpenAPI</a> · <a href="/feed.xml">{t('site.feed')}</a> ·{' '}
          <a href="/atom.xml">{t('site.atom')}</a>
        </p>
        <p>
          <Link href="/area" rel="nofollow">
            {t('auth.areaLink')}
          </Link>
        </p>
      </div>
    </footer>
  );
}
