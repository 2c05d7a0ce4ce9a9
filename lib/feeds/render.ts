import { escapeMarkup } from '../text/markup';
/*
 * RSS 2.0 and Atom 1.0 documents from one list of entries, so every feed of
 * the portal (all, per comune, per theme) is written by the same code.
 */

export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  summary: string;
  published: Date;
  author: string;
  categories: string[];
}

export interface Feed {
  title: string;
  description: string;
  /** The HTML page this feed follows. */
  pageUrl: string;
  /** The feed's own URL. */
  selfUrl: string;
  language: string;
  entries: FeedEntry[];
}

export function renderRss(feed: Feed): string {
  const items = feed.entries
    .map(
      (e) => `    <item>
      <title>${escapeMarkup(e.title)}</title>
      <link>${escapeMarkup(e.url)}</link>
      <guid isPermaLink="true">${escapeMarkup(e.url)}</guid>
      <pubDate>${e.published.toUTCString()}</pubDate>
      <dc:creator>${escapeMarkup(e.author)}</dc:creator>
${e.categories.map((c) => `      <category>${escapeMarkup(c)}</category>`).join('\n')}
      <description>${escapeMarkup(e.summary)}</description>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${escapeMarkup(feed.title)}</title>
    <link>${escapeMarkup(feed.pageUrl)}</link>
    <description>${escapeMarkup(feed.description)}</description>
    <language>${escapeMarkup(feed.language)}</language>
    <atom:link href="${escapeMarkup(feed.selfUrl)}" rel="self" type="application/rss+xml"/>
${items}
  </channel>
</rss>
`;
}

export function renderAtom(feed: Feed): string {
  const updated = (feed.entries[0]?.published ?? new Date(0)).toISOString();
  const entries = feed.entries
    .map(
      (e) => `  <entry>
    <id>${escapeMarkup(e.url)}</id>
    <title>${escapeMarkup(e.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeMarkup(e.url)}"/>
    <published>${e.published.toISOString()}</published>
    <updated>${e.published.toISOString()}</updated>
    <author><name>${escapeMarkup(e.author)}</name></author>
${e.categories.map((c) => `    <category term="${escapeMarkup(c)}"/>`).join('\n')}
    <summary>${escapeMarkup(e.summary)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeMarkup(feed.language)}">
  <id>${escapeMarkup(feed.selfUrl)}</id>
  <title>${escapeMarkup(feed.title)}</title>
  <subtitle>${escapeMarkup(feed.description)}</subtitle>
  <link rel="alternate" type="text/html" href="${escapeMarkup(feed.pageUrl)}"/>
  <link rel="self" type="application/atom+xml" href="${escapeMarkup(feed.selfUrl)}"/>
  <updated>${updated}</updated>
${entries}
</feed>
`;
}
