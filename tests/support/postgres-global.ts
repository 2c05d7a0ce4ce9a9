import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded';
import { deployFor } from '@/lib/db/deploy';
import { TEMPLATE_DATABASE } from './database';

let server: EmbeddedDatabase | null = null;

/* One real PostgreSQL for the run; a migrated template, job queue installed, that each test file clones. */
export async function setup(project: TestProject): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vc-it-'));
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), ephemeral: true });
  const admin = new pg.Client(server.urlFor('postgres'));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  await deployFor(server.urlFor(TEMPLATE_DATABASE));
  project.provide('postgresAdminUrl', server.urlFor('postgres'));
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}
