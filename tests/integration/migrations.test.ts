import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedEditorialPairs } from '@/lib/editorial/transitions';
import { pendingSchemaChanges } from '@/lib/db/migrations';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ALL_STATUSES, createMunicipality } from '../support/fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await createMunicipality(t.db, '001272', 'Torino');
});
afterAll(() => t.drop());

describe('migrations', () => {
  it('match schema.prisma exactly (no drift a `prisma migrate dev` would turn into a migration)', async () => {
    expect(await pendingSchemaChanges(t.url)).toBe('');
  });
});

describe('database guards', () => {
  async function sql(text: string, values: unknown[] = []) {
    const client = new pg.Client(t.url);
    await client.connect();
    try {
      return await client.query(text, values);
    } finally {
      await client.end();
    }
  }

  it('refuses a message born in any state but draft', async () => {
    await expect(
      sql(
        `INSERT INTO video (id, municipality_istat, title, status, published_at, updated_at) VALUES (gen_random_uuid(), '001272', 'x', 'PUBLISHED', now(), now())`,
      ),
    ).rejects.toThrow(/starts as DRAFT/);
  });

  it('allows exactly the editorial transitions of the table in lib/editorial', async () => {
    const allowed = new Set(allowedEditorialPairs().map(([from, to]) => `${from}>${to}`));
    for (const from of ALL_STATUSES) {
      for (const to of ALL_STATUSES) {
        if (from === to) continue;
        // A demo row needs no uploaded file, so only the transition guard is exercised here.
        const { rows } = await sql(
          `INSERT INTO video (id, municipality_istat, title, updated_at, is_demo) VALUES (gen_random_uuid(), '001272', 'guard', now(), true) RETURNING id`,
        );
        const id = rows[0].id as string;
        // Put the row in `from` without the guard (as superuser), then try the step.
        await sql(`ALTER TABLE video DISABLE TRIGGER video_editorial_guard`);
        await sql(`UPDATE video SET status = $1, published_at = now() WHERE id = $2`, [from, id]);
        await sql(`ALTER TABLE video ENABLE TRIGGER video_editorial_guard`);
        const attempt = sql(`UPDATE video SET status = $1, published_at = now() WHERE id = $2`, [to, id]);
        if (allowed.has(`${from}>${to}`)) await expect(attempt).resolves.toBeDefined();
        else await expect(attempt, `${from} -> ${to}`).rejects.toThrow(/not allowed/);
      }
    }
  });

  it('refuses a published message without a publication date', async () => {
    const { rows } = await sql(
      `INSERT INTO video (id, municipality_istat, title, updated_at, is_demo) VALUES (gen_random_uuid(), '001272', 'no date', now(), true) RETURNING id`,
    );
    await sql(`UPDATE video SET status = 'SUBMITTED' WHERE id = $1`, [rows[0].id]);
    await sql(`UPDATE video SET status = 'APPROVED' WHERE id = $1`, [rows[0].id]);
    await expect(sql(`UPDATE video SET status = 'PUBLISHED' WHERE id = $1`, [rows[0].id])).rejects.toThrow(/video_published_has_date/);
  });

  it('binds a mayor to exactly one comune, and staff to none', async () => {
    await expect(sql(`INSERT INTO app_user (id, email, name, role) VALUES (gen_random_uuid(), 'sindaco@example.org', 'S', 'MAYOR')`)).rejects.toThrow(
      /app_user_mayor_has_municipality/,
    );
    await expect(
      sql(`INSERT INTO app_user (id, email, name, role, municipality_istat) VALUES (gen_random_uuid(), 'staff@example.org', 'S', 'MODERATOR', '001272')`),
    ).rejects.toThrow(/app_user_mayor_has_municipality/);
    await expect(
      sql(`INSERT INTO app_user (id, email, name, role, municipality_istat) VALUES (gen_random_uuid(), 'sindaco@example.org', 'S', 'MAYOR', '001272')`),
    ).resolves.toBeDefined();
  });
});
