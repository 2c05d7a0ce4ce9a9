import { config } from '../config';
import type { Locale, Translate } from '../i18n';
import { escapeMarkup } from '../text/markup';
import { collectionEmbedPath, messageEmbedPath, messageFrame, municipalityEmbedPath, municipalityFrame } from './paths';

/**
 * The markup a comune's web editor pastes into a page: a lazy, borderless frame
 * with a title for screen readers, whose video may go full screen. The frame
 * speaks the language of the page the code was copied from (?lingua=).
 */
export function embedSnippet(url: string, title: string, size: { width: number; height: number }): string {
  return `<iframe src="${escapeMarkup(url)}" title="${escapeMarkup(title)}" width="${size.width}" height="${size.height}" loading="lazy" allow="fullscreen; picture-in-picture" allowfullscreen style="border:0;max-width:100%"></iframe>`;
}

/** A comune's snippet: its latest messages. */
export function municipalitySnippet(t: Translate, locale: Locale, municipality: { istatCode: string; name: string }, size = municipalityFrame()): string {
  return embedSnippet(
    `${config().publicUrl}${municipalityEmbedPath(municipality.istatCode)}?lingua=${locale}`,
    t('embed.frameTitleMunicipality', { name: municipality.name, site: t('site.name') }),
    size,
  );
}

/** One message's snippet: its player. */
export function messageSnippet(t: Translate, locale: Locale, message: { id: string; title: string }, size = messageFrame()): string {
  return embedSnippet(
    `${config().publicUrl}${messageEmbedPath(message.id)}?lingua=${locale}`,
    t('embed.frameTitleMessage', { title: message.title, site: t('site.name') }),
    size,
  );
}

/** A call's public collection: its latest messages. */
export function collectionSnippet(t: Translate, locale: Locale, call: { id: number; title: string }, size = municipalityFrame()): string {
  return embedSnippet(
    `${config().publicUrl}${collectionEmbedPath(call.id)}?lingua=${locale}`,
    t('embed.frameTitleCollection', { title: call.title, site: t('site.name') }),
    size,
  );
}
