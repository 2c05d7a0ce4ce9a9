'use client';

import { useState } from 'react';

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[’'`\-]+/g, ' ');
}

/** Filters a server-rendered list (items carry data-name) as the visitor types; without JS the full list stays. */
export function ListFilter({ listId, label, countTemplate, total }: { listId: string; label: string; countTemplate: string; total: number }) {
  const [shown, setShown] = useState(total);
  const onInput = (value: string) => {
    const needle = fold(value.trim());
    let count = 0;
    document.querySelectorAll<HTMLElement>(`#${listId} > li[data-name]`).forEach((li) => {
      const match = fold(li.dataset.name ?? '').includes(needle);
      li.hidden = !match;
      if (match) count++;
    });
    setShown(count);
  };
  return (
    <div className="mb-2">
      <label htmlFor={`${listId}-filter`} className="block font-semibold">
        {label}
      </label>
      <input
        id={`${listId}-filter`}
        type="search"
        autoComplete="off"
        className="mt-1 w-full rounded border border-stone-500 px-2 py-1"
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <p aria-live="polite" className="mt-1 text-sm text-stone-700">
        {countTemplate.replace('{shown}', String(shown)).replace('{total}', String(total))}
      </p>
    </div>
  );
}
