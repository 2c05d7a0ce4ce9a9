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

export function escapeXml(text: string): string {
  return (
    text
      // Characters XML 1.0 does not allow: one in a title would make a podcast app refuse the whole feed.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

export function renderRss(feed: Feed): string {
  const items = feed.entries
    .map(
      (e) => `    <item>
      <title>${escapeXml(e.title)}</title>
      <link>${escapeXml(e.url)}</link>
      <guid isPermaLink="true">${escapeXml(e.url)}</guid>
      <pubDate>${e.published.toUTCString()}</pubDate>
      <dc:creator>${escapeXml(e.author)}</dc:creator>
${e.categories.map((c) => `      <category>${escapeXml(c)}</category>`).join('\n')}
      <description>${escapeXml(e.summary)}</description>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${escapeXml(feed.title)}</title>
    <link>${escapeXml(feed.pageUrl)}</link>
    <description>${escapeXml(feed.description)}</description>
    <language>${escapeXml(feed.language)}</language>
    <atom:link href="${escapeXml(feed.selfUrl)}" rel="self" type="application/rss+xml"/>
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
    <id>${escapeXml(e.url)}</id>
    <title>${escapeXml(e.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(e.url)}"/>
    <published>${e.published.toISOString()}</published>
    <updated>${e.published.toISOString()}</updated>
    <author><name>${escapeXml(e.author)}</name></author>
${e.categories.map((c) => `    <category term="${escapeXml(c)}"/>`).join('\n')}
    <summary>${escapeXml(e.summary)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.language)}">
  <id>${escapeXml(feed.selfUrl)}</id>
  <title>${escapeXml(feed.title)}</title>
  <subtitle>${escapeXml(feed.description)}</subtitle>
  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>
  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>
  <updated>${updated}</updated>
${entries}
</feed>
`;
}
