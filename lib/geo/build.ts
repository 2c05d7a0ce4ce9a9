import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { geoArea } from 'd3-geo';
import polylabel from 'polylabel';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { mapFileName, type AreaMapData, type MunicipalityShapeProps } from './map-data';

/*
 * Builds the map data of one area from the openpolis/ISTAT boundaries: read from
 * ../shared/data/geo-italy when present, otherwise downloaded from the pinned
 * commit; in both cases checked against the pinned SHA-256 before use.
 */

export const GEO_REPOSITORY = 'openpolis/geojson-italy';
export const GEO_COMMIT = '5dd489e676158175c75ae452ab9ec449bf5efb4b';
const SUMS_FILE = path.join(import.meta.dirname, 'geo-italy.sha256');
/** Budget for the simplified TopoJSON of one area, gzip-compressed. */
export const MAP_GZIP_BUDGET = 30 * 1024;

interface SourceProps {
  name: string;
  com_istat_code: string;
  prov_istat_code: string;
  prov_name: string;
  prov_acr: string;
}

async function pinnedSha256(relative: string): Promise<string> {
  const sums = await readFile(SUMS_FILE, 'utf8');
  for (const line of sums.split('\n')) {
    const [sum, file] = line.trim().split(/\s+/);
    if (file?.replace(/^\.\//, '') === relative) return sum!;
  }
  throw new Error(`${relative} is not among the pinned boundary files: is the area code a real province code?`);
}

export async function readPinnedSource(relative: string, sharedDir: string | null, log: (m: string) => void): Promise<{ bytes: Buffer; sha256: string }> {
  const expected = await pinnedSha256(relative);
  let bytes: Buffer;
  const local = sharedDir ? path.join(sharedDir, relative) : null;
  if (local && existsSync(local)) {
    bytes = await readFile(local);
  } else {
    const url = `https://raw.githubusercontent.com/${GEO_REPOSITORY}/${GEO_COMMIT}/${relative}`;
    log(`Downloading ${url}`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not download ${url}: HTTP ${response.status}`);
    bytes = Buffer.from(await response.arrayBuffer());
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== expected) throw new Error(`${relative}: sha256 ${actual} does not match the pinned ${expected}`);
  return { bytes, sha256: actual };
}

function largestPolygon(geometry: Polygon | MultiPolygon): Position[][] {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  let best = geometry.coordinates[0]!;
  let bestArea = -1;
  for (const coordinates of geometry.coordinates) {
    const area = geoArea({ type: 'Polygon', coordinates });
    if (area > bestArea) {
      best = coordinates;
      bestArea = area;
    }
  }
  return best;
}

/** Pole of inaccessibility of the largest part: unlike a centroid, always inside. */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const rings = largestPolygon(geometry) as number[][][];
  const point = polylabel(rings, 0.0005);
  return [Math.round(point[0]! * 1e5) / 1e5, Math.round(point[1]! * 1e5) / 1e5];
}

type AreaTopology = Topology<{ municipalities: GeometryCollection<MunicipalityShapeProps> }>;

function gzipSize(value: unknown): number {
  return gzipSync(JSON.stringify(value), { level: 9 }).length;
}

/* Simplifies as little as possible to fit the budget; arcs keep their end points, so no comune disappears. */
function fitToBudget(topo: AreaTopology): AreaTopology {
  if (gzipSize(topo) <= MAP_GZIP_BUDGET) return topo;
  const weighted = presimplify(topo);
  for (const q of [0.3, 0.45, 0.6, 0.7, 0.8, 0.9]) {
    const simplified = simplify(weighted, quantile(weighted, q)) as AreaTopology;
    if (gzipSize(simplified) <= MAP_GZIP_BUDGET) return simplified;
  }
  return simplify(weighted, quantile(weighted, 0.95)) as AreaTopology;
}

export async function buildAreaMap(areaCode: string, sharedDir: string | null, log: (m: string) => void = () => {}): Promise<AreaMapData> {
  const relative = `topojson/limits_P_${Number(areaCode)}_municipalities.topo.json`;
  const { bytes, sha256 } = await readPinnedSource(relative, sharedDir, log);
  const source = JSON.parse(bytes.toString('utf8')) as Topology;
  const objectName = Object.keys(source.objects)[0];
  if (!objectName) throw new Error(`${relative} has no objects`);
  const collection = feature(source, source.objects[objectName]!) as unknown as { features: Array<Feature<Polygon | MultiPolygon, SourceProps>> };
  if (collection.features.length === 0) throw new Error(`Area ${areaCode} has no municipalities in ${relative}`);
  const first = collection.features[0]!.properties;
  const labels: Record<string, [number, number]> = {};
  const features: Array<Feature<Polygon | MultiPolygon, MunicipalityShapeProps>> = [];
  for (const f of collection.features) {
    const code = f.properties.com_istat_code;
    if (!/^\d{6}$/.test(code)) throw new Error(`Bad ISTAT code ${code} in ${relative}`);
    labels[code] = labelPoint(f.geometry);
    features.push({ type: 'Feature', id: code, properties: { name: f.properties.name }, geometry: f.geometry });
  }
  const collectionOut: FeatureCollection<Polygon | MultiPolygon, MunicipalityShapeProps> = { type: 'FeatureCollection', features };
  const raw = topology({ municipalities: collectionOut }, 1e4) as unknown as AreaTopology;
  return {
    areaCode,
    areaName: first.prov_name,
    areaAcronym: first.prov_acr,
    topology: fitToBudget(raw),
    labels,
    source: { repository: GEO_REPOSITORY, commit: GEO_COMMIT, file: relative, sha256 },
  };
}

/** Writes the built map atomically; returns its path and gzip size. */
export async function writeAreaMap(data: AreaMapData, mapDir: string): Promise<{ file: string; gzipBytes: number }> {
  await mkdir(mapDir, { recursive: true });
  const file = path.join(mapDir, mapFileName(data.areaCode));
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(data));
  await rename(tmp, file);
  return { file, gzipBytes: gzipSize(data.topology) };
}
