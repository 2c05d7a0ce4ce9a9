import { createHash } from 'node:crypto';
import { geoMercator, geoPath, type GeoContext } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AreaMapData, MunicipalityShapeProps } from './map-data';

/*
 * Projects an area's comuni to SVG path data on the server, so the browser
 * receives plain SVG and no map library.
 */

export interface ProjectedMunicipality {
  istatCode: string;
  name: string;
  d: string;
  /** Label point in SVG coordinates (inside the shape), for keyboard moves and markers. */
  x: number;
  y: number;
}

/** Path coordinates are integers in units of 1/RESOLUTION of the viewBox. */
export const RESOLUTION = 2;

export interface ProjectedMap {
  width: number;
  height: number;
  municipalities: ProjectedMunicipality[];
}

/*
 * A d3 path context that writes integer, relative SVG commands and drops points
 * that round onto the previous one: about a third of d3's absolute output,
 * which matters because the map is sent twice (HTML and React payload).
 */
class CompactPath implements GeoContext {
  private d = '';
  private x = 0;
  private y = 0;
  private startX = 0;
  private startY = 0;
  private afterMove = false;

  constructor(private readonly scale: number) {}

  /* SVG needs no separator before a minus sign. */
  private append(command: string, dx: number, dy: number): void {
    const pair = `${dx}${dy < 0 ? '' : ' '}${dy}`;
    const needsSpace = !command && !/[a-z]$/.test(this.d) && dx >= 0;
    this.d += `${command}${needsSpace ? ' ' : ''}${pair}`;
  }

  moveTo(px: number, py: number): void {
    const x = Math.round(px * this.scale);
    const y = Math.round(py * this.scale);
    this.append('m', x - this.x, y - this.y);
    this.x = this.startX = x;
    this.y = this.startY = y;
    this.afterMove = true;
  }

  lineTo(px: number, py: number): void {
    const x = Math.round(px * this.scale);
    const y = Math.round(py * this.scale);
    if (x === this.x && y === this.y) return;
    this.append(this.afterMove ? 'l' : '', x - this.x, y - this.y);
    this.afterMove = false;
    this.x = x;
    this.y = y;
  }

  closePath(): void {
    this.d += 'z';
    this.x = this.startX;
    this.y = this.startY;
  }

  arc(): void {}

  beginPath(): void {}

  result(): string {
    const d = this.d;
    this.d = '';
    this.x = this.y = 0;
    return d;
  }
}

export function projectAreaMap(data: AreaMapData, width: number): ProjectedMap {
  const collection = feature(data.topology, data.topology.objects.municipalities) as FeatureCollection<Polygon | MultiPolygon, MunicipalityShapeProps>;
  const [[, y0], [, y1]] = geoPath(geoMercator().fitWidth(width, collection)).bounds(collection);
  const height = Math.ceil(y1 - y0 + 2);
  const projection = geoMercator().fitExtent(
    [
      [1, 1],
      [width - 1, height - 1],
    ],
    collection,
  );
  // Coordinates are written at 1/RESOLUTION of a viewBox unit; the SVG scales them back.
  const context = new CompactPath(RESOLUTION);
  const path = geoPath(projection, context);
  const municipalities = collection.features.map((f: Feature<Polygon | MultiPolygon, MunicipalityShapeProps>) => {
    const istatCode = String(f.id);
    const [lon, lat] = data.labels[istatCode] ?? [0, 0];
    const [x, y] = projection([lon, lat]) ?? [0, 0];
    path(f);
    return { istatCode, name: f.properties.name, d: context.result(), x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
  });
  return { width, height, municipalities };
}

export const LOCATOR_WIDTH = 320;
/** The width the area map is drawn at, on the home page and the staff's coverage page. */
export const AREA_MAP_WIDTH = 640;
/** Where the area map's shapes are served from, one `<path id="c<ISTAT>">` each, for `<use>` to draw. */
const MAP_SPRITE_PATH = '/api/map/comuni.svg';

const spriteVersions = new WeakMap<ProjectedMap, string>();

/** The sprite's current version: a digest of its content, so that its address changes when the map does. */
export function spriteVersion(map: ProjectedMap): string {
  let version = spriteVersions.get(map);
  if (!version) {
    version = createHash('sha256').update(mapSprite(map)).digest('hex').slice(0, 16);
    spriteVersions.set(map, version);
  }
  return version;
}

/** The sprite's address for this map, which may be kept for ever (a new map is a new address). */
export function spriteUrl(map: ProjectedMap): string {
  return `${MAP_SPRITE_PATH}?v=${spriteVersion(map)}`;
}

/** The id a comune's shape has in the sprite. */
export function spriteId(istatCode: string): string {
  return `c${istatCode}`;
}

/**
 * Every comune's shape in one SVG file that pages reference with `<use>`: the
 * shapes are the heavy part of the map (numbers compress badly), and a page
 * carries each twice (its HTML and the React payload beside it). Kept once in
 * the browser's cache, the home page carries only the links. Fill and stroke
 * come from the `<use>` (inherited); the stroke keeps its width at any scale.
 */
export function mapSprite(map: ProjectedMap): string {
  const paths = map.municipalities.map((m) => `<path id="${spriteId(m.istatCode)}" d="${m.d}" vector-effect="non-scaling-stroke"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${mapViewBox(map)}"><defs>${paths}</defs></svg>`;
}

export function mapViewBox(map: ProjectedMap): string {
  return `0 0 ${map.width * RESOLUTION} ${map.height * RESOLUTION}`;
}
