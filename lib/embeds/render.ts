import type { VideoSummary } from '../catalog';
import { collectionPath, municipalityPath, posterPath, videoPath } from '../catalog/paths';
import { formatDate, labelledTitle, translator, type Locale } from '../i18n';
import { escapeMarkup as e } from '../text/markup';

/*
 * The pages a comune's website frames: plain HTML, one small stylesheet in the
 * page (allowed by its hash), no script, no cookie, nothing from another
 * origin. The video loads only when the citizen presses play, and is the light
 * version where there is one (a comune's page is read on every kind of line; the
 * portal's own page offers the full one); every link opens the portal in a new
 * tab, out of the host site's frame, and says so.
 */

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
main{padding:12px}h1{font-size:1.15rem;margin:0 0 8px}h2{font-size:1rem;margin:0}
a{color:#004d99}a:focus-visible,video:focus-visible{outline:3px solid #b45309;outline-offset:2px}
ul{list-style:none;margin:0;padding:0}li{display:flex;gap:10px;padding:8px 0;border-top:1px solid #d6d3d1}
li img{width:120px;height:68px;object-fit:cover;flex:none;border-radius:3px;background:#e7e5e4}
p{margin:4px 0}.meta{color:#57534e;font-size:.875rem}video{display:block;width:100%;aspect-ratio:16/9;background:#000;border-radius:3px}
footer{margin-top:8px;font-size:.875rem}.nt{font-size:.8em;color:#57534e}
`;

function document(locale: Locale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><link rel="icon" href="/favicon.svg" type="image/svg+xml"><title>${e(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

type T = ReturnType<typeof translator>;

/** A link out of the frame: a new tab, said aloud and in small print. */
function outLink(t: T, href: string, inner: string): string {
  return `<a href="${e(href)}" target="_blank" rel="noopener">${inner} <span class="nt">${e(t('embed.newTab'))}</span></a>`;
}

/** A message's title in its own language, the demo label (in the page's) before it. */
function titleMarkup(t: T, video: { title: string; isDemo: boolean; language: string }): string {
  return `${video.isDemo ? `[${e(t('video.demo'))}] ` : ''}<span lang="${e(video.language)}">${e(video.title)}</span>`;
}

function sourceLine(t: T, baseUrl: string, path: string, label: string): string {
  return `<footer>${outLink(t, `${baseUrl}${path}`, e(label))} · ${e(t('embed.source', { site: t('site.name') }))}</footer>`;
}

/** A list of messages with a title and a link to the portal's page of the whole list. */
function listEmbed(locale: Locale, baseUrl: string, list: { title: string; path: string; byComune: boolean }, messages: readonly VideoSummary[]): string {
  const t = translator(locale);
  const items = messages
    .map(
      (v) =>
        `<li><img src="${e(`${baseUrl}${posterPath(v)}`)}" alt="" loading="lazy" width="120" height="68"><div><h2>${outLink(t, `${baseUrl}${videoPath(v.id)}`, titleMarkup(t, v))}</h2><p class="meta">${list.byComune ? `${e(v.municipality.name)} · ` : ''}${e(formatDate(locale, v.publishedAt))}</p></div></li>`,
    )
    .join('');
  const body = `<h1>${e(list.title)}</h1>${items ? `<ul>${items}</ul>` : `<p>${e(t('embed.none'))}</p>`}${sourceLine(t, baseUrl, list.path, t('embed.allMessages'))}`;
  return document(locale, list.title, body);
}

export function municipalityEmbed(
  locale: Locale,
  baseUrl: string,
  municipality: { istatCode: string; slug: string; name: string },
  messages: readonly VideoSummary[],
): string {
  return listEmbed(
    locale,
    baseUrl,
    { title: translator(locale)('embed.latestFrom', { name: municipality.name }), path: municipalityPath(municipality), byComune: false },
    messages,
  );
}

/** A call's public collection: its latest messages, from every comune that answered. */
export function collectionEmbed(locale: Locale, baseUrl: string, call: { id: number; title: string }, messages: readonly VideoSummary[]): string {
  return listEmbed(locale, baseUrl, { title: call.title, path: collectionPath(call.id), byComune: true }, messages);
}

export function messageEmbed(locale: Locale, baseUrl: string, video: VideoSummary & { hasCaptions: boolean }): string {
  const t = translator(locale);
  const title = labelledTitle(t, video);
  const sources = video.mediaId
    ? [
        ...(video.renditions.light !== null ? [`<source src="${e(`${baseUrl}/api/media/${video.mediaId}/leggera`)}" type="video/mp4">`] : []),
        `<source src="${e(`${baseUrl}/api/media/${video.mediaId}/video`)}">`,
      ].join('')
    : '';
  const captions = video.hasCaptions
    ? `<track kind="captions" src="${e(`${baseUrl}/api/v1/videos/${video.id}/captions.vtt`)}" srclang="${e(video.language)}" label="${e(t('video.captions'))}" default>`
    : '';
  const page = `${baseUrl}${videoPath(video.id)}`;
  const player = video.mediaId
    ? `<video controls preload="none" playsinline poster="${e(`${baseUrl}${posterPath(video)}`)}" aria-label="${e(title)}">${sources}${captions}${outLink(t, page, e(t('embed.watch')))}</video>`
    : `<p>${outLink(t, page, e(t('embed.watch')))}</p>`;
  const body = `<h1>${titleMarkup(t, video)}</h1><p class="meta"><span lang="it">${e(video.municipality.name)}</span> · ${e(formatDate(locale, video.publishedAt))}</p>${player}${sourceLine(t, baseUrl, videoPath(video.id), t('embed.watchOn', { site: t('site.name') }))}`;
  return document(locale, title, body);
}

export function embedNotFound(locale: Locale, kind: 'municipality' | 'message' | 'collection'): string {
  const t = translator(locale);
  return document(
    locale,
    t('errors.notFoundTitle'),
    `<h1>${e(t('errors.notFoundTitle'))}</h1><p>${e(t(kind === 'message' ? 'embed.gone' : kind === 'collection' ? 'embed.goneCollection' : 'embed.goneMunicipality'))}</p>`,
  );
}
