import { projectedAreaMap } from '@/lib/geo/load';
import { AREA_MAP_WIDTH, mapSprite, spriteVersion } from '@/lib/geo/render';

export const dynamic = 'force-dynamic';

/* The area map's shapes, referenced by the map's <use> elements: one cached file instead of 312 paths in every page. */
export async function GET(request: Request) {
  const map = projectedAreaMap(AREA_MAP_WIDTH);
  // The versioned address pages use never changes its content; any other is the current map, briefly.
  const current = new URL(request.url).searchParams.get('v') === spriteVersion(map);
  return new Response(mapSprite(map), {
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    },
  });
}
