import { projectedAreaMap } from '@/lib/geo/load';
import { AREA_MAP_WIDTH, mapSprite, spriteVersion } from '@/lib/geo/render';

export const dynamic = 'force-dynamic';

const VERSION = /^[0-9a-f]{16}$/;

/* The area map's shapes, referenced by the map's <use> elements: one cached file instead of 312 paths in every page. */
export async function GET(request: Request) {
  const map = projectedAreaMap(AREA_MAP_WIDTH);
  const asked = new URL(request.url).searchParams.get('v');
  if (asked !== null && !VERSION.test(asked)) {
    return new Response('Bad request', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  // The versioned address pages use never changes its content; any other is the current map, briefly.
  const current = asked === spriteVersion(map);
  return new Response(mapSprite(map), {
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    },
  });
}
