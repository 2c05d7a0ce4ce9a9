import { CALL_ID_PATTERN } from '../catalog/paths';

/*
 * The pages another website may frame (the comuni's own sites: a comune's
 * latest messages, one message, a call's public collection), and only they: the front server lets any origin frame an answer at these addresses and
 * no other (CSP frame-ancestors, X-Frame-Options).
 */

export const EMBED_PREFIX = '/embed/';

export function municipalityEmbedPath(istatCode: string): string {
  return `${EMBED_PREFIX}comuni/${istatCode}`;
}

export function messageEmbedPath(id: string): string {
  return `${EMBED_PREFIX}messaggi/${id}`;
}

export function collectionEmbedPath(callId: number): string {
  return `${EMBED_PREFIX}appelli/${callId}`;
}

/*
 * Exactly those pages, as the request names them: not a prefix (/embed/x, a
 * page added under /embed/ later) and not a path with dot segments that Next.js
 * would resolve to another page.
 */
const EMBED_PAGE = new RegExp(
  `^/embed/(comuni/\\d{6}|appelli/${CALL_ID_PATTERN}|messaggi/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\\?|$)`,
);

/** Whether a request's address is an embed page's. */
export function isEmbedPath(url: string | undefined): boolean {
  return EMBED_PAGE.test(url ?? '');
}

/** Below a message's 16:9 player: its title, comune and date, and the link to the portal. */
const MESSAGE_TEXT_HEIGHT = 170;

/** The frame of a list of messages (a comune's latest, a collection): the same height at any width. */
export function municipalityFrame(width = 480): { width: number; height: number } {
  return { width, height: 560 };
}

/** The frame of one message: the player at the frame's width, and its text. */
export function messageFrame(width = 560): { width: number; height: number } {
  return { width, height: Math.round((width * 9) / 16) + MESSAGE_TEXT_HEIGHT };
}
