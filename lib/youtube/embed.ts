import { config, type YoutubeConfig } from '../config';
import { youtubeTarget } from './api';
import { STANDIN_PATH } from './standin/constants';

/** Google's privacy-enhanced player: what pages may frame when the portal publishes on YouTube. */
export const YOUTUBE_EMBED_ORIGIN = 'https://www.youtube-nocookie.com';

/**
 * Where the portal embeds a YouTube video from: Google's privacy-enhanced
 * domain, or the local stand-in's player when the portal runs without Google.
 */
export function youtubeEmbedBase(c: YoutubeConfig = config().youtube): string {
  return youtubeTarget(c)?.standinRoot ? `${STANDIN_PATH}/embed/` : `${YOUTUBE_EMBED_ORIGIN}/embed/`;
}
