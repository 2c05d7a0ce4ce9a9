'use client';

import { useEffect, useId, useRef } from 'react';

/*
 * Every error of a refused form at once, as GOV.UK and Designers Italia do it:
 * the summary takes the focus (a screen reader reads it, a keyboard user
 * starts from it) and each line links to its field.
 */
export function ErrorSummary({ title, errors }: { title: string; errors: ReadonlyArray<{ field: string; message: string; target?: string }> }) {
  const box = useRef<HTMLDivElement>(null);
  // Two forms on one page (the invitations) may both show a summary.
  const titleId = useId();
  const signature = errors.map((e) => `${e.field}:${e.message}`).join('|');
  useEffect(() => {
    if (signature) box.current?.focus();
  }, [signature]);
  if (!errors.length) return null;
  return (
    <div ref={box} tabIndex={-1} role="alert" aria-labelledby={titleId} className="rounded border-2 border-red-800 bg-red-50 p-3">
      <p id={titleId} className="font-semibold">
        {title}
      </p>
      <ul className="list-disc pl-6">
        {errors.map((error) => (
          <li key={error.field}>{error.target ? <a href={`#${error.target}`}>{error.message}</a> : error.message}</li>
        ))}
      </ul>
    </div>
  );
}
