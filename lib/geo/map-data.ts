import type { Topology, GeometryCollection } from 'topojson-specification';

/** What the setup builds for one area and the portal reads (no React, no I/O here). */
export interface MunicipalityShapeProps {
  name: string;
}

export interface AreaMapData {
  areaCode: string;
  areaName: string;
  areaAcronym: string;
  /** Municipality geometries keyed by `id` = 6-digit ISTAT code. */
  topology: Topology<{ municipalities: GeometryCollection<MunicipalityShapeProps> }>;
  /** A point inside each polygon, [lon, lat], keyed by ISTAT code. */
  labels: Record<string, [number, number]>;
  source: { repository: string; commit: string; file: string; sha256: string };
}

export const ATTRIBUTION = 'Confini: ISTAT, elaborazione openpolis — CC BY 4.0';
export const ATTRIBUTION_URL = 'https://creativecommons.org/licenses/by/4.0/';

export function mapFileName(areaCode: string): string {
  return `area-${areaCode}.json`;
}
