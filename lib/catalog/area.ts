import { config } from '@/lib/config';
import { areaMapData } from '@/lib/geo/load';

/** The configured area, as the map data names it. */
export function currentArea(): { code: string; name: string } {
  const data = areaMapData();
  return { code: config().areaCode, name: data.areaName };
}
