import type { Db } from '@/lib/db/client';

/*
 * Published messages counted per comune (theme 0) and per comune and theme,
 * as the database's triggers keep them in the published_count table with
 * every change (migration published_counts): the home page, the theme pages,
 * the open API and the sitemap count without reading every message. The
 * comuni hidden by an election period count nothing, as everywhere else.
 */

const ALL_THEMES = 0;

export async function publishedCountsByMunicipality(db: Db, hidden: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.publishedCount.findMany({
    where: { themeId: ALL_THEMES, n: { gt: 0 }, ...(hidden.length ? { municipalityIstat: { notIn: [...hidden] } } : {}) },
    select: { municipalityIstat: true, n: true },
  });
  return new Map(rows.map((r) => [r.municipalityIstat, r.n]));
}

export async function publishedCountsByTheme(db: Db, hidden: readonly string[]): Promise<Map<number, number>> {
  const rows = await db.publishedCount.groupBy({
    by: ['themeId'],
    where: { themeId: { not: ALL_THEMES }, ...(hidden.length ? { municipalityIstat: { notIn: [...hidden] } } : {}) },
    _sum: { n: true },
  });
  return new Map(rows.map((r) => [r.themeId, r._sum.n ?? 0]));
}

/** How many messages a comune, a theme, both or the whole area have published and visible. */
export async function publishedTotal(db: Db, filter: { municipality: string | null; themeId: number | null; hidden: readonly string[] }): Promise<number> {
  if (filter.municipality && filter.hidden.includes(filter.municipality)) return 0;
  const { _sum } = await db.publishedCount.aggregate({
    where: {
      themeId: filter.themeId ?? ALL_THEMES,
      ...(filter.municipality ? { municipalityIstat: filter.municipality } : filter.hidden.length ? { municipalityIstat: { notIn: [...filter.hidden] } } : {}),
    },
    _sum: { n: true },
  });
  return _sum.n ?? 0;
}
