import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db, Tx } from '../db/client';
import type { RenditionKind } from '../generated/prisma/enums';
import { enqueue } from '../jobs/queue';
import type { MediaStore } from '../uploads/media-store';
import type { UploadSettings } from '../uploads/settings';
import { RENDITION_FILES } from '../uploads/settings';
import { runTool } from '../uploads/tool';
import { encodingCommand, encodingTimeMs, renditionsFor } from './encode';

/*
 * The `media.renditions` job brings a file's renditions in line with its
 * message: made once the file is inspected and READY, removed (rows first, then
 * bytes) once its message is withdrawn. It is queued on both events, one at a
 * time per file, so a withdrawal heard while a rendition is being made is acted
 * on after it. Who may fetch a rendition is decided where it is served, by the
 * same rule as the video itself (lib/uploads/access.ts): public only while the
 * message is.
 */

export type RenditionSettings = Pick<UploadSettings, 'limits' | 'scratchDirectory'>;

/** Queues the work, in the caller's transaction. */
export async function queueRenditions(tx: Tx | Db, mediaId: string): Promise<void> {
  await enqueue(tx, 'media.renditions', { mediaId });
}

/** Whether the file's message was withdrawn: read under the message's row lock, so a withdrawal waits for what this decides. */
async function withdrawnLocked(tx: Tx, mediaId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ status: string }>>`SELECT status::text FROM video WHERE media_id = ${mediaId} FOR UPDATE`;
  return rows.some((row) => row.status === 'WITHDRAWN');
}

export async function removeRenditions(db: Db, store: MediaStore, mediaId: string): Promise<void> {
  await db.mediaRendition.deleteMany({ where: { mediaId } });
  await store.removeRenditions(mediaId);
}

/** Makes what is missing, or removes everything once the message is withdrawn. */
export async function syncRenditions(db: Db, store: MediaStore, settings: RenditionSettings, mediaId: string): Promise<void> {
  const media = await db.mediaFile.findUnique({
    where: { id: mediaId },
    select: { status: true, audioCodec: true, durationMs: true, video: { select: { status: true } }, renditions: { select: { kind: true } } },
  });
  if (!media) return;
  if (media.video?.status === 'WITHDRAWN') return removeRenditions(db, store, mediaId);
  if (media.status !== 'READY') return;
  const missing = renditionsFor(media).filter((kind) => !media.renditions.some((r) => r.kind === kind));
  if (!missing.length) return;
  await mkdir(settings.scratchDirectory, { recursive: true });
  const failures: unknown[] = [];
  await store.withLocalFile(mediaId, async (input) => {
    // Each on its own: a picture that cannot be taken must not keep a citizen from the light version.
    for (const kind of missing)
      await makeOne(db, store, settings, { mediaId, kind, input, durationMs: media.durationMs ?? 0 }).catch((error: unknown) => failures.push(error));
  });
  if (failures.length) throw failures[0];
}

async function makeOne(
  db: Db,
  store: MediaStore,
  settings: RenditionSettings,
  { mediaId, kind, input, durationMs }: { mediaId: string; kind: RenditionKind; input: string; durationMs: number },
): Promise<void> {
  const output = path.join(settings.scratchDirectory, `${mediaId}-${randomBytes(4).toString('hex')}.${RENDITION_FILES[kind].suffix}`);
  try {
    const [command, args] = encodingCommand(kind, input, output, settings.limits.maxFrameSide, durationMs);
    const result = await runTool(command, args, {
      deadline: Date.now() + encodingTimeMs(durationMs),
      memoryBytes: settings.limits.toolMemoryBytes,
    });
    if (result.code !== 0) throw new Error(`ffmpeg could not make the ${kind} rendition of ${mediaId}: ${result.stderr.trim().slice(-500)}`);
    const { size } = await stat(output);
    // The bytes first, then the row that makes them visible; a withdrawal that came meanwhile gets neither.
    await store.saveRendition(mediaId, kind, output);
    const kept = await db
      .$transaction(async (tx) => {
        if (await withdrawnLocked(tx, mediaId)) return false;
        await tx.mediaRendition.upsert({
          where: { mediaId_kind: { mediaId, kind } },
          create: { mediaId, kind, sizeBytes: BigInt(size) },
          update: { sizeBytes: BigInt(size) },
        });
        return true;
      })
      .catch(async (error: unknown) => {
        // No row says they exist (the file was deleted meanwhile, say): the bytes go too, then the job is retried.
        await store.removeRenditions(mediaId);
        throw error;
      });
    if (!kept) await removeRenditions(db, store, mediaId);
  } finally {
    await rm(output, { force: true });
  }
}
