/*
 * The public queries with 200,000 published messages in one area, measured
 * directly (no HTTP): what the comune page, the theme page, the API, the
 * search, the feeds and the home page ask the database, through the same
 * lib/catalog and lib/feeds functions, as the portal's own role. Prints p50
 * and p95 per page (goal: p95 < 20 ms each), then the plan of every
 * statement each page runs, as PostgreSQL's auto_explain logged it (EXPLAIN
 * ANALYZE of the real statements, parameters included), so that the indexes
 * that make it so are visible.
 *
 *   npx tsx bench/public-queries.ts [--messages 200000] [--runs 200] [--plans]
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { findMunicipality, findTheme, listThemes, municipalitiesWithCounts, publishedVideoPage, publishedVideos, searchMunicipalities } from '../lib/catalog';
import { createDb, type Db } from '../lib/db/client';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { closeJobQueue } from '../lib/jobs/queue';
import { buildFeed } from '../lib/feeds/build';
import { defaultSharedGeoDir, prepare } from '../lib/setup/prepare';
import { latestStats } from '../lib/youtube/refresh';
import { seedPublishedMessages } from './support/seed-messages';

const { values } = parseArgs({
  options: { messages: { type: 'string', default: '200000' }, runs: { type: 'string', default: '200' }, plans: { type: 'boolean', default: false } },
});
const MESSAGES = Number(values.messages);
const RUNS = Number(values.runs);
const AREA = '001';
const SEARCHES = ['mascherine', 'volontari', 'supporto psicologico', 'Torino', 'biblioteca giovani', 'vaccinazioni farmacia', 'rifiuti', 'buoni spesa'];

type PageQuery = (db: Db, i: number) => Promise<unknown>;

function pages(comuni: Array<{ istatCode: string }>, themes: Array<{ slug: string }>): Record<string, PageQuery> {
  const comune = (i: number) => comuni[(i * 37) % comuni.length]!.istatCode;
  const theme = (i: number) => themes[i % themes.length]!.slug;
  return {
    // app/[locale]/comuni/[comune]/page.tsx
    'comune page': async (db, i) => {
      const m = await findMunicipality(db, comune(i));
      const { items } = await publishedVideoPage(db, { municipality: m!.istatCode, page: 1, pageSize: 100 });
      await latestStats(
        db,
        items.map((v) => v.id),
      );
    },
    // app/[locale]/temi/[slug]/[[...view]]/page.tsx, first pages
    'theme page': async (db, i) => {
      await findTheme(db, theme(i));
      await Promise.all([publishedVideoPage(db, { theme: theme(i), page: 1 + (i % 5), pageSize: 12 }), municipalitiesWithCounts(db, AREA)]);
    },
    // app/api/v1/videos/route.ts: the newest 20, then a comune's
    'API page': async (db, i) => {
      const first = await publishedVideos(db, { limit: 20 });
      await publishedVideos(db, { limit: 20, cursor: first.nextCursor ?? undefined, municipality: i % 2 ? comune(i) : undefined });
    },
    // app/[locale]/cerca/page.tsx
    search: async (db, i) => {
      const q = SEARCHES[i % SEARCHES.length]!;
      await Promise.all([searchMunicipalities(db, AREA, q), publishedVideos(db, { q, areaCode: AREA, limit: 24 })]);
    },
    // app/[locale]/comuni/[comune]/feed.xml and the area's feed.xml
    feed: async (db, i) => {
      const filter = i % 2 ? { municipality: comune(i) } : {};
      await buildFeed(db, { locale: 'it', filter, title: 'VociComuni', pagePath: '/', selfPath: '/feed.xml' });
    },
    // app/[locale]/page.tsx
    home: async (db) => {
      await Promise.all([publishedVideos(db, { limit: 6 }), municipalitiesWithCounts(db, AREA), listThemes(db)]);
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vc-bench-queries-'));
  const logLines: string[] = [];
  let capturing = false;
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    ephemeral: true,
    log: (line) => {
      if (capturing) logLines.push(line);
    },
  });
  try {
    await prepare({
      databaseUrl: server.url,
      migrationUrl: server.ownerUrl,
      areaCode: AREA,
      mapDir: path.join(dir, 'map'),
      sharedGeoDir: defaultSharedGeoDir(process.cwd()),
      demo: false,
      demoAccounts: false,
    });
    console.log(`seeding ${MESSAGES} published messages…`);
    const seconds = await seedPublishedMessages(server.ownerUrl, MESSAGES);
    console.log(`seeded in ${seconds.toFixed(0)} s`);
    const db = createDb(server.url, 4);
    const comuni = await db.municipality.findMany({ where: { areaCode: AREA }, select: { istatCode: true } });
    const themes = await db.theme.findMany({ where: { active: true }, select: { slug: true } });
    const queries = pages(comuni, themes);
    console.log(
      `${MESSAGES} published messages in ${comuni.length} comuni, ${themes.length} themes; ${RUNS} runs per page, one at a time, PostgreSQL 18 (embedded)`,
    );
    console.log('| page | p50 ms | p95 ms | max ms | goal p95 < 20 ms |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const [name, query] of Object.entries(queries)) {
      for (let i = 0; i < 10; i++) await query(db, i); // warm
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await query(db, i);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      console.log(`| ${name} | ${percentile(times, 50).toFixed(1)} | ${p95.toFixed(1)} | ${times.at(-1)!.toFixed(1)} | ${p95 < 20 ? 'met' : 'NOT met'} |`);
    }
    await db.$disconnect();

    if (values.plans) {
      // The plans of the real statements: auto_explain for the superuser's new sessions only, while each page runs once.
      const admin = new pg.Client({ connectionString: server.urlFor('vocicomuni') });
      await admin.connect();
      await admin.query(
        `ALTER ROLE CURRENT_USER SET session_preload_libraries = 'auto_explain'; ALTER ROLE CURRENT_USER SET auto_explain.log_min_duration = 0;
         ALTER ROLE CURRENT_USER SET auto_explain.log_analyze = on; ALTER ROLE CURRENT_USER SET auto_explain.log_buffers = on; ALTER ROLE CURRENT_USER SET auto_explain.log_timing = off`,
      );
      await admin.end();
      const summary = ['| page | statements | time in the database, ms |', '| --- | --- | --- |'];
      for (const [name, query] of Object.entries(queries)) {
        const explained = createDb(server.urlFor('vocicomuni'), 1);
        await explained.$queryRaw`SELECT 1`;
        logLines.length = 0;
        capturing = true;
        await query(explained, 3);
        capturing = false;
        await explained.$disconnect();
        const entries = logLines
          .join('\n')
          .split(/\n(?=\S.*LOG: {2}duration)/)
          .filter((entry) => entry.includes('Query Text') && !/Query Text: SELECT 1\s*$/m.test(entry))
          .map((entry) => entry.replace(/^.*LOG: {2}/, ''));
        const inDatabase = entries.reduce((sum, entry) => sum + Number(/duration: ([\d.]+) ms/.exec(entry)?.[1] ?? 0), 0);
        summary.push(`| ${name} | ${entries.length} | ${inDatabase.toFixed(1)} |`);
        console.log(`\n## ${name}\n`);
        console.log(entries.join('\n\n'));
      }
      console.log(`\nWhere each page's time goes (one run, EXPLAIN ANALYZE of every statement):\n${summary.join('\n')}`);
    }
  } finally {
    // prepare() opened the queue's client (it queues the seed's work).
    await closeJobQueue();
    await server.stop();
  }
}

void main();
