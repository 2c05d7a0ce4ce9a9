import path from 'node:path';
import { z } from 'zod';
import type { MediaLimits } from './probe';

/* Upload limits and places, from the environment (defaults: 2 GB, 5 s to 15 min, partial uploads kept 48 h). */

const env = z.object({
  VC_UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(2 * 1024 ** 3),
  VC_UPLOAD_MIN_SECONDS: z.coerce.number().min(0).default(5),
  VC_UPLOAD_MAX_SECONDS: z.coerce.number().positive().default(15 * 60),
  VC_UPLOAD_EXPIRY_HOURS: z.coerce.number().positive().default(48),
  VC_UPLOAD_CHUNK_BYTES: z.coerce.number().int().min(64 * 1024).default(8 * 1024 * 1024),
});

export interface UploadSettings {
  limits: MediaLimits;
  expiryMs: number;
  chunkBytes: number;
  directory: string;
  posterDirectory: string;
}

export function uploadSettings(dataDir: string): UploadSettings {
  const e = env.parse(process.env);
  return {
    limits: { maxBytes: e.VC_UPLOAD_MAX_BYTES, minSeconds: e.VC_UPLOAD_MIN_SECONDS, maxSeconds: e.VC_UPLOAD_MAX_SECONDS },
    expiryMs: e.VC_UPLOAD_EXPIRY_HOURS * 3600_000,
    chunkBytes: e.VC_UPLOAD_CHUNK_BYTES,
    directory: path.join(dataDir, 'uploads'),
    posterDirectory: path.join(dataDir, 'posters'),
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
