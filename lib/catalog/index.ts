import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { PUBLIC_STATUS } from '@/lib/editorial/transitions';
import { transcriptOf, type TranscriptLine } from '@/lib/messages/captions';
import { foldForSearch } from '@/lib/text/normalize';
import { decodeCursor, encodeCursor } from './cursor';
import { publishedTotal, publishedCountsByMunicipality, publishedCountsByTheme } from './counts';
import { hiddenMunicipalities, publiclyVisible } from './visibility';

/*
 * The public read model: everything citizens, feeds and the open API see.
 * Every query here is restricted through publiclyVisible (./visibility.ts), so
 * a message in any other state cannot leak through a page or an endpoint.
 */

export const MAX_QUERY_LENGTH = 200;

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
  media: { select: { id: true, status: true, durationMs: true, renditions: { select: { kind: true, sizeBytes: true } } } },
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
  /** Sizes in bytes of the file's renditions that exist (light version, audio), shown before a download. */
  renditions: { light: number | null; audio: number | null };
  municipality: { istatCode: string; name: string; slug: string };
  themes: Array<{ slug: string; labelIt: string; labelEn: string }>;
}

function toSummary({ media, ...row }: VideoRow): VideoSummary {
  const ready = media?.status === 'READY';
  const sizeOf = (kind: 'LIGHT' | 'AUDIO') => {
    const found = ready ? media.renditions.find((r) => r.kind === kind) : undefined;
    return found ? Number(found.sizeBytes) : null;
  };
  return {
    ...row,
    durationSeconds: row.durationSeconds ?? (media?.durationMs ? Math.round(media.durationMs / 1000) : null),
    mediaId: ready ? media.id : null,
    renditions: { light: sizeOf('LIGHT'), audio: sizeOf('AUDIO') },
    publishedAt: row.publishedAt ?? new Date(0),
    themes: row.themes.map((t) => t.theme),
  };
}

export async function municipalitiesWithCounts(db: Db, areaCode: string): Promise<MunicipalitySummary[]> {
  const [municipalities, counts] = await Promise.all([
    db.municipality.findMany({ where: { areaCode }, select: { istatCode: true, name: true, slug: true, population: true }, orderBy: { name: 'asc' } }),
    publishedCountsByMunicipality(db, await hiddenMunicipalities(db)),
  ]);
  return municipalities.map((m) => ({ ...m, publishedCount: counts.get(m.istatCode) ?? 0 })).sort((a, b) => a.name.localeCompare(b.name, 'it'));
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
    publishedCountsByTheme(db, await hiddenMunicipalities(db)),
  ]);
  return themes.map((t) => ({ id: t.id, slug: t.slug, labelIt: t.labelIt, labelEn: t.labelEn, publishedCount: counts.get(t.id) ?? 0 }));
}

/** A theme by slug, retired ones included: their old messages keep a home. */
export function findTheme(db: Db, slug: string) {
  return db.theme.findUnique({ where: { slug }, select: { id: true, slug: true, labelIt: true, labelEn: true, active: true } });
}

export async function findPublishedVideo(db: Db, id: string): Promise<(VideoSummary & { transcript: TranscriptLine[]; hasCaptions: boolean }) | null> {
  const row = await db.video.findFirst({ where: { id, ...(await publiclyVisible(db)) }, select: { ...videoSummarySelect, captions: true } });
  if (!row) return null;
  const { captions, ...summary } = row;
  return { ...toSummary(summary), transcript: captions ? transcriptOf(captions) : [], hasCaptions: Boolean(captions) };
}

/** A published message's captions (WebVTT), or null. */
export async function publishedCaptions(db: Db, id: string): Promise<{ captions: string; language: string } | null> {
  const row = await db.video.findFirst({ where: { id, captions: { not: null }, ...(await publiclyVisible(db)) }, select: { captions: true, language: true } });
  return row?.captions ? { captions: row.captions, language: row.language } : null;
}

export interface VideoFilter {
  municipality?: string;
  theme?: string;
  q?: string;
  areaCode?: string;
}

const NEWEST_FIRST = [{ publishedAt: 'desc' }, { id: 'desc' }] as const satisfies Prisma.VideoOrderByWithRelationInput[];

/** A theme's id by slug; null when there is none (then nothing matches). */
async function themeIdOf(db: Db, slug: string): Promise<number | null> {
  return (await db.theme.findUnique({ where: { slug }, select: { id: true } }))?.id ?? null;
}

interface ResolvedFilter {
  hidden: string[];
  municipality: string | null;
  /** undefined: any theme; null: a theme that does not exist (nothing matches). */
  themeId: number | null | undefined;
}

/** The few small lookups a message query needs first: the hidden comuni, the theme's id. */
async function resolve(db: Db, filter: Omit<VideoFilter, 'q' | 'areaCode'>): Promise<ResolvedFilter> {
  const [hidden, themeId] = await Promise.all([hiddenMunicipalities(db), filter.theme ? themeIdOf(db, filter.theme) : Promise.resolve(undefined)]);
  return { hidden, municipality: filter.municipality ?? null, themeId };
}

/**
 * What citizens may see with these filters (the same rule as publiclyVisible).
 * The theme is compared by id, so that the planner knows how many messages it
 * has and walks the newest first instead of joining every message of the theme.
 */
function conditionsFor(f: ResolvedFilter): Prisma.VideoWhereInput[] {
  const where: Prisma.VideoWhereInput[] = [{ status: PUBLIC_STATUS }];
  if (f.hidden.length) where.push({ municipalityIstat: { notIn: f.hidden } });
  if (f.municipality) where.push({ municipalityIstat: f.municipality });
  if (f.themeId === null) where.push({ id: { in: [] } });
  else if (f.themeId !== undefined) where.push({ themes: { some: { themeId: f.themeId } } });
  return where;
}

/**
 * One page of the messages matching a search (Italian full text, accents
 * folded, or the name of their comune), newest first, as ids. One statement,
 * so that the database stops at the page's last match: with a common word it
 * walks the newest messages, with a rare one it asks the full-text index.
 */
async function searchPage(
  db: Db,
  { hidden, municipality, themeId }: ResolvedFilter,
  filter: { q: string; areaCode?: string; after: { publishedAt: Date; id: string } | null; take: number },
): Promise<string[]> {
  if (themeId === null) return [];
  const comuni = filter.areaCode ? await searchMunicipalities(db, filter.areaCode, filter.q) : [];
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT v.id::text AS id FROM video v
    WHERE v.status = 'PUBLISHED'
      AND v.municipality_istat <> ALL(${hidden}::bpchar[])
      AND (v.search_vector @@ websearch_to_tsquery('public.vc_italian', ${filter.q})
           OR v.municipality_istat = ANY(${comuni.map((m) => m.istatCode)}::bpchar[]))
      AND (${municipality}::bpchar IS NULL OR v.municipality_istat = ${municipality}::bpchar)
      AND (${themeId ?? null}::int IS NULL OR EXISTS (SELECT 1 FROM video_theme vt WHERE vt.video_id = v.id AND vt.theme_id = ${themeId ?? null}::int))
      AND (${filter.after?.publishedAt ?? null}::timestamptz IS NULL
           OR (v.published_at, v.id) < (${filter.after?.publishedAt ?? null}::timestamptz, ${filter.after?.id ?? null}::uuid))
    ORDER BY v.published_at DESC, v.id DESC
    LIMIT ${filter.take}`;
  return rows.map((r) => r.id);
}

/** Keyset pagination for the API and feeds: stable while new messages arrive. */
export async function publishedVideos(
  db: Db,
  filter: VideoFilter & { cursor?: string; limit: number },
): Promise<{ items: VideoSummary[]; nextCursor: string | null }> {
  const after = filter.cursor ? decodeCursor(filter.cursor) : null;
  const resolved = await resolve(db, filter);
  const conditions = conditionsFor(resolved);
  if (filter.q) {
    // The search statement already applied the cursor and the page's size; the conditions above stand guard as everywhere.
    conditions.push({ id: { in: await searchPage(db, resolved, { q: filter.q, areaCode: filter.areaCode, after, take: filter.limit + 1 }) } });
  } else if (after) {
    conditions.push({ OR: [{ publishedAt: { lt: after.publishedAt } }, { publishedAt: after.publishedAt, id: { lt: after.id } }] });
  }
  const rows = await db.video.findMany({ where: { AND: conditions }, select: videoSummarySelect, orderBy: NEWEST_FIRST, take: filter.limit + 1 });
  const items = rows.slice(0, filter.limit).map(toSummary);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor(last.publishedAt, last.id) : null };
}

/** Numbered pages for people browsing a theme or a comune; the total comes from the kept counts (./counts.ts). */
export async function publishedVideoPage(
  db: Db,
  filter: Omit<VideoFilter, 'q' | 'areaCode'> & { page: number; pageSize: number },
): Promise<{ items: VideoSummary[]; total: number; pages: number }> {
  const resolved = await resolve(db, filter);
  const [total, rows] = await Promise.all([
    resolved.themeId === null ? Promise.resolve(0) : publishedTotal(db, { ...resolved, themeId: resolved.themeId ?? null }),
    db.video.findMany({
      where: { AND: conditionsFor(resolved) },
      select: videoSummarySelect,
      orderBy: NEWEST_FIRST,
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
    }),
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
export async function publishedVideoIndex(db: Db) {
  return db.video.findMany({ where: await publiclyVisible(db), select: { id: true, updatedAt: true }, orderBy: NEWEST_FIRST });
}
