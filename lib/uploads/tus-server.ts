import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENTS, Server, type Upload } from '@tus/server';
import { userFromCookieHeader, type SignedInUser } from '../auth/session';
import type { Db, Tx } from '../db/client';
import type { EditorialStatus, MediaStatus } from '../generated/prisma/enums';
import type { Prisma } from '../generated/prisma/client';
import { displayFilename, hasAllowedExtension } from './filename';
import { queueMediaCheck } from './media-check';
import { mediaStore, type MediaStore } from './media-store';
import { MEDIA_ID, UPLOAD_PATH, type UploadQuota, type UploadSettings } from './settings';
import { sendWebResponse, webRequestOf } from './web-bridge';

/*
 * The tus endpoint mayors upload to. Bytes stream from the socket to the media
 * store (never a whole file in memory); a cut connection keeps what arrived,
 * and the browser resumes from there, even after a reload. Only a signed-in
 * mayor may create an upload, and only the mayors of the same comune may touch
 * it. The last byte is acknowledged at once and the file inspected afterwards
 * (media-check.ts). Refusals are answered as JSON ({"error": "<reason>"}) for
 * the form to translate.
 *
 * Only what the uploader needs is served: creating, resuming (HEAD, PATCH)
 * and cancelling an upload still under way. Nobody reads a file back through
 * tus (the player has /api/media/<id>/video, with a content type the server
 * chose), and a finished file cannot be deleted from here: it may already be
 * in a message a moderator is reading. How many uploads, and how many bytes,
 * a mayor and a comune may have open at once is bounded (UploadQuota).
 */

const TUS_METHODS = new Set(['POST', 'HEAD', 'PATCH', 'DELETE', 'OPTIONS']);
// Uploads that hold disk space without being in a message yet.
const OPEN: MediaStatus[] = ['UPLOADING', 'CHECKING'];

interface Refusal {
  status_code: number;
  body: string;
}

function refusal(status: number, error: string): Refusal {
  return { status_code: status, body: JSON.stringify({ error }) };
}

export interface UploadServer {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Where the uploads go (the readiness check asks it too). */
  store: MediaStore;
}

/*
 * Files counted against a quota: open uploads, finished ones no message uses,
 * and those of messages no moderator has taken (drafts, submissions waiting,
 * messages sent back): otherwise saving each file in a draft of its own would
 * free its place and fill the disk all the same.
 */
const NOT_YET_DECIDED: EditorialStatus[] = ['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED'];

function holding(where: Prisma.MediaFileWhereInput): Prisma.MediaFileWhereInput {
  return {
    ...where,
    OR: [{ status: { in: OPEN } }, { status: 'READY', video: null }, { status: 'READY', video: { status: { in: NOT_YET_DECIDED } } }],
  };
}

/** Refuses a new upload of `size` bytes when the mayor or the comune would go over the quota. Runs under the comune's lock. */
async function checkQuota(tx: Tx, quota: UploadQuota, user: SignedInUser, size: number): Promise<void> {
  const comune = user.municipalityIstat!;
  const [userOpen, comuneOpen, userBytes, comuneBytes] = await Promise.all([
    tx.mediaFile.count({ where: { uploaderId: user.id, status: { in: OPEN } } }),
    tx.mediaFile.count({ where: { municipalityIstat: comune, status: { in: OPEN } } }),
    tx.mediaFile.aggregate({ where: holding({ uploaderId: user.id }), _sum: { sizeBytes: true } }),
    tx.mediaFile.aggregate({ where: holding({ municipalityIstat: comune }), _sum: { sizeBytes: true } }),
  ]);
  if (userOpen >= quota.openPerUser || comuneOpen >= quota.openPerComune) throw refusal(429, 'quotaUploads');
  const held = (sum: bigint | null) => Number(sum ?? 0n) + size;
  if (held(userBytes._sum.sizeBytes) > quota.bytesPerUser || held(comuneBytes._sum.sizeBytes) > quota.bytesPerComune) throw refusal(429, 'quotaBytes');
}

export async function createUploadServer(db: Db, settings: UploadSettings): Promise<UploadServer> {
  if (!settings.s3) await mkdir(settings.directory, { recursive: true });
  const store = await mediaStore(settings);
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
    // Checked again under the upload's lock: a last PATCH may finish it between our check and the removal.
    disableTerminationForFinishedUploads: true,
    async onIncomingRequest(req, id) {
      const user = await mayorOf(req);
      if (req.method === 'POST') return;
      if (!MEDIA_ID.test(id)) throw refusal(404, 'notFound');
      const media = await db.mediaFile.findUnique({ where: { id }, select: { municipalityIstat: true, status: true } });
      if (!media || media.municipalityIstat !== user.municipalityIstat) throw refusal(404, 'notFound');
      if ((req.method === 'PATCH' || req.method === 'DELETE') && media.status !== 'UPLOADING') throw refusal(409, 'alreadyFinished');
    },
    async onUploadCreate(req, upload) {
      const user = users.get(req) ?? (await mayorOf(req));
      const name = displayFilename(upload.metadata?.filename);
      if (!hasAllowedExtension(name)) throw refusal(415, 'wrongType');
      if (upload.sizeIsDeferred || upload.size === undefined) throw refusal(400, 'sizeRequired');
      if (upload.size === 0) throw refusal(422, 'empty');
      const size = upload.size;
      await db.$transaction(async (tx) => {
        // One comune's new uploads are counted one at a time: forty requests at once cannot all fit under the same quota.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`upload-quota:${user.municipalityIstat}`}))`;
        await checkQuota(tx, settings.quota, user, size);
        await tx.mediaFile.create({
          data: { id: upload.id, uploaderId: user.id, municipalityIstat: user.municipalityIstat!, originalName: name, sizeBytes: BigInt(size) },
        });
      });
      return { metadata: { ...upload.metadata, filename: name } };
    },
    async onUploadFinish(_req, upload: Upload) {
      await db.$transaction((tx) => queueMediaCheck(tx, upload.id));
      return {};
    },
    onResponseError(_req, error) {
      if ('status_code' in error && error.status_code === 413) return refusal(413, 'tooLarge');
      return undefined;
    },
  });

  // tus does not wait for its listeners: the query is started (a Prisma query runs only once awaited or then-ed) and its failure logged.
  server.on(EVENTS.POST_TERMINATE, (_req, _res, id: string) => {
    db.mediaFile
      .deleteMany({ where: { id, status: 'UPLOADING' } })
      .catch((error: unknown) => console.error(`upload ${id}: could not forget the cancelled upload`, error));
  });

  return {
    store,
    async handle(req, res) {
      if (!TUS_METHODS.has(req.method ?? '')) {
        req.resume();
        res.writeHead(405, { Allow: [...TUS_METHODS].join(', '), 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        res.end(JSON.stringify({ error: 'methodNotAllowed' }));
        return;
      }
      await sendWebResponse(res, await server.handleWeb(webRequestOf(req, res)));
    },
  };
}
