import { findMunicipality, findTheme } from '@/lib/catalog';
import { currentArea } from '@/lib/catalog/area';
import { municipalityPath, parseMunicipalityParam, themePath } from '@/lib/catalog/paths';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { buildFeed, feedResponse, type FeedFormat } from '@/lib/feeds/build';
import { isLocale, themeLabel, translator, type Locale } from '@/lib/i18n';

function localeOf(value: string): Locale {
  return isLocale(value) ? value : 'it';
}

function notFoundFeed(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

export async function allMessagesFeed(localeParam: string, format: FeedFormat): Promise<Response> {
  const locale = localeOf(localeParam);
  const t = translator(locale);
  const title = `${t('site.name')} — ${t('site.tagline', { area: currentArea().name })}`;
  return feedResponse(await buildFeed(db(), { locale, filter: {}, title, pagePath: '/', selfPath: format === 'rss' ? '/feed.xml' : '/atom.xml' }), format);
}

export async function municipalityFeed(localeParam: string, param: string): Promise<Response> {
  const locale = localeOf(localeParam);
  const parsed = parseMunicipalityParam(param);
  const municipality = parsed ? await findMunicipality(db(), parsed.istatCode) : null;
  if (!municipality || municipality.areaCode !== config().areaCode) return notFoundFeed();
  const path = municipalityPath(municipality);
  const title = `${translator(locale)('site.name')} — ${municipality.name}`;
  return feedResponse(
    await buildFeed(db(), { locale, filter: { municipality: municipality.istatCode }, title, pagePath: path, selfPath: `${path}/feed.xml` }),
    'rss',
  );
}

export async function themeFeed(localeParam: string, slug: string): Promise<Response> {
  const locale = localeOf(localeParam);
  const theme = await findTheme(db(), slug);
  if (!theme) return notFoundFeed();
  const title = `${translator(locale)('site.name')} — ${themeLabel(locale, theme)}`;
  return feedResponse(
    await buildFeed(db(), { locale, filter: { theme: theme.slug }, title, pagePath: themePath(theme.slug), selfPath: `/temi/${theme.slug}/feed.xml` }),
    'rss',
  );
}
