'use client';

import { useState, useSyncExternalStore } from 'react';

const never = () => () => undefined;

/*
 * The two buttons that need a script: the phone's own share sheet where the
 * browser has one (Web Share API), and a copy of the link. Without JavaScript
 * neither appears; the links beside them still work.
 */
export function CopyOrShare({
  url,
  title,
  copyLabel,
  copiedLabel,
  shareLabel,
}: {
  url: string;
  title: string;
  copyLabel: string;
  copiedLabel: string;
  shareLabel: string;
}) {
  // What the browser can do never changes while the page is open; on the server (and before hydration) neither button shows.
  const canShare = useSyncExternalStore(
    never,
    () => typeof navigator.share === 'function',
    () => false,
  );
  const canCopy = useSyncExternalStore(
    never,
    () => Boolean(navigator.clipboard),
    () => false,
  );
  const [copied, setCopied] = useState(false);
  const button = 'rounded border border-primary px-2 py-0.5 font-semibold text-primary';
  return (
    <>
      {canShare ? (
        <li>
          <button type="button" className={button} onClick={() => navigator.share({ title, url }).catch(() => undefined)}>
            {shareLabel}
          </button>
        </li>
      ) : null}
      {canCopy ? (
        <li>
          <button
            type="button"
            className={button}
            onClick={() =>
              navigator.clipboard.writeText(url).then(
                () => setCopied(true),
                () => undefined,
              )
            }
          >
            {copyLabel}
          </button>
          <span role="status" className="ml-2 text-sm">
            {copied ? copiedLabel : ''}
          </span>
        </li>
      ) : null}
    </>
  );
}
