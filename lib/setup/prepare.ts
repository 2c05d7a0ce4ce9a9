import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createDb } from '@/lib/db/client';
import { deployFor } from '@/lib/db/deploy';
import { jobQueueClient } from '@/lib/jobs/queue';
import { buildAreaMap, writeAreaMap } from '@/lib/geo/build';
import { mapFileName, type AreaMapData } from '@/lib/geo/map-data';
import { seedDemoContent, seedDemoUsers } from '@/lib/seed/demo';
import { mediaStore } from '@/lib/uploads/media-store';
import type { UploadSettings } from '@/lib/uploads/settings';
import { seedReferenceData } from '@/lib/seed/reference';

export interface PrepareOptions {
  /** What the portal connects as (the application role): seeds run as it. */
  databaseUrl: string;
  /** What migrations run as (the owner role), when it is not the portal's own role. */
  migrationUrl?: string;
  /** False in production on an operator's database: migrations are a release step there (npm run db:deploy). */
  migrate?: boolean;
  areaCode: string;
  mapDir: string;
  /** ../shared/data/geo-italy when present; otherwise the pinned files are downloaded. */
  sharedGeoDir: string | null;
  /** Demo messages, labelled as such. */
  demo: boolean;
  /** Where the demo's videos are stored and how they are inspected; without it (or without ffmpeg) demo messages have no video. */
  uploads?: UploadSettings;
  /** The invited demo accounts (demo mode only: their sign-in links are shown in the demo inbox). */
  demoAccounts: boolean;
  log?: (message: string) => void;
}

export function defaultSharedGeoDir(projectRoot: string): string | null {
  const dir = path.resolve(projectRoot, '../shared/data/geo-italy');
  return existsSync(dir) ? dir : null;
}

/** Map data for the area: built once, rebuilt when the area changes or the file is missing. */
export async function ensureAreaMap(options: Pick<PrepareOptions, 'areaCode' | 'mapDir' | 'sharedGeoDir' | 'log'>): Promise<AreaMapData> {
  const file = path.join(options.mapDir, mapFileName(options.areaCode));
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as AreaMapData;
  const data = await buildAreaMap(options.areaCode, options.sharedGeoDir, options.log);
  const { gzipBytes } = await writeAreaMap(data, options.mapDir);
  options.log?.(`Map of ${data.areaName}: ${data.topology.objects.municipalities.geometries.length} comuni, ${(gzipBytes / 1024).toFixed(1)} KB gzip`);
  return data;
}

/** Everything the portal needs before it serves: migrations, map data, reference data, demo content. */
export async function prepare(options: PrepareOptions): Promise<void> {
  const log = options.log ?? (() => {});
  if (options.migrate === false) {
    log("Production on an operator's database: no migrations at start (they are a release step: npm run db:deploy)");
  } else {
    const applied = await deployFor(options.databaseUrl, options.migrationUrl).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!/permission denied|must be owner/.test(message)) throw error;
      throw new Error(`${message}\nMigrations run as the role that owns the schema: set VC_MIGRATION_DATABASE_URL (README, "Database roles").`);
    });
    if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
  }
  // Seeding records domain events, whose jobs are added through this process's client of the queue.
  await jobQueueClient(options.databaseUrl);
  const map = await ensureAreaMap(options);
  const db = createDb(options.databaseUrl, 4);
  try {
    const { municipalities } = await seedReferenceData(db, map);
    log(`Area ${map.areaCode} (${map.areaName}): ${municipalities} comuni`);
    if (options.demoAccounts) await seedDemoUsers(db, map.areaCode);
    if (options.demo) {
      const media = options.uploads ? { store: await mediaStore(options.uploads), limits: options.uploads.limits } : null;
      const started = Date.now();
      const created = await seedDemoContent(db, { media });
      if (created) log(`Created ${created} demo messages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await db.$disconnect();
  }
}
