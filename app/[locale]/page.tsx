import { AlertsBox } from '@/components/alerts/AlertsBox';
import Link from 'next/link';
import { ClientMessages } from '@/components/common/ClientMessages';
import { ListFilter } from '@/components/common/ListFilter';
import { PublishedMap } from '@/components/map/AreaMap';
import { VideoList } from '@/components/video/VideoCard';
import { listThemes, municipalitiesWithCounts, publishedVideos } from '@/lib/catalog';
import { currentArea } from '@/lib/catalog/area';
import { municipalityPath, themePath } from '@/lib/catalog/paths';
import { db } from '@/lib/db/client';
import { projectedAreaMap } from '@/lib/geo/load';
import { AREA_MAP_WIDTH } from '@/lib/geo/render';
import { messagesWith, themeLabel } from '@/lib/i18n';
import { pageLocale, type LocaleParams } from './_shared/locale';

export default async function HomePage({ params }: { params: LocaleParams }) {
  const { locale, t } = await pageLocale(params);
  const area = currentArea();
  const [municipalities, themes, latest] = await Promise.all([
    municipalitiesWithCounts(db(), area.code),
    listThemes(db()),
    publishedVideos(db(), { limit: 6 }),
  ]);
  return (
    <div className="space-y-10">
      <section aria-labelledby="home-title">
        <h1 id="home-title" className="text-3xl font-bold">
          {t('home.title')}
        </h1>
        <p className="mt-2 max-w-3xl text-lg">{t('site.tagline', { area: area.name })}</p>
        <p className="mt-1 max-w-3xl">{t('home.intro', { count: municipalities.length })}</p>
      </section>

      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <PublishedMap map={projectedAreaMap(AREA_MAP_WIDTH)} municipalities={municipalities} t={t} />
        <section aria-labelledby="list-title">
          <h2 id="list-title" className="text-xl font-semibold">
            {t('home.listTitle')}
          </h2>
          <a href="#latest" className="sr-only focus:not-sr-only focus:mb-2 focus:inline-block focus:rounded focus:bg-white focus:p-2">
            {t('home.skipList')}
          </a>
          <ClientMessages locale={locale} messages={messagesWith(locale, ['home.listCount'])}>
            <ListFilter listId="municipality-list" mapId="area-map" label={t('home.listFilter')} total={municipalities.length} />
          </ClientMessages>
          {/* Plain links (no prefetching of 312 pages on a weak line), styled from the list; names in Italian, counts in the page's language. */}
          <ul
            id="municipality-list"
            lang="it"
            className="max-h-[32rem] overflow-y-auto rounded border border-stone-300 bg-white p-2 [&>li]:flex [&>li]:justify-between [&>li]:gap-2 [&>li]:py-0.5"
          >
            {municipalities.map((m) => (
              <li key={m.istatCode} data-name={m.name}>
                <a href={municipalityPath(m)}>{m.name}</a>
                {m.publishedCount > 0 ? (
                  <span className="text-sm text-stone-700" lang={locale}>
                    {t('theme.count', { count: m.publishedCount })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section id="latest" tabIndex={-1} aria-labelledby="latest-title">
        <h2 id="latest-title" className="mb-3 text-2xl font-semibold">
          {t('home.latest')}
        </h2>
        <VideoList videos={latest.items} t={t} locale={locale} />
        <AlertsBox t={t} subject={t('alerts.subjectAll')} href="/avvisi" />
      </section>

      <section aria-labelledby="temi" id="temi-section">
        <h2 id="temi" className="mb-3 text-2xl font-semibold">
          {t('home.themesTitle')}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {themes.map((theme) => (
            <li key={theme.slug} className="rounded border border-stone-300 bg-white p-3">
              <Link href={themePath(theme.slug)} prefetch={false} className="font-semibold">
                {themeLabel(locale, theme)}
              </Link>
              <p className="text-sm text-stone-700">{t('theme.count', { count: theme.publishedCount })}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
