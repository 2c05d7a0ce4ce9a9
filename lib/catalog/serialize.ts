import type { VideoSummary } from './index';
import { municipalityPath, videoPath } from './paths';

/** The public JSON form of a published message (API v1). */
export function videoToJson(video: VideoSummary, baseUrl: string) {
  return {
    id: video.id,
    title: video.title,
    description: video.description,
    language: video.language,
    publishedAt: video.publishedAt.toISOString(),
    durationSeconds: video.durationSeconds,
    isDemo: video.isDemo,
    url: `${baseUrl}${videoPath(video.id)}`,
    posterUrl: `${baseUrl}/api/v1/videos/${video.id}/poster.svg`,
    youtubeVideoId: video.youtubeVideoId,
    municipality: { ...video.municipality, url: `${baseUrl}${municipalityPath(video.municipality)}` },
    themes: video.themes,
  };
}
