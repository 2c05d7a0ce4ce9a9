import Link from 'next/link';
import type { Locale, Translate } from '@/lib/i18n';
import { LanguageLink } from './LanguageLink';

export function SiteHeader({ t, locale }: { t: Translate; locale: Locale }) {
  const other = locale === 'it' ? 'en' : 'it';
  return (
    <header className="border-b border-stone-300 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2 focus:outline focus:outline-2"
      >
        {t('site.skip')}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-xl font-bold text-teal-900 no-underline">
          {t('site.name')}
        </Link>
        <nav aria-label={t('site.nav')}>
          <ul className="flex flex-wrap items-center gap-4 text-base">
            <li>
              <Link href="/">{t('site.home')}</Link>
            </li>
            <li>
              <Link href="/#temi">{t('site.themes')}</Link>
            </li>
            <li>
              <Link href="/cerca">{t('site.search')}</Link>
            </li>
            <li>
              <LanguageLink to={other} label={t('site.languageSwitch')} ariaLabel={t('site.languageSwitchLabel')} />
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
