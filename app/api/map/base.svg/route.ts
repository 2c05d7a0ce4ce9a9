import { projectedAreaMap } from '@/lib/geo/load';
import { LOCATOR_WIDTH, mapViewBox } from '@/lib/geo/render';

export const dynamic = 'force-dynamic';

/* The grey base of every locator map: one cached image instead of 312 paths on each comune page. */
export async function GET() {
  const map = projectedAreaMap(LOCATOR_WIDTH);
  const paths = map.municipalities.map((m) => `<path d="${m.d}"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${mapViewBox(map)}"><g fill="#e7e5e4" stroke="#ffffff" stroke-width="1" vector-effect="non-scaling-stroke">${paths}</g></svg>`;
  return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'public, max-age=86400' } });
}
