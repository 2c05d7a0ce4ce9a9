import { publishedVideos, type VideoFilter } from '@/lib/catalog';
import { config } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { labelledTitle, themeLabel, translator, type Locale } from '@/lib/i18n';
import { posterPath, videoPath } from '@/lib/catalog/paths';
import { renderPodcast, type Podcast } from './podcast';
import { renderAtom, renderRss, type Feed } from './render';

const FEED_SIZE = 50;

export type FeedFormat = 'rss' | 'atom';

/** A feed of the newest published messages matching a filter, in the reader's language. */
export async function buildFeed(db: Db, options: { locale: Locale; filter: VideoFilter; title: string; pagePath: string; selfPath: string }): Promise<Feed> {
  const base = config().publicUrl;
  const t = translator(options.locale);
  const { items } = await publishedVideos(db, { ...options.filter, limit: FEED_SIZE });
  return {
    title: options.title,
    description: t('site.footerNote'),
    pageUrl: `${base}${options.pagePath}`,
    selfUrl: `${base}${options.selfPath}`,
    language: options.locale,
    entries: items.map((v) => ({
      id: v.id,
      title: labelledTitle(t, v),
      url: `${base}${videoPath(v.id)}`,
      summary: v.description,
      published: v.publishedAt,
      author: v.municipality.name,
      categories: v.themes.map((theme) => themeLabel(options.locale, theme)),
    })),
  };
}

/** The podcast of the same messages: those whose audio exists (made by a worker after the inspection), newest first. */
export async function buildPodcast(
  db: Db,
  options: { locale: Locale; filter: VideoFilter; title: string; pagePath: string; selfPath: string },
): Promise<Podcast> {
  const { publicUrl: base, institution } = config();
  const t = translator(options.locale);
  const { items } = await publishedVideos(db, { ...options.filter, limit: FEED_SIZE });
  return {
    title: options.title,
    description: `${t('site.footerNote')} ${t('video.lightNote')}`,
    pageUrl: `${base}${options.pagePath}`,
    selfUrl: `${base}${options.selfPath}`,
    language: options.locale,
    author: institution.name,
    ownerEmail: institution.email,
    imageUrl: `${base}/podcast.png`,
    episodes: items.flatMap((v) =>
      v.mediaId && v.renditions.audio !== null
        ? [
            {
              id: v.id,
              title: labelledTitle(t, { isDemo: v.isDemo, title: `${v.municipality.name}: ${v.title}` }),
              summary: v.description,
              pageUrl: `${base}${videoPath(v.id)}`,
              published: v.publishedAt,
              author: v.municipality.name,
              audioUrl: `${base}/api/media/${v.mediaId}/audio`,
              audioBytes: v.renditions.audio,
              durationSeconds: v.durationSeconds,
              imageUrl: `${base}${posterPath(v)}`,
            },
          ]
        : [],
    ),
  };
}

export function podcastResponse(podcast: Podcast): Response {
  return new Response(renderPodcast(podcast), {
    headers: { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300', Vary: 'Cookie, Accept-Language' },
  });
}

export function feedResponse(feed: Feed, format: FeedFormat): Response {
  const body = format === 'rss' ? renderRss(feed) : renderAtom(feed);
  const type = format === 'rss' ? 'application/rss+xml' : 'application/atom+xml';
  return new Response(body, { headers: { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'public, max-age=300', Vary: 'Cookie, Accept-Language' } });
}
