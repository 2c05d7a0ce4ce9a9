import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { foldForSearch } from '@/lib/text/normalize';
import { decodeCursor, encodeCursor } from './cursor';
import { publiclyVisible } from './visibility';

/*
 * The public read model: everything citizens, feeds and the open API see.
 * Every query here is restricted through publiclyVisible (./visibility.ts), so
 * a message in any other state cannot leak through a page or an endpoint.
 */

export const MAX_QUERY_LENGTH = 200;
const MAX_SEARCH_MATCHES = 2000;

export interface MunicipalitySummary {
  istatCode: string;
  name: string;
  slug: string;
  population: number | null;
  publishedCount: number;
}

export interface ThemeSummary {
  id: number;
  slug: string;
  labelIt: string;
  labelEn: string;
  publishedCount: number;
}

const videoSummarySelect = {
  id: true,
  title: true,
  description: true,
  publishedAt: true,
  isDemo: true,
  durationSeconds: true,
  language: true,
  youtubeVideoId: true,
  media: { select: { id: true, status: true, durationMs: true } },
  municipality: { select: { istatCode: true, name: true, slug: true } },
  themes: { select: { theme: { select: { slug: true, labelIt: true, labelEn: true } } }, orderBy: { theme: { position: 'asc' } } },
} as const satisfies Prisma.VideoSelect;

type VideoRow = Prisma.VideoGetPayload<{ select: typeof videoSummarySelect }>;

export interface VideoSummary {
  id: string;
  title: string;
  description: string;
  publishedAt: Date;
  isDemo: boolean;
  durationSeconds: number | null;
  language: string;
  youtubeVideoId: string | null;
  /** The uploaded file the portal plays until the YouTube copy is ready. */
  mediaId: string | null;
  municipality: { istatCode: string; name: string; slug: string };
  themes: Array<{ slug: string; labelIt: string; labelEn: string }>;
}

function toSummary({ media, ...row }: VideoRow): VideoSummary {
  return {
    ...row,
    durationSeconds: row.durationSeconds ?? (media?.durationMs ? Math.round(media.durationMs / 1000) : null),
    mediaId: media?.status === 'READY' ? media.id : null,
    publishedAt: row.publishedAt ?? new Date(0),
    themes: row.themes.map((t) => t.theme),
  };
}

export async function municipalitiesWithCounts(db: Db, areaCode: string): Promise<MunicipalitySummary[]> {
  const [municipalities, counts] = await Promise.all([
    db.municipality.findMany({ where: { areaCode }, select: { istatCode: true, name: true, slug: true, population: true }, orderBy: { name: 'asc' } }),
    db.video.groupBy({ by: ['municipalityIstat'], where: publiclyVisible(), _count: { _all: true } }),
  ]);
  const byCode = new Map(counts.map((c) => [c.municipalityIstat, c._count._all]));
  return municipalities.map((m) => ({ ...m, publishedCount: byCode.get(m.istatCode) ?? 0 })).sort((a, b) => a.name.localeCompare(b.name, 'it'));
}

export function findMunicipality(db: Db, istatCode: string) {
  return db.municipality.findUnique({
    where: { istatCode },
    select: { istatCode: true, name: true, slug: true, population: true, areaCode: true, labelLon: true, labelLat: true },
  });
}

export async function listThemes(db: Db): Promise<ThemeSummary[]> {
  const [themes, counts] = await Promise.all([
    db.theme.findMany({ where: { active: true }, orderBy: [{ position: 'asc' }, { id: 'asc' }] }),
    db.videoTheme.groupBy({ by: ['themeId'], where: { video: publiclyVisible() }, _count: { _all: true } }),
  ]);
  const byId = new Map(counts.map((c) => [c.themeId, c._count._all]));
  return themes.map((t) => ({ id: t.id, slug: t.slug, labelIt: t.labelIt, labelEn: t.labelEn, publishedCount: byId.get(t.id) ?? 0 }));
}

/** A theme by slug, retired ones included: their old messages keep a home. */
export function findTheme(db: Db, slug: string) {
  return db.theme.findUnique({ where: { slug }, select: { id: true, slug: true, labelIt: true, labelEn: true, active: true } });
}

export async function findPublishedVideo(db: Db, id: string): Promise<(VideoSummary & { transcript: string | null; hasCaptions: boolean }) | null> {
  const row = await db.video.findFirst({ where: { id, ...publiclyVisible() }, select: { ...videoSummarySelect, transcript: true, captions: true } });
  if (!row) return null;
  const { transcript, captions, ...summary } = row;
  return { ...toSummary(summary), transcript, hasCaptions: Boolean(captions) };
}

/** A published message's captions (WebVTT), or null. */
export async function publishedCaptions(db: Db, id: string): Promise<{ captions: string; language: string } | null> {
  const row = await db.video.findFirst({ where: { id, captions: { not: null }, ...publiclyVisible() }, select: { captions: true, language: true } });
  return row?.captions ? { captions: row.captions, language: row.language } : null;
}

/** Ids of published messages matching a full-text query (Italian, accents folded) or from a comune whose name matches. */
async function searchMatches(db: Db, q: string, areaCode?: string): Promise<string[]> {
  const municipalityCodes = areaCode ? (await searchMunicipalities(db, areaCode, q)).map((m) => m.istatCode) : [];
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT v.id::text AS id FROM video v
    WHERE v.status = 'PUBLISHED'
      AND (v.search_vector @@ websearch_to_tsquery('public.vc_italian', ${q})
           OR v.municipality_istat = ANY(${municipalityCodes}::text[]))
    ORDER BY ts_rank(v.search_vector, websearch_to_tsquery('public.vc_italian', ${q})) DESC
    LIMIT ${MAX_SEARCH_MATCHES}`;
  return rows.map((r) => r.id);
}

export interface VideoFilter {
  municipality?: string;
  theme?: string;
  q?: string;
  areaCode?: string;
}

async function whereFor(db: Db, filter: VideoFilter): Promise<Prisma.VideoWhereInput> {
  const where: Prisma.VideoWhereInput = { ...publiclyVisible() };
  if (filter.municipality) where.municipalityIstat = filter.municipality;
  if (filter.theme) where.themes = { some: { theme: { slug: filter.theme } } };
  if (filter.q) where.id = { in: await searchMatches(db, filter.q, filter.areaCode) };
  return where;
}

const NEWEST_FIRST = [{ publishedAt: 'desc' }, { id: 'desc' }] as const satisfies Prisma.VideoOrderByWithRelationInput[];

/** Keyset pagination for the API and feeds: stable while new messages arrive. */
export async function publishedVideos(
  db: Db,
  filter: VideoFilter & { cursor?: string; limit: number },
): Promise<{ items: VideoSummary[]; nextCursor: string | null }> {
  const where = await whereFor(db, filter);
  const after = filter.cursor ? decodeCursor(filter.cursor) : null;
  if (after) {
    where.AND = [{ OR: [{ publishedAt: { lt: after.publishedAt } }, { publishedAt: after.publishedAt, id: { lt: after.id } }] }];
  }
  const rows = await db.video.findMany({ where, select: videoSummarySelect, orderBy: NEWEST_FIRST, take: filter.limit + 1 });
  const items = rows.slice(0, filter.limit).map(toSummary);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor(last.publishedAt, last.id) : null };
}

/** Numbered pages for people browsing a theme or a comune. */
export async function publishedVideoPage(
  db: Db,
  filter: VideoFilter & { page: number; pageSize: number },
): Promise<{ items: VideoSummary[]; total: number; pages: number }> {
  const where = await whereFor(db, filter);
  const [total, rows] = await Promise.all([
    db.video.count({ where }),
    db.video.findMany({ where, select: videoSummarySelect, orderBy: NEWEST_FIRST, skip: (filter.page - 1) * filter.pageSize, take: filter.pageSize }),
  ]);
  return { items: rows.map(toSummary), total, pages: Math.max(1, Math.ceil(total / filter.pageSize)) };
}

export async function searchMunicipalities(db: Db, areaCode: string, q: string): Promise<Array<{ istatCode: string; name: string; slug: string }>> {
  const needle = foldForSearch(q);
  if (!needle) return [];
  const all = await db.municipality.findMany({ where: { areaCode }, select: { istatCode: true, name: true, slug: true }, orderBy: { name: 'asc' } });
  return all.filter((m) => foldForSearch(m.name).includes(needle) || m.istatCode === needle);
}

/** Every published message's id and date, for the sitemap. */
export function publishedVideoIndex(db: Db) {
  return db.video.findMany({ where: publiclyVisible(), select: { id: true, updatedAt: true }, orderBy: NEWEST_FIRST });
}
