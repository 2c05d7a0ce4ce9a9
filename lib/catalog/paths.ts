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

/** A message's short address, for print: /m/<12 hex digits>. */
export function shortPath(shortCode: string): string {
  return `/m/${shortCode}`;
}
