import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFor } from '@/lib/db/deploy';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded';

/*
 * The embedded default as the run command starts it: a cluster of its own,
 * migrations as the owner role, the portal as the application role.
 */

let dir: string;
let server: EmbeddedDatabase;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vc-roles-'));
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
  await deployFor(server.url, server.ownerUrl);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function asRole<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('the portal’s own database role', () => {
  it('adds to the audit trail but cannot rewrite it, even by switching the triggers off', async () => {
    await asRole(server.url, async (client) => {
      await client.query("INSERT INTO audit_event (action, subject_type, subject_id) VALUES ('test.write', 'user', 'x')");
      await expect(client.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied/);
      await expect(client.query("UPDATE audit_event SET reason = 'riscritto'")).rejects.toThrow(/permission denied/);
      await expect(client.query('DELETE FROM audit_event')).rejects.toThrow(/permission denied/);
      await expect(client.query('TRUNCATE audit_event')).rejects.toThrow(/permission denied/);
      await expect(client.query('DELETE FROM editorial_transition')).rejects.toThrow(/permission denied/);
      await expect(client.query('ALTER TABLE audit_event DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner/);
      await expect(client.query('DROP TABLE audit_event')).rejects.toThrow(/must be owner/);
    });
  });

  it('works on ordinary rows, and nothing else: no new tables, no migration bookkeeping, no superuser', async () => {
    await asRole(server.url, async (client) => {
      await client.query("INSERT INTO rate_limit_hit (bucket, key) VALUES ('test', 'k')");
      await client.query("DELETE FROM rate_limit_hit WHERE bucket = 'test'");
      await expect(client.query('TRUNCATE rate_limit_hit')).rejects.toThrow(/permission denied/);
      await expect(client.query('CREATE TABLE intruso (id int)')).rejects.toThrow(/permission denied/);
      await expect(client.query('SELECT * FROM _prisma_migrations')).rejects.toThrow(/permission denied/);
      const { rows } = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
      expect(rows[0]!.rolsuper).toBe(false);
    });
  });

  it('keeps the random passwords beside the cluster, readable by this user only', () => {
    const file = path.join(dir, 'pg-secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(secrets).sort()).toEqual(['admin', 'app', 'owner']);
    expect(Object.values(secrets).every((p) => p.length >= 32 && p !== 'vocicomuni')).toBe(true);
  });
});

describe('the release step (npm run db:deploy) on an empty database', () => {
  it('migrates and installs the job queue as the owner, and the portal’s role may add and take jobs but not change the queue', async () => {
    const admin = new pg.Client(server.urlFor('postgres'));
    await admin.connect();
    await admin.query('CREATE DATABASE release_step OWNER vc_owner');
    await admin.end();
    const appUrl = server.url.replace(/\/vocicomuni$/, '/release_step');
    const ownerUrl = server.ownerUrl.replace(/\/vocicomuni$/, '/release_step');
    await asRole(ownerUrl, (client) => client.query('GRANT CONNECT ON DATABASE release_step TO vc_app'));
    const release = spawn(process.execPath, ['--import', 'tsx', 'scripts/db.ts', 'deploy'], {
      env: { ...process.env, DATABASE_URL: appUrl, VC_MIGRATION_DATABASE_URL: ownerUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    release.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    release.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await new Promise((resolve) => release.on('exit', resolve)), output).toBe(0);
    expect(output).toContain('job_queue_and_domain_events');
    await asRole(appUrl, async (client) => {
      await client.query('INSERT INTO pgboss.job (name, data) VALUES (\'mail.deliver\', \'{"outboxId": "1"}\')');
      expect((await client.query("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail.deliver'")).rows[0].n).toBe(1);
      await expect(client.query('DROP TABLE pgboss.job')).rejects.toThrow(/must be owner/);
      await expect(client.query('CREATE TABLE pgboss.intruso (id int)')).rejects.toThrow(/permission denied/);
      await expect(client.query('SELECT * FROM _prisma_migrations')).rejects.toThrow(/permission denied/);
    });
  }, 120_000);
});

describe('an embedded cluster that is started again', () => {
  it('never signals the process a leftover postmaster.pid names, and starts anyway', async () => {
    await server.stop();
    const bystander = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(dir, 'pg', 'postmaster.pid'), `${bystander.pid}\n${path.join(dir, 'pg')}\n`);
      server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
      expect(bystander.exitCode).toBeNull();
      expect(bystander.signalCode).toBeNull();
      expect(await asRole(server.url, async (client) => (await client.query('SELECT 1 AS one')).rows[0])).toEqual({ one: 1 });
    } finally {
      bystander.kill();
    }
  }, 120_000);

  it('moves a cluster made with the old fixed password to random ones', async () => {
    await asRole(server.urlFor('postgres'), (client) => client.query("ALTER ROLE vocicomuni PASSWORD 'vocicomuni'"));
    await server.stop();
    const file = path.join(dir, 'pg-secrets.json');
    // What an installation from before looks like: no secrets file at all.
    rmSync(file);
    server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
    const secrets = JSON.parse(readFileSync(file, 'utf8')) as { admin: string };
    expect(secrets.admin).not.toBe('vocicomuni');
    await expect(asRole(server.urlFor('postgres').replace(secrets.admin, 'vocicomuni'), (client) => client.query('SELECT 1'))).rejects.toThrow(
      /password authentication failed/,
    );
    expect(await asRole(server.url, async (client) => (await client.query('SELECT count(*)::int AS n FROM audit_event')).rows[0])).toMatchObject({
      n: expect.any(Number),
    });
  }, 120_000);

  it('refuses to start on a damaged passwords file, and leaves it as it was for a restore', async () => {
    await server.stop();
    const file = path.join(dir, 'pg-secrets.json');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.slice(0, 20));
    try {
      await expect(startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') })).rejects.toThrow(/pg-secrets\.json is damaged/);
      expect(readFileSync(file, 'utf8')).toBe(good.slice(0, 20));
    } finally {
      writeFileSync(file, good);
      server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
    }
    expect(await asRole(server.url, async (client) => (await client.query('SELECT 1 AS one')).rows[0])).toEqual({ one: 1 });
  }, 120_000);
});
