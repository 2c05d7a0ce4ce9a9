import path from 'node:path';
import { z } from 'zod';
import { envFlag } from '../config';
import type { MediaLimits } from './probe';

/*
 * Upload limits and places, from the environment (defaults: 2 GB, 5 s to 15 min,
 * frames up to 4096 pixels on the longer side, a verdict within 10 minutes,
 * partial uploads kept 48 h, videos in the data folder). Setting VC_S3_BUCKET
 * keeps the videos and their posters in an S3-compatible bucket instead.
 */

const env = z.object({
  VC_UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 ** 3),
  VC_UPLOAD_MIN_SECONDS: z.coerce.number().min(0).default(5),
  VC_UPLOAD_MAX_SECONDS: z.coerce
    .number()
    .positive()
    .default(15 * 60),
  VC_UPLOAD_EXPIRY_HOURS: z.coerce.number().positive().default(48),
  VC_UPLOAD_CHUNK_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(8 * 1024 * 1024),
  VC_UPLOAD_MAX_FRAME_PIXELS: z.coerce.number().int().min(64).max(16384).default(4096),
  VC_MEDIA_CHECK_SECONDS: z.coerce
    .number()
    .positive()
    .max(24 * 3600)
    .default(600),
  VC_MEDIA_TOOL_MEMORY_MB: z.coerce.number().int().min(128).default(1536),
  VC_UPLOAD_OPEN_PER_USER: z.coerce.number().int().min(1).default(3),
  VC_UPLOAD_OPEN_PER_COMUNE: z.coerce.number().int().min(1).default(6),
  VC_UPLOAD_QUOTA_BYTES_PER_USER: z.coerce.number().int().positive().optional(),
  VC_UPLOAD_QUOTA_BYTES_PER_COMUNE: z.coerce.number().int().positive().optional(),
  VC_S3_BUCKET: z.string().min(3).optional(),
  VC_S3_ENDPOINT: z.url().optional(),
  VC_S3_REGION: z.string().min(1).default('us-east-1'),
  VC_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  VC_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  VC_S3_FORCE_PATH_STYLE: envFlag.optional(),
  // S3 refuses multipart parts under 5 MiB (except the last).
  VC_S3_PART_BYTES: z.coerce
    .number()
    .int()
    .min(5 * 1024 * 1024)
    .default(8 * 1024 * 1024),
});

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
  /** Temporary copies of videos kept in a bucket, while they are inspected. */
  scratchDirectory: string;
  s3: S3Settings | null;
}

export function uploadSettings(dataDir: string): UploadSettings {
  const e = env.parse(process.env);
  if (Boolean(e.VC_S3_ACCESS_KEY_ID) !== Boolean(e.VC_S3_SECRET_ACCESS_KEY)) throw new Error('VC_S3_ACCESS_KEY_ID and VC_S3_SECRET_ACCESS_KEY go together');
  return {
    limits: {
      maxBytes: e.VC_UPLOAD_MAX_BYTES,
      minSeconds: e.VC_UPLOAD_MIN_SECONDS,
      maxSeconds: e.VC_UPLOAD_MAX_SECONDS,
      maxFrameSide: e.VC_UPLOAD_MAX_FRAME_PIXELS,
      checkMs: e.VC_MEDIA_CHECK_SECONDS * 1000,
      toolMemoryBytes: e.VC_MEDIA_TOOL_MEMORY_MB * 1024 * 1024,
    },
    quota: {
      openPerUser: e.VC_UPLOAD_OPEN_PER_USER,
      openPerComune: e.VC_UPLOAD_OPEN_PER_COMUNE,
      // By default two of the largest videos per mayor, four per comune.
      bytesPerUser: e.VC_UPLOAD_QUOTA_BYTES_PER_USER ?? 2 * e.VC_UPLOAD_MAX_BYTES,
      bytesPerComune: e.VC_UPLOAD_QUOTA_BYTES_PER_COMUNE ?? 4 * e.VC_UPLOAD_MAX_BYTES,
    },
    expiryMs: e.VC_UPLOAD_EXPIRY_HOURS * 3600_000,
    chunkBytes: e.VC_UPLOAD_CHUNK_BYTES,
    directory: path.join(dataDir, 'uploads'),
    posterDirectory: path.join(dataDir, 'posters'),
    scratchDirectory: path.join(dataDir, 'scratch'),
    s3: e.VC_S3_BUCKET
      ? {
          bucket: e.VC_S3_BUCKET,
          endpoint: e.VC_S3_ENDPOINT,
          region: e.VC_S3_REGION,
          credentials:
            e.VC_S3_ACCESS_KEY_ID && e.VC_S3_SECRET_ACCESS_KEY ? { accessKeyId: e.VC_S3_ACCESS_KEY_ID, secretAccessKey: e.VC_S3_SECRET_ACCESS_KEY } : undefined,
          // Most S3-compatible servers (MinIO, Garage, Ceph) are addressed by path, AWS itself by host name.
          forcePathStyle: e.VC_S3_FORCE_PATH_STYLE ?? Boolean(e.VC_S3_ENDPOINT),
          partBytes: e.VC_S3_PART_BYTES,
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

export function mediaFile(settings: Pick<UploadSettings, 'directory'>, mediaId: string): string {
  if (!MEDIA_ID.test(mediaId)) throw new Error('bad media id');
  return path.join(settings.directory, mediaId);
}
