import type { ConfigVariable } from './index';

/*
 * What each variable of the configuration means, for the README's table
 * (generated: `npm run config:table`; a test fails when the README differs).
 * The type makes a variable added to the schema without a line here a
 * compile error.
 */

interface VariableDoc {
  /** The default as a reader understands it. */
  default: string;
  meaning: string;
}

const DOCS = {
  PORT: { default: '`3000`', meaning: 'the port the web process listens on' },
  HOST: {
    default: '`127.0.0.1`',
    meaning: 'the address it listens on (`0.0.0.0` to serve a network: then mail and YouTube must be configured)',
  },
  VC_PUBLIC_URL: {
    default: '`http://HOST:PORT`',
    meaning: 'absolute URLs in feeds, sitemap, API and mail; `https://…` turns on HSTS and `__Secure-` cookies',
  },
  VC_TRUSTED_PROXIES: {
    default: 'none',
    meaning:
      'the reverse proxy whose `X-Forwarded-For`/`-Proto` count: addresses or CIDR ranges (`127.0.0.1,10.0.0.0/8`), `loopback`, or a number of hops; anyone else’s are ignored',
  },
  NODE_ENV: { default: 'unset', meaning: '`production`: the web process never migrates an external database (`npm run db:deploy` does, as a release step)' },
  DATABASE_URL: {
    default: 'embedded PostgreSQL',
    meaning: 'any PostgreSQL ≥ 14 instead of the embedded one: the portal’s own, least-privilege role (see [Database roles](#database-roles))',
  },
  VC_MIGRATION_DATABASE_URL: {
    default: '`DATABASE_URL`',
    meaning: 'the role that owns the schema and runs the migrations; the portal then grants `DATABASE_URL`’s role what it needs',
  },
  VC_PG_PORT: { default: 'a free port', meaning: 'the embedded PostgreSQL’s port (on 127.0.0.1)' },
  VC_AREA_CODE: { default: '`001` (Turin)', meaning: 'ISTAT code of the province or metropolitan city' },
  VC_DATA_DIR: {
    default: '`.data`',
    meaning: 'embedded database, secrets, uploads and built map data (files 0600, folders 0700); shared by every process of one installation',
  },
  VC_DEMO_MODE: {
    default: 'on for a loopback `HOST` and public URL without `VC_TRUSTED_PROXIES`, else off',
    meaning: 'the demo inbox, the YouTube stand-in and the demo accounts; `1` on a network address is refused',
  },
  VC_DEMO: { default: 'demo mode', meaning: '`1` seeds labelled demo messages, `0` none (demo accounts only ever in demo mode)' },
  VC_SMTP_URL: { default: 'demo mode: local catch-all server', meaning: 'the mail server (`smtp://user:pass@host:587`); required outside demo mode' },
  VC_MAIL_FROM: { default: '`VociComuni <no-reply@vocicomuni.invalid>`', meaning: 'the sender of every mail' },
  VC_INSTITUTION_NAME: { default: '`Città metropolitana di Torino`', meaning: 'the public body that runs the portal: header, legal pages, data controller' },
  VC_INSTITUTION_ADDRESS: { default: 'Turin’s', meaning: 'its postal address (privacy notice, legal notes)' },
  VC_INSTITUTION_EMAIL: { default: 'Turin’s', meaning: 'its contact address for citizens' },
  VC_INSTITUTION_WEBSITE: { default: 'Turin’s', meaning: 'its own website, linked from the header and the legal pages' },
  VC_INSTITUTION_LOGO: {
    default: 'none (the name alone)',
    meaning: 'its logo in the header: a path the portal serves (`/logo-ente.svg` in `public/`), SVG, PNG or WebP',
  },
  VC_DPO_EMAIL: { default: 'Turin’s', meaning: 'the data protection officer’s address (privacy notice)' },
  VC_ACCESSIBILITY_EMAIL: {
    default: '`VC_INSTITUTION_EMAIL`',
    meaning: 'where citizens’ accessibility reports are mailed; named in the accessibility statement',
  },
  VC_ACCESSIBILITY_STATEMENT_DATE: {
    default: '`2026-12-01`',
    meaning: 'the date of the accessibility statement (YYYY-MM-DD): change it when you review the statement',
  },
  VC_LEGAL_DIR: {
    default: '`content/legal`',
    meaning: 'the folder of the legal pages’ Markdown (`it/` and `en/`: accessibility, privacy, cookies, legal notes), editable without touching code',
  },
  NEXTAUTH_SECRET: {
    default: 'generated into `.data/auth-secret`',
    meaning: 'signs sign-in cookies; the same in every web process of an installation',
  },
  NEXTAUTH_URL: { default: '`VC_PUBLIC_URL`', meaning: 'the address sign-in links are built on, when it differs from the public one' },
  VC_SIGNIN_LINK_MINUTES: { default: '`15`', meaning: 'lifetime of a sign-in link (each link works once; using one ends the others)' },
  VC_SESSION_HOURS: { default: '`168`', meaning: 'how long a mayor stays signed in on a device' },
  VC_STAFF_SESSION_HOURS: { default: '`12`', meaning: 'how long a moderator or administrator stays signed in' },
  VC_OIDC_ISSUER: {
    default: 'off',
    meaning:
      'an OpenID Connect provider (e.g. the metropolitan city’s) as a second way in; invitations still apply, and only a verified address (`email_verified`) is linked, once',
  },
  VC_OIDC_CLIENT_ID: { default: 'none', meaning: 'the portal’s client at that provider' },
  VC_OIDC_CLIENT_SECRET: { default: 'none', meaning: 'its secret' },
  VC_OIDC_NAME: { default: '`Città metropolitana`', meaning: 'the name on the sign-in button' },
  VC_TOKEN_KEY: {
    default: 'generated into `.data/token-key`',
    meaning:
      'encrypts the YouTube channel’s token and seals citizens’ alert confirmation links (32 bytes in base64, `openssl rand -base64 32`); the same in every process',
  },
  VC_VAPID_PUBLIC_KEY: {
    default: 'generated into `.data/vapid-keys.json` in demo mode; otherwise none (no push notifications)',
    meaning: 'Web Push: the public half of the portal’s VAPID key pair (`npx web-push generate-vapid-keys`), the same in every process',
  },
  VC_VAPID_PRIVATE_KEY: { default: 'as above', meaning: 'its private half (workers sign pushes with it)' },
  VC_VAPID_SUBJECT: { default: '`mailto:` + `VC_INSTITUTION_EMAIL`', meaning: 'the contact push services see for the portal (`mailto:…` or `https://…`)' },
  VC_PUSH_SERVICES: {
    default: 'Google (FCM), Mozilla, Microsoft, Apple',
    meaning: 'the push services’ origins (`https://*.push.apple.com` for subdomains) a browser’s subscription may point to; the portal sends nowhere else',
  },
  VC_YOUTUBE: { default: 'on', meaning: '`off`: publish on the portal only, with no YouTube copy' },
  VC_YOUTUBE_CLIENT_ID: {
    default: 'none (demo mode: the local stand-in)',
    meaning: 'the Google OAuth client that may post to the channel (README, "YouTube")',
  },
  VC_YOUTUBE_CLIENT_SECRET: { default: 'none', meaning: 'its secret' },
  VC_YOUTUBE_PRIVACY: { default: '`public`', meaning: 'what a message is on YouTube once live: `public`, `unlisted` or `private`' },
  VC_YOUTUBE_CATEGORY: { default: '`25` (News & Politics)', meaning: 'the YouTube category of the copies' },
  VC_YOUTUBE_QUOTA_UNITS: { default: '`10000`', meaning: 'the channel’s daily API quota; calls over it wait for Google’s midnight' },
  VC_YOUTUBE_QUOTA_UPLOADS: { default: '`100`', meaning: 'uploads per day the quota allows' },
  VC_YOUTUBE_CHUNK_BYTES: { default: '8 MiB', meaning: 'the piece of a video sent at once (a multiple of 256 KiB): what a retry sends again' },
  VC_YOUTUBE_POLL_MS: { default: '`30000` (demo: `2000`)', meaning: 'how often a worker asks whether YouTube finished processing a video' },
  VC_CALL_REMINDER_DAYS: {
    default: '`3,1`',
    meaning: 'days before a call’s deadline when the comuni that have not answered (nor declined) are reminded by mail, once each; `off` for none',
  },
  VC_CALL_REMINDER_HOUR: { default: '`9`', meaning: 'the hour, Rome time, reminders and a closed call’s summary to staff go out' },
  VC_BRIEFING_DAY: { default: '`1` (Monday)', meaning: 'the weekly briefing’s day, 1 Monday … 7 Sunday' },
  VC_BRIEFING_HOUR: { default: '`8`', meaning: 'the weekly briefing’s hour, Rome time' },
  VC_YOUTUBE_REFRESH_MS: { default: '`3600000` (demo: `60000`)', meaning: 'how often the workers refresh view counts and check the copies' },
  VC_YOUTUBE_STANDIN_URL: { default: 'set by the run command in demo mode', meaning: 'the local YouTube stand-in (tests and demo only)' },
  VC_YOUTUBE_STANDIN_SECRET: { default: 'set by the run command in demo mode', meaning: 'the stand-in’s client secret' },
  VC_YOUTUBE_STANDIN_PROCESSING_MS: { default: '`5000`', meaning: 'how long the stand-in “processes” an upload' },
  VC_UPLOAD_MAX_BYTES: { default: '2 GiB', meaning: 'the largest video accepted (MP4/MOV/WebM)' },
  VC_UPLOAD_MIN_SECONDS: { default: '`5`', meaning: 'the shortest video accepted' },
  VC_UPLOAD_MAX_SECONDS: { default: '`900`', meaning: 'the longest video accepted' },
  VC_UPLOAD_MAX_FRAME_PIXELS: { default: '`4096`', meaning: 'the longer side of a frame; larger ones are refused before any frame is decoded' },
  VC_MEDIA_CHECK_SECONDS: { default: '`600`', meaning: 'the longest an upload’s inspection may take' },
  VC_MEDIA_TOOL_MEMORY_MB: { default: '`1536`', meaning: 'the memory ffprobe and ffmpeg may map' },
  VC_UPLOAD_OPEN_PER_USER: { default: '`3`', meaning: 'uploads under way or being checked at once, per mayor' },
  VC_UPLOAD_OPEN_PER_COMUNE: { default: '`6`', meaning: 'the same, per comune' },
  VC_UPLOAD_QUOTA_BYTES_PER_USER: { default: '2 × `VC_UPLOAD_MAX_BYTES`', meaning: 'bytes a mayor may hold in files not (yet) in a message' },
  VC_UPLOAD_QUOTA_BYTES_PER_COMUNE: { default: '4 × `VC_UPLOAD_MAX_BYTES`', meaning: 'the same, per comune' },
  VC_UPLOAD_EXPIRY_HOURS: {
    default: '`48`',
    meaning: 'partial uploads, and finished files no message uses (replaced, or the form abandoned), are deleted after this age',
  },
  VC_UPLOAD_CHUNK_BYTES: { default: '8 MiB', meaning: 'the chunk size the browser sends (a proxy must accept bodies this large)' },
  VC_S3_BUCKET: { default: 'off (videos in `.data/uploads`)', meaning: 'keep the videos in an S3-compatible bucket instead (see below)' },
  VC_S3_ENDPOINT: { default: 'AWS', meaning: 'where the bucket is (MinIO, Garage, Ceph, a cloud provider)' },
  VC_S3_REGION: { default: '`us-east-1`', meaning: 'the bucket’s region' },
  VC_S3_FORCE_PATH_STYLE: { default: 'on when an endpoint is set', meaning: 'address the bucket by path rather than by host name' },
  VC_S3_ACCESS_KEY_ID: { default: 'the AWS SDK’s usual sources', meaning: 'credentials (with the secret below)' },
  VC_S3_SECRET_ACCESS_KEY: { default: 'the AWS SDK’s usual sources', meaning: 'credentials (with the key id above)' },
  VC_S3_PART_BYTES: { default: '8 MiB', meaning: 'multipart part size (at least 5 MiB)' },
  VC_PAGE_CACHE_SECONDS: { default: '`10`', meaning: 'how long the web process keeps an anonymous public page (0 turns the cache off)' },
  VC_PAGE_CACHE_MB: { default: '`64`', meaning: 'the size of that cache' },
  VC_NEXT_CACHE_MB: { default: '`64`', meaning: 'Next.js’s cache of rendered pages, in memory only; a 404 is never kept' },
  VC_WORKERS: {
    default: '`1`',
    meaning: 'worker processes the run command starts beside its web process; `0` when workers run on their own (docs/DEPLOY.md)',
  },
  VC_WORKER_SUPERVISE_SECONDS: { default: '`10`', meaning: 'how often workers look for jobs whose worker died (no heartbeat) and give them to another' },
  VC_SHUTDOWN_GRACE_MS: { default: '`20000`', meaning: 'on SIGTERM, how long requests under way (an upload’s chunk) and running jobs may take to finish' },
  VC_LOG_LEVEL: {
    default: '`info` (`warn` in demo mode)',
    meaning: 'JSON log lines on standard output: `fatal`, `error`, `warn`, `info` (one line per request and per job), `debug`, `trace`, `silent`',
  },
  VC_METRICS_TOKEN: {
    default: 'none: `/metrics` for this machine only',
    meaning: 'the bearer token (at least 24 characters) a Prometheus scraper sends to `/metrics`',
  },
  VC_EXIT_WITH_PARENT: { default: 'off', meaning: 'set by the run command and the tests: a process stops when the one that started it is gone' },
  VC_DEMO_INBOX: { default: 'set by the run command', meaning: 'mail goes to the demo inbox (demo mode without SMTP)' },
  VC_DEMO_KEY: { default: 'set by the run command', meaning: 'the key the demo inbox asks for' },
  VC_CSP_NONCE_PLACEHOLDER: { default: 'set by the run command', meaning: 'what Next.js writes as its scripts’ nonce, replaced per page by the front server' },
  NEXT_PHASE: { default: 'set by Next.js', meaning: 'while it builds, nothing connects to the database' },
} satisfies Record<ConfigVariable, VariableDoc>;

export const TABLE_START = '<!-- configuration table: generated from lib/config by `npm run config:table` -->';
export const TABLE_END = '<!-- end of configuration table -->';

/** The README's configuration table, one row per variable. */
export function configurationTable(): string {
  const rows = Object.entries(DOCS).map(([name, doc]: [string, VariableDoc]) => `| \`${name}\` | ${doc.default} | ${doc.meaning} |`);
  return [TABLE_START, '', '| variable | default | meaning |', '| --- | --- | --- |', ...rows, '', TABLE_END].join('\n');
}

/** The README with its table replaced by the generated one (null when the markers are missing). */
export function withConfigurationTable(readme: string): string | null {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return null;
  return readme.slice(0, start) + configurationTable() + readme.slice(end + TABLE_END.length);
}
