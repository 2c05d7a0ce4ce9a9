import path from 'node:path';
import { z } from 'zod';

/*
 * Process configuration, read once from the environment and validated, so a
 * wrong value stops the process at start with a readable message.
 *
 * Next.js loads its page-cache handler (lib/web/next-cache-handler.ts) with
 * Node's own TypeScript support, and that handler reads this module: it
 * imports packages only, and uses only syntax Node can strip.
 */

/** A yes/no setting: 1, true, on, yes or 0, false, off, no (any case). */
export const envFlag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['1', 'true', 'on', 'yes', '0', 'false', 'off', 'no']))
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));
const hours = z.coerce
  .number()
  .positive()
  .max(24 * 90);

const schema = z.object({
  /** The portal's database (the application role). The run command sets it for its own embedded PostgreSQL. */
  DATABASE_URL: z.string().min(1).optional(),
  /** Set by Next.js while it builds: nothing then connects to the database. */
  NEXT_PHASE: z.string().optional(),
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
  /** Next.js's own cache of rendered pages, in memory. */
  VC_NEXT_CACHE_MB: z.coerce.number().int().min(1).default(64),
  VC_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'VC_SMTP_URL must be smtp://… or smtps://…')
    .optional(),
  VC_MAIL_FROM: z.string().min(3).default('VociComuni <no-reply@vocicomuni.invalid>'),
  /** Set by the launcher in demo mode: mail goes to the demo inbox, which wants this key. */
  VC_DEMO_INBOX: envFlag.default(false),
  /** Labelled demo messages: by default only in demo mode. */
  VC_DEMO: envFlag.optional(),
  VC_DEMO_KEY: z.string().min(32).optional(),
  /** Set by the launcher: the nonce Next.js writes on its scripts, replaced per page by the front server. */
  VC_CSP_NONCE_PLACEHOLDER: z.string().min(16).optional(),
  VC_TRUSTED_PROXIES: z.string().optional(),
  NEXTAUTH_URL: z.url().optional(),
  VC_SIGNIN_LINK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** How long a mayor stays signed in on a device. */
  VC_SESSION_HOURS: hours.default(24 * 7),
  /** How long a moderator or administrator stays signed in: shorter, their accounts can do more. */
  VC_STAFF_SESSION_HOURS: hours.default(12),
  VC_OIDC_ISSUER: z.url().optional(),
  VC_OIDC_CLIENT_ID: z.string().min(1).optional(),
  VC_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  VC_OIDC_NAME: z.string().min(1).default('Città metropolitana'),
  VC_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The bearer token /metrics wants; without one, /metrics answers this machine only. */
  VC_METRICS_TOKEN: z.string().min(24, 'VC_METRICS_TOKEN must be at least 24 characters').optional(),
  /** How many worker processes the run command starts beside its web process (0: workers run elsewhere, e.g. as systemd units). */
  VC_WORKERS: z.coerce.number().int().min(0).max(8).default(1),
  /** A worker: how often the queue looks for jobs whose worker died (stopped sending heartbeats). */
  VC_WORKER_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  /** A worker: how long after one refresh of the YouTube counts the next runs. */
  VC_YOUTUBE_REFRESH_MS: z.coerce.number().int().min(1000).default(3600_000),
  /** Set by the run command and the tests: a child process stops when the process that started it is gone. */
  VC_EXIT_WITH_PARENT: envFlag.default(false),
  /** On SIGTERM: how long requests under way (an upload's chunk) and running jobs may take to finish. */
  VC_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
});

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
}

export interface AppConfig {
  databaseUrl: string | null;
  /** Next.js is building (no connections to open). */
  building: boolean;
  shutdownGraceMs: number;
  worker: { superviseSeconds: number; youtubeRefreshMs: number };
  /** Worker processes the run command starts beside its web process. */
  workersBeside: number;
  exitWithParent: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  metricsToken: string | null;
  areaCode: string;
  dataDir: string;
  mapDir: string;
  publicUrl: string;
  pageCacheSeconds: number;
  pageCacheBytes: number;
  nextCacheBytes: number;
  mail: { smtpUrl: string | null; from: string };
  /** Whether to seed labelled demo messages, when the operator said (VC_DEMO). */
  demoContent: boolean | null;
  /** The demo inbox, in demo mode: the key its page wants. */
  demoInbox: { key: string } | null;
  cspNoncePlaceholder: string | null;
  /** VC_TRUSTED_PROXIES as written (lib/web/trusted-proxies.ts reads it). */
  trustedProxies: string;
  auth: {
    /** The address next-auth builds its links on. */
    url: string;
    linkMinutes: number;
    sessionHours: number;
    staffSessionHours: number;
    oidc: OidcConfig | null;
  };
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
  const publicUrl = env.VC_PUBLIC_URL.replace(/\/$/, '');
  cached = {
    databaseUrl: env.DATABASE_URL ?? null,
    building: env.NEXT_PHASE === 'phase-production-build',
    shutdownGraceMs: env.VC_SHUTDOWN_GRACE_MS,
    worker: { superviseSeconds: env.VC_WORKER_SUPERVISE_SECONDS, youtubeRefreshMs: env.VC_YOUTUBE_REFRESH_MS },
    workersBeside: env.VC_WORKERS,
    exitWithParent: env.VC_EXIT_WITH_PARENT,
    logLevel: env.VC_LOG_LEVEL,
    metricsToken: env.VC_METRICS_TOKEN ?? null,
    areaCode: env.VC_AREA_CODE,
    dataDir,
    mapDir: path.join(dataDir, 'map'),
    publicUrl,
    pageCacheSeconds: env.VC_PAGE_CACHE_SECONDS,
    pageCacheBytes: env.VC_PAGE_CACHE_MB * 1024 * 1024,
    nextCacheBytes: env.VC_NEXT_CACHE_MB * 1024 * 1024,
    mail: { smtpUrl: env.VC_SMTP_URL ?? null, from: env.VC_MAIL_FROM },
    demoContent: env.VC_DEMO ?? null,
    demoInbox: env.VC_DEMO_INBOX && env.VC_DEMO_KEY ? { key: env.VC_DEMO_KEY } : null,
    cspNoncePlaceholder: env.VC_CSP_NONCE_PLACEHOLDER ?? null,
    trustedProxies: env.VC_TRUSTED_PROXIES ?? '',
    auth: {
      url: (env.NEXTAUTH_URL ?? publicUrl).replace(/\/$/, ''),
      linkMinutes: env.VC_SIGNIN_LINK_MINUTES,
      sessionHours: env.VC_SESSION_HOURS,
      staffSessionHours: env.VC_STAFF_SESSION_HOURS,
      oidc:
        env.VC_OIDC_ISSUER && env.VC_OIDC_CLIENT_ID && env.VC_OIDC_CLIENT_SECRET
          ? { issuer: env.VC_OIDC_ISSUER.replace(/\/$/, ''), clientId: env.VC_OIDC_CLIENT_ID, clientSecret: env.VC_OIDC_CLIENT_SECRET, name: env.VC_OIDC_NAME }
          : null,
    },
  };
  return cached;
}
