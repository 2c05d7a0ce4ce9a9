import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { S3, type S3ClientConfig } from '@aws-sdk/client-s3';
import { S3Store } from '@tus/s3-store';
import type { RenditionKind } from '../generated/prisma/enums';
import type { MediaStore } from './media-store';
import { RENDITION_FILES, type S3Settings } from './settings';

/*
 * Videos in an S3-compatible bucket. @tus/s3-store turns each tus upload into
 * a multipart upload (the object appears whole at the last byte, with an
 * `<id>.info` object beside it); reads are ranged GETs, so neither the player
 * nor the YouTube upload ever holds a whole video. Posters are `<id>.poster.jpg`
 * objects, renditions `<id>.light.mp4` and `<id>.audio.m4a`. ffprobe and ffmpeg need a file, so the inspection works on a
 * temporary copy that is deleted after.
 */

const MISSING = new Set(['NotFound', 'NoSuchKey', 'NoSuchUpload']);
const SCRATCH_MAX_AGE_MS = 6 * 3600_000;

const posterKey = (id: string) => `${id}.poster.jpg`;
const objectKey = (id: string, rendition?: RenditionKind) => (rendition ? `${id}.${RENDITION_FILES[rendition].suffix}` : id);
const renditionKeys = (id: string) => (Object.keys(RENDITION_FILES) as RenditionKind[]).map((kind) => ({ Key: objectKey(id, kind) }));

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && MISSING.has(String(error.name));
}

export function s3MediaStore(settings: S3Settings, expiryMs: number, scratchDirectory: string): MediaStore {
  const clientConfig: S3ClientConfig = {
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    // Checksums only where S3 demands them: several S3-compatible servers refuse the SDK's newer default.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  const client = new S3(clientConfig);
  const datastore = new S3Store({
    partSize: settings.partBytes,
    expirationPeriodInMilliseconds: expiryMs,
    s3ClientConfig: { ...clientConfig, bucket: settings.bucket },
  });
  const Bucket = settings.bucket;

  async function body(id: string, range?: string): Promise<Readable> {
    const object = await client.getObject({ Bucket, Key: id, Range: range }).catch((error: unknown) => {
      // The same error as a missing file on disk, so callers handle one kind.
      throw isMissing(error) ? Object.assign(new Error(`${id} is not in the bucket`), { code: 'ENOENT' }) : error;
    });
    if (!(object.Body instanceof Readable)) throw new Error(`no body for ${id}`);
    return object.Body;
  }

  return {
    datastore,
    async size(id, rendition) {
      try {
        return (await client.headObject({ Bucket, Key: objectKey(id, rendition) })).ContentLength ?? null;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    read: (id, start, end, rendition) => body(objectKey(id, rendition), `bytes=${start}-${end}`),
    async saveRendition(id, rendition, file) {
      // A few megabytes at most (400 kbit/s for 15 minutes is 45 MB): one PUT, streamed from the file.
      const { size } = await stat(file);
      await client.putObject({
        Bucket,
        Key: objectKey(id, rendition),
        Body: createReadStream(file),
        ContentLength: size,
        ContentType: RENDITION_FILES[rendition].contentType,
      });
    },
    async removeRenditions(id) {
      await client.deleteObjects({ Bucket, Delete: { Objects: renditionKeys(id), Quiet: true } });
    },
    async withLocalFile(id, work) {
      await mkdir(scratchDirectory, { recursive: true });
      const file = path.join(scratchDirectory, `${id}-${randomBytes(4).toString('hex')}`);
      try {
        await pipeline(await body(id), createWriteStream(file));
        return await work(file);
      } finally {
        await rm(file, { force: true });
      }
    },
    async savePoster(id, jpeg) {
      await client.putObject({ Bucket, Key: posterKey(id), Body: jpeg, ContentType: 'image/jpeg' });
    },
    async readPoster(id) {
      try {
        return Buffer.concat((await (await body(posterKey(id))).toArray()) as Buffer[]);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove(id) {
      // The datastore aborts a multipart upload still open; a finished one it cannot find, so the objects go here.
      await datastore.remove(id).catch(() => {});
      await client.deleteObjects({
        Bucket,
        Delete: { Objects: [{ Key: id }, { Key: `${id}.info` }, { Key: `${id}.part` }, { Key: posterKey(id) }, ...renditionKeys(id)], Quiet: true },
      });
    },
    async deleteExpired() {
      // Copies left by a process that died mid-inspection; a live inspection is far younger than this.
      const stale = Date.now() - SCRATCH_MAX_AGE_MS;
      for (const name of await readdir(scratchDirectory).catch(() => [])) {
        const file = path.join(scratchDirectory, name);
        const modified = (await stat(file).catch(() => null))?.mtimeMs ?? Date.now();
        if (modified < stale) await rm(file, { force: true });
      }
      return datastore.deleteExpired();
    },
  };
}
