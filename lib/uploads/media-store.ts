import { createReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import type { DataStore } from '@tus/server';
import type { RenditionKind } from '../generated/prisma/enums';
import { mediaFile, posterFile, renditionFile, RENDITION_FILES, type UploadSettings } from './settings';

/*
 * Where uploaded videos and their posters live: folders of the data directory
 * by default, or an S3-compatible bucket when VC_S3_BUCKET is set. Everything
 * that touches the bytes (the tus endpoint, the inspection, the player, the
 * YouTube upload) goes through this surface, so no caller knows which one it is.
 */

export interface MediaStore {
  /** The tus datastore uploads are written into. */
  readonly datastore: DataStore;
  /** Size in bytes of a finished upload (or of one of its renditions), or null when there is none. */
  size(id: string, rendition?: RenditionKind): Promise<number | null>;
  /** Bytes start..end (inclusive) of a finished upload (or of one of its renditions), streamed. */
  read(id: string, start: number, end: number, rendition?: RenditionKind): Promise<Readable>;
  /** Keeps a rendition of a video, taken from a file on this machine (which may be moved away). */
  saveRendition(id: string, rendition: RenditionKind, file: string): Promise<void>;
  /** Removes a video's renditions; the video stays. */
  removeRenditions(id: string): Promise<void>;
  /** Runs `work` with a path on this machine holding the file (a temporary copy for a bucket). */
  withLocalFile<T>(id: string, work: (file: string) => Promise<T>): Promise<T>;
  /** Keeps the poster frame of a video (a small JPEG). */
  savePoster(id: string, jpeg: Buffer): Promise<void>;
  /** The poster frame, or null. */
  readPoster(id: string): Promise<Buffer | null>;
  /** Removes an upload, finished or partial, its poster, its renditions, and anything the datastore kept beside it. */
  remove(id: string): Promise<void>;
  /** Removes partial uploads older than the expiry; returns how many went. */
  deleteExpired(): Promise<number>;
}

export function fileMediaStore(settings: Pick<UploadSettings, 'directory' | 'posterDirectory' | 'renditionDirectory' | 'expiryMs'>): MediaStore {
  const { directory, posterDirectory, renditionDirectory } = settings;
  const datastore = new FileStore({ directory, expirationPeriodInMilliseconds: settings.expiryMs });
  const pathOf = (id: string, rendition?: RenditionKind) => (rendition ? renditionFile({ renditionDirectory }, id, rendition) : mediaFile({ directory }, id));
  const posterOf = (id: string) => posterFile({ posterDirectory }, id);
  const removeRenditions = async (id: string) => {
    for (const kind of Object.keys(RENDITION_FILES) as RenditionKind[]) await rm(pathOf(id, kind), { force: true });
  };
  return {
    datastore,
    size: (id, rendition) =>
      stat(pathOf(id, rendition)).then(
        (s) => s.size,
        () => null,
      ),
    read: async (id, start, end, rendition) => createReadStream(pathOf(id, rendition), { start, end, highWaterMark: 256 * 1024 }),
    async saveRendition(id, rendition, file) {
      await mkdir(renditionDirectory, { recursive: true });
      const target = pathOf(id, rendition);
      // Written under another name and renamed: a reader never sees half a file.
      const partial = `${target}.${randomBytes(6).toString('hex')}.partial`;
      try {
        await copyFile(file, partial);
        await rename(partial, target);
      } finally {
        await rm(partial, { force: true });
      }
    },
    removeRenditions,
    withLocalFile: (id, work) => work(pathOf(id)),
    async savePoster(id, jpeg) {
      await mkdir(posterDirectory, { recursive: true });
      await writeFile(posterOf(id), jpeg);
    },
    readPoster: (id) => readFile(posterOf(id)).catch(() => null),
    async remove(id) {
      await datastore.remove(id).catch(() => {});
      await rm(pathOf(id), { force: true });
      await rm(posterOf(id), { force: true });
      await removeRenditions(id);
    },
    deleteExpired: () => datastore.deleteExpired(),
  };
}

const stores = new Map<string, Promise<MediaStore>>();

/**
 * The store the settings name, one per process (the S3 client keeps its connections).
 * The S3 backend is loaded only when configured: the AWS SDK would add some 18 MB to every process that never uses it.
 */
export function mediaStore(
  settings: Pick<UploadSettings, 'directory' | 'posterDirectory' | 'renditionDirectory' | 'expiryMs' | 's3' | 'scratchDirectory'>,
): Promise<MediaStore> {
  const { s3 } = settings;
  const key = s3 ? `s3:${s3.endpoint ?? ''}/${s3.bucket}` : `file:${settings.directory}`;
  let store = stores.get(key);
  if (!store) {
    store = s3
      ? import('./s3-media-store').then(({ s3MediaStore }) => s3MediaStore(s3, settings.expiryMs, settings.scratchDirectory))
      : Promise.resolve(fileMediaStore(settings));
    stores.set(key, store);
  }
  return store;
}
