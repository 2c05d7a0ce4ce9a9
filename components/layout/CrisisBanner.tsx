import type { Locale, Translate } from '@/lib/i18n';

/** The staff's site-wide notice, at the top of every page until it expires. */
export function CrisisBanner({ banner, locale, t }: { banner: { textIt: string; textEn: string; url: string | null } | null; locale: Locale; t: Translate }) {
  if (!banner) return null;
  return (
    <aside aria-label={t('banner.label')} className="border-b-4 border-amber-600 bg-amber-100 px-4 py-3 text-amber-950">
      <p className="mx-auto max-w-6xl">
        <strong>{t('banner.label')}:</strong> {locale === 'it' ? banner.textIt : banner.textEn}
        {banner.url ? (
          <>
            {' '}
            <a href={banner.url} className="font-semibold text-amber-950 underline">
              {t('banner.more')}
            </a>
          </>
        ) : null}
      </p>
    </aside>
  );
}
