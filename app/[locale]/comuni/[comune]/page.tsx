import { AlertsBox } from '@/components/alerts/AlertsBox';
import { EmbedBox } from '@/components/share/EmbedBox';
import { ShareLinks } from '@/components/share/ShareLinks';
import { oembedDiscovery } from '@/lib/embeds/oembed';
import { municipalitySnippet } from '@/lib/embeds/snippet';
import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { LocatorMap } from '@/components/map/LocatorMap';
import { Attribution } from '@/components/common/Attribution';
import { VideoList } from '@/components/video/VideoCard';
import { activeServiceNotes } from '@/lib/admin/announcements';
import { findMunicipality, publishedVideoPage } from '@/lib/catalog';
import { config } from '@/lib/config';
import { municipalityPath, parseMunicipalityParam } from '@/lib/catalog/paths';
import { db } from '@/lib/db/client';
import { formatDate, localeOf, translator } from '@/lib/i18n';
import { latestStats } from '@/lib/youtube/refresh';
import { projectedAreaMap } from '@/lib/geo/load';
import { LOCATOR_WIDTH } from '@/lib/geo/render';
import { pageLocale } from '../../_shared/locale';
import { shareMetadata } from '../../_shared/share';

type Params = Promise<{ locale: string; comune: string }>;

export function generateStaticParams() {
  return [];
}

async function load(param: string) {
  const parsed = parseMunicipalityParam(param);
  if (!parsed) notFound();
  const municipality = await findMunicipality(db(), parsed.istatCode);
  if (!municipality || municipality.areaCode !== config().areaCode) notFound();
  if (parsed.slug !== municipality.slug) permanentRedirect(municipalityPath(municipality));
  return municipality;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { comune, locale } = await params;
  const municipality = await load(comune);
  const language = localeOf(locale);
  const t = translator(language);
  const path = municipalityPath(municipality);
  const oembed = oembedDiscovery(config().publicUrl, path);
  return {
    title: municipality.name,
    alternates: { canonical: path, types: { 'application/rss+xml': `${path}/feed.xml`, 'application/json+oembed': oembed } },
    ...shareMetadata(language, {
      title: t('embed.latestFrom', { name: municipality.name }),
      description: t('alerts.boxText', { subject: t('alerts.subjectMunicipality', { name: municipality.name }) }),
      path,
    }),
  };
}

export default async function MunicipalityPage({ params }: { params: Params }) {
  const { locale, t } = await pageLocale(params);
  const municipality = await load((await params).comune);
  const [{ items }, notes] = await Promise.all([
    publishedVideoPage(db(), { municipality: municipality.istatCode, page: 1, pageSize: 100 }),
    activeServiceNotes(db(), municipality.istatCode),
  ]);
  const stats = await latestStats(
    db(),
    items.filter((v) => v.youtubeVideoId).map((v) => v.id),
  );
  const views = [...stats.values()].reduce((sum, s) => sum + s.views, 0);
  return (
    <div className="grid gap-8 md:grid-cols-[2fr_1fr]">
      <div>
        <h1 className="text-3xl font-bold" lang="it">
          {municipality.name}
        </h1>
        <p className="mt-1 text-stone-700">
          {municipality.population != null ? t('municipality.population', { count: municipality.population }) : t('municipality.populationUnknown')}
          {views ? <> · {t('youtube.views', { count: views })}</> : null}
        </p>
        {notes.length ? (
          <section aria-labelledby="notes-title" className="mt-4 rounded border-2 border-primary bg-primary-light p-3">
            <h2 id="notes-title" className="text-xl font-semibold">
              {t('notes.title')}
            </h2>
            <ul className="mt-1 space-y-1">
              {notes.map((n) => (
                <li key={n.id}>
                  {n.url ? <a href={n.url}>{n.text}</a> : n.text}{' '}
                  <span className="text-sm text-stone-700">({t('notes.until', { date: formatDate(locale, n.validUntil) })})</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <h2 className="mb-3 mt-6 text-2xl font-semibold">{t('municipality.messages')}</h2>
        {items.length ? <VideoList videos={items} t={t} locale={locale} /> : <p>{t('municipality.none')}</p>}
        <p className="mt-4 text-sm">
          <a href={`${municipalityPath(municipality)}/feed.xml`}>{t('municipality.feed', { name: municipality.name })}</a> ·{' '}
          <a href={`${municipalityPath(municipality)}/podcast.xml`}>{t('municipality.podcast', { name: municipality.name })}</a> ·{' '}
          <a href={`${municipalityPath(municipality)}/bollettino.pdf`} type="application/pdf">
            {t('municipality.bulletin')}
          </a>
        </p>
        <AlertsBox
          t={t}
          subject={t('alerts.subjectMunicipality', { name: municipality.name })}
          href={`/avvisi?comune=${municipality.istatCode}`}
          push={{ publicKey: config().push.vapid?.publicKey, locale, follows: { comune: municipality.istatCode } }}
        />
        <ShareLinks t={t} url={`${config().publicUrl}${municipalityPath(municipality)}`} title={t('embed.latestFrom', { name: municipality.name })} />
        <EmbedBox t={t} kind="municipality" snippet={municipalitySnippet(t, locale, municipality)} />
      </div>
      <aside>
        <LocatorMap map={projectedAreaMap(LOCATOR_WIDTH)} istatCode={municipality.istatCode} label={t('municipality.locator', { name: municipality.name })} />
        <Attribution t={t} />
      </aside>
    </div>
  );
}
