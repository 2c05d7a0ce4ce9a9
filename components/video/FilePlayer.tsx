'use client';

import { useEffect, useRef } from 'react';
import { onSeekRequest } from './seek';

/**
 * The portal's own copy of a message, played by the browser (no third party);
 * the staff console uses it too, before publication. A transcript line on the
 * same page moves it to its time. Where a light version exists, a browser that
 * says it saves data or is on a slow connection (Save-Data, Network
 * Information API) gets that one instead; nothing loads before play.
 */
export function FilePlayer({
  mediaId,
  title,
  captionsUrl,
  captionsLanguage,
  captionsLabel,
  fallback,
  lightSrc = null,
}: {
  mediaId: string;
  title: string;
  captionsUrl?: string | null;
  captionsLanguage?: string;
  captionsLabel: string;
  fallback: string;
  lightSrc?: string | null;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const original = `/api/media/${mediaId}/video`;
  useEffect(() => {
    const element = video.current;
    // Before anything loaded (preload none): the element simply plays the other file. A citizen page's
    // scripts come after the first interaction: one already playing the original is not cut off.
    if (!element || !lightSrc || !onSlowConnection() || element.readyState > 0 || !element.paused) return;
    element.src = lightSrc;
    element.dataset.light = '';
  }, [lightSrc]);
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
  return (
    <video
      ref={video}
      className="aspect-video w-full rounded bg-black"
      controls
      preload="none"
      src={original}
      poster={`/api/media/${mediaId}/poster.jpg`}
      aria-label={title}
    >
      {captionsUrl ? <track kind="captions" src={captionsUrl} srcLang={captionsLanguage ?? 'it'} label={captionsLabel} default /> : null}
      <a href={original}>{fallback}</a>
    </video>
  );
}

interface NetworkInformation {
  saveData?: boolean;
  effectiveType?: string;
}

/** The browser asks to save data, or measures a 2G/3G connection (Chromium's Network Information API; others say nothing). */
function onSlowConnection(): boolean {
  const connection = (navigator as Navigator & { connection?: NetworkInformation }).connection;
  return Boolean(connection?.saveData) || ['slow-2g', '2g', '3g'].includes(connection?.effectiveType ?? '');
}
