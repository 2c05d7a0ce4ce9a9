import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { geoContains } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAreaMap, MAP_GZIP_BUDGET, readPinnedSource } from './build';
import type { AreaMapData } from './map-data';
import { projectAreaMap } from './render';

const shared = path.resolve(import.meta.dirname, '../../../shared/data/geo-italy');

// The boundary files are not in the repository; CI and developers have them in ../shared.
describe.runIf(existsSync(shared))('map data of the Metropolitan City of Turin', () => {
  let map: AreaMapData;
  beforeAll(async () => {
    map = await buildAreaMap('001', shared);
  });

  it('keeps all 312 comuni, keyed by ISTAT code', () => {
    const ids = map.topology.objects.municipalities.geometries.map((g) => String(g.id));
    expect(ids).toHaveLength(312);
    expect(new Set(ids).size).toBe(312);
    expect(ids.every((id) => /^001\d{3}$/.test(id))).toBe(true);
    expect(map.areaName).toBe('Torino');
  });

  it('fits the gzip budget for weak connections', () => {
    expect(gzipSync(JSON.stringify(map.topology)).length).toBeLessThanOrEqual(MAP_GZIP_BUDGET);
  });

  it('puts every label point inside its comune', () => {
    const shapes = feature(map.topology, map.topology.objects.municipalities) as FeatureCollection<Polygon | MultiPolygon>;
    const outside = shapes.features.filter((f: Feature<Polygon | MultiPolygon>) => !geoContains(f, map.labels[String(f.id)]!));
    expect(outside.map((f) => f.id)).toEqual([]);
  });

  it('draws a non-empty SVG path for every comune', () => {
    const projected = projectAreaMap(map, 640);
    expect(projected.municipalities).toHaveLength(312);
    for (const m of projected.municipalities) expect(m.d).toMatch(/^m\d+ \d+l[-\d ]+.*z$/);
    expect(projected.height).toBeGreaterThan(100);
  });

  it('serves any Italian province by its code', async () => {
    const milano = await buildAreaMap('015', shared);
    expect(milano.areaName).toBe('Milano');
    expect(milano.topology.objects.municipalities.geometries.length).toBe(133);
  });
});

describe('pinned boundary files', () => {
  it('refuses a file whose checksum does not match the pinned one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vc-geo-'));
    await mkdir(path.join(dir, 'topojson'), { recursive: true });
    await writeFile(path.join(dir, 'topojson/limits_P_1_municipalities.topo.json'), '{"type":"Topology","objects":{},"arcs":[]}');
    await expect(readPinnedSource('topojson/limits_P_1_municipalities.topo.json', dir, () => {})).rejects.toThrow(/does not match the pinned/);
  });

  it('refuses an area code that is not a province', async () => {
    await expect(readPinnedSource('topojson/limits_P_999_municipalities.topo.json', null, () => {})).rejects.toThrow(/not among the pinned/);
  });
});
