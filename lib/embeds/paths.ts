/*
 * The two pages another website may frame (the comuni's own sites), and only
 * they: the front server lets any origin frame an answer at these addresses and
 * no other (CSP frame-ancestors, X-Frame-Options).
 */

export const EMBED_PREFIX = '/embed/';

export function municipalityEmbedPath(istatCode: string): string {
  return `${EMBED_PREFIX}comuni/${istatCode}`;
}

export function messageEmbedPath(id: string): string {
  return `${EMBED_PREFIX}messaggi/${id}`;
}

/*
 * Exactly the two pages, as the request names them: not a prefix (/embed/x, a
 * page added under /embed/ later) and not a path with dot segments that Next.js
 * would resolve to another page.
 */
const EMBED_PAGE = /^\/embed\/(comuni\/\d{6}|messaggi\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\?|$)/;

/** Whether a request's address is an embed page's. */
export function isEmbedPath(url: string | undefined): boolean {
  return EMBED_PAGE.test(url ?? '');
}

/** Below a message's 16:9 player: its title, comune and date, and the link to the portal. */
const MESSAGE_TEXT_HEIGHT = 170;

/** The frame of the latest messages: a list, the same height at any width. */
export function municipalityFrame(width = 480): { width: number; height: number } {
  return { width, height: 560 };
}

/** The frame of one message: the player at the frame's width, and its text. */
export function messageFrame(width = 560): { width: number; height: number } {
  return { width, height: Math.round((width * 9) / 16) + MESSAGE_TEXT_HEIGHT };
}
