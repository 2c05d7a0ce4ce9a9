import type { ProjectedMap } from '@/lib/geo/render';

/** A small map that shows where one comune lies in the area (decorative: the page names it). */
export function LocatorMap({ map, istatCode, label }: { map: ProjectedMap; istatCode: string; label: string }) {
  const selected = map.municipalities.find((m) => m.istatCode === istatCode);
  return (
    <svg viewBox={`0 0 ${map.width} ${map.height}`} className="area-map locator h-auto w-full max-w-xs" role="img" aria-label={label}>
      {map.municipalities.map((m) => (m.istatCode === istatCode ? null : <path key={m.istatCode} d={m.d} className="m0" />))}
      {selected ? <path d={selected.d} className="selected" /> : null}
      {selected ? <circle cx={selected.x} cy={selected.y} r={map.width / 60} className="marker" /> : null}
    </svg>
  );
}
