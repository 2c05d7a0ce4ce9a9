'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[’'`\-]+/g, ' ');
}

/**
 * Filters a server-rendered list (items carry data-name) as the visitor types,
 * and highlights the same comuni on the map beside it; without JS the full
 * list stays.
 */
export function ListFilter({ listId, mapId, label, total }: { listId: string; mapId?: string; label: string; total: number }) {
  const t = useTranslations('home');
  const [shown, setShown] = useState(total);
  const onInput = (value: string) => {
    const needle = fold(value.trim());
    let count = 0;
    document.querySelectorAll<HTMLElement>(`#${listId} > li[data-name]`).forEach((li) => {
      const match = fold(li.dataset.name ?? '').includes(needle);
      li.hidden = !match;
      if (match) count++;
    });
    if (mapId) {
      document.querySelectorAll<SVGAElement>(`#${mapId} a.comune`).forEach((a) => {
        const match = needle !== '' && fold(a.dataset.name ?? '').includes(needle);
        a.classList.toggle('match', match);
        a.classList.toggle('dimmed', needle !== '' && !match);
      });
    }
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
        {t('listCount', { shown, total })}
      </p>
    </div>
  );
}
