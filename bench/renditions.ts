/*
 * What the light version and the audio cost a worker: seconds of CPU per minute
 * of video and the sizes they come to, for a phone-like 1080p video of three
 * minutes (moving picture with sensor noise, 16 Mbit/s H.264, AAC stereo), made
 * with the same ffmpeg recipes as the media.renditions job (lib/renditions).
 * Baseline in the same run: decoding the original alone, which any rendition
 * has to do too.
 *
 *   npx tsx bench/renditions.ts [--seconds 180]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renditionArgs } from '../lib/renditions/encode';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '180' } } });
const SECONDS = Number(values.seconds);
const dir = mkdtempSync(path.join(os.tmpdir(), 'vc-bench-renditions-'));
const original = path.join(dir, 'phone.mp4');

/** CPU seconds (user + system, all threads) and wall seconds of one ffmpeg run, as bash's `time` reports them. */
function measured(args: string[]): { cpu: number; wall: number } {
  const run = spawnSync('bash', ['-c', 'TIMEFORMAT="vc-time %U %S %R"; time ffmpeg "$@" 2>/dev/null', 'ffmpeg', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr.slice(-500)}`);
  const m = /vc-time ([\d.]+) ([\d.]+) ([\d.]+)/.exec(run.stderr);
  if (!m) throw new Error('no timing');
  return { cpu: Number(m[1]) + Number(m[2]), wall: Number(m[3]) };
}

try {
  const made = Date.now();
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=30,noise=alls=12:allf=t`],
    ...['-f', 'lavfi', '-i', 'sine=frequency=220:sample_rate=48000', '-ac', '2', '-t', String(SECONDS)],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '16M', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', original],
  ]);
  const minutes = SECONDS / 60;
  console.log(`original: 1920×1080, ${SECONDS} s, ${(statSync(original).size / 1e6).toFixed(1)} MB (made in ${((Date.now() - made) / 1000).toFixed(0)} s)`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}\n`);
  const decode = measured(['-v', 'error', '-i', original, '-f', 'null', '-']);
  console.log('| work | CPU s per minute of video | wall s per minute | × decoding alone | output MB | kbit/s |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(`| decoding alone (baseline) | ${(decode.cpu / minutes).toFixed(1)} | ${(decode.wall / minutes).toFixed(1)} | 1.0 | — | — |`);
  for (const kind of ['LIGHT', 'AUDIO'] as const) {
    const output = path.join(dir, kind === 'LIGHT' ? 'light.mp4' : 'audio.m4a');
    const cost = measured(renditionArgs(kind, original, output));
    const bytes = statSync(output).size;
    console.log(
      `| ${kind === 'LIGHT' ? 'light version (360p H.264)' : 'audio (AAC mono M4A)'} | ${(cost.cpu / minutes).toFixed(1)} | ${(cost.wall / minutes).toFixed(1)} | ${(cost.cpu / decode.cpu).toFixed(2)} | ${(bytes / 1e6).toFixed(2)} | ${Math.round((bytes * 8) / SECONDS / 1000)} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
