/*
 * The deployment of docs/DEPLOY.md on this machine, with plain processes
 * instead of systemd units: Debian's PostgreSQL (its own cluster in a folder,
 * the owner and application roles), the release step (`npm run db:deploy`),
 * web processes and workers sharing one data folder, and nginx with TLS (a
 * self-signed certificate, deploy/nginx/vocicomuni.conf) in front; mail goes
 * to a local SMTP catcher and YouTube to the local stand-in. Everything listens
 * on 127.0.0.1 and stops when the process that started it does.
 *
 * The cluster tests (tests/e2e/cluster.test.ts) and bench/cluster-pages.ts
 * start it with startCluster(); an operator can try the topology with
 *   node --import tsx scripts/cluster.ts [--web 2] [--workers 2]
 * (Debian packages nginx, postgresql and openssl).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync, readFileSync, type WriteStream } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit, type Response as UndiciResponse } from 'undici';
import { addDerivedSettings, childEnvironment } from '../lib/config';
import { createDb } from '../lib/db/client';
import { freePort } from '../lib/db/embedded';
import { APP_ROLE, ensureRoles, OWNER_ROLE } from '../lib/db/roles';
import { closeJobQueue, jobQueueClient } from '../lib/jobs/queue';
import { standinTarget } from '../lib/youtube/api';
import { connectChannel } from '../lib/youtube/channel';
import { createStandin, type Standin } from '../lib/youtube/standin/server';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp-catcher';

const root = path.resolve(import.meta.dirname, '..');
const DATABASE = 'vocicomuni';

export interface ClusterOptions {
  webProcesses?: number;
  workers?: number;
  /** Settings given to every web process and worker (e.g. VC_UPLOAD_CHUNK_BYTES). */
  settings?: Record<string, string>;
  /** The stand-in's upload speed, so that a test can stop a worker in the middle of an upload. */
  youtubeBytesPerSecond?: number;
  log?: (line: string) => void;
}

export interface ClusterProcess {
  readonly name: string;
  /** The web process's own port (nginx's upstream); null for a worker. */
  readonly port: number | null;
  readonly pid: number;
  readonly running: boolean;
  /** Sends a signal to the process itself (SIGTERM: a graceful stop) and waits until it has exited. */
  signal(signal: NodeJS.Signals): Promise<void>;
  /** SIGKILL to the process and its children (Next.js), as a crash or the OOM killer would. */
  crash(): Promise<void>;
  /** Starts it again (same port, same settings), and waits until it is ready. */
  restart(): Promise<void>;
}

export interface Cluster {
  /** nginx's https address, e.g. https://127.0.0.1:8443 (the public URL). */
  url: string;
  /** The self-signed certificate nginx presents (PEM), for clients that check it. */
  certificate: string;
  dir: string;
  dataDir: string;
  /** The application role's connection, as the portal's processes use it. */
  databaseUrl: string;
  ownerUrl: string;
  /** nginx's plain http address, which sends everyone to https. */
  httpUrl: string;
  /** The local port of the connection the stand-in last received video bytes on (which worker uploads). */
  lastYoutubeUploadPort(): number | null;
  /** fetch through nginx (a path, or a full URL), trusting the cluster's certificate; no redirects followed unless asked. */
  fetch(pathOrUrl: string, init?: UndiciRequestInit): Promise<UndiciResponse>;
  /** PostgreSQL's version as the server reports it (e.g. "15.18 (Debian 15.18-0+deb12u1)"). */
  postgresVersion: string;
  web: ClusterProcess[];
  workers: ClusterProcess[];
  smtp: SmtpCatcher;
  standin: Standin;
  standinUrl: string;
  /** Where nginx serves files from as they are (bench: the same bytes as static files). */
  staticDir: string;
  staticUrl: string;
  stop(): Promise<void>;
}

/** The newest PostgreSQL server Debian installed (/usr/lib/postgresql/<version>/bin). */
function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin/postgres'))) : [];
  if (!versions.length) throw new Error("No PostgreSQL server: apt-get install postgresql (Debian's, version 15 on bookworm)");
  return path.join(base, versions.sort((a, b) => Number(b) - Number(a))[0]!, 'bin');
}

function nginxBin(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(candidate)) return candidate;
  throw new Error('No nginx: apt-get install nginx');
}

const asRoot = process.getuid?.() === 0;

/** PostgreSQL refuses to run as root: as root, its commands run as Debian's "postgres" user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${what} failed: ${result.stderr || result.stdout || result.error?.message}`);
}

/*
 * A guard that outlives a crash of the process that started the cluster: when
 * that process is gone, it stops what the cluster started (the portal's own
 * processes stop by themselves: VC_EXIT_WITH_PARENT).
 */
function guard(file: string, pids: () => number[]): { update(): void; stop(): void } {
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; for p in $(cat ${file} 2>/dev/null); do kill -INT $p 2>/dev/null; done; sleep 5; for p in $(cat ${file} 2>/dev/null); do kill -KILL $p 2>/dev/null; done; rm -f ${file}`;
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return {
    update: () => void writeFile(file, pids().join(' ')).catch(() => {}),
    stop: () => {
      child.kill();
      void rm(file, { force: true });
    },
  };
}

async function waitFor(what: string, check: () => Promise<boolean>, ms: number, failed?: () => string | null): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    const reason = failed?.();
    if (reason) throw new Error(`${what}: ${reason}`);
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface Postgres {
  adminUrl: string;
  pid: number;
  version: string;
  stop(): Promise<void>;
}

async function startPostgres(dir: string, logFile: WriteStream): Promise<Postgres> {
  const bin = postgresBin();
  const dataDir = path.join(dir, 'pg');
  const socketDir = path.join(dir, 'pg-socket');
  const password = randomBytes(18).toString('base64url');
  await mkdir(dataDir, { mode: 0o700 });
  await mkdir(socketDir, { mode: 0o700 });
  const pwfile = path.join(dir, 'pg-superuser-password');
  await writeFile(pwfile, password, { mode: 0o600 });
  if (asRoot) {
    const { uid, gid } = postgresUser();
    await Promise.all([dataDir, socketDir, pwfile].map((p) => chown(p, uid, gid)));
  }
  // As Debian's pg_createcluster sets it up: peer sign-in on the socket, passwords (SCRAM) over TCP.
  run(
    ...asPostgres(path.join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      `--pwfile=${pwfile}`,
      '--auth-local=peer',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--no-locale',
      '--no-sync',
    ]),
    'initdb',
  );
  await rm(pwfile);
  const port = await freePort();
  const [command, args] = asPostgres(path.join(bin, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${socketDir}`,
    '-c',
    'max_connections=200',
  ]);
  const child = spawn(command, args, { stdio: ['ignore', logFile, logFile] });
  const adminUrl = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;
  let version = '';
  await waitFor(
    'PostgreSQL',
    async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      version = ((await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '').trim();
      await client.end();
      return true;
    },
    30_000,
    () => (child.exitCode !== null ? `exited (${child.exitCode}); see ${path.join(dir, 'logs/postgres.log')}` : null),
  );
  // The server itself, not runuser's process before it: runuser does not pass signals on.
  const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  return {
    adminUrl,
    pid,
    version,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // SIGINT: PostgreSQL's fast shutdown.
      process.kill(pid, 'SIGINT');
      await exited;
    },
  };
}

function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('No "postgres" user: apt-get install postgresql creates it');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** The same owner and application roles DEPLOY.md makes with createuser, and the database the owner owns. */
async function createDatabase(adminUrl: string): Promise<{ databaseUrl: string; ownerUrl: string }> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${DATABASE}`);
  await client.end();
  const passwords = { owner: randomBytes(18).toString('base64url'), app: randomBytes(18).toString('base64url') };
  await ensureRoles(adminUrl, DATABASE, passwords);
  const at = new URL(adminUrl).host;
  return {
    databaseUrl: `postgresql://${APP_ROLE}:${passwords.app}@${at}/${DATABASE}`,
    ownerUrl: `postgresql://${OWNER_ROLE}:${passwords.owner}@${at}/${DATABASE}`,
  };
}

/** `npm run db:deploy`, as a release does it: migrations and the job queue as the owner, grants for the portal's role. */
function deployRelease(databaseUrl: string, ownerUrl: string, logFile: string): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/db.ts'), 'deploy'], {
    cwd: root,
    env: { ...cleanEnv(), DATABASE_URL: databaseUrl, VC_MIGRATION_DATABASE_URL: ownerUrl },
    encoding: 'utf8',
  });
  void writeFile(logFile, `${result.stdout}${result.stderr}`);
  if (result.status !== 0) throw new Error(`npm run db:deploy failed: ${result.stderr}`);
}

/** This process's environment without any portal setting, so that a developer's own do not leak into the cluster. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = childEnvironment();
  for (const name of Object.keys(env)) if (name.startsWith('VC_') || name.startsWith('NEXTAUTH_') || name === 'DATABASE_URL') delete env[name];
  return env;
}

async function selfSignedCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const cert = path.join(dir, 'tls/cert.pem');
  const key = path.join(dir, 'tls/key.pem');
  await mkdir(path.dirname(cert), { mode: 0o700 });
  run(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    'openssl req (self-signed certificate)',
  );
  return { cert, key };
}

/** deploy/nginx/vocicomuni.conf with this cluster's values, inside a main configuration of its own (no /etc/nginx). */
async function nginxConfig(
  dir: string,
  values: { webPorts: number[]; httpPort: number; httpsPort: number; cert: string; key: string; staticDir: string; staticPort: number },
): Promise<string> {
  const site = (await readFile(path.join(root, 'deploy/nginx/vocicomuni.conf'), 'utf8'))
    .replace(/^\s*server 127\.0\.0\.1:WEB_PORT_1 (.*)\n\s*server 127\.0\.0\.1:WEB_PORT_2 .*\n/m, (_all, rest: string) =>
      values.webPorts.map((port) => `    server 127.0.0.1:${port} ${rest}\n`).join(''),
    )
    .replaceAll('HTTPS_LISTEN', `127.0.0.1:${values.httpsPort}`)
    .replaceAll('HTTP_LISTEN', `127.0.0.1:${values.httpPort}`)
    .replaceAll('SERVER_NAME', '127.0.0.1 localhost')
    .replaceAll('CERTIFICATE_KEY_FILE', values.key)
    .replaceAll('CERTIFICATE_FILE', values.cert);
  if (/\b[A-Z_]{2,}_(PORT|LISTEN|NAME|FILE)\w*/.test(site.replace(/^#.*$/gm, '')))
    throw new Error('deploy/nginx/vocicomuni.conf has a value the cluster does not fill');
  const sitePath = path.join(dir, 'nginx/vocicomuni.conf');
  const temp = path.join(dir, 'nginx/temp');
  await mkdir(temp, { recursive: true });
  await writeFile(sitePath, site);
  const main = `
${asRoot ? 'user root;' : ''}
daemon off;
master_process on;
worker_processes 2;
pid ${path.join(dir, 'nginx/nginx.pid')};
error_log ${path.join(dir, 'logs/nginx-error.log')} warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  server_tokens off;
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  include ${sitePath};
  # The benchmark's reference: the same bytes as files, on the same TLS setup.
  server {
    listen 127.0.0.1:${values.staticPort} ssl http2;
    ssl_certificate ${values.cert};
    ssl_certificate_key ${values.key};
    root ${values.staticDir};
    default_type text/html;
    location / { try_files $uri $uri/index.html =404; }
  }
}
`;
  const mainPath = path.join(dir, 'nginx/nginx.conf');
  await writeFile(mainPath, main);
  return mainPath;
}

/** What the cluster started, for the guard and for a failed start: a process group (web, worker) or one process, and how to stop it. */
type Started = Array<{ pid: () => number | undefined; group?: boolean; signal?: NodeJS.Signals }>;

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const log = options.log ?? (() => {});
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vc-cluster-'));
  // PostgreSQL's user (as root) must enter the folder to reach its own.
  await chmod(dir, 0o711);
  const logs = path.join(dir, 'logs');
  await mkdir(logs);
  const dataDir = path.join(dir, 'data');
  await mkdir(dataDir, { mode: 0o700 });
  const staticDir = path.join(dir, 'static');
  await mkdir(staticDir);
  const started: Started = [];
  const watch = guard(path.join(dir, 'guard-pids'), () => started.map((p) => p.pid()).filter((pid): pid is number => typeof pid === 'number'));
  try {
    return await startIn(dir, options, started, watch, log);
  } catch (error) {
    // Nothing of a cluster that failed to start is left running.
    for (const entry of started) {
      const pid = entry.pid();
      if (pid === undefined) continue;
      try {
        process.kill(entry.group ? -pid : pid, entry.signal ?? 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    watch.stop();
    throw error;
  }
}

async function startIn(
  dir: string,
  options: ClusterOptions,
  started: Started,
  watch: { update(): void; stop(): void },
  log: (line: string) => void,
): Promise<Cluster> {
  const logs = path.join(dir, 'logs');
  const dataDir = path.join(dir, 'data');
  const staticDir = path.join(dir, 'static');

  log('PostgreSQL (Debian) …');
  const postgres = await startPostgres(dir, createWriteStream(path.join(logs, 'postgres.log')));
  // SIGQUIT: PostgreSQL's immediate stop, if the cluster fails to start.
  started.push({ pid: () => postgres.pid, signal: 'SIGQUIT' });
  watch.update();
  const { databaseUrl, ownerUrl } = await createDatabase(postgres.adminUrl);
  log('release step (db:deploy) …');
  deployRelease(databaseUrl, ownerUrl, path.join(logs, 'db-deploy.log'));

  const smtp = await startSmtpCatcher({ keepBodies: true });
  const standin = createStandin({ dataDir: path.join(dir, 'youtube-standin'), processingMs: 500, uploadBytesPerSecond: options.youtubeBytesPerSecond });
  let lastUploadPort: number | null = null;
  const standinServer: Server = createServer((req, res) => {
    // Video bytes arrive by PUT (YouTube's resumable upload protocol).
    if (req.method === 'PUT') lastUploadPort = req.socket.remotePort ?? null;
    standin.handle(req, res);
  });
  const standinPort = await freePort();
  await new Promise<void>((resolve) => standinServer.listen(standinPort, '127.0.0.1', resolve));
  const standinUrl = `http://127.0.0.1:${standinPort}/`;

  const webCount = options.webProcesses ?? 2;
  const taken: number[] = [standinPort, smtp.port];
  const takePort = async () => {
    const port = await freePort(taken);
    taken.push(port);
    return port;
  };
  const webPorts: number[] = [];
  for (let i = 0; i < webCount; i++) webPorts.push(await takePort());
  const httpsPort = await takePort();
  const httpPort = await takePort();
  const staticPort = await takePort();
  const url = `https://127.0.0.1:${httpsPort}`;
  // What an operator puts in /etc/vocicomuni/env (docs/DEPLOY.md): the same for every process.
  const tokenKey = randomBytes(32).toString('base64');
  const shared: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    VC_DATA_DIR: dataDir,
    VC_PUBLIC_URL: url,
    VC_SMTP_URL: smtp.url,
    VC_MAIL_FROM: 'VociComuni <voci@cittametropolitana.test>',
    VC_TOKEN_KEY: tokenKey,
    NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
    VC_EXIT_WITH_PARENT: '1',
    ...options.settings,
  };
  const webEnv = (port: number) => ({
    ...shared,
    HOST: '127.0.0.1',
    PORT: String(port),
    VC_TRUSTED_PROXIES: 'loopback',
    // Web processes serve HTTP only; the workers below do the background work, YouTube included.
    VC_WORKERS: '0',
    VC_YOUTUBE: 'off',
  });
  const workerEnv = {
    ...shared,
    VC_YOUTUBE_STANDIN_URL: standinUrl,
    VC_YOUTUBE_STANDIN_SECRET: standin.clientSecret,
    VC_WORKER_SUPERVISE_SECONDS: '2',
    VC_YOUTUBE_POLL_MS: '300',
  };

  const launch = (name: string, script: string, env: Record<string, string>, port: number | null, ready: (output: () => string) => Promise<boolean>) => {
    let child: ChildProcess;
    let output = '';
    const logFile = path.join(logs, `${name}.log`);
    const start = async () => {
      const out = createWriteStream(logFile, { flags: 'a' });
      output = '';
      // Its own process group, so that a crash takes its children (Next.js) too; the script itself (not tsx's wrapper) is the process.
      child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script)], {
        cwd: root,
        env: { ...cleanEnv(), ...env },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const keep = (chunk: Buffer) => {
        out.write(chunk);
        if (output.length < 100_000) output += chunk.toString('utf8');
      };
      child.stdout!.on('data', keep);
      child.stderr!.on('data', keep);
      child.once('exit', () => {
        out.end();
        // A process that is gone leaves the guard's list: its pid may be reused.
        watch.update();
      });
      watch.update();
      await waitFor(
        name,
        () => ready(() => output),
        8 * 60_000,
        () => (child.exitCode !== null ? `exited (${child.exitCode}); see ${logFile}` : null),
      );
    };
    const exited = () => child.exitCode !== null || child.signalCode !== null;
    const waitExit = () => (exited() ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve())));
    const proc: ClusterProcess = {
      name,
      port,
      get pid() {
        return child.pid!;
      },
      get running() {
        return !exited();
      },
      async signal(signal) {
        if (exited()) return;
        const done = waitExit();
        child.kill(signal);
        await done;
      },
      async crash() {
        if (exited()) return;
        const done = waitExit();
        process.kill(-child.pid!, 'SIGKILL');
        await done;
      },
      restart: start,
    };
    started.push({ pid: () => (child && !exited() ? child.pid : undefined), group: true });
    return { proc, start };
  };

  const web: ClusterProcess[] = [];
  // One after the other: the first one builds the portal when its sources changed, the others find it built.
  for (const [i, port] of webPorts.entries()) {
    log(`web process ${i + 1} on 127.0.0.1:${port} …`);
    const { proc, start } = launch(`web-${i + 1}`, 'scripts/portal.ts', webEnv(port), port, async () => {
      const answer = await fetch(`http://127.0.0.1:${port}/api/health/ready`);
      return answer.ok;
    });
    await start();
    web.push(proc);
  }
  const workers: ClusterProcess[] = [];
  for (let i = 0; i < (options.workers ?? 2); i++) {
    log(`worker ${i + 1} …`);
    const { proc, start } = launch(`worker-${i + 1}`, 'scripts/worker.ts', workerEnv, null, async (output) => /worker \S+: YouTube/.test(output()));
    await start();
    workers.push(proc);
  }

  log('nginx (TLS) …');
  const tls = await selfSignedCertificate(dir);
  const nginxConf = await nginxConfig(dir, { webPorts, httpPort, httpsPort, cert: tls.cert, key: tls.key, staticDir, staticPort });
  const nginx = spawn(nginxBin(), ['-c', nginxConf, '-e', path.join(logs, 'nginx-error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let nginxErrors = '';
  nginx.stderr!.on('data', (chunk: Buffer) => (nginxErrors += chunk.toString('utf8')));
  started.push({ pid: () => (nginx.exitCode === null ? nginx.pid : undefined) });
  watch.update();
  const certificate = await readFile(tls.cert, 'utf8');
  const agent = new Agent({ connect: { ca: certificate } });
  const tlsFetch = (pathOrUrl: string, init?: UndiciRequestInit) =>
    undiciFetch(pathOrUrl.startsWith('https://') ? pathOrUrl : `${url}${pathOrUrl}`, { redirect: 'manual', ...init, dispatcher: agent });
  await waitFor(
    'nginx',
    async () => (await tlsFetch('/api/health/live')).ok,
    30_000,
    () => (nginx.exitCode !== null ? `exited: ${nginxErrors}` : null),
  );

  // The channel, as an administrator connects it at /staff/youtube: the stand-in's.
  addDerivedSettings({ VC_TOKEN_KEY: tokenKey });
  const target = standinTarget(standinUrl, standin.clientSecret);
  const db = createDb(databaseUrl, 1);
  await jobQueueClient(databaseUrl);
  await connectChannel(db, target, standin.issueRefreshToken(), null);
  await closeJobQueue();
  await db.$disconnect();
  log(`ready: ${url} (PostgreSQL ${postgres.version}; logs in ${logs})`);

  let stopped = false;
  return {
    url,
    certificate,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    lastYoutubeUploadPort: () => lastUploadPort,
    fetch: tlsFetch,
    dir,
    dataDir,
    databaseUrl,
    ownerUrl,
    postgresVersion: postgres.version,
    web,
    workers,
    smtp,
    standin,
    standinUrl,
    staticDir,
    staticUrl: `https://127.0.0.1:${staticPort}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      nginx.kill('SIGTERM');
      await agent.close();
      // Web processes and workers stop gracefully (their grace period), the database last.
      await Promise.all([...web, ...workers].map((p) => Promise.race([p.signal('SIGTERM'), new Promise((r) => setTimeout(r, 30_000))])));
      await Promise.all([...web, ...workers].map((p) => p.crash()));
      await postgres.stop();
      smtp.close();
      standinServer.close();
      watch.stop();
      await rm(dir, { recursive: true, force: true }).catch(() => {});
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { web: { type: 'string', default: '2' }, workers: { type: 'string', default: '2' } } });
  const cluster = await startCluster({
    webProcesses: Number(values.web),
    workers: Number(values.workers),
    log: (line) => console.log(`[cluster] ${line}`),
  });
  console.log(`[cluster] open ${cluster.url} (self-signed certificate: ${path.join(cluster.dir, 'tls/cert.pem')}); Ctrl-C stops everything`);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void cluster.stop().finally(() => process.exit(0));
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
