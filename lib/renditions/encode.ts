import type { RenditionKind } from '../generated/prisma/enums';
import { SHARE_SIZE } from '../catalog/paths';
import { posterSecond } from '../uploads/probe';

/*
 * The ffmpeg recipes of the renditions, for a citizen on a weak line or an old
 * phone. The light version is H.264 Main (every phone of the last fifteen
 * years decodes it) at 360 lines on the shorter side, so a phone filmed upright
 * stays upright, about 400 kbit/s, with mono AAC at 48 kbit/s and the index
 * first (+faststart), so it plays while it downloads and seeks with Range. The
 * audio is the same sound alone in an M4A file: the podcast's episodes. The
 * share picture is the poster's frame at 1200×630 (what Open Graph and the
 * social networks show), a video filmed upright set whole on a blurred copy of itself.
 */

export const LIGHT_SHORT_SIDE = 360;
export const LIGHT_VIDEO_KBPS = 400;
export const AUDIO_KBPS = 48;

const AUDIO = ['-c:a', 'aac', '-b:a', `${AUDIO_KBPS}k`, '-ac', '1'];

/** The shorter side scaled to at most 360 pixels, never up, both sides even (4:2:0 needs it). */
const SCALE = `scale='if(gte(iw,ih),-2,2*trunc(min(${LIGHT_SHORT_SIDE},iw)/2))':'if(gte(iw,ih),2*trunc(min(${LIGHT_SHORT_SIDE},ih)/2),-2)'`;

/*
 * Two threads at most, and the machine's lowest priority (nice, in encodingCommand): on a small server the
 * worker shares its cores with the web processes, and a citizen's page matters more than a rendition's minute.
 * Fewer threads also keep libx264 within the tools' address-space cap on a machine with many cores.
 */
const THREADS = ['-threads', '2'];

const { width: W, height: H } = SHARE_SIZE;
const SHARE_FILTER = `[0:v:0]split[a][b];[a]scale=${W}:${H}:force_original_aspect_ratio=increase,crop=${W}:${H},boxblur=20:2[bg];[b]scale=${W}:${H}:force_original_aspect_ratio=decrease[fg];[bg][fg]overlay=(W-w)/2:(H-h)/2`;

/** ffmpeg's arguments to make one rendition of `input` into `output`. */
export function renditionArgs(kind: RenditionKind, input: string, output: string, maxFrameSide?: number, durationMs = 0): string[] {
  const bounds = ['-v', 'error', '-nostdin', '-y', ...(maxFrameSide ? ['-max_pixels', String(maxFrameSide * maxFrameSide)] : [])];
  if (kind === 'SHARE') {
    return [
      ...bounds,
      '-ss',
      posterSecond(durationMs),
      '-i',
      input,
      ...THREADS,
      '-frames:v',
      '1',
      '-filter_complex',
      SHARE_FILTER,
      '-q:v',
      '4',
      '-f',
      'image2',
      '-c:v',
      'mjpeg',
      output,
    ];
  }
  const head = [...bounds, '-i', input, ...THREADS];
  if (kind === 'AUDIO') return [...head, '-map', '0:a:0', '-vn', ...AUDIO, '-movflags', '+faststart', '-f', 'ipod', output];
  return [
    ...head,
    '-map',
    '0:v:0',
    '-map',
    '0:a:0?',
    '-vf',
    SCALE,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-profile:v',
    'main',
    '-pix_fmt',
    'yuv420p',
    '-b:v',
    `${LIGHT_VIDEO_KBPS}k`,
    '-maxrate',
    `${Math.round(LIGHT_VIDEO_KBPS * 1.2)}k`,
    '-bufsize',
    `${LIGHT_VIDEO_KBPS * 2}k`,
    ...AUDIO,
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    output,
  ];
}

/** The command that runs ffmpeg for a rendition: at the lowest priority. */
export function encodingCommand(kind: RenditionKind, input: string, output: string, maxFrameSide?: number, durationMs = 0): [string, string[]] {
  return ['nice', ['-n', '19', 'ffmpeg', ...renditionArgs(kind, input, output, maxFrameSide, durationMs)]];
}

/** The renditions a video gets, the most useful first: the light version and the share picture always, the audio when it has sound. */
export function renditionsFor(media: { audioCodec: string | null }): RenditionKind[] {
  return media.audioCodec ? ['LIGHT', 'AUDIO', 'SHARE'] : ['LIGHT', 'SHARE'];
}

/** How long making one rendition may take: generous (a 15-minute 1080p file takes a few minutes on two cores), but bounded. */
export function encodingTimeMs(durationMs: number): number {
  return 10 * 60_000 + 4 * durationMs;
}
