import Link from 'next/link';
import type { Translate } from '@/lib/i18n';

const LEGAL_LINKS = [
  { href: '/accessibilita', key: 'legal.accessibility' },
  { href: '/privacy', key: 'legal.privacy' },
  { href: '/cookie', key: 'legal.cookies' },
  { href: '/note-legali', key: 'legal.legalNotes' },
  { href: '/accessibilita/segnala', key: 'legal.report' },
] as const;

export function SiteFooter({ t, institution }: { t: Translate; institution: { name: string; website: string } }) {
  return (
    <footer className="mt-12 border-t border-stone-300 bg-stone-100">
      <div className="mx-auto max-w-6xl space-y-3 px-4 py-6 text-sm text-stone-800">
        <p>
          <a href={institution.website} lang="it">
            {t('legal.runBy', { institution: institution.name })}
          </a>
        </p>
        <p>{t('site.footerNote')}</p>
        <nav aria-labelledby="footer-legal">
          <h2 id="footer-legal" className="font-semibold">
            {t('legal.footerTitle')}
          </h2>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {LEGAL_LINKS.map((link) => (
              <li key={link.href}>
                <Link href={link.href} prefetch={false}>
                  {t(link.key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p>
          <span className="font-semibold">{t('site.openData')}:</span>{' '}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- JSON and XML resources, not pages */}
          <a href="/api/v1/videos">{t('site.api')}</a> · <a href="/openapi.yaml">OpenAPI</a> · <a href="/feed.xml">{t('site.feed')}</a> ·{' '}
          <a href="/podcast.xml">{t('site.podcast')}</a> · <a href="/atom.xml">{t('site.atom')}</a>
        </p>
        <p>
          <Link href="/area" prefetch={false} rel="nofollow">
            {t('auth.areaLink')}
          </Link>
        </p>
      </div>
    </footer>
  );
}
