/*
 * Syncs a 1 GB message to the local YouTube stand-in on loopback, with the
 * real worker process, and prints:
 *  - the worker's peak RSS growth (VmHWM at the end minus VmRSS when idle);
 *  - its upload throughput, as a ratio of a raw HTTP PUT of the same bytes to a
 *    plain Node sink, measured in the same run.
 *
 *   npx tsx bench/youtube-sync.ts [--gigabytes 1] [--chunk-mb 8]
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '../lib/db/client';
import { freePort, startEmbeddedPostgres } from '../lib/db/embedded';
import { deployFor } from '../lib/db/deploy';
import { applyEditorialEvent } from '../lib/editorial/apply';
import { mediaFile, uploadSettings } from '../lib/uploads/settings';
import { connectChannel } from '../lib/youtube/channel';
import { createStandin, STANDIN_CLIENT_ID } from '../lib/youtube/standin/server';

const { values } = parseArgs({ options: { gigabytes: { type: 'string', default: '1' }, 'chunk-mb': { type: 'string', default: '8' } } });
const bytes = Math.round(Number(values.gigabytes) * 1024 ** 3);
const dir = mkdtempSync(path.join(os.tmpdir(), 'vc-bench-youtube-'));

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0);
}

async function writeFileOfSize(file: string, size: number): Promise<string> {
  const block = randomBytes(4 * 1024 * 1024);
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  for (let written = 0; written < size; written += block.length) {
    const piece = block.subarray(0, Math.min(block.length, size - written));
    hash.update(piece);
    if (!out.write(piece)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return hash.digest('hex');
}

/** The baseline: the same bytes PUT in one request to a plain Node sink in another process. */
async function rawPut(file: string): Promise<number> {
  const sinkDir = path.join(dir, 'raw');
  mkdirSync(sinkDir, { recursive: true });
  const sink: ChildProcess = fork(path.join(import.meta.dirname, 'support/upload-sink.ts'), ['raw', sinkDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) =>
    sink.stdout!.on('data', (d: Buffer) => {
      const m = /PORT (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    }),
  );
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path: '/raw', headers: { 'Content-Length': statSync(file).size } }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
  const seconds = (performance.now() - started) / 1000;
  sink.kill();
  return seconds;
}

async function main(): Promise<void> {
  process.env.VC_TOKEN_KEY = randomBytes(32).toString('base64');
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), ephemeral: true });
  await deployFor(pg.url, pg.ownerUrl);
  const db = createDb(pg.url, 4);
  const standin = createStandin({ dataDir: path.join(dir, 'standin'), processingMs: 100 });
  const server = createServer((req, res) => standin.handle(req, res));
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const root = `http://127.0.0.1:${port}/`;
  await connectChannel(
    db,
    { standinRoot: root, clientId: STANDIN_CLIENT_ID, clientSecret: standin.clientSecret, authUrl: `${root}o/oauth2/v2/auth`, tokenUrl: `${root}token` },
    standin.issueRefreshToken(),
    null,
  );

  await db.area.create({ data: { code: '001', name: 'Torino', acronym: 'TO' } });
  await db.municipality.create({ data: { istatCode: '001272', name: 'Torino', slug: 'torino', areaCode: '001', labelLon: 7.68, labelLat: 45.07 } });
  const mayor = await db.user.create({ data: { email: 'sindaco@bench.invalid', name: 'Bench', role: 'MAYOR', municipalityIstat: '001272' } });
  const mediaId = randomBytes(16).toString('hex');
  const settings = uploadSettings(dir);
  mkdirSync(settings.directory, { recursive: true });
  console.log(`Writing a ${(bytes / 1024 ** 3).toFixed(2)} GiB file…`);
  const sha256 = await writeFileOfSize(mediaFile(settings, mediaId), bytes);
  await db.mediaFile.create({
    data: {
      id: mediaId,
      uploaderId: mayor.id,
      municipalityIstat: '001272',
      status: 'READY',
      originalName: 'bench.mp4',
      sizeBytes: BigInt(bytes),
      container: 'mp4',
      durationMs: 600_000,
      sha256,
      finishedAt: new Date(),
    },
  });

  const rawSeconds = await rawPut(mediaFile(settings, mediaId));
  rmSync(path.join(dir, 'raw'), { recursive: true, force: true });

  const worker = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../scripts/worker.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: pg.url,
      VC_DATA_DIR: dir,
      VC_PUBLIC_URL: 'http://portal.bench',
      VC_YOUTUBE_STANDIN_URL: root,
      VC_YOUTUBE_STANDIN_SECRET: standin.clientSecret,
      VC_YOUTUBE_CHUNK_BYTES: String(Number(values['chunk-mb']) * 1024 * 1024),
      VC_YOUTUBE_POLL_MS: '100',
      VC_EXIT_WITH_PARENT: '1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // Idle first: its memory with every module loaded is the baseline.
  await new Promise((r) => setTimeout(r, 4000));
  const idleKb = statusKb(worker.pid!, 'VmRSS');

  const video = await db.video.create({ data: { municipalityIstat: '001272', title: 'Messaggio da un gigabyte', mediaId, consentGiven: true } });
  for (const event of ['submit', 'approve', 'publish'] as const) await applyEditorialEvent(db, { videoId: video.id, event });
  for (;;) {
    const sync = await db.youtubeSync.findUniqueOrThrow({ where: { videoId: video.id } });
    if (sync.state === 'LIVE' || sync.state === 'FAILED') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const peakKb = statusKb(worker.pid!, 'VmHWM');
  const steps = await db.syncTransition.findMany({ where: { videoId: video.id }, orderBy: { id: 'asc' } });
  const opened = steps.find((s) => s.to === 'UPLOADING')!.at.getTime();
  const uploaded = steps.find((s) => s.to === 'ATTACHING')!.at.getTime();
  const syncSeconds = (uploaded - opened) / 1000;
  const remote = Object.values(standin.state().videos)[0]!;

  const mb = bytes / 1e6;
  console.log('\nYouTube sync of one message to the stand-in on loopback');
  console.log(`  file                         ${(bytes / 1024 ** 3).toFixed(2)} GiB, chunks of ${values['chunk-mb']} MiB`);
  console.log(`  raw HTTP PUT (baseline)      ${rawSeconds.toFixed(2)} s, ${(mb / rawSeconds).toFixed(0)} MB/s`);
  console.log(`  worker resumable upload      ${syncSeconds.toFixed(2)} s, ${(mb / syncSeconds).toFixed(0)} MB/s`);
  console.log(`  throughput ratio             ${((rawSeconds / syncSeconds) * 100).toFixed(0)} % of raw PUT`);
  console.log(`  worker RSS idle / peak       ${(idleKb / 1024).toFixed(0)} MB / ${(peakKb / 1024).toFixed(0)} MB`);
  console.log(`  worker peak RSS growth       ${((peakKb - idleKb) / 1024).toFixed(1)} MB (target < 64 MB)`);
  console.log(`  on the stand-in              ${remote.bytes === bytes && remote.sha256 === sha256 ? 'complete, sha256 equal' : 'MISMATCH'}`);

  worker.kill('SIGTERM');
  server.close();
  await db.$disconnect();
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}

void main();
