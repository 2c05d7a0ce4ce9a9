/** Public, language-free URLs of the portal's pages. */
export function municipalityPath(m: { istatCode: string; slug: string }): string {
  return `/comuni/${m.istatCode}-${m.slug}`;
}

export function videoPath(id: string): string {
  return `/messaggi/${id}`;
}

export function themePath(slug: string, options: { comune?: string; page?: number } = {}): string {
  const params = new URLSearchParams();
  if (options.comune) params.set('comune', options.comune);
  if (options.page && options.page > 1) params.set('pagina', String(options.page));
  const query = params.toString();
  return `/temi/${slug}${query ? `?${query}` : ''}`;
}

/** "001259-sauze-d-oulx" → { istatCode, slug }; null when it is not of that form. */
export function parseMunicipalityParam(param: string): { istatCode: string; slug: string } | null {
  const match = /^(\d{6})(?:-([a-z0-9-]*))?$/.exec(param);
  return match ? { istatCode: match[1]!, slug: match[2] ?? '' } : null;
}

/** The width of a video's poster frame (made at inspection, lib/uploads/probe.ts), which cards size their picture by. */
export const POSTER_WIDTH = 480;

/** A message's picture: the frame taken from its video at inspection, or the drawn card when it has no video yet. */
export function posterPath(video: { id: string; mediaId: string | null }): string {
  return video.mediaId ? `/api/media/${video.mediaId}/poster.jpg` : `/api/v1/videos/${video.id}/poster.svg`;
}

/** The size of a message's share picture (Open Graph's own): its renditions job makes it from the poster's frame. */
export const SHARE_SIZE = { width: 1200, height: 630 } as const;

/** The picture a shared message shows: its share picture once made, else its poster (of a size nobody needs to announce). */
export function sharePicture(video: { id: string; mediaId: string | null; renditions: { share: number | null } }): {
  path: string;
  width?: number;
  height?: number;
} {
  if (video.mediaId && video.renditions.share !== null) return { path: `/api/media/${video.mediaId}/condivisione.jpg`, ...SHARE_SIZE };
  return { path: posterPath(video) };
}

/** A message's short address, for print: /m/<12 hex digits>. */
export function shortPath(shortCode: string): string {
  return `/m/${shortCode}`;
}

/** A message's id as addresses carry it (a UUID in lower case): anything else names no message, and is refused before any query. */
export const MESSAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A call's id as its public addresses spell it: digits, no leading zero (one address per collection). */
export const CALL_ID_PATTERN = '[1-9]\\d{0,9}';
export const CALL_ID = new RegExp(`^${CALL_ID_PATTERN}$`);

/** A call for messages' public collection. */
export function collectionPath(callId: number): string {
  return `/appelli/${callId}`;
}
