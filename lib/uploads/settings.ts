import path from 'node:path';
import { config, type UploadConfig } from '../config';
import type { RenditionKind } from '../generated/prisma/enums';
import type { MediaLimits } from './probe';

/*
 * Upload limits and places, from the configuration (defaults: 2 GB, 5 s to 15 min,
 * frames up to 4096 pixels on the longer side, a verdict within 10 minutes,
 * partial uploads kept 48 h, videos in the data folder). Setting VC_S3_BUCKET
 * keeps the videos and their posters in an S3-compatible bucket instead.
 */

export interface S3Settings {
  bucket: string;
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
  partBytes: number;
}

/**
 * What one mayor, and one comune, may hold at once in files that are not (yet)
 * in a message: uploads under way or being checked, and finished files no
 * message uses. Without it one account could fill the disk in a second.
 */
export interface UploadQuota {
  openPerUser: number;
  openPerComune: number;
  bytesPerUser: number;
  bytesPerComune: number;
}

export interface UploadSettings {
  limits: MediaLimits;
  quota: UploadQuota;
  expiryMs: number;
  chunkBytes: number;
  directory: string;
  posterDirectory: string;
  /** The light versions and audio of videos (renditions), when they are kept in folders. */
  renditionDirectory: string;
  /** Temporary copies of videos kept in a bucket, while they are inspected. */
  scratchDirectory: string;
  s3: S3Settings | null;
}

export function uploadSettings(dataDir: string, c: UploadConfig = config().uploads): UploadSettings {
  return {
    limits: {
      maxBytes: c.maxBytes,
      minSeconds: c.minSeconds,
      maxSeconds: c.maxSeconds,
      maxFrameSide: c.maxFramePixels,
      checkMs: c.checkSeconds * 1000,
      toolMemoryBytes: c.toolMemoryMb * 1024 * 1024,
    },
    quota: {
      openPerUser: c.openPerUser,
      openPerComune: c.openPerComune,
      // By default two of the largest videos per mayor, four per comune.
      bytesPerUser: c.quotaBytesPerUser ?? 2 * c.maxBytes,
      bytesPerComune: c.quotaBytesPerComune ?? 4 * c.maxBytes,
    },
    expiryMs: c.expiryHours * 3600_000,
    chunkBytes: c.chunkBytes,
    directory: path.join(dataDir, 'uploads'),
    posterDirectory: path.join(dataDir, 'posters'),
    renditionDirectory: path.join(dataDir, 'renditions'),
    scratchDirectory: path.join(dataDir, 'scratch'),
    s3: c.s3
      ? {
          bucket: c.s3.bucket,
          endpoint: c.s3.endpoint ?? undefined,
          region: c.s3.region,
          credentials: c.s3.accessKeyId && c.s3.secretAccessKey ? { accessKeyId: c.s3.accessKeyId, secretAccessKey: c.s3.secretAccessKey } : undefined,
          // Most S3-compatible servers (MinIO, Garage, Ceph) are addressed by path, AWS itself by host name.
          forcePathStyle: c.s3.forcePathStyle ?? Boolean(c.s3.endpoint),
          partBytes: c.s3.partBytes,
        }
      : null,
  };
}

export const UPLOAD_PATH = '/api/uploads';
export const MEDIA_ID = /^[a-f0-9]{32}$/;

export function posterFile(settings: Pick<UploadSettings, 'posterDirectory'>, mediaId: string): string {
  if (!MEDIA_ID.test(mediaId)) throw new Error('bad media id');
  return path.join(settings.posterDirectory, `${mediaId}.jpg`);
}

/** How each rendition is named beside its video (a suffix of the video's id) and served. */
export const RENDITION_FILES = {
  LIGHT: { suffix: 'light.mp4', contentType: 'video/mp4' },
  AUDIO: { suffix: 'audio.m4a', contentType: 'audio/mp4' },
  SHARE: { suffix: 'share.jpg', contentType: 'image/jpeg' },
} as const satisfies Record<RenditionKind, { suffix: string; contentType: string }>;

export function renditionFile(settings: Pick<UploadSettings, 'renditionDirectory'>, mediaId: string, kind: RenditionKind): string {
  if (!MEDIA_ID.test(mediaId)) throw new Error('bad media id');
  return path.join(settings.renditionDirectory, `${mediaId}.${RENDITION_FILES[kind].suffix}`);
}

export function mediaFile(settings: Pick<UploadSettings, 'directory'>, mediaId: string): string {
  if (!MEDIA_ID.test(mediaId)) throw new Error('bad media id');
  return path.join(settings.directory, mediaId);
}
