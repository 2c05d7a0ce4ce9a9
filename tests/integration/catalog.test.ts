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
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { italianDate } from '@/lib/time/zones';
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

  it('keeps the counts equal to the messages themselves through publication, theme changes, withdrawal, deletion and elections', async () => {
    const other = (await createTheme(t.db, 'volontariato-conti', 'Volontariato', 'Volunteering')).id;
    const recount = async () => {
      const rows = await t.db.$queryRaw<Array<{ comune: string; theme: number; n: number }>>`
        SELECT v.municipality_istat AS comune, 0 AS theme, count(*)::int AS n FROM video v WHERE v.status = 'PUBLISHED' GROUP BY 1
        UNION ALL
        SELECT v.municipality_istat, vt.theme_id, count(*)::int FROM video v JOIN video_theme vt ON vt.video_id = v.id WHERE v.status = 'PUBLISHED' GROUP BY 1, 2`;
      const kept = await t.db.publishedCount.findMany({ where: { n: { gt: 0 } } });
      const key = (comune: string, theme: number, n: number) => `${comune}/${theme}=${n}`;
      expect(kept.map((k) => key(k.municipalityIstat, k.themeId, k.n)).sort()).toEqual(rows.map((r) => key(r.comune, r.theme, r.n)).sort());
    };
    await recount();
    const published = await createVideo(t.db, { municipality: '001272', title: 'Contato', status: 'PUBLISHED', themes: [themeId, other] });
    const draft = await createVideo(t.db, { municipality: '001272', title: 'Bozza', status: 'DRAFT', themes: [other] });
    await recount();
    // A theme taken from and given to a published message (as an edit does), and to a draft.
    await t.db.videoTheme.delete({ where: { videoId_themeId: { videoId: published.id, themeId } } });
    await t.db.videoTheme.create({ data: { videoId: draft.id, themeId } });
    await recount();
    expect((await listThemes(t.db)).find((th) => th.id === other)?.publishedCount).toBe(1);
    expect((await publishedVideoPage(t.db, { theme: 'volontariato-conti', municipality: '001272', page: 1, pageSize: 10 })).total).toBe(1);
    await applyEditorialEvent(t.db, { videoId: published.id, event: 'withdraw', reason: 'superato' });
    await t.db.video.delete({ where: { id: draft.id } });
    await recount();
    expect((await publishedVideoPage(t.db, { theme: 'volontariato-conti', page: 1, pageSize: 10 })).total).toBe(0);

    // A comune whose messages an election period hides counts nothing, and shows nothing, until it ends.
    const today = italianDate(new Date());
    const period = await t.db.electionPeriod.create({ data: { municipalityIstat: '001259', startsOn: today, endsOn: today, hidePublished: true } });
    expect((await municipalitiesWithCounts(t.db, '001')).find((m) => m.istatCode === '001259')?.publishedCount).toBe(0);
    expect((await listThemes(t.db)).find((th) => th.slug === 'solidarieta')?.publishedCount).toBe(1);
    expect(await publishedVideoPage(t.db, { municipality: '001259', page: 1, pageSize: 10 })).toMatchObject({ total: 0, items: [] });
    expect((await publishedVideos(t.db, { q: 'domicilio', areaCode: '001', limit: 10 })).items).toEqual([]);
    await t.db.electionPeriod.delete({ where: { id: period.id } });
    expect((await municipalitiesWithCounts(t.db, '001')).find((m) => m.istatCode === '001259')?.publishedCount).toBe(1);
    expect((await publishedVideos(t.db, { q: 'domicilio', areaCode: '001', limit: 10 })).items).toHaveLength(1);
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
