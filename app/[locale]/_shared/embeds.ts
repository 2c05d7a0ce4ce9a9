import { findMunicipality, findPublishedVideo, publishedVideos } from '@/lib/catalog';
import { MESSAGE_ID } from '@/lib/catalog/paths';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { publicCollection } from '@/lib/calls/collection';
import { collectionEmbed, embedNotFound, messageEmbed, municipalityEmbed } from '@/lib/embeds/render';
import { isLocale, localeOf, type Locale } from '@/lib/i18n';

/*
 * The framed pages of lib/embeds. Their language is the snippet's (?lingua=,
 * the language of the page it was copied from), else the visitor's; they set no cookie, and
 * shared caches keep them a minute, as the pages they summarise.
 */

const EMBED_LIST_SIZE = 5;

function languageOf(localeParam: string, request: Request): Locale {
  const asked = new URL(request.url).searchParams.get('lingua');
  return isLocale(asked) ? asked : localeOf(localeParam);
}

function html(body: string, status = 200): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': status === 200 ? 'public, max-age=60, s-maxage=60' : 'no-store',
      Vary: 'Cookie, Accept-Language',
    },
  });
}

export async function municipalityEmbedResponse(localeParam: string, istat: string, request: Request): Promise<Response> {
  const locale = languageOf(localeParam, request);
  const municipality = /^\d{6}$/.test(istat) ? await findMunicipality(db(), istat) : null;
  if (!municipality || municipality.areaCode !== config().areaCode) return html(embedNotFound(locale, 'municipality'), 404);
  const { items } = await publishedVideos(db(), { municipality: municipality.istatCode, limit: EMBED_LIST_SIZE });
  return html(municipalityEmbed(locale, config().publicUrl, municipality, items));
}

export async function messageEmbedResponse(localeParam: string, id: string, request: Request): Promise<Response> {
  const locale = languageOf(localeParam, request);
  const video = MESSAGE_ID.test(id) ? await findPublishedVideo(db(), id) : null;
  if (!video) return html(embedNotFound(locale, 'message'), 404);
  return html(messageEmbed(locale, config().publicUrl, video));
}

export async function collectionEmbedResponse(localeParam: string, id: string, request: Request): Promise<Response> {
  const locale = languageOf(localeParam, request);
  const collection = await publicCollection(db(), id);
  if (!collection) return html(embedNotFound(locale, 'collection'), 404);
  const { items } = await publishedVideos(db(), { call: collection.id, limit: EMBED_LIST_SIZE });
  return html(collectionEmbed(locale, config().publicUrl, collection, items));
}
