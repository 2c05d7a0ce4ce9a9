'use client';

import { useEffect } from 'react';

/*
 * Picking comuni on a map (a group's members): each comune of the map links to
 * its checkbox in the list beside it (`#pick-<ISTAT>`), so without JavaScript a
 * click (or Enter) goes to the checkbox to tick. With JavaScript the click
 * ticks or unticks it in place, chooses "from the list", and the map and each
 * comune's spoken label show what is chosen. The checkboxes stay the form's
 * only values.
 */
export function MapPicker({ svgId, pickedLabel }: { svgId: string; pickedLabel: string }) {
  useEffect(() => {
    const svg = document.getElementById(svgId);
    const form = svg?.closest('form');
    if (!svg || !form) return;
    const boxOf = (link: Element) => document.getElementById(link.getAttribute('href')?.slice(1) ?? '') as HTMLInputElement | null;
    const sync = () => {
      for (const link of svg.querySelectorAll<SVGAElement>('a.comune')) {
        const picked = boxOf(link)?.checked ?? false;
        link.classList.toggle('picked', picked);
        const name = link.dataset.name ?? '';
        link.setAttribute('aria-label', picked ? `${name}: ${pickedLabel}` : name);
      }
    };
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element).closest('a.comune');
      const box = link && boxOf(link);
      if (!box) return;
      event.preventDefault();
      box.checked = !box.checked;
      const byList = form.querySelector<HTMLInputElement>('input[type="radio"][value="list"]');
      if (byList) byList.checked = true;
      sync();
    };
    svg.addEventListener('click', onClick);
    form.addEventListener('change', sync);
    sync();
    return () => {
      svg.removeEventListener('click', onClick);
      form.removeEventListener('change', sync);
    };
  }, [svgId, pickedLabel]);
  return null;
}
