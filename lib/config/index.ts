import { createECDH } from 'node:crypto';
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
/** One line of text a person reads: no control characters. */
function plainText(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'control characters are not allowed');
}
/** The push services of the browsers citizens use (Chrome and Edge on Android, Firefox, Edge on Windows, Safari). */
const DEFAULT_PUSH_SERVICES = [
  'https://fcm.googleapis.com',
  'https://updates.push.services.mozilla.com',
  'https://*.notify.windows.com',
  'https://web.push.apple.com',
  'https://*.push.apple.com',
].join(',');

const hours = z.coerce
  .number()
  .positive()
  .max(24 * 90);

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  NODE_ENV: z.string().optional(),
  /** The portal's database (the application role). The run command sets it for its own embedded PostgreSQL. */
  DATABASE_URL: z.string().min(1).optional(),
  /** The schema owner's connection, for migrations (the run command's, and npm run db:deploy). */
  VC_MIGRATION_DATABASE_URL: z.string().min(1).optional(),
  /** The embedded PostgreSQL's port (a free one when unset). */
  VC_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /** Encrypts the YouTube channel's refresh token: 32 bytes in base64. */
  VC_TOKEN_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'VC_TOKEN_KEY must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)')
    .optional(),
  VC_DEMO_MODE: envFlag.optional(),
  /** Web Push (VAPID, RFC 8292): the key pair the portal signs its pushes with, base64url as \`web-push generate-vapid-keys\` writes it. */
  VC_VAPID_PUBLIC_KEY: z
    .string()
    .refine(
      (v) => /^[A-Za-z0-9_-]+$/.test(v) && Buffer.from(v, 'base64url').length === 65 && Buffer.from(v, 'base64url')[0] === 4,
      'VC_VAPID_PUBLIC_KEY must be a P-256 public key (65 bytes, base64url)',
    )
    .optional(),
  VC_VAPID_PRIVATE_KEY: z
    .string()
    .refine(
      (v) => /^[A-Za-z0-9_-]+$/.test(v) && Buffer.from(v, 'base64url').length === 32,
      'VC_VAPID_PRIVATE_KEY must be a P-256 private key (32 bytes, base64url)',
    )
    .optional(),
  /** Who push services may contact about the portal's pushes: mailto: or https:. */
  VC_VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, 'VC_VAPID_SUBJECT must be mailto:address or https://…')
    .optional(),
  /** The push services the portal sends to (origins, `*.` for any subdomain): no subscription may make it call anywhere else. */
  VC_PUSH_SERVICES: z
    .string()
    .trim()
    .regex(
      /^(https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?)(\s*,\s*https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?)*$/,
      'VC_PUSH_SERVICES must be a comma-separated list of origins such as https://fcm.googleapis.com or https://*.push.apple.com',
    )
    .default(DEFAULT_PUSH_SERVICES),
  VC_YOUTUBE: z.enum(['off']).optional(),
  VC_YOUTUBE_CLIENT_ID: z.string().min(1).optional(),
  VC_YOUTUBE_CLIENT_SECRET: z.string().min(1).optional(),
  VC_YOUTUBE_STANDIN_URL: z.url().optional(),
  VC_YOUTUBE_STANDIN_SECRET: z.string().min(16).optional(),
  VC_YOUTUBE_STANDIN_PROCESSING_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  VC_YOUTUBE_CHUNK_BYTES: z.coerce
    .number()
    .int()
    .min(256 * 1024)
    .refine((n) => n % (256 * 1024) === 0, 'VC_YOUTUBE_CHUNK_BYTES must be a multiple of 256 KiB (YouTube keeps only whole blocks)')
    .default(8 * 1024 * 1024),
  VC_YOUTUBE_POLL_MS: z.coerce.number().int().min(50).default(30_000),
  VC_YOUTUBE_QUOTA_UNITS: z.coerce.number().int().min(1).default(10_000),
  VC_YOUTUBE_QUOTA_UPLOADS: z.coerce.number().int().min(1).default(100),
  VC_YOUTUBE_PRIVACY: z.enum(['public', 'unlisted', 'private']).default('public'),
  VC_YOUTUBE_CATEGORY: z.string().regex(/^\d+$/).default('25'),
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
  /** Set by Next.js while it builds: nothing then connects to the database. */
  NEXT_PHASE: z.string().optional(),
  VC_AREA_CODE: z
    .string()
    .regex(/^\d{1,3}$/, 'VC_AREA_CODE must be a province ISTAT code such as 001')
    .transform((code) => code.padStart(3, '0'))
    .default('001'),
  VC_DATA_DIR: z.string().min(1).optional(),
  /** The portal's address as citizens reach it; by default http://HOST:PORT. */
  VC_PUBLIC_URL: z.url().optional(),
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
  /* The public body that runs the portal, named in the header and the legal pages (the Turin example by default). */
  VC_INSTITUTION_NAME: plainText(120).default('Città metropolitana di Torino'),
  VC_INSTITUTION_ADDRESS: plainText(200).default('Corso Inghilterra 7, 10138 Torino'),
  VC_INSTITUTION_EMAIL: z.email().default('urp@cittametropolitana.torino.it'),
  VC_INSTITUTION_WEBSITE: z.url({ protocol: /^https?$/ }).default('https://www.cittametropolitana.torino.it'),
  // A file the portal serves itself (public/ or a proxy's location): pages allow images from their own origin only.
  VC_INSTITUTION_LOGO: z
    .string()
    .regex(/^\/(?!\/)[A-Za-z0-9._\/-]{1,200}\.(?:svg|png|webp)$/, 'a path on this site, e.g. /logo-ente.svg')
    .optional(),
  VC_DPO_EMAIL: z.email().default('dpo@cittametropolitana.torino.it'),
  /** Where citizens' accessibility reports are mailed (the institution's address when unset). */
  VC_ACCESSIBILITY_EMAIL: z.email().optional(),
  VC_ACCESSIBILITY_STATEMENT_DATE: z.iso.date().default('2026-12-01'),
  /** The legal pages' Markdown (accessibility statement, privacy, cookies, legal notes), one folder per language. */
  VC_LEGAL_DIR: z.string().min(1).optional(),
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
  /** Days before a call's deadline when the comuni that have not answered are reminded. */
  VC_CALL_REMINDER_DAYS: z
    .string()
    .trim()
    .regex(/^(off|\d{1,2}(\s*,\s*\d{1,2})*)$/, 'VC_CALL_REMINDER_DAYS must be days before the deadline, such as 3,1 (from 1 to 30), or off')
    .refine((v) => v === 'off' || v.split(',').every((d) => Number(d) >= 1 && Number(d) <= 30), 'VC_CALL_REMINDER_DAYS must be days from 1 to 30')
    .default('3,1'),
  /** The hour (Rome) reminders and closing summaries go out. */
  VC_CALL_REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(9),
  /** The weekly briefing's day (1 Monday … 7 Sunday) and hour, Rome time. */
  VC_BRIEFING_DAY: z.coerce.number().int().min(1).max(7).default(1),
  VC_BRIEFING_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  /** Set by the run command and the tests: a child process stops when the process that started it is gone. */
  VC_EXIT_WITH_PARENT: envFlag.default(false),
  /** On SIGTERM: how long requests under way (an upload's chunk) and running jobs may take to finish. */
  VC_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
});

/** Every variable the portal reads (README's configuration table is generated from this schema: lib/config/documentation.ts). */
export type ConfigVariable = keyof typeof schema.shape;
export const CONFIG_VARIABLES = Object.keys(schema.shape) as ConfigVariable[];

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
}

/** Upload limits as configured; lib/uploads/settings.ts adds the folders. */
export interface UploadConfig {
  maxBytes: number;
  minSeconds: number;
  maxSeconds: number;
  maxFramePixels: number;
  checkSeconds: number;
  toolMemoryMb: number;
  openPerUser: number;
  openPerComune: number;
  quotaBytesPerUser: number | null;
  quotaBytesPerComune: number | null;
  expiryHours: number;
  chunkBytes: number;
  s3: {
    bucket: string;
    endpoint: string | null;
    region: string;
    accessKeyId: string | null;
    secretAccessKey: string | null;
    forcePathStyle: boolean | null;
    partBytes: number;
  } | null;
}

export interface YoutubeConfig {
  google: { clientId: string; clientSecret: string } | null;
  standin: { url: string; secret: string } | null;
  standinProcessingMs: number;
  chunkBytes: number;
  pollMs: number;
  quota: { units: number; uploads: number };
  privacy: 'public' | 'unlisted' | 'private';
  category: string;
}

/** The public body that runs the portal: who citizens and mayors deal with. */
export interface Institution {
  name: string;
  address: string;
  email: string;
  website: string;
  /** The institution's logo in the header, a path on this site; the name alone without it. */
  logo: string | null;
  dpoEmail: string;
  accessibilityEmail: string;
  /** The accessibility statement's date (YYYY-MM-DD). */
  statementDate: string;
  legalDir: string;
}

export interface AppConfig {
  /** Where the run command listens. */
  server: { port: number; host: string };
  production: boolean;
  databaseUrl: string | null;
  migrationUrl: string | null;
  embeddedPgPort: number | null;
  /** The key of the YouTube token's encryption (32 bytes), when set. */
  tokenKey: Buffer | null;
  authSecret: string | null;
  uploads: UploadConfig;
  youtube: YoutubeConfig;
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
  institution: Institution;
  /** Whether to seed labelled demo messages, when the operator said (VC_DEMO). */
  demoContent: boolean | null;
  /** The demo inbox, in demo mode: the key its page wants. */
  demoInbox: { key: string } | null;
  cspNoncePlaceholder: string | null;
  /** Coordination of the mayors: reminder days before a call's deadline (largest first) and their hour; the weekly briefing's ISO weekday and hour; Rome time. */
  coordination: { reminderDays: number[]; reminderHour: number; briefingDay: number; briefingHour: number };
  /** Web Push: the VAPID keys (off when unset) and the push services the portal may send to. */
  push: { vapid: { publicKey: string; privateKey: string; subject: string } | null; services: string[] };
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

/** The process's configuration, read from its environment once. */
export function config(): AppConfig {
  cached ??= configFrom(process.env);
  return cached;
}

/**
 * Settings the run command derives at start (secrets it keeps in the data
 * folder, the stand-in's address): set before anything that reads them, and
 * passed to the processes it starts with their environment.
 */
export function addDerivedSettings(settings: Record<string, string>): void {
  Object.assign(process.env, settings);
  cached = null;
}

/** Whether the operator set this variable (the run command then leaves it alone instead of choosing for demo mode). */
export function isSet(name: ConfigVariable): boolean {
  return process.env[name] !== undefined && process.env[name] !== '';
}

/** The environment for a process this one starts (the run command's Next.js and workers): this one's, plus what they need. */
export function childEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** Whether a VAPID public key is the one of the private key (push services would refuse every push signed with a mismatched pair). */
function isKeyPair(publicKey: string, privateKey: string): boolean {
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
    return ecdh.getPublicKey('base64url') === Buffer.from(publicKey, 'base64url').toString('base64url');
  } catch {
    return false;
  }
}

/** A configuration from these variables (tests build theirs this way). */
export function configFrom(variables: Record<string, string | undefined>): AppConfig {
  // A variable set to nothing (`VC_YOUTUBE_CLIENT_ID=` in an env file) is not set.
  const given = Object.fromEntries(Object.entries(variables).filter(([, value]) => value !== undefined && value !== ''));
  // deploy/vocicomuni.env.example's placeholders: a secret everyone can read is no secret.
  const placeholders = CONFIG_VARIABLES.filter((name) => given[name]?.includes('CHANGE_ME'));
  if (placeholders.length) throw new Error(`Invalid configuration: ${placeholders.join(', ')} still have the example's CHANGE_ME value`);
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ env.VC_DATA_DIR ?? path.join(process.cwd(), '.data'));
  const publicUrl = (env.VC_PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`).replace(/\/$/, '');
  if (Boolean(env.VC_VAPID_PUBLIC_KEY) !== Boolean(env.VC_VAPID_PRIVATE_KEY)) throw new Error('VC_VAPID_PUBLIC_KEY and VC_VAPID_PRIVATE_KEY go together');
  if (env.VC_VAPID_PUBLIC_KEY && env.VC_VAPID_PRIVATE_KEY && !isKeyPair(env.VC_VAPID_PUBLIC_KEY, env.VC_VAPID_PRIVATE_KEY)) {
    throw new Error('Invalid configuration: VC_VAPID_PUBLIC_KEY is not the public half of VC_VAPID_PRIVATE_KEY');
  }
  if (Boolean(env.VC_S3_ACCESS_KEY_ID) !== Boolean(env.VC_S3_SECRET_ACCESS_KEY)) throw new Error('VC_S3_ACCESS_KEY_ID and VC_S3_SECRET_ACCESS_KEY go together');
  return {
    server: { port: env.PORT, host: env.HOST },
    production: env.NODE_ENV === 'production',
    migrationUrl: env.VC_MIGRATION_DATABASE_URL ?? null,
    embeddedPgPort: env.VC_PG_PORT ?? null,
    tokenKey: env.VC_TOKEN_KEY ? Buffer.from(env.VC_TOKEN_KEY, 'base64') : null,
    authSecret: env.NEXTAUTH_SECRET ?? null,
    uploads: {
      maxBytes: env.VC_UPLOAD_MAX_BYTES,
      minSeconds: env.VC_UPLOAD_MIN_SECONDS,
      maxSeconds: env.VC_UPLOAD_MAX_SECONDS,
      maxFramePixels: env.VC_UPLOAD_MAX_FRAME_PIXELS,
      checkSeconds: env.VC_MEDIA_CHECK_SECONDS,
      toolMemoryMb: env.VC_MEDIA_TOOL_MEMORY_MB,
      openPerUser: env.VC_UPLOAD_OPEN_PER_USER,
      openPerComune: env.VC_UPLOAD_OPEN_PER_COMUNE,
      quotaBytesPerUser: env.VC_UPLOAD_QUOTA_BYTES_PER_USER ?? null,
      quotaBytesPerComune: env.VC_UPLOAD_QUOTA_BYTES_PER_COMUNE ?? null,
      expiryHours: env.VC_UPLOAD_EXPIRY_HOURS,
      chunkBytes: env.VC_UPLOAD_CHUNK_BYTES,
      s3: env.VC_S3_BUCKET
        ? {
            bucket: env.VC_S3_BUCKET,
            endpoint: env.VC_S3_ENDPOINT ?? null,
            region: env.VC_S3_REGION,
            accessKeyId: env.VC_S3_ACCESS_KEY_ID ?? null,
            secretAccessKey: env.VC_S3_SECRET_ACCESS_KEY ?? null,
            forcePathStyle: env.VC_S3_FORCE_PATH_STYLE ?? null,
            partBytes: env.VC_S3_PART_BYTES,
          }
        : null,
    },
    youtube: {
      google:
        env.VC_YOUTUBE_CLIENT_ID && env.VC_YOUTUBE_CLIENT_SECRET ? { clientId: env.VC_YOUTUBE_CLIENT_ID, clientSecret: env.VC_YOUTUBE_CLIENT_SECRET } : null,
      standin: env.VC_YOUTUBE_STANDIN_URL && env.VC_YOUTUBE_STANDIN_SECRET ? { url: env.VC_YOUTUBE_STANDIN_URL, secret: env.VC_YOUTUBE_STANDIN_SECRET } : null,
      standinProcessingMs: env.VC_YOUTUBE_STANDIN_PROCESSING_MS,
      chunkBytes: env.VC_YOUTUBE_CHUNK_BYTES,
      pollMs: env.VC_YOUTUBE_POLL_MS,
      quota: { units: env.VC_YOUTUBE_QUOTA_UNITS, uploads: env.VC_YOUTUBE_QUOTA_UPLOADS },
      privacy: env.VC_YOUTUBE_PRIVACY,
      category: env.VC_YOUTUBE_CATEGORY,
    },
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
    institution: {
      name: env.VC_INSTITUTION_NAME,
      address: env.VC_INSTITUTION_ADDRESS,
      email: env.VC_INSTITUTION_EMAIL,
      website: env.VC_INSTITUTION_WEBSITE,
      logo: env.VC_INSTITUTION_LOGO ?? null,
      dpoEmail: env.VC_DPO_EMAIL,
      accessibilityEmail: env.VC_ACCESSIBILITY_EMAIL ?? env.VC_INSTITUTION_EMAIL,
      statementDate: env.VC_ACCESSIBILITY_STATEMENT_DATE,
      legalDir: path.resolve(/*turbopackIgnore: true*/ env.VC_LEGAL_DIR ?? path.join(process.cwd(), 'content', 'legal')),
    },
    demoContent: env.VC_DEMO ?? null,
    demoInbox: env.VC_DEMO_INBOX && env.VC_DEMO_KEY ? { key: env.VC_DEMO_KEY } : null,
    cspNoncePlaceholder: env.VC_CSP_NONCE_PLACEHOLDER ?? null,
    coordination: {
      reminderDays:
        env.VC_CALL_REMINDER_DAYS === 'off' ? [] : [...new Set(env.VC_CALL_REMINDER_DAYS.split(',').map((d) => Number(d.trim())))].sort((a, b) => b - a),
      reminderHour: env.VC_CALL_REMINDER_HOUR,
      briefingDay: env.VC_BRIEFING_DAY,
      briefingHour: env.VC_BRIEFING_HOUR,
    },
    push: {
      vapid:
        env.VC_VAPID_PUBLIC_KEY && env.VC_VAPID_PRIVATE_KEY
          ? { publicKey: env.VC_VAPID_PUBLIC_KEY, privateKey: env.VC_VAPID_PRIVATE_KEY, subject: env.VC_VAPID_SUBJECT ?? `mailto:${env.VC_INSTITUTION_EMAIL}` }
          : null,
      services: env.VC_PUSH_SERVICES.split(',').map((origin) => origin.trim()),
    },
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
}
