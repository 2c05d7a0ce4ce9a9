import { publishedVideos, type VideoFilter } from '@/lib/catalog';
import { config } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { themeLabel, translator, type Locale } from '@/lib/i18n';
import { videoPath } from '@/lib/catalog/paths';
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
      title: v.isDemo ? `[${t('video.demo')}] ${v.title}` : v.title,
      url: `${base}${videoPath(v.id)}`,
      summary: v.description,
      published: v.publishedAt,
      author: v.municipality.name,
      categories: v.themes.map((theme) => themeLabel(options.locale, theme)),
    })),
  };
}

export function feedResponse(feed: Feed, format: FeedFormat): Response {
  const body = format === 'rss' ? renderRss(feed) : renderAtom(feed);
  const type = format === 'rss' ? 'application/rss+xml' : 'application/atom+xml';
  return new Response(body, { headers: { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'public, max-age=300', Vary: 'Cookie, Accept-Language' } });
}
