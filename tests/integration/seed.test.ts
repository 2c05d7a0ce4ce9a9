import path from 'node:path';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPublishedVideo, municipalitiesWithCounts, listThemes, publishedVideos } from '@/lib/catalog';
import { seedDemoContent } from '@/lib/seed/demo';
import { mediaStore } from '@/lib/uploads/media-store';
import { uploadSettings } from '@/lib/uploads/settings';
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
    const uploads = uploadSettings(await mkdtemp(path.join(os.tmpdir(), 'vc-seed-')));
    const store = await mediaStore(uploads);
    const created = await seedDemoContent(t.db, { media: { store, limits: uploads.limits } });
    expect(created).toBeGreaterThan(20);
    expect(await seedDemoContent(t.db, { media: { store, limits: uploads.limits } })).toBe(0);
    expect(await t.db.video.count({ where: { isDemo: false } })).toBe(0);
    expect(await t.db.video.count({ where: { status: 'PUBLISHED' } })).toBe(created);

    // Every demo message has a real video, inspected like a mayor's upload: 10 to 20 seconds, H.264, a poster frame.
    const videos = await t.db.video.findMany({ select: { id: true, mediaId: true, media: { select: { status: true, durationMs: true, videoCodec: true } } } });
    expect(videos.every((v) => v.media?.status === 'READY' && v.media.videoCodec === 'h264')).toBe(true);
    expect(videos.every((v) => v.media!.durationMs! >= 10_000 && v.media!.durationMs! <= 20_500)).toBe(true);
    const poster = await store.readPoster(videos[0]!.mediaId!);
    expect(poster?.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect((await store.size(videos[0]!.mediaId!)) ?? 0).toBeGreaterThan(10_000);

    // Their captions are the transcript citizens read, and what the mayor says is found by the search.
    const page = await findPublishedVideo(t.db, videos[0]!.id);
    expect(page?.transcript.length).toBeGreaterThan(1);
    expect(page?.transcript[0]).toMatchObject({ second: 0 });
    expect(page?.durationSeconds).toBeGreaterThanOrEqual(10);
    // "vergognatevi" is said only in the psychological support message's video, in no title or description.
    const found = await publishedVideos(t.db, { q: 'vergognatevi', limit: 5 });
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((v) => v.title.includes('psicologico'))).toBe(true);
    // Some forty ffmpeg runs and inspections: about 20 s alone, longer beside the rest of the suite.
  }, 180_000);
});
