'use client';

import { useEffect } from 'react';

type Direction = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';
const DIRECTIONS: Record<Direction, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

interface Point {
  el: SVGAElement;
  x: number;
  y: number;
}

/* The nearest comune in the pressed direction, favouring those straight ahead. */
function neighbour(points: Point[], from: Point, [dx, dy]: [number, number]): Point | null {
  let best: Point | null = null;
  let bestScore = Infinity;
  for (const p of points) {
    const vx = p.x - from.x;
    const vy = p.y - from.y;
    const along = vx * dx + vy * dy;
    if (p === from || along <= 0) continue;
    const across = Math.abs(vx * dy - vy * dx);
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = p;
    }
  }
  return best;
}

/**
 * Makes the server-rendered map one Tab stop: arrow keys move between
 * neighbouring comuni (roving tabindex), Home/End jump to the first and last,
 * Enter follows the link. Without JavaScript the list beside the map serves.
 */
export function MapKeyboard({ svgId, focusLabelId }: { svgId: string; focusLabelId: string }) {
  useEffect(() => {
    const svg = document.getElementById(svgId);
    const label = document.getElementById(focusLabelId);
    if (!svg) return;
    const points: Point[] = Array.from(svg.querySelectorAll<SVGAElement>('a.comune')).map((el) => ({ el, x: Number(el.dataset.x), y: Number(el.dataset.y) }));
    const moveTo = (target: Point) => {
      for (const p of points) p.el.setAttribute('tabindex', p === target ? '0' : '-1');
      target.el.focus();
    };
    const onKey = (event: KeyboardEvent) => {
      const current = points.find((p) => p.el === document.activeElement);
      if (!current) return;
      let target: Point | null = null;
      if (event.key in DIRECTIONS) target = neighbour(points, current, DIRECTIONS[event.key as Direction]);
      else if (event.key === 'Home') target = points[0] ?? null;
      else if (event.key === 'End') target = points.at(-1) ?? null;
      else if (event.key === ' ') {
        event.preventDefault();
        current.el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
        return;
      } else return;
      event.preventDefault();
      if (target) moveTo(target);
    };
    const onFocus = (event: FocusEvent) => {
      const el = (event.target as Element).closest?.('a.comune') as SVGAElement | null;
      if (label) label.textContent = el?.dataset.name ?? '';
    };
    const onBlur = () => {
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
