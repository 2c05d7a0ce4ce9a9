import { describe, expect, it } from 'vitest';
import { escapeMarkup } from '../text/markup';
import { renderAtom, renderRss, type Feed } from './render';

const feed: Feed = {
  title: "VociComuni — Sauze d'Oulx",
  description: 'Messaggi',
  pageUrl: 'http://localhost/comuni/001259-sauze-d-oulx',
  selfUrl: 'http://localhost/comuni/001259-sauze-d-oulx/feed.xml',
  language: 'it',
  entries: [
    {
      id: 'a',
      title: 'Spesa <gratis> & mascherine',
      url: 'http://localhost/messaggi/a',
      summary: 'Perché "insieme"',
      published: new Date('2026-03-20T10:00:00Z'),
      author: "Sauze d'Oulx",
      categories: ['Solidarietà'],
    },
  ],
};

describe('feeds', () => {
  it('escapes markup and strips control characters', () => {
    expect(escapeMarkup('<a href="x">&\u0001</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });

  it('writes an RSS 2.0 item per entry with a self link', () => {
    const xml = renderRss(feed);
    expect(xml).toContain('<rss version="2.0"');
    expect(xml).toContain('<title>Spesa &lt;gratis&gt; &amp; mascherine</title>');
    expect(xml).toContain('<pubDate>Fri, 20 Mar 2026 10:00:00 GMT</pubDate>');
    expect(xml).toContain('rel="self"');
    expect(xml).not.toContain('<gratis>');
  });

  it('writes an Atom 1.0 feed updated at its newest entry', () => {
    const xml = renderAtom(feed);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="it">');
    expect(xml).toContain('<updated>2026-03-20T10:00:00.000Z</updated>');
    expect(xml).toContain('<category term="Solidarietà"/>');
  });
});
