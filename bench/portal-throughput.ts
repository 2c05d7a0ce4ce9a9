/*
 * Citizen pages under load, against a static server serving the same bytes in
 * the same run. Prints req/s, p99 latency and their ratio for the home page, a
 * comune page and a theme page with 10,000 published messages, then the home
 * page's first-load JavaScript and the map data size (gzip). The portal is
 * measured as deployed: the web process's front server (page cache) before Next.js.
 *
 *   npx tsx bench/portal-throughput.ts [--messages 10000] [--seconds 10] [--connections 50]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { createDb } from '../lib/db/client';
import { freePort, startEmbeddedPostgres } from '../lib/db/embedded';
import { applyEditorialEvent } from '../lib/editorial/apply';
import type { AreaMapData } from '../lib/geo/map-data';
import { defaultSharedGeoDir, prepare } from '../lib/setup/prepare';

const { values } = parseArgs({
  options: { messages: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } },
});
const MESSAGES = Number(values.messages);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const root = process.cwd();

async function seedMessages(url: string): Promise<void> {
  const db = createDb(url, 4);
  const comuni = await db.municipality.findMany({ select: { istatCode: true, name: true } });
  const themes = await db.theme.findMany({ select: { id: true } });
  const start = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < MESSAGES) {
      const i = next++;
      const comune = comuni[i % comuni.length]!;
      const video = await db.video.create({
        data: {
          municipalityIstat: comune.istatCode,
          title: `Messaggio ${i} da ${comune.name}`,
          description: 'Informazioni per i cittadini: spesa a domicilio, mascherine, volontariato e sostegno psicologico.',
          isDemo: true,
          themes: { create: [{ themeId: themes[i % themes.length]!.id }, { themeId: themes[(i + 2) % themes.length]!.id }] },
        },
      });
      const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
      for (const event of ['submit', 'approve', 'publish'] as const) await applyEditorialEvent(db, { videoId: video.id, event, at });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  console.log(`seeded ${MESSAGES} published messages in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  await db.$disconnect();
}

function staticServer(bodies: Map<string, Buffer>): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const body = bodies.get(req.url ?? '');
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${address.port}`, close: () => server.close() });
    }),
  );
}

async function load(url: string): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function firstLoadJs(baseUrl: string, html: string): Promise<number> {
  // A modern browser skips noModule scripts (legacy polyfills), so they are not counted.
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"[^>]*>/g)].filter((m) => !/nomodule/i.test(m[0])).map((m) => m[1]!);
  let total = 0;
  for (const src of new Set(scripts)) total += gzipSync(Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer())).length;
  return total;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vc-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), ephemeral: true });
  const mapDir = path.join(dir, 'map');
  await prepare({
    databaseUrl: pg.url,
    migrationUrl: pg.ownerUrl,
    areaCode: '001',
    mapDir,
    sharedGeoDir: defaultSharedGeoDir(root),
    demo: false,
    demoAccounts: false,
  });
  await seedMessages(pg.url);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: pg.url,
    VC_MIGRATION_DATABASE_URL: pg.ownerUrl,
    VC_DATA_DIR: dir,
    PORT: String(port),
    HOST: '127.0.0.1',
    VC_DEMO: '0',
    VC_EXIT_WITH_PARENT: '1',
  };
  const portal = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/portal.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${baseUrl}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 600) throw new Error('portal did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
  const pages = { home: '/', comune: '/comuni/001272-torino', theme: '/temi/solidarieta' };
  const bodies = new Map<string, Buffer>();
  for (const p of Object.values(pages)) {
    await fetch(`${baseUrl}${p}`);
    bodies.set(p, Buffer.from(await (await fetch(`${baseUrl}${p}`)).arrayBuffer()));
  }
  const statik = await staticServer(bodies);
  const lines: string[] = [];
  const print = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  print(`${MESSAGES} published messages, autocannon ${SECONDS} s × ${CONNECTIONS} connections, ${os.cpus().length} cores, Node ${process.version}`);
  print('| page | HTML bytes | portal req/s | portal p99 ms | static req/s | static p99 ms | ratio |');
  print('| --- | --- | --- | --- | --- | --- | --- |');
  for (const [name, p] of Object.entries(pages)) {
    // Alternate the two servers and keep each one's better run, so warm-up and background noise do not decide the ratio.
    const runs: Array<{ portal: Awaited<ReturnType<typeof load>>; static: Awaited<ReturnType<typeof load>> }> = [];
    for (let round = 0; round < 2; round++) runs.push({ portal: await load(`${baseUrl}${p}`), static: await load(`${statik.url}${p}`) });
    const best = (key: 'portal' | 'static') => runs.map((r) => r[key]).reduce((a, b) => (b.rps > a.rps ? b : a));
    const portalRun = { ...best('portal'), errors: runs.reduce((n, r) => n + r.portal.errors, 0) };
    const staticRun = best('static');
    if (portalRun.errors) print(`(${name}: ${portalRun.errors} errors or non-2xx answers from the portal)`);
    print(
      `| ${name} | ${bodies.get(p)!.length} | ${portalRun.rps.toFixed(0)} | ${portalRun.p99} | ${staticRun.rps.toFixed(0)} | ${staticRun.p99} | ${((portalRun.rps / staticRun.rps) * 100).toFixed(0)} % |`,
    );
  }
  const homeHtml = bodies.get('/')!.toString('utf8');
  const map = JSON.parse(await readFile(path.join(mapDir, 'area-001.json'), 'utf8')) as AreaMapData;
  print(
    `home page: first-load JavaScript ${((await firstLoadJs(baseUrl, homeHtml)) / 1024).toFixed(1)} KB gzip (target ≤ 120 KB); HTML ${(gzipSync(bodies.get('/')!).length / 1024).toFixed(1)} KB gzip`,
  );
  print(
    `map data (TopoJSON, 312 comuni): ${(JSON.stringify(map.topology).length / 1024).toFixed(1)} KB, ${(gzipSync(JSON.stringify(map.topology)).length / 1024).toFixed(1)} KB gzip (target ≤ 30 KB)`,
  );
  statik.close();
  portal.kill('SIGTERM');
  await new Promise((r) => portal.once('exit', r));
  await pg.stop();
  process.exit(0);
}

void main();
