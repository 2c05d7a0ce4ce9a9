import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import type { DataStore } from '@tus/server';
import { mediaFile, posterFile, type UploadSettings } from './settings';

/*
 * Where uploaded videos and their posters live: folders of the data directory
 * by default, or an S3-compatible bucket when VC_S3_BUCKET is set. Everything
 * that touches the bytes (the tus endpoint, the inspection, the player, the
 * YouTube upload) goes through this surface, so no caller knows which one it is.
 */

export interface MediaStore {
  /** The tus datastore uploads are written into. */
  readonly datastore: DataStore;
  /** Size in bytes of a finished upload, or null when there is none. */
  size(id: string): Promise<number | null>;
  /** Bytes start..end (inclusive) of a finished upload, streamed. */
  read(id: string, start: number, end: number): Promise<Readable>;
  /** Runs `work` with a path on this machine holding the file (a temporary copy for a bucket). */
  withLocalFile<T>(id: string, work: (file: string) => Promise<T>): Promise<T>;
  /** Keeps the poster frame of a video (a small JPEG). */
  savePoster(id: string, jpeg: Buffer): Promise<void>;
  /** The poster frame, or null. */
  readPoster(id: string): Promise<Buffer | null>;
  /** Removes an upload, finished or partial, its poster, and anything the datastore kept beside it. */
  remove(id: string): Promise<void>;
  /** Removes partial uploads older than the expiry; returns how many went. */
  deleteExpired(): Promise<number>;
}

export function fileMediaStore(directory: string, posterDirectory: string, expiryMs: number): MediaStore {
  const datastore = new FileStore({ directory, expirationPeriodInMilliseconds: expiryMs });
  const pathOf = (id: string) => mediaFile({ directory }, id);
  const posterOf = (id: string) => posterFile({ posterDirectory }, id);
  return {
    datastore,
    size: (id) =>
      stat(pathOf(id)).then(
        (s) => s.size,
        () => null,
      ),
    read: async (id, start, end) => createReadStream(pathOf(id), { start, end, highWaterMark: 256 * 1024 }),
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
    },
    deleteExpired: () => datastore.deleteExpired(),
  };
}

const stores = new Map<string, Promise<MediaStore>>();

/**
 * The store the settings name, one per process (the S3 client keeps its connections).
 * The S3 backend is loaded only when configured: the AWS SDK would add some 18 MB to every process that never uses it.
 */
export function mediaStore(settings: Pick<UploadSettings, 'directory' | 'posterDirectory' | 'expiryMs' | 's3' | 'scratchDirectory'>): Promise<MediaStore> {
  const { s3 } = settings;
  const key = s3 ? `s3:${s3.endpoint ?? ''}/${s3.bucket}` : `file:${settings.directory}`;
  let store = stores.get(key);
  if (!store) {
    store = s3
      ? import('./s3-media-store').then(({ s3MediaStore }) => s3MediaStore(s3, settings.expiryMs, settings.scratchDirectory))
      : Promise.resolve(fileMediaStore(settings.directory, settings.posterDirectory, settings.expiryMs));
    stores.set(key, store);
  }
  return store;
}
