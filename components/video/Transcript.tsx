'use client';

import { requestSeek } from './seek';

export interface TranscriptEntry {
  second: number;
  /** The time as shown, "1:05". */
  time: string;
  /** The button's accessible name, which contains the visible time ("Guarda da 1:05"). */
  seekLabel: string;
  text: string;
}

/**
 * The message's captions as text a citizen can read, search in the page or
 * have read aloud; each time jumps the player there when the page has one.
 */
export function Transcript({ entries, language, canSeek }: { entries: TranscriptEntry[]; language: string; canSeek: boolean }) {
  return (
    <ol className="mt-2 space-y-1">
      {entries.map((entry, index) => (
        <li key={index} className="flex gap-3">
          {canSeek ? (
            <button
              type="button"
              onClick={() => requestSeek(entry.second)}
              aria-label={entry.seekLabel}
              className="shrink-0 self-start rounded px-1 font-mono text-primary-dark underline underline-offset-2 hover:bg-primary-light"
            >
              {entry.time}
            </button>
          ) : (
            <span className="shrink-0 px-1 font-mono text-stone-700">{entry.time}</span>
          )}
          <span lang={language}>{entry.text}</span>
        </li>
      ))}
    </ol>
  );
}
