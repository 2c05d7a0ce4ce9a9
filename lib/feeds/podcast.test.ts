import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderPodcast, uuidV5, type Podcast } from './podcast';

/*
 * The podcast feed checked against the rules podcast directories apply
 * (Apple Podcasts' RSS requirements, the Podcasting 2.0 namespace): a
 * well-formed RSS 2.0 document, a channel with its artwork, category, language
 * and explicit flag, and episodes with a unique guid, an absolute enclosure
 * with its length and type, a date and a duration.
 */

const podcast: Podcast = {
  title: 'VociComuni — Sauze d’Oulx & dintorni',
  description: 'Fonte ufficiale <verificata>',
  pageUrl: 'https://vocicomuni.example/comuni/001259-sauze-d-oulx',
  selfUrl: 'https://vocicomuni.example/comuni/001259-sauze-d-oulx/podcast.xml',
  language: 'it',
  author: 'Città metropolitana di Torino',
  ownerEmail: 'comunicazione@cittametropolitana.torino.it',
  imageUrl: 'https://vocicomuni.example/podcast.png',
  episodes: [1, 2].map((n) => ({
    id: `0193a0c0-0000-7000-8000-00000000000${n}`,
    title: `Sauze d’Oulx: la spesa a casa, parte ${n}`,
    summary: n === 1 ? 'Chiamate il municipio "dalle 9 alle 12"' : '',
    pageUrl: `https://vocicomuni.example/messaggi/0193a0c0-0000-7000-8000-00000000000${n}`,
    published: new Date(Date.UTC(2026, 11, n, 9, 30)),
    author: 'Sauze d’Oulx',
    audioUrl: `https://vocicomuni.example/api/media/${'ab'.repeat(16)}/audio`,
    audioBytes: 61_234 * n,
    durationSeconds: n === 1 ? 75 : 3725,
    imageUrl: `https://vocicomuni.example/api/media/${'ab'.repeat(16)}/poster.jpg`,
  })),
};

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'item' });

describe('the podcast feed', () => {
  const xml = renderPodcast(podcast);
  const rss = parser.parse(xml).rss;
  const channel = rss.channel;

  it('is well-formed RSS 2.0 with the iTunes and Podcasting 2.0 namespaces', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(rss['@version']).toBe('2.0');
    expect(rss['@xmlns:itunes']).toBe('http://www.itunes.com/dtds/podcast-1.0.dtd');
    expect(rss['@xmlns:podcast']).toBe('https://podcastindex.org/namespace/1.0');
  });

  it('describes the show as directories require', () => {
    expect(channel.title).toBe(podcast.title);
    expect(channel.description).toBe(podcast.description);
    expect(channel.link).toBe(podcast.pageUrl);
    expect(channel.language).toBe('it');
    expect(channel['atom:link']['@href']).toBe(podcast.selfUrl);
    expect(channel['itunes:image']['@href']).toMatch(/^https:\/\/.+\.(png|jpg)$/);
    expect(channel['itunes:category']['@text']).toBe('Government');
    expect(channel['itunes:explicit']).toBe(false);
    expect(channel['itunes:owner']['itunes:email']).toBe(podcast.ownerEmail);
    expect(channel['podcast:locked']).toBe('yes');
    expect(channel['podcast:guid']).toBe(uuidV5('vocicomuni.example/comuni/001259-sauze-d-oulx/podcast.xml'));
  });

  it('gives every episode a unique guid, an absolute enclosure with length and type, a date and a duration', () => {
    const items = channel.item as Array<Record<string, unknown> & { enclosure: Record<string, string>; guid: Record<string, string> }>;
    expect(items).toHaveLength(2);
    expect(new Set(items.map((i) => i.guid['#text'])).size).toBe(2);
    for (const [index, item] of items.entries()) {
      expect(item.enclosure['@url']).toMatch(/^https:\/\//);
      expect(item.enclosure['@type']).toBe('audio/mp4');
      expect(Number(item.enclosure['@length'])).toBe(podcast.episodes[index]!.audioBytes);
      expect(new Date(String(item.pubDate)).getTime()).toBe(podcast.episodes[index]!.published.getTime());
      expect(String(item.pubDate)).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      expect(item['itunes:image']).toBeDefined();
      expect(item.description).toBeTruthy();
    }
    expect(items[0]!['itunes:duration']).toBe('00:01:15');
    expect(items[1]!['itunes:duration']).toBe('01:02:05');
    expect(items[0]!.description).toBe('Chiamate il municipio "dalle 9 alle 12"');
  });

  it('stays well-formed whatever a title holds (characters XML forbids are dropped)', () => {
    const odd = renderPodcast({ ...podcast, episodes: [{ ...podcast.episodes[0]!, title: 'Avviso \uD800 \uFFFF \u0007 <fine> & "più"' }] });
    expect(XMLValidator.validate(odd)).toBe(true);
    expect(parser.parse(odd).rss.channel.item[0].title).toBe('Avviso    <fine> & "più"');
  });

  it('derives podcast:guid as the Podcasting 2.0 namespace says (UUIDv5 of the address without its scheme)', () => {
    // The example of the namespace's documentation.
    expect(uuidV5('mp3s.nashownotes.com/pc20rss.xml')).toBe('917393e3-1b1e-5cef-ace4-edaa54e1f810');
  });
});
