import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '@/lib/db/embedded';

let portal: ChildProcess | null = null;
let logFd: number | null = null;

/*
 * The real portal, started by the README's launcher (scripts/portal.ts) with
 * its own embedded PostgreSQL in a throwaway folder, on 127.0.0.1.
 */
export async function setup(project: TestProject): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vc-e2e-'));
  const port = await freePort();
  const pgPort = await freePort([port]);
  const logFile = path.join(dataDir, 'portal.log');
  const log = openSync(logFile, 'a');
  logFd = log;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VC_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    VC_PG_PORT: String(pgPort),
    VC_EXIT_WITH_PARENT: '1',
    VC_UPLOAD_CHUNK_BYTES: String(256 * 1024),
    VC_YOUTUBE_POLL_MS: '500',
    VC_YOUTUBE_REFRESH_MS: '3000',
    VC_YOUTUBE_STANDIN_PROCESSING_MS: '1000',
  };
  delete env.DATABASE_URL;
  portal = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/portal.ts'], { env, stdio: ['ignore', log, log] });
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
  project.provide('baseUrl', baseUrl);
  project.provide('portalDataDir', dataDir);
  // The tests reach the database as the portal itself does: the application role, whose password the launcher made.
  const secrets = JSON.parse(readFileSync(path.join(dataDir, 'pg-secrets.json'), 'utf8')) as { app: string };
  project.provide('portalDatabaseUrl', `postgresql://vc_app:${secrets.app}@127.0.0.1:${pgPort}/vocicomuni`);
}

export async function teardown(): Promise<void> {
  if (logFd !== null) closeSync(logFd);
  if (!portal || portal.exitCode !== null) return;
  const exited = new Promise((resolve) => portal!.once('exit', resolve));
  portal.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
  // A pending timer would keep the test run alive for its whole length after the portal has gone.
  clearTimeout(timer);
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    portalDatabaseUrl: string;
    portalDataDir: string;
  }
}
