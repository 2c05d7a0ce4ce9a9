import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import Markdown from 'react-markdown';
import { AreaMap } from '@/components/map/AreaMap';
import { EmbedBox } from '@/components/share/EmbedBox';
import { ShareLinks } from '@/components/share/ShareLinks';
import { VideoList } from '@/components/video/VideoCard';
import { publicCollection } from '@/lib/calls/collection';
import { areaComuni, publishedVideos } from '@/lib/catalog';
import { currentArea } from '@/lib/catalog/area';
import { collectionPath, municipalityPath } from '@/lib/catalog/paths';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { collectionSnippet } from '@/lib/embeds/snippet';
import { projectedAreaMap } from '@/lib/geo/load';
import { AREA_MAP_WIDTH } from '@/lib/geo/render';
import { formatDate, localeOf, translator } from '@/lib/i18n';
import { pageLocale } from '../../_shared/locale';
import { shareMetadata } from '../../_shared/share';

type Params = Promise<{ locale: string; id: string }>;

export function generateStaticParams() {
  return [];
}

/** Read once per request: the metadata and the page both want it. */
const load = cache(async (id: string) => {
  const collection = await publicCollection(db(), id);
  if (!collection) notFound();
  return collection;
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id, locale } = await params;
  const collection = await load(id);
  const path = collectionPath(collection.id);
  const t = translator(localeOf(locale));
  return {
    title: collection.title,
    alternates: { canonical: path, types: { 'application/rss+xml': `${path}/feed.xml` } },
    ...shareMetadata(localeOf(locale), { title: collection.title, description: t('collection.eyebrow'), path }),
  };
}

/** A call for messages made public: its published answers, from every comune that answered, with their map, feed and embed. */
export default async function CollectionPage({ params }: { params: Params }) {
  const { locale, t } = await pageLocale(params);
  const collection = await load((await params).id);
  const [{ items }, comuni] = await Promise.all([publishedVideos(db(), { call: collection.id, limit: 100 }), areaComuni(db(), currentArea().code)]);
  const path = collectionPath(collection.id);
  const answered = new Set(collection.participants.map((m) => m.istatCode));
  // Every comune of the area, those that answered coloured: the map says where they are, and nothing of who was asked.
  const areas = comuni.map((m) => ({
    istatCode: m.istatCode,
    name: m.name,
    href: municipalityPath(m),
    label: answered.has(m.istatCode) ? `${m.name}: ${t('collection.answered')}` : m.name,
    className: answered.has(m.istatCode) ? 'm3' : 'm0',
  }));
  return (
    <div className="space-y-8">
      <section aria-labelledby="collection-title" className="space-y-2">
        <p className="font-semibold uppercase tracking-wide text-primary-dark">{t('collection.eyebrow')}</p>
        <h1 id="collection-title" className="text-3xl font-bold">
          {collection.title}
        </h1>
        <p>{t('collection.deadline', { date: formatDate(locale, collection.deadline) })}</p>
        <div className="legal-document">
          <Markdown>{collection.brief}</Markdown>
        </div>
        <p role="status" className="font-semibold">
          {t('collection.count', { count: collection.messages, comuni: collection.participants.length })}
        </p>
      </section>
      <AreaMap
        id="collection-map"
        map={projectedAreaMap(AREA_MAP_WIDTH)}
        areas={areas}
        title={t('collection.mapTitle')}
        description={t('collection.mapHelp')}
        legendTitle={t('home.legend')}
        legend={[
          { className: 'm3', label: t('collection.answered') },
          { className: 'm0', label: t('collection.notInCollection') },
        ]}
        t={t}
      />
      <section aria-labelledby="collection-messages">
        <h2 id="collection-messages" className="mb-3 text-2xl font-semibold">
          {t('collection.messages')}
        </h2>
        {items.length ? <VideoList videos={items} t={t} locale={locale} /> : <p>{t('collection.none')}</p>}
        <p className="mt-4 text-sm">
          <a href={`${path}/feed.xml`}>{t('collection.feed')}</a>
        </p>
        <ShareLinks t={t} url={`${config().publicUrl}${path}`} title={collection.title} />
        <EmbedBox t={t} kind="collection" snippet={collectionSnippet(t, locale, collection)} />
      </section>
    </div>
  );
}
