import { z } from 'zod';
import { findMunicipality, findPublishedVideo } from '../catalog';
import { MESSAGE_ID, municipalityPath, parseMunicipalityParam, sharePicture, videoPath } from '../catalog/paths';
import type { Db } from '../db/client';
import { labelledTitle, translator, type Locale } from '../i18n';
import { isSingleLine } from '../text/safe-text';
import { messageFrame, municipalityFrame } from './paths';
import { messageSnippet, municipalitySnippet } from './snippet';

/*
 * oEmbed 1.0 (oembed.com): given the address of a message or a comune page of
 * this portal, the frame that shows it elsewhere — `video` for a message,
 * `rich` for a comune's latest messages — so that editors and CMSs that speak
 * oEmbed paste an address and get the player. Only JSON; only our own pages,
 * and only what citizens may see.
 */

const dimension = z.union([z.literal(''), z.string().regex(/^\d{1,5}$/)]).optional();

export const oembedQuery = z.object({
  url: z.string().min(1).max(2000).refine(isSingleLine),
  format: z.string().max(10).optional(),
  maxwidth: dimension,
  maxheight: dimension,
});

export type OembedAnswer = { status: 200; body: Record<string, unknown> } | { status: 400 | 404 | 501 };

/** The widest frame within the consumer's bounds (a frame's height follows from its width), never wider than ours. */
function fitted(frame: (width?: number) => { width: number; height: number }, maxwidth?: string, maxheight?: string): { width: number; height: number } {
  let size = frame();
  if (maxwidth && Number(maxwidth) < size.width) size = frame(Math.max(1, Number(maxwidth)));
  // A list keeps its height whatever its width; a player shrinks with its width.
  for (let width = size.width; maxheight && size.height > Number(maxheight) && width > 1; width = Math.floor(width * 0.9)) size = frame(width);
  return size;
}

export async function oembed(db: Db, publicUrl: string, areaCode: string, query: Record<string, string>, locale: Locale): Promise<OembedAnswer> {
  const parsed = oembedQuery.safeParse(query);
  if (!parsed.success) return { status: 400 };
  const { url, format, maxwidth, maxheight } = parsed.data;
  if (format && format !== 'json') return { status: 501 };
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { status: 404 };
  }
  if (target.origin !== new URL(publicUrl).origin) return { status: 404 };
  const t = translator(locale);
  const site = t('site.name');
  // A minute, as every public answer of the portal: a withdrawn message must not linger.
  const common = { version: '1.0', provider_name: site, provider_url: publicUrl, cache_age: 60 };
  const [, section, param] = /^\/(messaggi|comuni)\/([^/]+)\/?$/.exec(target.pathname) ?? [];

  if (section === 'messaggi' && param && MESSAGE_ID.test(param)) {
    const video = await findPublishedVideo(db, param);
    if (!video) return { status: 404 };
    const size = fitted(messageFrame, maxwidth, maxheight);
    const title = labelledTitle(t, video);
    const picture = sharePicture(video);
    return {
      status: 200,
      body: {
        ...common,
        type: 'video',
        title,
        author_name: video.municipality.name,
        author_url: `${publicUrl}${municipalityPath(video.municipality)}`,
        ...(picture.width ? { thumbnail_url: `${publicUrl}${picture.path}`, thumbnail_width: picture.width, thumbnail_height: picture.height } : {}),
        html: messageSnippet(t, locale, { id: video.id, title }, size),
        ...size,
        url: `${publicUrl}${videoPath(video.id)}`,
      },
    };
  }
  const comune = section === 'comuni' && param ? parseMunicipalityParam(param) : null;
  if (comune) {
    const municipality = await findMunicipality(db, comune.istatCode);
    if (!municipality || municipality.areaCode !== areaCode) return { status: 404 };
    const size = fitted(municipalityFrame, maxwidth, maxheight);
    return {
      status: 200,
      body: {
        ...common,
        type: 'rich',
        title: t('embed.latestFrom', { name: municipality.name }),
        author_name: municipality.name,
        author_url: `${publicUrl}${municipalityPath(municipality)}`,
        html: municipalitySnippet(t, locale, municipality, size),
        ...size,
      },
    };
  }
  return { status: 404 };
}

/** The discovery link of a page (its address, absolute), as message and comune pages announce it. */
export function oembedDiscovery(publicUrl: string, pagePath: string): string {
  return `/api/oembed?format=json&url=${encodeURIComponent(`${publicUrl}${pagePath}`)}`;
}
