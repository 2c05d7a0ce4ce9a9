/*
 * The two pages another website may frame (the comuni's own sites), and only
 * they: the front server lets any origin frame an answer under these paths and
 * no other (CSP frame-ancestors, X-Frame-Options).
 */

export const EMBED_PREFIX = '/embed/';

export function municipalityEmbedPath(istatCode: string): string {
  return `${EMBED_PREFIX}comuni/${istatCode}`;
}

export function messageEmbedPath(id: string): string {
  return `${EMBED_PREFIX}messaggi/${id}`;
}

/** Whether a request's address is an embed page's (the query string aside). */
export function isEmbedPath(url: string | undefined): boolean {
  return (url ?? '').startsWith(EMBED_PREFIX);
}

/** The sizes the snippets and oEmbed give the frames: the latest messages as a list, one message as a 16:9 player with its title. */
export const EMBED_SIZES = {
  municipality: { width: 480, height: 560 },
  message: { width: 560, height: 400 },
} as const;
