import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DemoBadge } from '@/components/video/VideoCard';
import { FilePlayer } from '@/components/video/FilePlayer';
import { LightVersions } from '@/components/video/LightVersions';
import { Player } from '@/components/video/Player';
import { EmbedBox } from '@/components/share/EmbedBox';
import { ShareLinks } from '@/components/share/ShareLinks';
import { Transcript } from '@/components/video/Transcript';
import { transcriptEntries } from '@/components/video/transcript-entries';
import { findPublishedVideo } from '@/lib/catalog';
import { MESSAGE_ID, municipalityPath, posterPath, sharePicture, themePath, videoPath, collectionPath } from '@/lib/catalog/paths';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { oembedDiscovery } from '@/lib/embeds/oembed';
import { messageSnippet } from '@/lib/embeds/snippet';
import { formatDate, formatDuration, formatSize, labelledTitle, localeOf, themeLabel, translator } from '@/lib/i18n';
import { youtubeEmbedBase } from '@/lib/youtube/embed';
import { latestStats } from '@/lib/youtube/refresh';
import { pageLocale } from '../../_shared/locale';
import { shareMetadata } from '../../_shared/share';

type Params = Promise<{ locale: string; id: string }>;

export function generateStaticParams() {
  return [];
}

async function load(id: string) {
  if (!MESSAGE_ID.test(id)) notFound();
  const video = await findPublishedVideo(db(), id);
  if (!video) notFound();
  return video;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale, id } = await params;
  const video = await load(id);
  const language = localeOf(locale);
  const t = translator(language);
  const title = labelledTitle(t, video);
  const description = video.description.slice(0, 200) || t('video.from', { name: video.municipality.name });
  const oembed = oembedDiscovery(config().publicUrl, videoPath(video.id));
  return {
    title: video.title,
    description,
    alternates: { canonical: videoPath(video.id), types: { 'application/json+oembed': oembed } },
    ...shareMetadata(language, {
      title,
      description,
      path: videoPath(video.id),
      picture: sharePicture(video),
      ...(video.mediaId ? { video: shareVideo(config().publicUrl, { ...video, mediaId: video.mediaId }) } : {}),
    }),
  };
}

/** The light version where there is one (H.264 in MP4, small enough for a network to play), else the original as uploaded. */
function shareVideo(publicUrl: string, video: { mediaId: string; renditions: { light: number | null } }): { url: string; type?: string } {
  return video.renditions.light !== null
    ? { url: `${publicUrl}/api/media/${video.mediaId}/leggera`, type: 'video/mp4' }
    : { url: `${publicUrl}/api/media/${video.mediaId}/video` };
}

export default async function VideoPage({ params }: { params: Params }) {
  const { locale, t } = await pageLocale(params);
  const video = await load((await params).id);
  const posterUrl = posterPath(video);
  const views = (await latestStats(db(), [video.id])).get(video.id);
  const { publicUrl } = config();
  return (
    <article className="mx-auto max-w-3xl">
      <p className="text-stone-700">
        <Link href={municipalityPath(video.municipality)} prefetch={false}>
          {t('video.from', { name: video.municipality.name })}
        </Link>
      </p>
      <h1 className="mt-1 text-3xl font-bold" lang={video.language}>
        {video.title}
      </h1>
      <p className="mt-1 text-stone-700">
        <time dateTime={video.publishedAt.toISOString()}>{t('video.publishedOn', { date: formatDate(locale, video.publishedAt) })}</time>
        {video.durationSeconds ? <> · {t('video.duration', { duration: formatDuration(video.durationSeconds) })}</> : null}
        {views && video.youtubeVideoId ? <> · {t('youtube.views', { count: views.views })}</> : null}
      </p>
      {video.isDemo ? (
        <p className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-amber-950">
          <DemoBadge t={t} /> {t('video.demoNote')}
        </p>
      ) : null}
      <div className="mt-4">
        {video.youtubeVideoId ? (
          <Player
            youtubeId={video.youtubeVideoId}
            embedBase={youtubeEmbedBase()}
            title={video.title}
            posterUrl={posterUrl}
            playLabel={t('video.play')}
            playNote={t('video.playNote')}
            openLabel={t('video.openPlayer')}
            captionsLanguage={video.hasCaptions ? locale : undefined}
          />
        ) : video.mediaId ? (
          <FilePlayer
            mediaId={video.mediaId}
            title={video.title}
            captionsUrl={video.hasCaptions ? `/api/v1/videos/${video.id}/captions.vtt` : null}
            captionsLanguage={video.language}
            captionsLabel={t('video.captions')}
            fallback={t('video.download')}
            lightSrc={video.renditions.light === null ? null : `/api/media/${video.mediaId}/leggera`}
          />
        ) : (
          <figure className="m-0">
            {/* eslint-disable-next-line @next/next/no-img-element -- our own SVG poster */}
            <img src={posterUrl} alt={t('video.posterAlt', { title: video.title })} className="aspect-video w-full rounded object-cover" />
            <figcaption className="mt-1 text-sm text-stone-700">{t('video.unavailable')}</figcaption>
          </figure>
        )}
      </div>
      {video.mediaId ? (
        <LightVersions
          mediaId={video.mediaId}
          title={video.title}
          light={video.renditions.light === null ? null : formatSize(locale, video.renditions.light)}
          audio={video.renditions.audio === null ? null : formatSize(locale, video.renditions.audio)}
          t={t}
        />
      ) : null}
      <p className="mt-4">
        <a href={`${videoPath(video.id)}/manifesto.pdf`} type="application/pdf">
          {t('video.poster')}
        </a>
        <br />
        <span className="text-sm text-stone-700">{t('video.posterNote')}</span>
      </p>
      {video.collection ? (
        <p className="mt-4">
          <Link href={collectionPath(video.collection.id)} prefetch={false}>
            {t('collection.partOf', { title: video.collection.title })}
          </Link>
        </p>
      ) : null}
      <h2 className="mt-6 text-xl font-semibold">{t('video.themes')}</h2>
      <ul className="mt-2 flex flex-wrap gap-2">
        {video.themes.map((theme) => (
          <li key={theme.slug}>
            <Link href={themePath(theme.slug)} prefetch={false} className="rounded-full bg-primary-light px-2 py-0.5 text-primary-dark">
              {themeLabel(locale, theme)}
            </Link>
          </li>
        ))}
      </ul>
      {video.description ? (
        <>
          <h2 className="mt-6 text-xl font-semibold">{t('video.description')}</h2>
          <p className="mt-2 whitespace-pre-line" lang={video.language}>
            {video.description}
          </p>
        </>
      ) : null}
      {video.transcript.length ? (
        <section aria-labelledby="transcript-heading">
          <h2 id="transcript-heading" className="mt-6 text-xl font-semibold">
            {t('video.transcript')}
          </h2>
          <p className="mt-1 text-sm text-stone-700">{t('video.transcriptNote')}</p>
          <Transcript language={video.language} canSeek={Boolean(video.youtubeVideoId || video.mediaId)} entries={transcriptEntries(video.transcript, t)} />
        </section>
      ) : null}
      <ShareLinks t={t} url={`${publicUrl}${videoPath(video.id)}`} title={labelledTitle(t, video)} />
      <EmbedBox t={t} kind="message" snippet={messageSnippet(t, locale, { id: video.id, title: labelledTitle(t, video) })} />
    </article>
  );
}
