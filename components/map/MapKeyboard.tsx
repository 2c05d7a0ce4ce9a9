'use client';

import { useEffect } from 'react';
import { arrowMoves, type Direction } from '@/lib/geo/keyboard-graph';

const ARROWS = new Set<string>(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

/**
 * Makes the server-rendered map one Tab stop: arrow keys move between comuni
 * (roving tabindex; lib/geo/keyboard-graph decides where each key goes),
 * Home/End jump to the first and last, Enter follows the link. The focused
 * comune's outline is redrawn on top of every shape (its neighbours would hide
 * part of it otherwise), black outside and white inside, so it shows on every
 * fill. Without JavaScript the list beside the map serves.
 */
export function MapKeyboard({ svgId, focusLabelId }: { svgId: string; focusLabelId: string }) {
  useEffect(() => {
    const svg = document.getElementById(svgId);
    const label = document.getElementById(focusLabelId);
    if (!svg) return;
    const links = Array.from(svg.querySelectorAll<SVGAElement>('a.comune'));
    const moves = arrowMoves(links.map((el) => ({ x: Number(el.dataset.x), y: Number(el.dataset.y) })));
    const rings = Array.from(svg.querySelectorAll<SVGUseElement>('.focus-ring use'));
    const moveTo = (target: SVGAElement) => {
      for (const el of links) el.setAttribute('tabindex', el === target ? '0' : '-1');
      target.focus();
    };
    const onKey = (event: KeyboardEvent) => {
      const current = links.indexOf(document.activeElement as SVGAElement);
      if (current < 0) return;
      let target: number | null = null;
      if (ARROWS.has(event.key)) target = moves[current]![event.key as Direction];
      else if (event.key === 'Home') target = 0;
      else if (event.key === 'End') target = links.length - 1;
      else if (event.key === ' ') {
        event.preventDefault();
        links[current]!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
        return;
      } else return;
      event.preventDefault();
      if (target !== null) moveTo(links[target]!);
    };
    const onFocus = (event: FocusEvent) => {
      const el = (event.target as Element).closest?.('a.comune') as SVGAElement | null;
      const shape = el?.querySelector('use')?.getAttribute('href');
      for (const ring of rings) {
        if (shape) ring.setAttribute('href', shape);
        else ring.removeAttribute('href');
      }
      if (label) label.textContent = el?.dataset.name ?? '';
    };
    const onBlur = () => {
      for (const ring of rings) ring.removeAttribute('href');
      if (label) label.textContent = '';
    };
    svg.addEventListener('keydown', onKey);
    svg.addEventListener('focusin', onFocus);
    svg.addEventListener('focusout', onBlur);
    // Lets a script (and the browser tests) know the arrow keys now work.
    svg.dataset.keyboard = 'ready';
    return () => {
      delete svg.dataset.keyboard;
      svg.removeEventListener('keydown', onKey);
      svg.removeEventListener('focusin', onFocus);
      svg.removeEventListener('focusout', onBlur);
    };
  }, [svgId, focusLabelId]);
  return null;
}
