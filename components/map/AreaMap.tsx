import { mapViewBox, type ProjectedMap } from '@/lib/geo/render';
import { municipalityPath } from '@/lib/catalog/paths';
import type { MunicipalitySummary } from '@/lib/catalog';
import type { Translate } from '@/lib/i18n';
import { Attribution } from '@/components/common/Attribution';
import { MapKeyboard } from './MapKeyboard';

/** Colour classes by number of published messages; the legend uses the same buckets. */
export const BUCKETS = [
  { className: 'm0', min: 0, label: (t: Translate) => t('home.legendNone') },
  { className: 'm1', min: 1, label: () => '1' },
  { className: 'm2', min: 2, label: () => '2–3' },
  { className: 'm3', min: 4, label: () => '4+' },
] as const;

function bucketOf(count: number): string {
  let className: string = BUCKETS[0].className;
  for (const bucket of BUCKETS) if (count >= bucket.min) className = bucket.className;
  return className;
}

export function AreaMap({ map, municipalities, t }: { map: ProjectedMap; municipalities: MunicipalitySummary[]; t: Translate }) {
  const byCode = new Map(municipalities.map((m) => [m.istatCode, m]));
  // Alphabetical order, so Tab and screen readers meet the comuni as in the list.
  const shapes = map.municipalities
    .filter((shape) => byCode.has(shape.istatCode))
    .sort((a, b) => byCode.get(a.istatCode)!.name.localeCompare(byCode.get(b.istatCode)!.name, 'it'));
  return (
    <figure className="m-0">
      <h2 id="map-title" className="text-xl font-semibold">{t('home.mapTitle')}</h2>
      <p id="map-desc" className="text-sm text-stone-700">{t('home.mapDescription', { count: shapes.length })}</p>
      <div className="relative">
        <svg
          id="area-map"
          className="area-map h-auto w-full"
          viewBox={mapViewBox(map)}
          role="group"
          aria-labelledby="map-title"
          aria-describedby="map-desc"
        >
          {shapes.map((shape, i) => {
            const m = byCode.get(shape.istatCode)!;
            const label = `${m.name}: ${t('theme.count', { count: m.publishedCount })}`;
            return (
              <a key={shape.istatCode} href={municipalityPath(m)} aria-label={label} tabIndex={i === 0 ? 0 : -1} data-x={shape.x} data-y={shape.y} data-name={m.name} className="comune">
                <title>{label}</title>
                <path d={shape.d} className={bucketOf(m.publishedCount)} />
              </a>
            );
          })}
        </svg>
        <p id="map-focus" className="pointer-events-none absolute left-2 top-2 rounded bg-white/90 px-2 text-sm font-semibold" aria-hidden="true" />
      </div>
      <figcaption>
        <p className="mt-2 text-sm font-semibold">{t('home.legend')}</p>
        <ul className="flex flex-wrap gap-3 text-sm">
          {BUCKETS.map((b) => (
            <li key={b.className} className="flex items-center gap-1">
              <svg width="16" height="16" aria-hidden="true" className="area-map"><rect width="16" height="16" className={b.className} /></svg>
              {b.label(t)}
            </li>
          ))}
        </ul>
        <Attribution t={t} />
      </figcaption>
      <MapKeyboard svgId="area-map" focusLabelId="map-focus" />
    </figure>
  );
}
