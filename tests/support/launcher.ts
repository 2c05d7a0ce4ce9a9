import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@/lib/db/embedded';

/*
 * The real portal, started by the README's launcher (scripts/portal.ts) with
 * its own embedded PostgreSQL in a throwaway folder, on 127.0.0.1, with the
 * settings a test gives. It stops by itself when the test run ends
 * (VC_EXIT_WITH_PARENT).
 */

export interface RunningPortal {
  baseUrl: string;
  port: number;
  dataDir: string;
  logFile: string;
  /** The application role's connection, as the portal's own processes use it. */
  databaseUrl: string;
  /** The owner role's connection, as migrations use it. */
  ownerUrl: string;
  /** The demo inbox's address with its key, as the run command prints it (demo mode only). */
  demoInboxUrl: string | null;
  stop(): Promise<void>;
}

export async function startPortal(settings: Record<string, string> = {}): Promise<RunningPortal> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vc-e2e-'));
  const port = await freePort();
  const pgPort = await freePort([port]);
  const logFile = path.join(dataDir, 'portal.log');
  const log = openSync(logFile, 'a');
  let logClosed = false;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('VC_') || name === 'DATABASE_URL') delete env[name];
  Object.assign(env, { VC_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', VC_PG_PORT: String(pgPort), VC_EXIT_WITH_PARENT: '1' }, settings);
  const portal: ChildProcess = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/portal.ts'], { env, stdio: ['ignore', log, log] });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 8 * 60_000;
  for (;;) {
    if (portal.exitCode !== null) throw new Error(`The portal exited early; see ${logFile}`);
    const healthy = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`The portal did not start in time; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  // A portal on another one's database has no embedded server, and no secrets of its own.
  const secretsFile = path.join(dataDir, 'pg-secrets.json');
  const secrets = existsSync(secretsFile) ? (JSON.parse(readFileSync(secretsFile, 'utf8')) as { app: string; owner: string }) : null;
  return {
    baseUrl,
    port,
    dataDir,
    logFile,
    databaseUrl: secrets ? `postgresql://vc_app:${secrets.app}@127.0.0.1:${pgPort}/vocicomuni` : settings.DATABASE_URL!,
    ownerUrl: secrets ? `postgresql://vc_owner:${secrets.owner}@127.0.0.1:${pgPort}/vocicomuni` : settings.VC_MIGRATION_DATABASE_URL!,
    demoInboxUrl: existsSync(path.join(dataDir, 'demo-key'))
      ? `${baseUrl}/posta-demo?chiave=${readFileSync(path.join(dataDir, 'demo-key'), 'utf8').trim()}`
      : null,
    async stop() {
      if (portal.exitCode !== null) return;
      const exited = new Promise((resolve) => portal.once('exit', resolve));
      portal.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
      // A pending timer would keep the test run alive for its whole length after the portal has gone.
      clearTimeout(timer);
      if (!logClosed) closeSync(log);
      logClosed = true;
    },
  };
}
