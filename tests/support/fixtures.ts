import type { Db } from '@/lib/db/client';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import type { EditorialStatus } from '@/lib/generated/prisma/enums';
import { slugify } from '@/lib/text/normalize';

/** The shortest path of editorial events from a new draft to each status. */
const PATHS: Record<EditorialStatus, Array<'submit' | 'approve' | 'publish' | 'requestChanges' | 'reject' | 'withdraw'>> = {
  DRAFT: [],
  SUBMITTED: ['submit'],
  CHANGES_REQUESTED: ['submit', 'requestChanges'],
  APPROVED: ['submit', 'approve'],
  PUBLISHED: ['submit', 'approve', 'publish'],
  REJECTED: ['submit', 'reject'],
  WITHDRAWN: ['submit', 'approve', 'publish', 'withdraw'],
};

export async function ensureArea(db: Db, code = '001', name = 'Torino'): Promise<void> {
  await db.area.upsert({ where: { code }, create: { code, name, acronym: 'TO' }, update: {} });
}

export async function createMunicipality(db: Db, istatCode: string, name: string, areaCode = '001') {
  await ensureArea(db, areaCode);
  return db.municipality.upsert({
    where: { istatCode },
    create: { istatCode, name, slug: slugify(name), areaCode, population: 1000, labelLon: 7.6, labelLat: 45.1 },
    update: {},
  });
}

export async function createTheme(db: Db, slug: string, labelIt = slug, labelEn = slug) {
  return db.theme.upsert({ where: { slug }, create: { slug, labelIt, labelEn }, update: {} });
}

export async function createVideo(
  db: Db,
  options: { municipality: string; title: string; status: EditorialStatus; description?: string; transcript?: string; themes?: number[]; youtubeVideoId?: string; publishedAt?: Date },
) {
  const video = await db.video.create({
    data: {
      municipalityIstat: options.municipality,
      title: options.title,
      description: options.description ?? '',
      transcript: options.transcript ?? null,
      youtubeVideoId: options.youtubeVideoId ?? null,
      themes: { create: (options.themes ?? []).map((themeId) => ({ themeId })) },
    },
  });
  for (const event of PATHS[options.status]) {
    await applyEditorialEvent(db, { videoId: video.id, event, reason: 'test reason', at: options.publishedAt });
  }
  return video;
}

export const ALL_STATUSES = Object.keys(PATHS) as EditorialStatus[];
