import { mapViewBox, spriteId, spriteUrl, type ProjectedMap } from '@/lib/geo/render';
import { municipalityPath } from '@/lib/catalog/paths';
import type { MunicipalitySummary } from '@/lib/catalog';
import type { Translate } from '@/lib/i18n';
import { Attribution } from '@/components/common/Attribution';
import { MapKeyboard } from './MapKeyboard';

/** One comune on a map: where it links, what a screen reader says, which colour class it takes. */
export interface MapArea {
  istatCode: string;
  name: string;
  href: string;
  label: string;
  className: string;
}

/**
 * The area's comuni as links in an SVG (their shapes drawn with <use> from the
 * cached sprite, lib/geo/render.ts), reachable with Tab (one stop) and the
 * arrow keys (MapKeyboard), in alphabetical order, with a legend of the colour
 * classes. The citizens' home and the staff coverage page both use it.
 */
export function AreaMap({
  id,
  map,
  areas,
  title,
  description,
  legendTitle,
  legend,
  t,
}: {
  id: string;
  map: ProjectedMap;
  areas: MapArea[];
  title: string;
  description: string;
  legendTitle: string;
  legend: Array<{ className: string; label: string }>;
  t: Translate;
}) {
  const byCode = new Map(areas.map((a) => [a.istatCode, a]));
  const sprite = spriteUrl(map);
  const shapes = map.municipalities
    .filter((shape) => byCode.has(shape.istatCode))
    .sort((a, b) => byCode.get(a.istatCode)!.name.localeCompare(byCode.get(b.istatCode)!.name, 'it'));
  return (
    <figure className="m-0">
      <h2 id={`${id}-title`} className="text-xl font-semibold">
        {title}
      </h2>
      <p id={`${id}-desc`} className="text-sm text-stone-700">
        {description}
      </p>
      <div className="relative">
        {/* tabIndex -1: the comuni are the one Tab stop, not the drawing around them. */}
        <svg
          id={id}
          className="area-map h-auto w-full"
          viewBox={mapViewBox(map)}
          role="group"
          tabIndex={-1}
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-desc`}
        >
          <MapPatterns />
          {shapes.map((shape, i) => {
            const area = byCode.get(shape.istatCode)!;
            return (
              <a
                key={shape.istatCode}
                href={area.href}
                aria-label={area.label}
                tabIndex={i === 0 ? 0 : -1}
                data-x={shape.x}
                data-y={shape.y}
                data-name={area.name}
                className="comune"
              >
                <title>{area.label}</title>
                <use href={`${sprite}#${spriteId(shape.istatCode)}`} className={area.className} />
              </a>
            );
          })}
          <g className="focus-ring" aria-hidden="true">
            <use className="ring-outer" />
            <use className="ring-inner" />
          </g>
        </svg>
        <p id={`${id}-focus`} className="pointer-events-none absolute left-2 top-2 rounded bg-white/90 px-2 text-sm font-semibold" aria-hidden="true" />
      </div>
      <figcaption>
        <p className="mt-2 text-sm font-semibold">{legendTitle}</p>
        <ul className="flex flex-wrap gap-3 text-sm">
          {legend.map((b) => (
            <li key={b.className} className="flex items-center gap-1">
              <svg width="16" height="16" aria-hidden="true" className="area-map">
                <rect width="16" height="16" className={b.className} />
              </svg>
              {b.label}
            </li>
          ))}
        </ul>
        <Attribution t={t} />
      </figcaption>
      <MapKeyboard svgId={id} focusLabelId={`${id}-focus`} />
    </figure>
  );
}

/*
 * Fills that cannot be told apart by lightness alone (four classes cannot all
 * be 3:1 from their neighbours) also differ by a pattern. Referenced by CSS
 * classes (app/globals.css), in the map and in its legend.
 */
function MapPatterns() {
  return (
    <defs>
      <pattern id="hatch-dark" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#0b3d35" />
        <rect width="2" height="6" fill="#ffffff" />
      </pattern>
      <pattern id="hatch-amber" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#ffffff" />
        <rect width="3" height="6" fill="#b45309" />
      </pattern>
    </defs>
  );
}

/** Colour classes by number of published messages; the legend uses the same buckets. */
const BUCKETS = [
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

/** The citizens' map: each comune coloured by its published messages, linking to its page. */
export function PublishedMap({ map, municipalities, t }: { map: ProjectedMap; municipalities: MunicipalitySummary[]; t: Translate }) {
  const areas = municipalities.map((m) => ({
    istatCode: m.istatCode,
    name: m.name,
    href: municipalityPath(m),
    label: `${m.name}: ${t('theme.count', { count: m.publishedCount })}`,
    className: bucketOf(m.publishedCount),
  }));
  return (
    <AreaMap
      id="area-map"
      map={map}
      areas={areas}
      title={t('home.mapTitle')}
      description={t('home.mapDescription', { count: areas.filter((a) => map.municipalities.some((s) => s.istatCode === a.istatCode)).length })}
      legendTitle={t('home.legend')}
      legend={BUCKETS.map((b) => ({ className: b.className, label: b.label(t) }))}
      t={t}
    />
  );
}
