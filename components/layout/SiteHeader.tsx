import Link from 'next/link';
import type { Institution } from '@/lib/config';
import type { Locale, Translate } from '@/lib/i18n';
import { LanguageLink } from './LanguageLink';

/*
 * Designers Italia's header for a public service: a slim band naming the
 * institution that runs it (its logo when configured, a link to its own
 * website) and the language switch, then the service's name and navigation.
 */
export function SiteHeader({ t, locale, institution }: { t: Translate; locale: Locale; institution: Pick<Institution, 'name' | 'website' | 'logo'> }) {
  const other = locale === 'it' ? 'en' : 'it';
  return (
    <header className="site-header">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2 focus:text-primary-darker focus:outline focus:outline-2"
      >
        {t('site.skip')}
      </a>
      <div className="bg-primary-darker text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-2 text-sm">
          <a href={institution.website} className="flex items-center gap-2 font-semibold text-white no-underline hover:text-white hover:underline" lang="it">
            {institution.logo ? (
              // eslint-disable-next-line @next/next/no-img-element -- the institution's own file, served by the portal
              <img src={institution.logo} alt="" height={28} className="h-7 w-auto" />
            ) : null}
            {institution.name}
          </a>
          <span className="[&_a]:text-white [&_a:hover]:text-white">
            <LanguageLink to={other} label={t('site.languageSwitch')} ariaLabel={t('site.languageSwitchLabel')} />
          </span>
        </div>
      </div>
      <div className="bg-primary text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/" prefetch={false} className="text-2xl font-bold text-white no-underline hover:text-white">
            {t('site.name')}
          </Link>
          <nav aria-label={t('site.nav')}>
            <ul className="flex flex-wrap items-center gap-4 text-base font-semibold [&_a]:text-white [&_a:hover]:text-white">
              <li>
                <Link href="/" prefetch={false}>
                  {t('site.home')}
                </Link>
              </li>
              <li>
                <Link href="/#temi" prefetch={false}>
                  {t('site.themes')}
                </Link>
              </li>
              <li>
                <Link href="/cerca" prefetch={false}>
                  {t('site.search')}
                </Link>
              </li>
            </ul>
          </nav>
        </div>
      </div>
    </header>
  );
}
