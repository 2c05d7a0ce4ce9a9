import { readFileSync } from 'node:fs';
import path from 'node:path';
import { config } from '@/lib/config';
import { mapFileName, type AreaMapData } from './map-data';
import { projectAreaMap, type ProjectedMap } from './render';

/* The built map is immutable while the process runs: read and project it once. */
let cachedData: AreaMapData | null = null;
const projected = new Map<number, ProjectedMap>();

export function areaMapData(): AreaMapData {
  if (!cachedData) {
    const { mapDir, areaCode } = config();
    const file = path.join(mapDir, mapFileName(areaCode));
    try {
      cachedData = JSON.parse(readFileSync(file, 'utf8')) as AreaMapData;
    } catch (error) {
      throw new Error(`Map data ${file} is missing: start the portal with the README run command, which builds it`, { cause: error });
    }
  }
  return cachedData;
}

export function projectedAreaMap(width: number): ProjectedMap {
  let map = projected.get(width);
  if (!map) {
    map = projectAreaMap(areaMapData(), width);
    projected.set(width, map);
  }
  return map;
}
