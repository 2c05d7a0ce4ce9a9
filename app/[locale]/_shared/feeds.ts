import { findMunicipality, findTheme, type VideoFilter } from '@/lib/catalog';
import { publicCollection } from '@/lib/calls/collection';
import { currentArea } from '@/lib/catalog/area';
import { collectionPath, municipalityPath, parseMunicipalityParam, themePath } from '@/lib/catalog/paths';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { buildFeed, buildPodcast, feedResponse, podcastResponse, type FeedFormat } from '@/lib/feeds/build';
import { localeOf, themeLabel, translator, type Locale } from '@/lib/i18n';

function notFoundFeed(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** A feed (RSS, Atom) or the podcast of the same messages: `file` is its name after the page's path. */
type Kind = { format: FeedFormat; file: string } | { format: 'podcast'; file: string };

async function respond(kind: Kind, options: { locale: Locale; filter: VideoFilter; title: string; pagePath: string }): Promise<Response> {
  const selfPath = `${options.pagePath === '/' ? '' : options.pagePath}/${kind.file}`;
  if (kind.format === 'podcast') return podcastResponse(await buildPodcast(db(), { ...options, selfPath }));
  return feedResponse(await buildFeed(db(), { ...options, selfPath }), kind.format);
}

export const RSS: Kind = { format: 'rss', file: 'feed.xml' };
export const ATOM: Kind = { format: 'atom', file: 'atom.xml' };
export const PODCAST: Kind = { format: 'podcast', file: 'podcast.xml' };

export async function allMessagesFeed(localeParam: string, kind: Kind): Promise<Response> {
  const locale = localeOf(localeParam);
  const t = translator(locale);
  const title = `${t('site.name')} — ${t('site.tagline', { area: currentArea().name })}`;
  return respond(kind, { locale, filter: {}, title, pagePath: '/' });
}

export async function municipalityFeed(localeParam: string, param: string, kind: Kind = RSS): Promise<Response> {
  const locale = localeOf(localeParam);
  const parsed = parseMunicipalityParam(param);
  const municipality = parsed ? await findMunicipality(db(), parsed.istatCode) : null;
  if (!municipality || municipality.areaCode !== config().areaCode) return notFoundFeed();
  const title = `${translator(locale)('site.name')} — ${municipality.name}`;
  return respond(kind, { locale, filter: { municipality: municipality.istatCode }, title, pagePath: municipalityPath(municipality) });
}

export async function themeFeed(localeParam: string, slug: string, kind: Kind = RSS): Promise<Response> {
  const locale = localeOf(localeParam);
  const theme = await findTheme(db(), slug);
  if (!theme) return notFoundFeed();
  const title = `${translator(locale)('site.name')} — ${themeLabel(locale, theme)}`;
  return respond(kind, { locale, filter: { theme: theme.slug }, title, pagePath: themePath(theme.slug) });
}

export async function collectionFeed(localeParam: string, id: string, kind: Kind = RSS): Promise<Response> {
  const locale = localeOf(localeParam);
  const collection = await publicCollection(db(), id);
  if (!collection) return notFoundFeed();
  const title = `${translator(locale)('site.name')} — ${collection.title}`;
  return respond(kind, { locale, filter: { call: collection.id }, title, pagePath: collectionPath(collection.id) });
}
