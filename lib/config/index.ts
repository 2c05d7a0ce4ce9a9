import path from 'node:path';
import { z } from 'zod';

/*
 * Process configuration, read once from the environment and validated, so a
 * wrong value stops the process at start with a readable message.
 */

const schema = z.object({
  VC_AREA_CODE: z
    .string()
    .regex(/^\d{1,3}$/, 'VC_AREA_CODE must be a province ISTAT code such as 001')
    .transform((code) => code.padStart(3, '0'))
    .default('001'),
  VC_DATA_DIR: z.string().min(1).optional(),
  VC_PUBLIC_URL: z.url().default('http://localhost:3000'),
  /** How long the web process keeps an anonymous public page (0 turns the page cache off). */
  VC_PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  VC_PAGE_CACHE_MB: z.coerce.number().int().min(1).default(64),
});

export interface AppConfig {
  areaCode: string;
  dataDir: string;
  mapDir: string;
  publicUrl: string;
  pageCacheSeconds: number;
  pageCacheBytes: number;
}

let cached: AppConfig | null = null;

export function config(): AppConfig {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ env.VC_DATA_DIR ?? path.join(process.env.VC_PROJECT_ROOT ?? process.cwd(), '.data'));
  cached = {
    areaCode: env.VC_AREA_CODE,
    dataDir,
    mapDir: path.join(dataDir, 'map'),
    publicUrl: env.VC_PUBLIC_URL.replace(/\/$/, ''),
    pageCacheSeconds: env.VC_PAGE_CACHE_SECONDS,
    pageCacheBytes: env.VC_PAGE_CACHE_MB * 1024 * 1024,
  };
  return cached;
}
