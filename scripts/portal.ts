/*
 * Starts the portal with everything embedded: PostgreSQL (unless DATABASE_URL
 * is set), migrations, map data, seed data, a production build when the
 * sources changed, then the web process: the Next.js server on a loopback port
 * behind the front server (page cache, uploads) on PORT (default 3000).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import webpush from 'web-push';
import { z } from 'zod';
import { addDerivedSettings, childEnvironment, config, isSet } from '../lib/config';
import { createDb } from '../lib/db/client';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../lib/db/embedded';
import { startDemoSmtpServer } from '../lib/mail/demo-inbox';
import { uploadSettings, UPLOAD_PATH } from '../lib/uploads/settings';
import { createUploadServer } from '../lib/uploads/tus-server';
import { createFrontServer } from '../lib/web/front-server';
import { PageCache } from '../lib/web/page-cache';
import { precompressStatic } from '../lib/web/static-files';
import { healthRoutes } from '../lib/observability/health';
import { processLog } from '../lib/observability/log';
import { createMetrics } from '../lib/observability/metrics';
import { dropTwice, listenForEvents } from '../lib/events/listen';
import { isPublicEvent } from '../lib/events/routes';
import { defaultSharedGeoDir, prepare } from '../lib/setup/prepare';
import { youtubeTarget } from '../lib/youtube/api';
import { channelStatus, connectChannel } from '../lib/youtube/channel';
import { createStandin, STANDIN_PATH, type Standin } from '../lib/youtube/standin/server';
import { callbackUrl } from '../lib/youtube/connect-flow';
import { YOUTUBE_EMBED_ORIGIN } from '../lib/youtube/embed';
import { decideRunMode, type RunMode } from '../lib/config/run-mode';
import { containRequestErrors } from '../lib/web/request-guard';
import { isHopCount, isLocalRequest, parseTrustedProxies } from '../lib/web/trusted-proxies';
import type { SecurityPolicy } from '../lib/web/security-headers';
import { DEMO_INBOX_PATH, DEMO_KEY_PARAM } from '../lib/mail/demo-key';
import { staleSessionCookies } from '../lib/auth/session';
import type { Db } from '../lib/db/client';

const root = process.cwd();
const NEXT_BIN = path.join(root, 'node_modules/next/dist/bin/next');
const STATIC_DIR = path.join(root, '.next/static');
/*
 * Next.js listens on loopback only: the front server is the portal's one door.
 * By the name "localhost", not 127.0.0.1: Next.js compares a rewrite's origin
 * with the host it was started on, and its own URLs call every loopback
 * address "localhost"; with 127.0.0.1 each page was proxied by Next.js to
 * itself over HTTP, and over HTTPS (a 500) once a trusted proxy said https.
 */
const NEXT_HOSTNAME = 'localhost';
const SOURCES = ['app', 'components', 'lib', 'public', 'proxy.ts', 'next.config.js', 'postcss.config.mjs', 'package-lock.json', 'tsconfig.json'];

function log(message: string): void {
  console.log(`[vocicomuni] ${message}`);
}

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function needsBuild(): boolean {
  const buildId = path.join(root, '.next/BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}

/** A secret from the environment, or one made once and kept in the data folder so it survives a restart (next-auth's signing secret, the token key). */
function localSecret(dataDir: string, fromEnv: string | undefined, file: string, encoding: 'hex' | 'base64'): string {
  if (fromEnv) return fromEnv;
  const where = path.join(dataDir, file);
  if (!existsSync(where)) writeFileSync(where, randomBytes(32).toString(encoding), { mode: 0o600 });
  return readFileSync(where, 'utf8').trim();
}

/** The VAPID key pair of demo mode: made once and kept in the data folder, so browsers' subscriptions survive a restart. */
function localVapidKeys(dataDir: string): { VC_VAPID_PUBLIC_KEY: string; VC_VAPID_PRIVATE_KEY: string } {
  const where = path.join(dataDir, 'vapid-keys.json');
  if (!existsSync(where)) writeFileSync(where, JSON.stringify(webpush.generateVAPIDKeys()), { mode: 0o600 });
  const keys = z.object({ publicKey: z.string(), privateKey: z.string() }).parse(JSON.parse(readFileSync(where, 'utf8')));
  return { VC_VAPID_PUBLIC_KEY: keys.publicKey, VC_VAPID_PRIVATE_KEY: keys.privateKey };
}

/**
 * The worker processes the run command starts beside its web process (VC_WORKERS), each restarted if it stops on its own
 * (they are stateless: the queue is in PostgreSQL). Returns what resolves once they have stopped after the
 * portal's own stop (they let their running jobs finish first).
 */
function superviseWorkers(count: number, env: NodeJS.ProcessEnv, stopping: () => boolean): { stop(): void; stopped: Promise<void> } {
  const running = new Set<ChildProcess>();
  const stopped: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    let markStopped: () => void = () => {};
    stopped.push(new Promise<void>((resolve) => (markStopped = resolve)));
    const start = () => {
      const worker = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/worker.ts')], { stdio: 'inherit', env });
      running.add(worker);
      worker.on('exit', (code, signal) => {
        running.delete(worker);
        if (stopping()) return markStopped();
        log(`A worker stopped (${signal ?? code}); restarting it in 5 s`);
        setTimeout(start, 5000).unref();
      });
    };
    start();
  }
  return { stop: () => running.forEach((worker) => worker.kill('SIGTERM')), stopped: Promise.all(stopped).then(() => {}) };
}

/** The embedded default connects the stand-in's channel itself, so a newcomer sees messages reach a playlist. */
async function connectStandinChannel(db: Db, standin: Standin): Promise<void> {
  if (await channelStatus(db)) return;
  const target = youtubeTarget();
  if (!target) return;
  const { title } = await connectChannel(db, target, standin.issueRefreshToken(), null);
  log(`Connected the stand-in channel «${title}»`);
}

/*
 * Folders and secrets made before the portal set its umask (0077) may still be
 * readable by other users of the machine: uploaded videos are personal data
 * until published, and the secrets sign sessions.
 */
async function restrictDataFolder(dataDir: string): Promise<void> {
  const own = async (name: string, mode: number) => chmod(path.join(dataDir, name), mode).catch(() => {});
  await Promise.all([
    ...['uploads', 'posters', 'scratch', 'youtube-standin', 'map'].map((folder) => own(folder, 0o700)),
    ...['auth-secret', 'token-key', 'youtube-standin-secret', 'demo-key', 'pg-secrets.json'].map((file) => own(file, 0o600)),
  ]);
}

/** What pages may frame and post to, from the public address and the configured services. */
function securityPolicy(publicUrl: string, mode: RunMode): SecurityPolicy {
  const issuer = config().auth.oidc?.issuer;
  const oidc = issuer ? new URL(issuer).origin : null;
  return {
    https: publicUrl.startsWith('https://'),
    frameSources: mode.youtube === 'google' ? [YOUTUBE_EMBED_ORIGIN] : [],
    formTargets: oidc ? [oidc] : [],
  };
}

/** Stops before anything starts when the configuration would expose demo conveniences to a network. */
function runModeOrExit(): RunMode {
  const decision = decideRunMode();
  if (decision.ok) return decision.mode;
  console.error('[vocicomuni] The portal will not start:');
  for (const problem of decision.problems) console.error(`  - ${problem}`);
  process.exit(2);
}

async function main(): Promise<void> {
  // Uploads, secrets, caches: everything the portal writes is for its own user only (files 0600, folders 0700).
  process.umask(0o077);
  const mode = runModeOrExit();
  const { areaCode, mapDir, dataDir, trustedProxies } = config();
  const trustProxy = parseTrustedProxies(trustedProxies);
  if (isHopCount(trustedProxies)) {
    log('VC_TRUSTED_PROXIES is a number of hops: any client that reaches the portal directly can then claim any address; let only the proxy reach it');
  }
  containRequestErrors();
  await mkdir(dataDir, { recursive: true });
  await restrictDataFolder(dataDir);
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = config().databaseUrl ?? undefined;
  // Migrations run as the schema's owner; the portal as a role that cannot rewrite history (lib/db/roles.ts).
  let migrationUrl = config().migrationUrl ?? undefined;
  if (!databaseUrl) {
    log(`Starting the embedded PostgreSQL in ${path.relative(root, path.join(dataDir, 'pg')) || dataDir}`);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: config().embeddedPgPort ?? undefined });
    databaseUrl = embedded.url;
    migrationUrl = embedded.ownerUrl;
  }
  // The worker, when there is one, still needs the database to settle its last jobs: the database stops after it, within a bound.
  let workers: { stop(): void; stopped: Promise<void> } | null = null;
  const shutdown = async (code: number) => {
    const bound = config().shutdownGraceMs + 5000;
    await Promise.race([workers?.stopped ?? Promise.resolve(), new Promise((resolve) => setTimeout(resolve, bound).unref())]);
    await embedded?.stop().catch(() => {});
    process.exit(code);
  };
  // Demo messages by default only in demo mode; demo accounts never outside it.
  const demoContent = config().demoContent ?? mode.demo;
  try {
    await prepare({
      databaseUrl,
      migrationUrl,
      // The embedded database is the portal's own; an operator's, in production, is migrated by the release (npm run db:deploy).
      migrate: embedded !== null || !config().production,
      areaCode,
      mapDir,
      sharedGeoDir: defaultSharedGeoDir(root),
      demo: demoContent,
      uploads: uploadSettings(dataDir),
      demoAccounts: mode.demo && demoContent,
      log,
    });
    if (needsBuild()) {
      log('Building the portal (next build)…');
      const build = spawnSync(process.execPath, [NEXT_BIN, 'build'], { stdio: 'inherit', env: childEnvironment({ NEXT_TELEMETRY_DISABLED: '1' }) });
      if (build.status !== 0) throw new Error('next build failed');
    }
    // Once per build: the scripts and styles every visitor downloads, compressed at the highest effort (a start after that finds them done).
    // An optimisation only: without the copies Next.js sends the files itself.
    const compressed = await precompressStatic(STATIC_DIR).catch((error: unknown) => {
      console.warn(`Built files not compressed: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    });
    if (compressed) log(`Compressed ${compressed} built files (brotli, gzip).`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
  }
  const { port, host } = config().server;
  const { publicUrl } = config();
  const db = createDb(databaseUrl, 6);
  const mailEnv: Record<string, string> = {};
  const taken = [port];
  if (mode.demoInbox) {
    const smtpPort = await freePort(taken);
    taken.push(smtpPort);
    await startDemoSmtpServer(db, smtpPort);
    mailEnv.VC_SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    mailEnv.VC_DEMO_INBOX = '1';
    mailEnv.VC_DEMO_KEY = localSecret(dataDir, undefined, 'demo-key', 'hex');
    log('Demo mode, no SMTP configured: mail is caught locally. Demo inbox (this machine only; the key keeps it private):');
    log(`  ${publicUrl}${DEMO_INBOX_PATH}?${DEMO_KEY_PARAM}=${mailEnv.VC_DEMO_KEY}`);
  }
  const uploadConfig = uploadSettings(dataDir);
  const youtubeEnv: Record<string, string> = { VC_TOKEN_KEY: localSecret(dataDir, config().tokenKey?.toString('base64'), 'token-key', 'base64') };
  addDerivedSettings(youtubeEnv);
  // Demo mode turns push notifications on with a key pair of its own; a public service configures its keys.
  if (mode.demo && !config().push.vapid) addDerivedSettings(localVapidKeys(dataDir));
  // In demo mode without Google credentials, a local YouTube stand-in answers at /_youtube on the portal's own port.
  const standin =
    mode.youtube === 'standin'
      ? createStandin({
          dataDir: path.join(dataDir, 'youtube-standin'),
          basePath: STANDIN_PATH,
          processingMs: config().youtube.standinProcessingMs,
          clientSecret: localSecret(dataDir, undefined, 'youtube-standin-secret', 'hex'),
          redirectUris: [callbackUrl(publicUrl)],
          maxUploadBytes: uploadConfig.limits.maxBytes,
          // The stand-in grants the day's quota the portal is told the project has (VC_YOUTUBE_QUOTA_*).
          quota: { default: config().youtube.quota.units, insert: config().youtube.quota.uploads },
        })
      : null;
  if (standin) {
    youtubeEnv.VC_YOUTUBE_STANDIN_URL = `http://127.0.0.1:${port}${STANDIN_PATH}/`;
    youtubeEnv.VC_YOUTUBE_STANDIN_SECRET = standin.clientSecret;
    addDerivedSettings(youtubeEnv);
    log(`Demo mode, no Google credentials: YouTube is a local stand-in at ${publicUrl}${STANDIN_PATH}/ (to this machine only)`);
  } else if (mode.youtube === 'off') {
    log('VC_YOUTUBE=off: messages are published on the portal only');
  }
  const nextPort = await freePort(taken);
  // What Next.js writes as its scripts' nonce, replaced in every page by a fresh one (never sent as it is).
  const noncePlaceholder = randomBytes(24).toString('base64url');
  const nextEnv = childEnvironment({
    VC_CSP_NONCE_PLACEHOLDER: noncePlaceholder,
    ...mailEnv,
    ...youtubeEnv,
    DATABASE_URL: databaseUrl,
    NEXT_TELEMETRY_DISABLED: '1',
    VC_PUBLIC_URL: publicUrl,
    NEXTAUTH_URL: config().auth.url,
    NEXTAUTH_SECRET: localSecret(dataDir, config().authSecret ?? undefined, 'auth-secret', 'hex'),
  });
  let stopping = false;
  // Next.js renders the pages; if it stops on its own (out of memory, a crash), it is started again on the same port.
  let server: ChildProcess;
  const startNext = () => {
    if (stopping) return;
    server = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(nextPort), '-H', NEXT_HOSTNAME], { stdio: 'inherit', env: nextEnv });
    server.on('exit', (code, signal) => {
      if (stopping) return void shutdown(code ?? 0);
      log(`Next.js stopped (${signal ?? code}); starting it again`);
      setTimeout(startNext, 1000).unref();
    });
  };
  startNext();
  const uploads = await createUploadServer(db, uploadConfig);
  const { pageCacheSeconds, pageCacheBytes, metricsToken } = config();
  const metrics = createMetrics(db, metricsToken);
  const requestLog = processLog('web');
  // A newcomer's terminal is not a log collector: in demo mode only problems, unless asked (VC_LOG_LEVEL).
  if (mode.demo && !isSet('VC_LOG_LEVEL')) requestLog.level = 'warn';
  const pageCache = new PageCache(pageCacheBytes);
  // A public change made anywhere (another web process, a worker) empties this cache as it commits.
  const dropPages = () => dropTwice(() => pageCache.clear());
  listenForEvents(databaseUrl, (event) => isPublicEvent(event.type) && dropPages(), dropPages);
  const front = createFrontServer({
    upstream: { host: NEXT_HOSTNAME, port: nextPort },
    cache: pageCache,
    cacheSeconds: pageCacheSeconds,
    routes: [
      { prefix: UPLOAD_PATH, handle: uploads.handle },
      // Without a token, only a scraper on this machine may read the figures.
      { prefix: '/metrics', handle: metrics.handle, localOnly: !metricsToken },
      ...healthRoutes(db, uploads.store, uploadConfig, isLocalRequest),
      ...(standin ? [{ prefix: STANDIN_PATH, handle: standin.handle, localOnly: true }] : []),
    ],
    log: requestLog,
    observe: metrics.observe,
    localOnlyPages: [DEMO_INBOX_PATH],
    trustProxy,
    security: securityPolicy(publicUrl, mode),
    staleSessionCookies: (header) => staleSessionCookies(db, header),
    noncePlaceholder,
    staticDirectory: STATIC_DIR,
  });
  front.on('error', (error) => {
    console.error(`The portal cannot listen on ${host}:${port}: ${error.message}`);
    stopping = true;
    server.kill('SIGTERM');
  });
  front.listen(port, host, () => {
    log(`Portal on http://${host}:${port}`);
    if (standin) void connectStandinChannel(db, standin).catch((error: unknown) => console.error('stand-in channel:', error));
    workers = superviseWorkers(
      config().workersBeside,
      childEnvironment({
        ...mailEnv,
        ...youtubeEnv,
        DATABASE_URL: databaseUrl,
        VC_PUBLIC_URL: publicUrl,
        VC_DATA_DIR: dataDir,
        VC_EXIT_WITH_PARENT: '1',
        ...(standin
          ? {
              VC_YOUTUBE_POLL_MS: String(isSet('VC_YOUTUBE_POLL_MS') ? config().youtube.pollMs : 2000),
              VC_YOUTUBE_REFRESH_MS: String(isSet('VC_YOUTUBE_REFRESH_MS') ? config().worker.youtubeRefreshMs : 60_000),
            }
          : {}),
      }),
      () => stopping,
    );
  });
  // A graceful stop: no new connections; requests under way (an upload's chunk, a page) finish within the grace period,
  // then Next.js and the worker stop (the worker lets its running jobs finish, or leaves them to other workers).
  const stopGracefully = () => {
    if (stopping) {
      // Asked again: the operator will not wait for the grace period.
      log('Stopping now');
      void embedded
        ?.stop()
        .catch(() => {})
        .finally(() => process.exit(1));
      if (!embedded) process.exit(1);
      return;
    }
    stopping = true;
    const { shutdownGraceMs } = config();
    log(`Stopping: no new requests; those under way have ${shutdownGraceMs} ms to finish`);
    workers?.stop();
    front.close(() => server.kill('SIGTERM'));
    front.closeIdleConnections();
    setTimeout(() => front.closeAllConnections(), shutdownGraceMs).unref();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stopGracefully);
  // Test runs ask the portal to stop by itself if the process that started it dies.
  if (config().exitWithParent) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent && !stopping) stopGracefully();
    }, 1000).unref();
  }
}

main().catch((error: unknown) => {
  // A wrong setting (lib/config says which) stops the portal before anything starts, without a stack trace.
  console.error(`[vocicomuni] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
