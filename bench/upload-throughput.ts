/*
 * Uploads through the portal's tus endpoint from a Node client on loopback:
 *  1. a 1 GB video, against a raw HTTP PUT of the same bytes to a plain Node sink
 *     measured in the same run: throughput ratio and each server's peak RSS growth;
 *  2. a 200 MB video with 20 random connection cuts: resumed every time, sha256 equal.
 *
 *   npx tsx bench/upload-throughput.ts [--gigabytes 1] [--cuts 20] [--rounds 3] [--chunk-mb 64]
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Upload } from 'tus-js-client';
import { createDb } from '../lib/db/client';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { deployFor } from '../lib/db/deploy';
import { mediaFile } from '../lib/uploads/settings';
import { startCuttingProxy } from '../tests/support/cutting-proxy';
import { settledMedia } from '../tests/support/fixtures';
import { encodeVideo } from '../tests/support/media';

const { values } = parseArgs({
  options: {
    gigabytes: { type: 'string', default: '1' },
    cuts: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    'chunk-mb': { type: 'string', default: '64' },
  },
});
const dir = mkdtempSync(path.join(os.tmpdir(), 'vc-bench-upload-'));

function videoOfSize(bytes: number, name: string): string {
  const unit = encodeVideo(path.join(dir, 'unit.mp4'), { source: 'testsrc2=size=640x480:rate=25', seconds: 8, bitrate: '8M' });
  const loops = Math.max(0, Math.ceil(bytes / statSync(unit).size) - 1);
  const out = path.join(dir, name);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-stream_loop', String(loops), '-i', unit, '-c', 'copy', out]);
  return out;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function child(mode: 'tus' | 'raw', databaseUrl: string): Promise<{ proc: ChildProcess; port: number; peakKb: () => Promise<number> }> {
  const data = path.join(dir, mode);
  mkdirSync(data, { recursive: true });
  const proc = fork(path.join(import.meta.dirname, 'support/upload-sink.ts'), [mode, data], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) =>
    proc.stdout!.on('data', (d: Buffer) => {
      const m = /PORT (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    }),
  );
  const peakKb = () =>
    fetch(`http://127.0.0.1:${port}/peak-rss`)
      .then((r) => r.text())
      .then(Number);
  return { proc, port, peakKb };
}

function tusUpload(file: string, endpoint: string, cookie: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const task = new Upload(createReadStream(file), {
      endpoint,
      uploadSize: statSync(file).size,
      chunkSize: Number(values['chunk-mb']) * 1024 * 1024,
      retryDelays: Array.from({ length: 100 }, () => 50),
      headers: { cookie },
      metadata: { filename: path.basename(file), filetype: 'video/mp4' },
      onSuccess: () => resolve(task.url ?? ''),
      onError: reject,
    });
    task.start();
  });
}

async function settled(db: ReturnType<typeof createDb>, id: string): Promise<string> {
  return (await settledMedia(db, id, 10 * 60_000)).status;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function rawPut(file: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path: '/', headers: { 'content-length': statSync(file).size } }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

async function main(): Promise<void> {
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), ephemeral: true });
  await deployFor(pg.url, pg.ownerUrl);
  const db = createDb(pg.url, 2);
  await db.area.create({ data: { code: '001', name: 'Torino', acronym: 'TO' } });
  await db.municipality.create({ data: { istatCode: '001272', name: 'Torino', slug: 'torino', areaCode: '001', labelLon: 7.68, labelLat: 45.07 } });
  const user = await db.user.create({ data: { email: 'bench@test.invalid', name: 'Bench', role: 'MAYOR', municipalityIstat: '001272' } });
  const token = randomBytes(24).toString('hex');
  await db.session.create({ data: { sessionToken: token, userId: user.id, expires: new Date(Date.now() + 86400_000) } });
  const cookie = `next-auth.session-token=${token}`;

  const bytes = Number(values.gigabytes) * 1024 ** 3;
  const big = videoOfSize(bytes, 'big.mp4');
  const medium = videoOfSize(200 * 1024 ** 2, 'medium.mp4');
  const size = statSync(big).size;
  const raw = await child('raw', pg.url);
  const tus = await child('tus', pg.url);
  const [rawBase, tusBase] = [await raw.peakKb(), await tus.peakKb()];
  const mb = size / 1024 ** 2;
  const rounds = Number(values.rounds);
  const rawRates: number[] = [];
  const tusRates: number[] = [];
  const checkSeconds: number[] = [];
  let uploadPeakKb = 0;
  // Alternating rounds (and which goes first), medians: on a 2-core machine one run of either swings by a third.
  const rawRound = async () => {
    const start = performance.now();
    await rawPut(big, raw.port);
    rawRates.push(mb / ((performance.now() - start) / 1000));
  };
  const tusRound = async () => {
    const start = performance.now();
    const url = await tusUpload(big, `http://127.0.0.1:${tus.port}/api/uploads`, cookie);
    const tusSeconds = (performance.now() - start) / 1000;
    tusRates.push(mb / tusSeconds);
    uploadPeakKb = Math.max(uploadPeakKb, await tus.peakKb());
    const id = url.split('/').pop()!;
    const stored = await settled(db, id);
    if (stored !== 'READY') throw new Error(`the uploaded video ended ${stored}`);
    checkSeconds.push((performance.now() - start) / 1000 - tusSeconds);
    rmSync(mediaFile({ directory: path.join(dir, 'tus', 'uploads') }, id));
  };
  // One untimed upload to each first: a long-running server is measured, not its first requests (JIT, first connections).
  await rawPut(medium, raw.port);
  await settled(db, (await tusUpload(medium, `http://127.0.0.1:${tus.port}/api/uploads`, cookie)).split('/').pop()!);
  for (let round = 0; round < rounds; round++) {
    for (const run of round % 2 ? [tusRound, rawRound] : [rawRound, tusRound]) await run();
  }
  const [rawRate, tusRate] = [median(rawRates), median(tusRates)];
  console.log(
    `${(size / 1024 ** 3).toFixed(2)} GB video, loopback, ${os.cpus().length} cores, Node ${process.version}, ${values['chunk-mb']} MB tus chunks, median of ${rounds} alternating rounds after a warm-up upload; RSS growth counted from before the warm-up`,
  );
  console.log(
    `raw HTTP PUT to a Node sink: ${rawRate.toFixed(0)} MB/s (rounds ${rawRates.map((r) => r.toFixed(0)).join(', ')}), server peak RSS growth ${(((await raw.peakKb()) - rawBase) / 1024) | 0} MB`,
  );
  console.log(
    `tus endpoint, last byte acknowledged: ${tusRate.toFixed(0)} MB/s (rounds ${tusRates.map((r) => r.toFixed(0)).join(', ')}) = ${((tusRate / rawRate) * 100).toFixed(0)} % of raw (target ≥ 80 %), server peak RSS growth ${((uploadPeakKb - tusBase) / 1024) | 0} MB (target < 64 MB)`,
  );
  console.log(
    `inspection after the answer (ffprobe reading every packet, sha256, poster): ${median(checkSeconds).toFixed(1)} s more, every file READY; server peak RSS growth including it ${(((await tus.peakKb()) - tusBase) / 1024) | 0} MB`,
  );

  const cutsWanted = Number(values.cuts);
  const proxy = await startCuttingProxy(tus.port, { cuts: cutsWanted, minBytes: 2 * 1024 * 1024, maxBytes: 12 * 1024 * 1024 });
  const cutUrl = await tusUpload(medium, `http://127.0.0.1:${proxy.port}/api/uploads`, cookie);
  const cutId = cutUrl.split('/').pop()!;
  await settled(db, cutId);
  const same = (await sha256(medium)) === (await sha256(mediaFile({ directory: path.join(dir, 'tus', 'uploads') }, cutId)));
  console.log(
    `${(statSync(medium).size / 1024 ** 2).toFixed(0)} MB video with ${proxy.cuts()} connection cuts: resumed every time, sha256 ${same ? 'equal' : 'DIFFERENT'}`,
  );
  proxy.close();
  raw.proc.kill();
  tus.proc.kill();
  await db.$disconnect();
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

void main();
