'use client';

import { useState } from 'react';

/**
 * Click-to-play: nothing is requested from YouTube until the visitor asks,
 * and then only from the privacy-enhanced youtube-nocookie.com domain (or the
 * local stand-in's player when the portal runs without Google).
 */
export function Player({
  youtubeId,
  embedBase,
  title,
  posterUrl,
  playLabel,
  playNote,
}: {
  youtubeId: string;
  embedBase: string;
  title: string;
  posterUrl: string;
  playLabel: string;
  playNote: string;
}) {
  const [playing, setPlaying] = useState(false);
  if (playing) {
    return (
      <iframe
        className="aspect-video w-full rounded"
        src={`${embedBase}${encodeURIComponent(youtubeId)}?autoplay=1&rel=0`}
        title={title}
        allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
        referrerPolicy="strict-origin-when-cross-origin"
        allowFullScreen
      />
    );
  }
  return (
    <div>
      <button type="button" onClick={() => setPlaying(true)} className="group relative block w-full overflow-hidden rounded">
        {/* eslint-disable-next-line @next/next/no-img-element -- our own SVG poster, no optimisation needed */}
        <img src={posterUrl} alt="" className="aspect-video w-full object-cover" />
        <span className="absolute inset-0 flex items-center justify-center">
          <span className="rounded bg-stone-900/85 px-4 py-2 text-lg font-semibold text-white group-focus-visible:outline group-focus-visible:outline-4 group-focus-visible:outline-amber-400">
            ▶ {playLabel}
          </span>
        </span>
      </button>
      <p className="mt-1 text-sm text-stone-700">{playNote}</p>
    </div>
  );
}
