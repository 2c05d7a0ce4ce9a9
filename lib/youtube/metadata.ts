import { config } from '../config';
import type { VideoMetadata } from './api';

/*
 * What YouTube receives for a message: its title, its description followed by
 * the comune, the themes, a link back to the portal and the message's id (the
 * marker that finds the video again if an upload session is lost), within
 * YouTube's limits (description ≤ 5,000 bytes, tags ≤ 500 characters).
 */

export interface MessageForYoutube {
  id: string;
  title: string;
  description: string;
  language: string;
  municipality: string;
  themes: string[];
  madeForKids: boolean;
}

export function syncMarker(videoId: string): string {
  return `ID: ${videoId}`;
}

function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = text;
  while (Buffer.byteLength(out) > maxBytes - 3) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

function tagsWithin(tags: string[], maxChars = 500): string[] {
  const out: string[] = [];
  let used = 0;
  for (const tag of [...new Set(tags.map((t) => t.replace(/[<>,]/g, ' ').trim()).filter(Boolean))]) {
    // YouTube counts the commas between tags and quotes around tags with spaces.
    const cost = tag.length + (tag.includes(' ') ? 2 : 0) + (out.length ? 1 : 0);
    if (used + cost > maxChars) break;
    out.push(tag);
    used += cost;
  }
  return out;
}

/** The privacy live videos are given (VC_YOUTUBE_PRIVACY). */
export function configuredPrivacy(): 'public' | 'unlisted' | 'private' {
  return config().youtube.privacy;
}

export function youtubeMetadata(message: MessageForYoutube, pageUrl: string, privacy?: 'public' | 'private'): VideoMetadata {
  const footer = `\n\n${message.municipality} · ${message.themes.join(', ')}\n${pageUrl}\n${syncMarker(message.id)}`;
  const description = truncateBytes(message.description, 5000 - Buffer.byteLength(footer)) + footer;
  return {
    snippet: {
      title: message.title,
      description,
      tags: tagsWithin([message.municipality, ...message.themes, 'VociComuni']),
      categoryId: config().youtube.category,
      defaultLanguage: message.language,
      defaultAudioLanguage: message.language,
    },
    status: { privacyStatus: privacy ?? configuredPrivacy(), selfDeclaredMadeForKids: message.madeForKids, embeddable: true, license: 'youtube' },
  };
}
