import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * Test videos made with Debian's ffmpeg at test time (nothing binary is
 * committed), plus the bad inputs the upload must refuse.
 */

export interface TestMedia {
  dir: string;
  good: string;
  goodWebm: string;
  big: string;
  short: string;
  audioOnly: string;
  truncated: string;
  textRenamed: string;
  empty: string;
  polyglot: string;
}

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

const SOURCE = ['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100'];
const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-movflags', '+faststart'];

/** A silent H.264 video from one of ffmpeg's generated sources (testsrc, color, …), as the tests and benchmarks need them. */
export function encodeVideo(file: string, video: { source: string; seconds: number; bitrate?: string; filter?: string }): string {
  const filter = video.filter ? ['-vf', video.filter] : [];
  const bitrate = video.bitrate ? ['-b:v', video.bitrate] : [];
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    video.source,
    '-t',
    String(video.seconds),
    ...filter,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    ...bitrate,
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    file,
  ]);
  return file;
}

export function makeTestMedia(): TestMedia {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vc-media-'));
  const file = (name: string) => path.join(dir, name);
  ffmpeg([...SOURCE, '-t', '6', ...H264, file('good.mp4')]);
  ffmpeg([...SOURCE, '-t', '6', '-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '200k', '-c:a', 'libopus', file('good.webm')]);
  encodeVideo(file('big.mp4'), { source: 'testsrc2=size=640x480:rate=25', seconds: 8, bitrate: '4M' });
  ffmpeg([...SOURCE, '-t', '2', ...H264, file('short.mp4')]);
  ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '6', '-c:a', 'aac', file('audio-only.mp4')]);
  const good = readFileSync(file('good.mp4'));
  writeFileSync(file('truncated.mp4'), good.subarray(0, Math.floor(good.length * 0.6)));
  writeFileSync(file('text.mp4'), 'Questo non è un video.\n'.repeat(200));
  writeFileSync(file('empty.mp4'), '');
  writeFileSync(file('polyglot.mp4'), Buffer.concat([Buffer.from('<html><script>alert(document.cookie)</script></html>\n'), good]));
  return {
    dir,
    good: file('good.mp4'),
    goodWebm: file('good.webm'),
    big: file('big.mp4'),
    short: file('short.mp4'),
    audioOnly: file('audio-only.mp4'),
    truncated: file('truncated.mp4'),
    textRenamed: file('text.mp4'),
    empty: file('empty.mp4'),
    polyglot: file('polyglot.mp4'),
  };
}
