import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/*
 * The demo's videos, made on this machine with ffmpeg (nothing binary is
 * committed): a title card with the comune's name and the message's title, a
 * quiet tone, and captions that say the transcript over the length of the
 * clip. They then go through the same inspection as a mayor's upload.
 */

export interface DemoClip {
  comune: string;
  title: string;
  /** What the "mayor" says: one caption per sentence. */
  sentences: string[];
}

/** Seconds each sentence stays on screen; a clip lasts 10 to 20 seconds. */
const SECONDS_PER_SENTENCE = 5;

export function clipSeconds(clip: DemoClip): number {
  return Math.min(20, Math.max(10, clip.sentences.length * SECONDS_PER_SENTENCE));
}

/** A transcript cut into caption-sized sentences ("… fermato. Il volontariato …" → two). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function vttTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const ms = Math.round((seconds - whole) * 1000);
  return `00:${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}.${String(ms).padStart(3, '0')}`;
}

/** WebVTT with the sentences spread evenly over the clip. */
export function clipCaptions(clip: DemoClip): string {
  const each = clipSeconds(clip) / clip.sentences.length;
  const cues = clip.sentences.map((sentence, i) => `${vttTime(i * each)} --> ${vttTime((i + 1) * each)}\n${sentence}`);
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

/** Words to lines of at most `width` characters, for a title that fits the card. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function ffmpeg(cwd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-v', 'error', '-y', ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4096)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${stderr.trim()}`))));
  });
}

/** Whether ffmpeg is installed: without it the demo has messages but no videos. */
export function hasFfmpeg(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('ffmpeg', ['-version'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

/**
 * Writes `<dir>/<name>.mp4`: 640×360 H.264 at 10 frames a second with AAC
 * mono sound, some 100 KB. Each line of text is read by drawtext from its own
 * file, named by hex and opened relative to the folder, so neither a comune's
 * name nor the temporary folder's path is ever written into the filter graph.
 * Where drawtext or a font is missing, the card is made without its words.
 */
export async function renderClip(dir: string, name: string, clip: DemoClip): Promise<string> {
  const seconds = clipSeconds(clip);
  // The label on top: a player's controls cover the bottom of the frame.
  const lines = [
    { text: 'Messaggio dimostrativo · VociComuni', size: 18, y: 24 },
    { text: `Comune di ${clip.comune}`, size: 38, y: 90 },
    ...wrap(clip.title, 34)
      .slice(0, 4)
      .map((text, i) => ({ text, size: 26, y: 165 + i * 36 })),
  ];
  const drawn: string[] = [];
  for (const [i, line] of lines.entries()) {
    await writeFile(path.join(dir, `${name}-${i}.txt`), line.text);
    drawn.push(`drawtext=font='DejaVu Sans':textfile=${name}-${i}.txt:expansion=none:fontcolor=white:fontsize=${line.size}:x=(w-text_w)/2:y=${line.y}`);
  }
  const out = path.join(dir, `${name}.mp4`);
  const encode = (filter: string) =>
    ffmpeg(dir, [
      '-f',
      'lavfi',
      '-i',
      `color=c=0x004d99:s=640x360:r=10:d=${seconds}`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=330:sample_rate=22050:duration=${seconds}`,
      '-filter_complex',
      filter,
      '-map',
      '[v]',
      '-map',
      '[a]',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-tune',
      'stillimage',
      '-pix_fmt',
      'yuv420p',
      '-threads',
      '1',
      '-c:a',
      'aac',
      '-b:a',
      '48k',
      '-ac',
      '1',
      '-movflags',
      '+faststart',
      '-t',
      String(seconds),
      `${name}.mp4`,
    ]);
  await encode(`[0:v]${drawn.join(',')}[v];[1:a]volume=0.08[a]`).catch(() => encode('[0:v]null[v];[1:a]volume=0.08[a]'));
  return out;
}
