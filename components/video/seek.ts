/*
 * A transcript line asks the page's player to jump to its time. The two are
 * siblings on the message page, not parent and child, so they meet on a
 * window event: whichever player the page shows (the portal's own file or the
 * YouTube embed) listens, and the transcript need not know which.
 */
const SEEK_EVENT = 'vc:seek';

export function requestSeek(second: number): void {
  window.dispatchEvent(new CustomEvent<number>(SEEK_EVENT, { detail: second }));
}

/** Calls onSeek with the requested second; returns the unsubscribe for a useEffect cleanup. */
export function onSeekRequest(onSeek: (second: number) => void): () => void {
  const listener = (event: Event) => {
    const second = (event as CustomEvent<unknown>).detail;
    if (typeof second === 'number' && Number.isFinite(second) && second >= 0) onSeek(second);
  };
  window.addEventListener(SEEK_EVENT, listener);
  return () => window.removeEventListener(SEEK_EVENT, listener);
}
