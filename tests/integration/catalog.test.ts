import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findPublishedVideo,
  listThemes,
  municipalitiesWithCounts,
  publishedVideoIndex,
  publishedVideoPage,
  publishedVideos,
  searchMunicipalities,
} from '@/lib/catalog';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ALL_STATUSES, createMunicipality, createTheme, createVideo } from '../support/fixtures';

let t: TestDatabase;
let themeId: number;
const hidden: string[] = [];
let publishedId = '';

beforeAll(async () => {
  t = await createTestDatabase();
  await createMunicipality(t.db, '001259', "Sauze d'Oulx");
  await createMunicipality(t.db, '001313', 'Viù');
  await createMunicipality(t.db, '001272', 'Torino');
  themeId = (await createTheme(t.db, 'solidarieta', 'Solidarietà', 'Solidarity')).id;
  for (const status of ALL_STATUSES) {
    const video = await createVideo(t.db, {
      municipality: '001313',
      title: `Segreto ${status} mascherine`,
      description: 'Perché restare a casa',
      status,
      themes: [themeId],
    });
    if (status === 'PUBLISHED') publishedId = video.id;
    else hidden.push(video.id);
  }
  await createVideo(t.db, {
    municipality: '001259',
    title: 'Spesa a domicilio in alta valle',
    description: 'Chiamate il Comune',
    status: 'PUBLISHED',
    themes: [themeId],
  });
});
afterAll(() => t.drop());

describe('nothing public before publication', () => {
  it('counts only published messages per comune and per theme', async () => {
    const municipalities = await municipalitiesWithCounts(t.db, '001');
    expect(municipalities.find((m) => m.istatCode === '001313')?.publishedCount).toBe(1);
    expect((await listThemes(t.db)).find((th) => th.slug === 'solidarieta')?.publishedCount).toBe(2);
  });

  it('never returns a message in any other state, by id, list, page, search or sitemap', async () => {
    for (const id of hidden) expect(await findPublishedVideo(t.db, id)).toBeNull();
    const listed = (await publishedVideos(t.db, { limit: 100 })).items.map((v) => v.id);
    const paged = (await publishedVideoPage(t.db, { theme: 'solidarieta', page: 1, pageSize: 100 })).items.map((v) => v.id);
    const searched = (await publishedVideos(t.db, { q: 'segreto mascherine', limit: 100 })).items.map((v) => v.id);
    const sitemap = (await publishedVideoIndex(t.db)).map((v) => v.id);
    for (const ids of [listed, paged, searched, sitemap]) {
      expect(ids).toContain(publishedId);
      for (const id of hidden) expect(ids).not.toContain(id);
    }
  });
});

describe('search', () => {
  it('finds accented words typed without accents', async () => {
    const { items } = await publishedVideos(t.db, { q: 'perche', limit: 10 });
    expect(items.map((v) => v.id)).toEqual([publishedId]);
  });

  it('finds a comune and its messages by a name with an apostrophe, whatever the apostrophe', async () => {
    for (const q of ["Sauze d'Oulx", 'Sauze d’Oulx', 'sauze doulx'.replace('doulx', 'd oulx')]) {
      expect((await searchMunicipalities(t.db, '001', q)).map((m) => m.istatCode)).toEqual(['001259']);
      const { items } = await publishedVideos(t.db, { q, areaCode: '001', limit: 10 });
      expect(items.map((v) => v.municipality.name)).toContain("Sauze d'Oulx");
    }
  });

  it('finds Viù typed as "viu"', async () => {
    expect((await searchMunicipalities(t.db, '001', 'viu')).map((m) => m.name)).toEqual(['Viù']);
  });

  it('treats query syntax as text, not as an error', async () => {
    for (const q of ['"unclosed', 'a & b | !c', "'); DROP TABLE video; --", ':*']) {
      await expect(publishedVideos(t.db, { q, limit: 5 })).resolves.toBeDefined();
    }
  });
});

describe('pagination', () => {
  it('walks every published message once with the keyset cursor', async () => {
    for (let i = 0; i < 5; i++) {
      await createVideo(t.db, { municipality: '001272', title: `Torino ${i}`, status: 'PUBLISHED', publishedAt: new Date(Date.UTC(2026, 0, 1, 12)) });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await publishedVideos(t.db, { limit: 2, cursor });
      seen.push(...page.items.map((v) => v.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all = (await publishedVideoIndex(t.db)).map((v) => v.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
