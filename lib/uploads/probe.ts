import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { z } from 'zod';

/*
 * What makes an uploaded file a message video: a real MP4/MOV or WebM container
 * from its first bytes on (so an HTML page or a script renamed .mp4, or a
 * polyglot that starts as one, is refused before any parser sees it), a video
 * stream, every packet present (a cut-off upload is refused), and a duration
 * within bounds. ffprobe (Debian's ffmpeg) does the reading.
 */

export type MediaRejection = 'empty' | 'tooLarge' | 'notVideo' | 'damaged' | 'noVideoStream' | 'tooShort' | 'tooLong';

export interface MediaLimits {
  maxBytes: number;
  minSeconds: number;
  maxSeconds: number;
}

export interface MediaInfo {
  container: 'mp4' | 'webm';
  videoCodec: string;
  audioCodec: string | null;
  width: number;
  height: number;
  durationMs: number;
  sizeBytes: number;
  sha256: string;
}

export type InspectionResult = { ok: true; info: MediaInfo } | { ok: false; reason: MediaRejection };

const ISO_BOXES = new Set(['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip']);
const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

/** The container family announced by the file's first bytes, or null. */
export function sniffContainer(head: Buffer): 'mp4' | 'webm' | null {
  if (head.length >= 8 && ISO_BOXES.has(head.subarray(4, 8).toString('latin1'))) return 'mp4';
  if (head.length >= 4 && head.subarray(0, 4).equals(EBML_MAGIC)) return 'webm';
  return null;
}

const probeSchema = z.object({
  streams: z.array(
    z.object({
      codec_type: z.string().optional(),
      codec_name: z.string().optional(),
      width: z.number().optional(),
      height: z.number().optional(),
      nb_read_packets: z.coerce.number().optional(),
      disposition: z.object({ attached_pic: z.number().optional() }).partial().optional(),
    }),
  ),
  format: z.object({ format_name: z.string(), duration: z.coerce.number().optional() }),
});

/* Runs a tool to the end; its output is small (ffprobe's JSON, one JPEG frame), so it is kept whole. */
function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => stdout.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-8192)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout), stderr }));
  });
}

/** sha256 of a file read through one reused buffer: a gigabyte leaves no gigabyte of garbage behind. */
async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  const handle = await open(file, 'r');
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

export async function inspectVideo(file: string, limits: MediaLimits): Promise<InspectionResult> {
  const { size } = await stat(file);
  if (size === 0) return { ok: false, reason: 'empty' };
  if (size > limits.maxBytes) return { ok: false, reason: 'tooLarge' };
  const handle = await open(file, 'r');
  const head = Buffer.alloc(16);
  try {
    await handle.read(head, 0, 16, 0);
  } finally {
    await handle.close();
  }
  const container = sniffContainer(head);
  if (!container) return { ok: false, reason: 'notVideo' };
  // Hashing runs beside ffprobe so the file is read once from disk, not twice in a row.
  const hash = sha256File(file);
  hash.catch(() => {});
  // -count_packets reads every packet, so a file cut short shows up as errors.
  const probe = await run('ffprobe', ['-v', 'error', '-count_packets', '-print_format', 'json', '-show_format', '-show_streams', file], 10 * 60_000);
  const parsed = probeSchema.safeParse(probe.code === 0 ? JSON.parse(probe.stdout.toString('utf8') || '{}') : null);
  if (!parsed.success || probe.stderr.trim() !== '') return { ok: false, reason: 'damaged' };
  const family = parsed.data.format.format_name.split(',');
  if (!(container === 'mp4' ? family.includes('mp4') || family.includes('mov') : family.includes('webm') || family.includes('matroska'))) {
    return { ok: false, reason: 'notVideo' };
  }
  const video = parsed.data.streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic && (s.nb_read_packets ?? 0) > 0);
  if (!video?.codec_name || !video.width || !video.height) return { ok: false, reason: 'noVideoStream' };
  const duration = parsed.data.format.duration;
  if (duration === undefined || !Number.isFinite(duration)) return { ok: false, reason: 'damaged' };
  if (duration < limits.minSeconds) return { ok: false, reason: 'tooShort' };
  if (duration > limits.maxSeconds) return { ok: false, reason: 'tooLong' };
  const audio = parsed.data.streams.find((s) => s.codec_type === 'audio');
  return {
    ok: true,
    info: {
      container,
      videoCodec: video.codec_name,
      audioCodec: audio?.codec_name ?? null,
      width: video.width,
      height: video.height,
      durationMs: Math.round(duration * 1000),
      sizeBytes: size,
      sha256: await hash,
    },
  };
}

/** A JPEG frame from about a third of the way in, at most 640 pixels wide (a few tens of KB, so it is returned whole). */
export async function makePoster(file: string, durationMs: number): Promise<Buffer> {
  const at = Math.min(durationMs / 3000, 5).toFixed(2);
  const result = await run(
    'ffmpeg',
    ['-v', 'error', '-ss', at, '-i', file, '-frames:v', '1', '-vf', "scale='min(640,iw)':-2", '-q:v', '4', '-f', 'image2', '-c:v', 'mjpeg', 'pipe:1'],
    60_000,
  );
  if (result.code !== 0 || result.stdout.length === 0) throw new Error(`poster failed: ${result.stderr}`);
  return result.stdout;
}
