import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import type { DataStore } from '@tus/server';
import { mediaFile, type UploadSettings } from './settings';
import { s3MediaStore } from './s3-media-store';

/*
 * Where uploaded videos live: a folder of the data directory by default, or an
 * S3-compatible bucket when VC_S3_BUCKET is set. Everything that touches the
 * bytes (the tus endpoint, the inspection, the player, the YouTube upload)
 * goes through this surface, so no caller knows which one it is.
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
  /** Removes an upload, finished or partial, and anything the datastore kept beside it. */
  remove(id: string): Promise<void>;
  /** Removes partial uploads older than the expiry; returns how many went. */
  deleteExpired(): Promise<number>;
}

export function fileMediaStore(directory: string, expiryMs: number): MediaStore {
  const datastore = new FileStore({ directory, expirationPeriodInMilliseconds: expiryMs });
  const pathOf = (id: string) => mediaFile({ directory }, id);
  return {
    datastore,
    size: (id) => stat(pathOf(id)).then((s) => s.size, () => null),
    read: async (id, start, end) => createReadStream(pathOf(id), { start, end, highWaterMark: 256 * 1024 }),
    withLocalFile: (id, work) => work(pathOf(id)),
    async remove(id) {
      await datastore.remove(id).catch(() => {});
      await rm(pathOf(id), { force: true });
    },
    deleteExpired: () => datastore.deleteExpired(),
  };
}

const stores = new Map<string, MediaStore>();

/** The store the settings name, one per process (the S3 client keeps its connections). */
export function mediaStore(settings: Pick<UploadSettings, 'directory' | 'expiryMs' | 's3' | 'scratchDirectory'>): MediaStore {
  const key = settings.s3 ? `s3:${settings.s3.endpoint ?? ''}/${settings.s3.bucket}` : `file:${settings.directory}`;
  let store = stores.get(key);
  if (!store) {
    store = settings.s3 ? s3MediaStore(settings.s3, settings.expiryMs, settings.scratchDirectory) : fileMediaStore(settings.directory, settings.expiryMs);
    stores.set(key, store);
  }
  return store;
}
