import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { closeJobQueue, jobQueueClient } from '@/lib/jobs/queue';
import { createVideo } from '../support/fixtures';
import { startPortal, type RunningPortal } from '../support/launcher';
import { within } from '../support/wait';

/*
 * Two web processes on one database, as a service runs them: the shared
 * portal (A) and a second one (B) started on A's database. A change committed
 * by neither of them (here by the test, as a worker would make it) must stop
 * both from serving the old page, API answer and feed within 2 s, although
 * each keeps pages in two caches of its own (its front server's and Next's).
 */

const a = inject('baseUrl');
let b: RunningPortal;
let db: Db;

beforeAll(async () => {
  db = createDb(inject('portalDatabaseUrl'), 2);
  await jobQueueClient(inject('portalDatabaseUrl'));
  b = await startPortal({
    DATABASE_URL: inject('portalDatabaseUrl'),
    VC_MIGRATION_DATABASE_URL: inject('portalOwnerUrl'),
    VC_YOUTUBE: 'off',
  });
}, 8 * 60_000);
afterAll(async () => {
  await b?.stop();
  await closeJobQueue();
  await db?.$disconnect();
});

const status = async (url: string) => (await fetch(url, { redirect: 'manual' })).status;
const body = async (url: string) => (await fetch(url)).text();

describe('two web processes on one database', () => {
  it('stop serving a withdrawn message (page, API, feed) within 2 s of the change, wherever it was made', async () => {
    const title = `Messaggio in due processi ${Date.now()}`;
    const video = await createVideo(db, { municipality: '001157', title, status: 'APPROVED' });
    await applyEditorialEvent(db, { videoId: video.id, event: 'publish' });
    const page = (base: string) => `${base}/messaggi/${video.id}`;
    const api = (base: string) => `${base}/api/v1/videos?municipality=001157&limit=100`;
    const feed = (base: string) => `${base}/feed.xml`;
    for (const base of [a, b.baseUrl]) {
      await within(2000, async () => (await status(page(base))) === 200 && (await body(feed(base))).includes(title));
      // Asked twice: the second answer comes from the caches.
      expect(await status(page(base))).toBe(200);
      expect(await body(api(base))).toContain(video.id);
    }

    await applyEditorialEvent(db, { videoId: video.id, event: 'withdraw' });
    for (const base of [a, b.baseUrl]) {
      await within(2000, async () => (await status(page(base))) === 404);
      await within(2000, async () => !(await body(api(base))).includes(video.id));
      await within(2000, async () => !(await body(feed(base))).includes(title));
    }
  });

  it('show a publication made on the other process within 2 s', async () => {
    const title = `Pubblicato altrove ${Date.now()}`;
    const comunePage = (base: string) => `${base}/comuni/001157-moncenisio`;
    // Both comune pages are kept in the caches first.
    for (const base of [a, b.baseUrl]) {
      await status(comunePage(base));
      expect(await body(comunePage(base))).not.toContain(title);
    }
    const video = await createVideo(db, { municipality: '001157', title, status: 'APPROVED' });
    await applyEditorialEvent(db, { videoId: video.id, event: 'publish' });
    for (const base of [a, b.baseUrl]) await within(2000, async () => (await body(comunePage(base))).includes(title));
  });
});
