import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENTS, Server, type Upload } from '@tus/server';
import { userFromCookieHeader, type SignedInUser } from '../auth/session';
import type { Db } from '../db/client';
import { displayFilename, hasAllowedExtension } from './filename';
import { queueMediaCheck, startMediaChecker } from './media-check';
import { mediaStore } from './media-store';
import { MEDIA_ID, UPLOAD_PATH, type UploadSettings } from './settings';
import { sendWebResponse, webRequestOf } from './web-bridge';

/*
 * The tus endpoint mayors upload to. Bytes stream from the socket to the media
 * store (never a whole file in memory); a cut connection keeps what arrived,
 * and the browser resumes from there, even after a reload. Only a signed-in
 * mayor may create an upload, and only the mayors of the same comune may touch
 * it. The last byte is acknowledged at once and the file inspected afterwards
 * (media-check.ts). Refusals are answered as JSON ({"error": "<reason>"}) for
 * the form to translate.
 */

interface Refusal {
  status_code: number;
  body: string;
}

function refusal(status: number, error: string): Refusal {
  return { status_code: status, body: JSON.stringify({ error }) };
}

export interface UploadServer {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Deletes partial uploads older than the expiry, and finished files no message uses; returns how many went. */
  cleanupExpired(now?: Date): Promise<number>;
  /** Stops inspecting files (after the one under way). */
  close(): Promise<void>;
}

export async function createUploadServer(db: Db, settings: UploadSettings): Promise<UploadServer> {
  if (!settings.s3) await mkdir(settings.directory, { recursive: true });
  const store = await mediaStore(settings);
  const checker = startMediaChecker(db, store, settings);
  const users = new WeakMap<Request, SignedInUser>();

  async function mayorOf(req: Request): Promise<SignedInUser> {
    const user = await userFromCookieHeader(db, req.headers.get('cookie'));
    if (!user) throw refusal(401, 'signedOut');
    if (user.role !== 'MAYOR' || !user.municipalityIstat) throw refusal(403, 'forbidden');
    users.set(req, user);
    return user;
  }

  const server = new Server({
    path: UPLOAD_PATH,
    datastore: store.datastore,
    relativeLocation: true,
    maxSize: settings.limits.maxBytes,
    namingFunction: () => randomBytes(16).toString('hex'),
    async onIncomingRequest(req, id) {
      const user = await mayorOf(req);
      if (req.method === 'POST') return;
      if (!MEDIA_ID.test(id)) throw refusal(404, 'notFound');
      const media = await db.mediaFile.findUnique({ where: { id }, select: { municipalityIstat: true, status: true } });
      if (!media || media.municipalityIstat !== user.municipalityIstat) throw refusal(404, 'notFound');
      if (req.method === 'PATCH' && media.status !== 'UPLOADING') throw refusal(409, 'alreadyFinished');
    },
    async onUploadCreate(req, upload) {
      const user = users.get(req) ?? (await mayorOf(req));
      const name = displayFilename(upload.metadata?.filename);
      if (!hasAllowedExtension(name)) throw refusal(415, 'wrongType');
      if (upload.sizeIsDeferred || upload.size === undefined) throw refusal(400, 'sizeRequired');
      if (upload.size === 0) throw refusal(422, 'empty');
      await db.mediaFile.create({
        data: { id: upload.id, uploaderId: user.id, municipalityIstat: user.municipalityIstat!, originalName: name, sizeBytes: BigInt(upload.size) },
      });
      return { metadata: { ...upload.metadata, filename: name } };
    },
    async onUploadFinish(_req, upload: Upload) {
      await db.$transaction((tx) => queueMediaCheck(tx, upload.id));
      checker.wake();
      return {};
    },
    onResponseError(_req, error) {
      if ('status_code' in error && error.status_code === 413) return refusal(413, 'tooLarge');
      return undefined;
    },
  });

  server.on(EVENTS.POST_TERMINATE, (_req, _res, id: string) => {
    void db.mediaFile.deleteMany({ where: { id, status: 'UPLOADING' } });
  });

  return {
    handle: async (req, res) => sendWebResponse(res, await server.handleWeb(webRequestOf(req, res))),
    async cleanupExpired(now = new Date()) {
      const cutoff = new Date(now.getTime() - settings.expiryMs);
      const removed = await store.deleteExpired();
      const stale = await db.mediaFile.findMany({ where: { status: 'UPLOADING', createdAt: { lt: cutoff } }, select: { id: true } });
      for (const { id } of stale) await store.remove(id);
      const forgotten = await db.mediaFile.deleteMany({ where: { id: { in: stale.map((s) => s.id) }, video: null } });
      // Files uploaded and then replaced, or left when the form was abandoned: nothing will ever show them.
      const unused = await db.mediaFile.findMany({
        where: { status: { in: ['READY', 'REJECTED'] }, video: null, createdAt: { lt: cutoff } },
        select: { id: true },
      });
      let unusedGone = 0;
      for (const { id } of unused) {
        // The row goes first, and only while no message holds it: a draft saved at this moment keeps its file.
        if ((await db.mediaFile.deleteMany({ where: { id, video: null } })).count === 0) continue;
        await store.remove(id);
        unusedGone++;
      }
      return Math.max(removed, forgotten.count) + unusedGone;
    },
    close: () => checker.close(),
  };
}
