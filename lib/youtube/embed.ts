import { youtubeTarget } from './api';
import { STANDIN_PATH } from './standin/constants';

/**
 * Where the portal embeds a YouTube video from: Google's privacy-enhanced
 * domain, or the local stand-in's player when the portal runs without Google.
 */
export function youtubeEmbedBase(): string {
  return youtubeTarget()?.standinRoot ? `${STANDIN_PATH}/embed/` : 'https://www.youtube-nocookie.com/embed/';
}
