import { geoMercator, geoPath } from 'd3-geo';
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

export interface ProjectedMap {
  width: number;
  height: number;
  municipalities: ProjectedMunicipality[];
}

export function projectAreaMap(data: AreaMapData, width: number): ProjectedMap {
  const collection = feature(data.topology, data.topology.objects.municipalities) as FeatureCollection<Polygon | MultiPolygon, MunicipalityShapeProps>;
  const [[, y0], [, y1]] = geoPath(geoMercator().fitWidth(width, collection)).bounds(collection);
  const height = Math.ceil(y1 - y0 + 2);
  const projection = geoMercator().fitExtent([[1, 1], [width - 1, height - 1]], collection);
  const path = geoPath(projection).digits(1);
  const municipalities = collection.features.map((f: Feature<Polygon | MultiPolygon, MunicipalityShapeProps>) => {
    const istatCode = String(f.id);
    const [lon, lat] = data.labels[istatCode] ?? [0, 0];
    const [x, y] = projection([lon, lat]) ?? [0, 0];
    return { istatCode, name: f.properties.name, d: path(f) ?? '', x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
  });
  return { width, height, municipalities };
}
