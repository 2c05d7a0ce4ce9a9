import type { Metadata } from 'next';
import Link from 'next/link';
import { VideoList } from '@/components/video/VideoCard';
import { MAX_QUERY_LENGTH, publishedVideos, searchMunicipalities } from '@/lib/catalog';
import { municipalityPath } from '@/lib/catalog/paths';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { translator, isLocale } from '@/lib/i18n';
import { pageLocale } from '../_shared/locale';
import { one, type SearchParams } from '../_shared/search-params';

// Results depend on the query string: rendered for each request, never cached.
export const dynamic = 'force-dynamic';

type Params = Promise<{ locale: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale } = await params;
  return { title: translator(isLocale(locale) ? locale : 'it')('search.title'), robots: { index: false } };
}

export default async function SearchPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { locale, t } = await pageLocale(params);
  const q = one((await searchParams).q)?.trim() ?? '';
  const tooLong = q.length > MAX_QUERY_LENGTH;
  const active = q.length > 0 && !tooLong;
  const areaCode = config().areaCode;
  const [comuni, videos] = active
    ? await Promise.all([searchMunicipalities(db(), areaCode, q), publishedVideos(db(), { q, areaCode, limit: 24 })])
    : [[], { items: [] }];
  return (
    <div>
      <h1 className="text-3xl font-bold">{t('search.title')}</h1>
      <form method="get" action="/cerca" role="search" className="my-4 flex flex-wrap items-end gap-2">
        <div className="min-w-64 flex-1">
          <label htmlFor="q" className="block font-semibold">
            {t('search.label')}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={MAX_QUERY_LENGTH * 2}
            aria-describedby="q-hint"
            className="mt-1 w-full rounded border border-stone-500 bg-white px-2 py-1.5"
          />
          <p id="q-hint" className="text-sm text-stone-700">
            {t('search.hint')}
          </p>
        </div>
        <button type="submit" className="rounded bg-primary px-4 py-2 font-semibold text-white">
          {t('search.button')}
        </button>
      </form>
      {tooLong ? (
        <p role="alert" className="text-red-800">
          {t('search.tooLong', { max: MAX_QUERY_LENGTH })}
        </p>
      ) : null}
      {active ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title" className="text-2xl font-semibold">
            {t('search.results', { q })}
          </h2>
          {comuni.length === 0 && videos.items.length === 0 ? <p className="mt-2">{t('search.none', { q })}</p> : null}
          {comuni.length > 0 ? (
            <>
              <h3 className="mt-4 text-xl font-semibold">{t('search.comuni')}</h3>
              <ul className="mt-2 flex flex-wrap gap-3">
                {comuni.map((m) => (
                  <li key={m.istatCode}>
                    <Link href={municipalityPath(m)} prefetch={false} lang="it">
                      {m.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {videos.items.length > 0 ? (
            <>
              <h3 className="mb-3 mt-6 text-xl font-semibold">{t('search.messages')}</h3>
              <VideoList videos={videos.items} t={t} locale={locale} />
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
