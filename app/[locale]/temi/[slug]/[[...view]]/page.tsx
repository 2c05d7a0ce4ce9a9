import { AlertsBox } from '@/components/alerts/AlertsBox';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Pagination } from '@/components/common/Pagination';
import { VideoList } from '@/components/video/VideoCard';
import { findTheme, municipalitiesWithCounts, publishedVideoPage } from '@/lib/catalog';
import { themePath } from '@/lib/catalog/paths';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { localeOf, themeLabel } from '@/lib/i18n';
import { isPageNumber } from '@/lib/web/public-params';
import { pageLocale } from '../../../_shared/locale';

type Params = Promise<{ locale: string; slug: string; view?: string[] }>;

const PAGE_SIZE = 12;

export function generateStaticParams() {
  return [];
}

/* The proxy turns ?comune=&pagina= into /{comune|tutti}/{page}; anything else is not a page. */
function parseView(view: string[] | undefined): { comune?: string; page: number } | null {
  if (!view || view.length === 0) return { page: 1 };
  const [comune, page] = view;
  if (view.length !== 2 || !comune || !page) return null;
  if (comune !== 'tutti' && !/^\d{6}$/.test(comune)) return null;
  if (!isPageNumber(page)) return null;
  return { comune: comune === 'tutti' ? undefined : comune, page: Number(page) };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug, locale } = await params;
  const theme = await findTheme(db(), slug);
  if (!theme) notFound();
  return {
    title: themeLabel(localeOf(locale), theme),
    alternates: { canonical: themePath(theme.slug), types: { 'application/rss+xml': `/temi/${theme.slug}/feed.xml` } },
  };
}

export default async function ThemePage({ params }: { params: Params }) {
  const { locale, t } = await pageLocale(params);
  const { slug, view } = await params;
  const filter = parseView(view);
  const theme = await findTheme(db(), slug);
  if (!theme || !filter) notFound();
  const [page, municipalities] = await Promise.all([
    publishedVideoPage(db(), { theme: theme.slug, municipality: filter.comune, page: filter.page, pageSize: PAGE_SIZE }),
    municipalitiesWithCounts(db(), config().areaCode),
  ]);
  // A comune outside the area, or a page past the end, is not a page: a 404 (which no cache keeps).
  if (filter.page > page.pages || (filter.comune && !municipalities.some((m) => m.istatCode === filter.comune))) notFound();
  const label = themeLabel(locale, theme);
  return (
    <div>
      <h1 className="text-3xl font-bold">{t('theme.title', { name: label })}</h1>
      <p className="mt-1 text-stone-700">{t('theme.count', { count: page.total })}</p>
      <form method="get" action={`/temi/${theme.slug}`} className="my-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="comune" className="block font-semibold">
            {t('theme.filterLabel')}
          </label>
          <select id="comune" name="comune" defaultValue={filter.comune ?? ''} className="mt-1 rounded border border-stone-500 bg-white px-2 py-1">
            <option value="">{t('theme.filterAll')}</option>
            {municipalities
              .filter((m) => m.publishedCount > 0)
              .map((m) => (
                <option key={m.istatCode} value={m.istatCode}>
                  {m.name}
                </option>
              ))}
          </select>
        </div>
        <button type="submit" className="rounded bg-primary px-3 py-1.5 font-semibold text-white">
          {t('theme.filterApply')}
        </button>
      </form>
      {page.items.length ? <VideoList videos={page.items} t={t} locale={locale} headingLevel={2} /> : <p>{t('theme.none')}</p>}
      <Pagination t={t} page={filter.page} pages={page.pages} hrefFor={(n) => themePath(theme.slug, { comune: filter.comune, page: n })} />
      <p className="mt-4 text-sm">
        <a href={`/temi/${theme.slug}/feed.xml`}>{t('theme.feed', { name: label })}</a> ·{' '}
        <a href={`/temi/${theme.slug}/podcast.xml`}>{t('theme.podcast', { name: label })}</a>
      </p>
      <AlertsBox
        t={t}
        subject={t('alerts.subjectTheme', { label })}
        href={`/avvisi?tema=${theme.slug}`}
        push={{ publicKey: config().push.vapid?.publicKey, locale, follows: { tema: theme.slug } }}
      />
    </div>
  );
}
