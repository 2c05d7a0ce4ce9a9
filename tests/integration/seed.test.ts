import path from 'node:path';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalitiesWithCounts, listThemes } from '@/lib/catalog';
import { seedDemoContent } from '@/lib/seed/demo';
import { seedReferenceData } from '@/lib/seed/reference';
import { ensureAreaMap } from '@/lib/setup/prepare';
import { createTestDatabase, type TestDatabase } from '../support/database';

const shared = path.resolve(import.meta.dirname, '../../../shared/data/geo-italy');
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe.runIf(existsSync(shared))('seed of the Metropolitan City of Turin', () => {
  it('creates the 312 comuni joined on ISTAT code, the six themes and labelled demo messages, once', async () => {
    const map = await ensureAreaMap({ areaCode: '001', mapDir: await mkdtemp(path.join(os.tmpdir(), 'vc-map-')), sharedGeoDir: shared });
    await seedReferenceData(t.db, map);
    await seedReferenceData(t.db, map);
    const municipalities = await municipalitiesWithCounts(t.db, '001');
    expect(municipalities).toHaveLength(312);
    const moncenisio = municipalities.find((m) => m.istatCode === '001157');
    expect(moncenisio).toMatchObject({ name: 'Moncenisio', slug: 'moncenisio', population: 42 });
    expect(municipalities.find((m) => m.istatCode === '001259')?.slug).toBe('sauze-d-oulx');
    expect((await listThemes(t.db)).map((th) => th.labelEn)).toEqual([
      'Solidarity',
      'Help for people in need',
      'Free food and mask delivery',
      'Volunteering',
      'Psychological support',
      'Spaces for young people',
    ]);
    const created = await seedDemoContent(t.db);
    expect(created).toBeGreaterThan(20);
    expect(await seedDemoContent(t.db)).toBe(0);
    expect(await t.db.video.count({ where: { isDemo: false } })).toBe(0);
    expect(await t.db.video.count({ where: { status: 'PUBLISHED' } })).toBe(created);
  });
});
