import type { ProjectedMap } from '@/lib/geo/render';
import { mapViewBox, RESOLUTION } from '@/lib/geo/render';

/**
 * Where one comune lies in the area: the shared grey base map (one cached
 * image) with only this comune drawn over it.
 */
export function LocatorMap({ map, istatCode, label }: { map: ProjectedMap; istatCode: string; label: string }) {
  const selected = map.municipalities.find((m) => m.istatCode === istatCode);
  return (
    <div className="relative w-full max-w-xs">
      {/* Lazy: React then gives no preload hint, which a prefetched comune page would carry to every page linking one. */}
      {/* eslint-disable-next-line @next/next/no-img-element -- a cached SVG of our own */}
      <img src="/api/map/base.svg" alt="" loading="lazy" className="block h-auto w-full" width={map.width} height={map.height} />
      <svg viewBox={mapViewBox(map)} className="area-map locator absolute inset-0 h-full w-full" role="img" aria-label={label}>
        {selected ? <path d={selected.d} className="selected" /> : null}
        {selected ? <circle cx={selected.x * RESOLUTION} cy={selected.y * RESOLUTION} r={(map.width * RESOLUTION) / 50} className="marker" /> : null}
      </svg>
    </div>
  );
}
