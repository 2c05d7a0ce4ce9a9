import { createHash } from 'node:crypto';
import { escapeMarkup } from '../text/markup';

/*
 * The messages as an audio podcast (RSS 2.0 with enclosures, Apple's itunes
 * tags and the Podcasting 2.0 namespace), for the whole area, a comune or a
 * theme: a citizen subscribes once in any podcast app and hears their mayor
 * on the bus, on a weak line, or with the screen off. The episodes are the
 * renditions' M4A files (lib/renditions), the artwork the poster frames.
 */

export interface Episode {
  id: string;
  title: string;
  summary: string;
  pageUrl: string;
  published: Date;
  author: string;
  audioUrl: string;
  audioBytes: number;
  durationSeconds: number | null;
  imageUrl: string;
}

export interface Podcast {
  title: string;
  description: string;
  pageUrl: string;
  selfUrl: string;
  language: string;
  author: string;
  ownerEmail: string;
  imageUrl: string;
  episodes: Episode[];
}

// The Podcasting 2.0 namespace's UUID, under which a feed's podcast:guid is the UUIDv5 of its address.
const PODCAST_NAMESPACE = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6';

/** RFC 4122 version 5 UUID of `name` in `namespace` (SHA-1). */
export function uuidV5(name: string, namespace = PODCAST_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** HH:MM:SS, as podcast apps read itunes:duration. */
function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

export function renderPodcast(podcast: Podcast): string {
  const items = podcast.episodes
    .map(
      (e) => `    <item>
      <title>${escapeMarkup(e.title)}</title>
      <link>${escapeMarkup(e.pageUrl)}</link>
      <guid isPermaLink="false">${escapeMarkup(e.id)}</guid>
      <pubDate>${e.published.toUTCString()}</pubDate>
      <description>${escapeMarkup(e.summary || e.title)}</description>
      <enclosure url="${escapeMarkup(e.audioUrl)}" length="${e.audioBytes}" type="audio/mp4"/>
      <itunes:author>${escapeMarkup(e.author)}</itunes:author>
      <itunes:image href="${escapeMarkup(e.imageUrl)}"/>
${e.durationSeconds ? `      <itunes:duration>${clock(e.durationSeconds)}</itunes:duration>\n` : ''}      <itunes:explicit>false</itunes:explicit>
      <itunes:episodeType>full</itunes:episodeType>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>${escapeMarkup(podcast.title)}</title>
    <link>${escapeMarkup(podcast.pageUrl)}</link>
    <description>${escapeMarkup(podcast.description)}</description>
    <language>${escapeMarkup(podcast.language)}</language>
    <atom:link href="${escapeMarkup(podcast.selfUrl)}" rel="self" type="application/rss+xml"/>
    <itunes:author>${escapeMarkup(podcast.author)}</itunes:author>
    <itunes:owner>
      <itunes:name>${escapeMarkup(podcast.author)}</itunes:name>
      <itunes:email>${escapeMarkup(podcast.ownerEmail)}</itunes:email>
    </itunes:owner>
    <itunes:image href="${escapeMarkup(podcast.imageUrl)}"/>
    <image>
      <url>${escapeMarkup(podcast.imageUrl)}</url>
      <title>${escapeMarkup(podcast.title)}</title>
      <link>${escapeMarkup(podcast.pageUrl)}</link>
    </image>
    <itunes:category text="Government"/>
    <itunes:explicit>false</itunes:explicit>
    <itunes:type>episodic</itunes:type>
    <podcast:locked>yes</podcast:locked>
    <podcast:guid>${uuidV5(podcast.selfUrl.replace(/^https?:\/\//, '').replace(/\/$/, ''))}</podcast:guid>
${items}
  </channel>
</rss>
`;
}
