'use client';

import { useEffect, useRef } from 'react';
import { onSeekRequest } from './seek';

/**
 * The portal's own copy of a message, played by the browser (no third party);
 * the staff console uses it too, before publication. A transcript line on the
 * same page moves it to its time.
 */
export function FilePlayer({
  mediaId,
  title,
  captionsUrl,
  captionsLanguage,
  captionsLabel,
  fallback,
}: {
  mediaId: string;
  title: string;
  captionsUrl?: string | null;
  captionsLanguage?: string;
  captionsLabel: string;
  fallback: string;
}) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(
    () =>
      onSeekRequest((second) => {
        const element = video.current;
        if (!element) return;
        element.currentTime = second;
        element.focus();
        // A browser may refuse to start playing (autoplay rules); the citizen then presses play, already at the right time.
        element.play().catch(() => undefined);
      }),
    [],
  );
  const src = `/api/media/${mediaId}/video`;
  return (
    <video
      ref={video}
      className="aspect-video w-full rounded bg-black"
      controls
      preload="metadata"
      poster={`/api/media/${mediaId}/poster.jpg`}
      aria-label={title}
    >
      <source src={src} />
      {captionsUrl ? <track kind="captions" src={captionsUrl} srcLang={captionsLanguage ?? 'it'} label={captionsLabel} default /> : null}
      <a href={src}>{fallback}</a>
    </video>
  );
}
