import { z } from 'zod';
import { requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db } from '../db/client';
import type { EditorialStatus } from '../generated/prisma/enums';

/*
 * Which comuni have spoken: per comune, how many messages are published and
 * how many wait for a decision, so staff can call the mayors who have not
 * sent anything yet.
 */

export type CoverageState = 'published' | 'waiting' | 'none';
const WAITING: readonly EditorialStatus[] = ['SUBMITTED', 'CHANGES_REQUESTED', 'APPROVED'];

export interface CoverageRow {
  istatCode: string;
  name: string;
  slug: string;
  population: number | null;
  published: number;
  waiting: number;
  lastPublishedAt: Date | null;
  /** YouTube views of the comune's published messages, from the latest counts. */
  views: number;
  state: CoverageState;
}

export const COVERAGE_SORTS = ['name', 'population', 'published', 'waiting', 'views', 'state'] as const;
export const coverageQuerySchema = z.object({
  ordina: z.enum(COVERAGE_SORTS).catch('state'),
  verso: z.enum(['asc', 'desc']).catch('asc'),
  stato: z.enum(['', 'published', 'waiting', 'none']).catch(''),
  /** A group of comuni (lib/groups): the map, the summary and the table show only its comuni. */
  gruppo: z
    .string()
    .regex(/^[1-9]\d{0,8}$/)
    .optional()
    .catch(undefined),
});

/** The query as an address's parameters (sorting links, the CSV download). */
export function coverageParams(query: CoverageQuery): URLSearchParams {
  return new URLSearchParams({
    ordina: query.ordina,
    verso: query.verso,
    ...(query.stato ? { stato: query.stato } : {}),
    ...(query.gruppo ? { gruppo: query.gruppo } : {}),
  });
}
export type CoverageQuery = z.infer<typeof coverageQuerySchema>;

const STATE_ORDER: Record<CoverageState, number> = { none: 0, waiting: 1, published: 2 };

export async function coverage(db: Db, actor: SignedInUser | null, areaCode: string, query: CoverageQuery) {
  requireCapability(actor, 'moderate');
  // A group's view counts its comuni only, in the per-theme figures too.
  const group = query.gruppo ? Number(query.gruppo) : null;
  const [comuni, counts, last, themes, viewRows, themeRows] = await Promise.all([
    db.municipality.findMany({
      where: { areaCode, ...(group ? { groups: { some: { groupId: group } } } : {}) },
      select: { istatCode: true, name: true, slug: true, population: true },
    }),
    db.video.groupBy({ by: ['municipalityIstat', 'status'], where: { isDemo: false, municipality: { areaCode } }, _count: { _all: true } }),
    db.video.groupBy({ by: ['municipalityIstat'], where: { isDemo: false, status: 'PUBLISHED', municipality: { areaCode } }, _max: { publishedAt: true } }),
    db.theme.findMany({ orderBy: { position: 'asc' }, select: { id: true, slug: true, labelIt: true, labelEn: true, active: true } }),
    db.$queryRaw<Array<{ municipality_istat: string; views: bigint }>>`
      SELECT v."municipality_istat", SUM(s."views")::bigint AS "views"
      FROM "video" v
      JOIN LATERAL (SELECT "views" FROM "video_stats" WHERE "video_id" = v."id" ORDER BY "at" DESC LIMIT 1) s ON true
      JOIN "municipality" m ON m."istat_code" = v."municipality_istat"
      WHERE v."status" = 'PUBLISHED' AND m."area_code" = ${areaCode}
      GROUP BY v."municipality_istat"`,
    db.$queryRaw<Array<{ theme_id: number; published: bigint; waiting: bigint }>>`
      SELECT vt."theme_id",
             COUNT(*) FILTER (WHERE v."status" = 'PUBLISHED') AS "published",
             COUNT(*) FILTER (WHERE v."status"::text = ANY(${[...WAITING]})) AS "waiting"
      FROM "video_theme" vt
      JOIN "video" v ON v."id" = vt."video_id"
      JOIN "municipality" m ON m."istat_code" = v."municipality_istat"
      WHERE NOT v."is_demo" AND m."area_code" = ${areaCode}
        AND (${group}::int IS NULL OR EXISTS (
          SELECT 1 FROM "municipality_group_member" g WHERE g."group_id" = ${group}::int AND g."municipality_istat" = v."municipality_istat"))
      GROUP BY vt."theme_id"`,
  ]);
  const viewsBy = new Map(viewRows.map((r) => [r.municipality_istat, Number(r.views)]));
  const published = new Map<string, number>();
  const waiting = new Map<string, number>();
  for (const c of counts) {
    if (c.status === 'PUBLISHED') published.set(c.municipalityIstat, c._count._all);
    else if (WAITING.includes(c.status)) waiting.set(c.municipalityIstat, (waiting.get(c.municipalityIstat) ?? 0) + c._count._all);
  }
  const lastBy = new Map(last.map((l) => [l.municipalityIstat, l._max.publishedAt]));
  const all: CoverageRow[] = comuni.map((c) => {
    const p = published.get(c.istatCode) ?? 0;
    const w = waiting.get(c.istatCode) ?? 0;
    return {
      ...c,
      published: p,
      waiting: w,
      lastPublishedAt: lastBy.get(c.istatCode) ?? null,
      views: viewsBy.get(c.istatCode) ?? 0,
      state: p ? 'published' : w ? 'waiting' : 'none',
    };
  });
  const summary = { total: all.length, published: 0, waiting: 0, none: 0 };
  for (const row of all) summary[row.state]++;
  const rows = sortCoverage(query.stato ? all.filter((r) => r.state === query.stato) : all, query.ordina, query.verso);
  const byTheme = new Map(themeRows.map((r) => [r.theme_id, { published: Number(r.published), waiting: Number(r.waiting) }]));
  const perTheme = themes
    .map((t) => ({ slug: t.slug, labelIt: t.labelIt, labelEn: t.labelEn, active: t.active, ...(byTheme.get(t.id) ?? { published: 0, waiting: 0 }) }))
    // A retired theme stays listed while messages still carry it.
    .filter((t) => t.active || t.published + t.waiting > 0);
  return { rows, all, summary, perTheme };
}

export function sortCoverage(rows: CoverageRow[], by: CoverageQuery['ordina'], direction: CoverageQuery['verso']): CoverageRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = (a: CoverageRow, b: CoverageRow) => a.name.localeCompare(b.name, 'it');
  const key: Record<CoverageQuery['ordina'], (a: CoverageRow, b: CoverageRow) => number> = {
    name: byName,
    population: (a, b) => (a.population ?? 0) - (b.population ?? 0),
    published: (a, b) => a.published - b.published,
    waiting: (a, b) => a.waiting - b.waiting,
    views: (a, b) => a.views - b.views,
    state: (a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state],
  };
  return [...rows].sort((a, b) => sign * key[by](a, b) || byName(a, b));
}

export const COVERAGE_CSV_HEADER = ['istat_code', 'comune', 'population', 'state', 'published', 'waiting', 'youtube_views', 'last_published_at'];

export function coverageCsvFields(row: CoverageRow): string[] {
  return [
    row.istatCode,
    row.name,
    row.population === null ? '' : String(row.population),
    row.state,
    String(row.published),
    String(row.waiting),
    String(row.views),
    row.lastPublishedAt?.toISOString() ?? '',
  ];
}
