import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { z } from 'zod';
import { OutOfTime, runTool as run, type ToolBounds } from './tool';
import { POSTER_WIDTH } from '../catalog/paths';

export type { ToolBounds } from './tool';

/*
 * What makes an uploaded file a message video: a real MP4/MOV or WebM container
 * from its first bytes on (so an HTML page or a script renamed .mp4, or a
 * polyglot that starts as one, is refused before any parser sees it), a video
 * stream, every packet present (a cut-off upload is refused), and a duration
 * within bounds. ffprobe (Debian's ffmpeg) does the reading.
 *
 * The file is anybody's input, and the tools that read it are large C
 * programs: each runs with a time limit and a cap on its memory (an
 * address-space limit set by the shell before exec), frames larger than the
 * limit are refused from the stream headers before any frame is decoded (an
 * 8192×8192 frame took ~700 MB to make a poster), and the whole verdict comes
 * within a fixed time, whatever the file.
 */

export type MediaRejection = 'empty' | 'tooLarge' | 'notVideo' | 'damaged' | 'noVideoStream' | 'tooShort' | 'tooLong' | 'frameTooLarge' | 'checkTooSlow';

export interface MediaLimits {
  maxBytes: number;
  minSeconds: number;
  maxSeconds: number;
  /** The longer side of a frame, in pixels. */
  maxFrameSide: number;
  /** The longest an inspection may take, from the first byte read to the verdict. */
  checkMs: number;
  /** Address space each tool (ffprobe, ffmpeg) may use. */
  toolMemoryBytes: number;
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

/** What an inspection learnt, as the media_file row keeps it. */
export function inspectedColumns(info: MediaInfo) {
  const { container, videoCodec, audioCodec, width, height, durationMs, sha256 } = info;
  return { container, videoCodec, audioCodec, width, height, durationMs, sha256 };
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

/** sha256 of a file read through one reused buffer: a gigabyte leaves no gigabyte of garbage behind. */
async function sha256File(file: string, deadline: number): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  const handle = await open(file, 'r');
  try {
    for (;;) {
      if (Date.now() > deadline) throw new OutOfTime();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

const streamsSchema = z.object({ streams: z.array(z.object({ width: z.number().optional(), height: z.number().optional() })) });

/**
 * Reads the file and decides. `withPoster` runs once the file is accepted, within the same time.
 * An inspection that runs out of time is refused (checkTooSlow); a tool that is missing throws.
 */
export async function inspectVideo<T = never>(
  file: string,
  limits: MediaLimits,
  withPoster?: (info: MediaInfo, bounds: ToolBounds) => Promise<T>,
): Promise<InspectionResult & { poster?: T }> {
  const bounds: ToolBounds = { deadline: Date.now() + limits.checkMs, memoryBytes: limits.toolMemoryBytes, maxFrameSide: limits.maxFrameSide };
  try {
    const result = await inspect(file, limits, bounds);
    if (!result.ok || !withPoster) return result;
    return { ...result, poster: await withPoster(result.info, bounds) };
  } catch (error) {
    if (error instanceof OutOfTime) return { ok: false, reason: 'checkTooSlow' };
    if (error instanceof PosterFailed) return { ok: false, reason: 'damaged' };
    throw error;
  }
}

async function inspect(file: string, limits: MediaLimits, bounds: ToolBounds): Promise<InspectionResult> {
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
  // The frame size comes from the stream headers, before any packet is read or any frame decoded.
  const header = await run('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'stream=width,height', '-print_format', 'json', file], bounds);
  const frames = streamsSchema.safeParse(header.code === 0 ? parseJson(header.stdout) : null);
  if (!frames.success) return { ok: false, reason: 'damaged' };
  if (frames.data.streams.some((s) => Math.max(s.width ?? 0, s.height ?? 0) > limits.maxFrameSide)) return { ok: false, reason: 'frameTooLarge' };
  // Hashing runs beside ffprobe so the file is read once from disk, not twice in a row.
  const hash = sha256File(file, bounds.deadline);
  hash.catch(() => {});
  // -count_packets reads every packet, so a file cut short shows up as errors.
  const probe = await run('ffprobe', ['-v', 'error', '-count_packets', '-print_format', 'json', '-show_format', '-show_streams', file], bounds);
  const parsed = probeSchema.safeParse(probe.code === 0 ? parseJson(probe.stdout) : null);
  if (!parsed.success || probe.stderr.trim() !== '') return { ok: false, reason: 'damaged' };
  const family = parsed.data.format.format_name.split(',');
  if (!(container === 'mp4' ? family.includes('mp4') || family.includes('mov') : family.includes('webm') || family.includes('matroska'))) {
    return { ok: false, reason: 'notVideo' };
  }
  const video = parsed.data.streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic && (s.nb_read_packets ?? 0) > 0);
  if (!video?.codec_name || !video.width || !video.height) return { ok: false, reason: 'noVideoStream' };
  if (Math.max(video.width, video.height) > limits.maxFrameSide) return { ok: false, reason: 'frameTooLarge' };
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

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8') || '{}');
  } catch {
    return null;
  }
}

/** ffmpeg could not make a poster frame of a file ffprobe accepted: the file is refused as damaged. */
class PosterFailed extends Error {
  constructor(detail: string) {
    super(`poster failed: ${detail}`);
    this.name = 'PosterFailed';
  }
}

/** Where a message's picture is taken: a third of the way in, at most five seconds (past a greeting's first words). */
export function posterSecond(durationMs: number): string {
  return Math.min(durationMs / 3000, 5).toFixed(2);
}

/**
 * A JPEG frame from about a third of the way in, at most 480 pixels wide and
 * plainly compressed (about 10 KB): every card of a list shows one, so it is
 * counted against a page's budget on a weak line. Returned whole.
 */
export async function makePoster(file: string, durationMs: number, bounds: ToolBounds): Promise<Buffer> {
  const at = posterSecond(durationMs);
  const result = await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-threads',
      '1',
      ...(bounds.maxFrameSide ? ['-max_pixels', String(bounds.maxFrameSide * bounds.maxFrameSide)] : []),
      '-ss',
      at,
      '-i',
      file,
      '-frames:v',
      '1',
      '-vf',
      `scale='min(${POSTER_WIDTH},iw)':-2`,
      '-q:v',
      '7',
      '-f',
      'image2',
      '-c:v',
      'mjpeg',
      'pipe:1',
    ],
    bounds,
  );
  if (result.code !== 0 || result.stdout.length === 0) throw new PosterFailed(result.stderr);
  return result.stdout;
}
