import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { closeJobQueue, jobQueueClient } from '@/lib/jobs/queue';

export const TEMPLATE_DATABASE = 'vc_template';

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file (a copy of the template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `vc_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const db = createDb(url, 4);
  // Jobs are added on the test's own connections (the queue's definitions are the same in every copy).
  await jobQueueClient(url);
  return {
    url,
    db,
    async drop() {
      await closeJobQueue();
      await db.$disconnect();
      const cleaner = new pg.Client(adminUrl);
      await cleaner.connect();
      await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleaner.end();
    },
  };
}
