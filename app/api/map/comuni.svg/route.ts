import { projectedAreaMap } from '@/lib/geo/load';
import { AREA_MAP_WIDTH, mapSprite } from '@/lib/geo/render';

export const dynamic = 'force-dynamic';

/* The area map's shapes, referenced by the map's <use> elements: one cached file instead of 312 paths in every page. */
export async function GET() {
  return new Response(mapSprite(projectedAreaMap(AREA_MAP_WIDTH)), {
    headers: { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'public, max-age=86400' },
  });
}
