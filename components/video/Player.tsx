'use client';

import { useEffect, useRef, useState } from 'react';
import { onSeekRequest } from './seek';

/**
 * Click-to-play: nothing is requested from YouTube until the visitor asks,
 * and then only from the privacy-enhanced youtube-nocookie.com domain (or the
 * local stand-in's player when the portal runs without Google). A transcript
 * line counts as that click: the player starts at the line's time. Without
 * JavaScript the button cannot play; a link to the same player takes its place.
 */
export function Player({
  youtubeId,
  embedBase,
  title,
  posterUrl,
  playLabel,
  playNote,
  openLabel,
  captionsLanguage,
}: {
  youtubeId: string;
  embedBase: string;
  title: string;
  posterUrl: string;
  playLabel: string;
  playNote: string;
  /** The link shown without JavaScript, which opens the player itself. */
  openLabel: string;
  /** The page's language, when the message has captions: YouTube then shows them in it where it can. */
  captionsLanguage?: string;
}) {
  // Each request is a new player, even for the time already playing (the same line chosen twice starts it there again).
  const [request, setRequest] = useState<{ start: number; n: number } | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const play = (second: number) => setRequest((previous) => ({ start: Math.floor(second), n: (previous?.n ?? 0) + 1 }));
  useEffect(() => onSeekRequest(play), []);
  // The play button disappears with the click: focus goes to the player, not to <body>.
  useEffect(() => {
    if (request) frame.current?.focus();
  }, [request]);
  if (request) {
    const { start } = request;
    const query = new URLSearchParams({ autoplay: '1', rel: '0' });
    if (start > 0) query.set('start', String(start));
    if (captionsLanguage) {
      query.set('cc_load_policy', '1');
      query.set('cc_lang_pref', captionsLanguage);
    }
    return (
      <iframe
        // A new time is a new player: the embed reads start only when it loads.
        key={request.n}
        ref={frame}
        className="aspect-video w-full rounded"
        src={`${embedBase}${encodeURIComponent(youtubeId)}?${query.toString()}`}
        title={title}
        allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
        referrerPolicy="strict-origin-when-cross-origin"
        allowFullScreen
      />
    );
  }
  return (
    <div>
      <button type="button" onClick={() => play(0)} className="group relative block w-full overflow-hidden rounded">
        {/* eslint-disable-next-line @next/next/no-img-element -- our own poster, no optimisation needed */}
        <img src={posterUrl} alt="" className="aspect-video w-full object-cover" />
        <span className="absolute inset-0 flex items-center justify-center">
          <span className="rounded bg-stone-900/85 px-4 py-2 text-lg font-semibold text-white group-focus-visible:outline group-focus-visible:outline-4 group-focus-visible:outline-amber-400">
            ▶ {playLabel}
          </span>
        </span>
      </button>
      <p className="mt-1 text-sm text-stone-700">{playNote}</p>
      <noscript>
        <p className="mt-1">
          <a href={`${embedBase}${encodeURIComponent(youtubeId)}`}>{openLabel}</a>
        </p>
      </noscript>
    </div>
  );
}
