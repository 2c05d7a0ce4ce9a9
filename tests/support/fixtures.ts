import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir } from 'node:fs/promises';
import type { Db } from '@/lib/db/client';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import type { EditorialStatus } from '@/lib/generated/prisma/enums';
import { slugify } from '@/lib/text/normalize';
import { inspectedColumns, inspectVideo, makePoster } from '@/lib/uploads/probe';
import { mediaStore } from '@/lib/uploads/media-store';
import { mediaFile, uploadSettings } from '@/lib/uploads/settings';

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
  options: {
    municipality: string;
    title: string;
    status: EditorialStatus;
    description?: string;
    captions?: string;
    themes?: number[];
    youtubeVideoId?: string;
    publishedAt?: Date;
  },
) {
  const media = options.status === 'DRAFT' ? null : await createReadyMedia(db, options.municipality);
  const video = await db.video.create({
    data: {
      mediaId: media?.id ?? null,
      consentGiven: media !== null,
      municipalityIstat: options.municipality,
      title: options.title,
      description: options.description ?? '',
      captions: options.captions ?? null,
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

/** An invited user with a signed-in browser session; cookie is what that browser sends. */
export async function createUser(db: Db, options: { role: 'MAYOR' | 'MODERATOR' | 'ADMIN'; municipality?: string; email?: string; name?: string }) {
  const email = options.email ?? `${options.role.toLowerCase()}-${randomBytes(6).toString('hex')}@test.invalid`;
  const user = await db.user.create({
    data: {
      email,
      name: options.name ?? `Test ${options.role}`,
      role: options.role,
      municipalityIstat: options.role === 'MAYOR' ? (options.municipality ?? null) : null,
    },
  });
  const sessionToken = randomBytes(24).toString('hex');
  await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 3600_000) } });
  return {
    user,
    sessionToken,
    cookie: `next-auth.session-token=${sessionToken}`,
    signedIn: { id: user.id, email: user.email, name: user.name, role: user.role, municipalityIstat: user.municipalityIstat },
  };
}

/** A validated upload of the comune, as the tus server leaves it (no bytes on disk). */
export async function createReadyMedia(db: Db, municipality: string) {
  const uploader =
    (await db.user.findFirst({ where: { role: 'MAYOR', municipalityIstat: municipality } })) ?? (await createUser(db, { role: 'MAYOR', municipality })).user;
  return db.mediaFile.create({
    data: {
      id: randomBytes(16).toString('hex'),
      uploaderId: uploader.id,
      municipalityIstat: municipality,
      status: 'READY',
      originalName: 'messaggio.mp4',
      sizeBytes: 1234n,
      container: 'mp4',
      videoCodec: 'h264',
      width: 640,
      height: 360,
      durationMs: 30_000,
      sha256: '0'.repeat(64),
      finishedAt: new Date(),
    },
  });
}

/** A real video file stored as the tus server and validation would leave it (file, poster, READY row), for tests that play it. */
export async function placeMedia(db: Db, dataDir: string, municipality: string, source: string) {
  const settings = uploadSettings(dataDir);
  const inspected = await inspectVideo(source, settings.limits, (info, bounds) => makePoster(source, info.durationMs, bounds));
  if (!inspected.ok) throw new Error(`test media refused: ${inspected.reason}`);
  const media = await createReadyMedia(db, municipality);
  await mkdir(settings.directory, { recursive: true });
  await copyFile(source, mediaFile(settings, media.id));
  // As the upload server leaves it: for the portal's own user only (a copy would keep the source's 0644).
  await chmod(mediaFile(settings, media.id), 0o600);
  await (await mediaStore(settings)).savePoster(media.id, inspected.poster!);
  const { info } = inspected;
  return db.mediaFile.update({
    where: { id: media.id },
    data: { sizeBytes: BigInt(info.sizeBytes), ...inspectedColumns(info) },
  });
}

/** A media file's row once the inspection after its upload has decided (READY or REJECTED). */
export async function settledMedia(db: Db, id: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.mediaFile.findUniqueOrThrow({ where: { id } });
    if (row.status !== 'CHECKING' && row.status !== 'UPLOADING') return row;
    if (Date.now() > deadline) throw new Error(`media ${id} is still ${row.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The revision a moderator would see on the message's page, which a decision must name. */
export async function revisionOf(db: Db, videoId: string): Promise<number> {
  return (await db.video.findUniqueOrThrow({ where: { id: videoId }, select: { revision: true } })).revision;
}
