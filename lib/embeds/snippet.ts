import { escapeMarkup } from '../text/markup';
import { config } from '../config';
import type { Translate } from '../i18n';
import { EMBED_SIZES, municipalityEmbedPath } from './paths';

/** The markup a comune's web editor pastes into a page: a lazy, borderless frame with a title for screen readers. */
export function embedSnippet(url: string, title: string, kind: keyof typeof EMBED_SIZES, size: { width: number; height: number } = EMBED_SIZES[kind]): string {
  return `<iframe src="${escapeMarkup(url)}" title="${escapeMarkup(title)}" width="${size.width}" height="${size.height}" loading="lazy" style="border:0;max-width:100%"></iframe>`;
}

/** A comune's snippet: its latest messages, in the language of the page it is copied from. */
export function municipalitySnippet(t: Translate, municipality: { istatCode: string; name: string }): string {
  return embedSnippet(
    `${config().publicUrl}${municipalityEmbedPath(municipality.istatCode)}`,
    t('embed.frameTitleMunicipality', { name: municipality.name, site: t('site.name') }),
    'municipality',
  );
}
