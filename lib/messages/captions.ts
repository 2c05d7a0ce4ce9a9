import { isCleanMultiline } from '../text/safe-text';

/*
 * Captions arrive as WebVTT or SubRip; both are checked cue by cue and stored
 * as WebVTT (what browsers and YouTube read).
 */

export type CaptionsError = 'captionsEmpty' | 'captionsFormat' | 'captionsTiming' | 'captionsTooLarge';

export const MAX_CAPTIONS_BYTES = 512 * 1024;

const VTT_TIME = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const SRT_TIME = /^(\d{2,}):([0-5]\d):([0-5]\d),(\d{3})$/;

function ms(match: RegExpExecArray): number {
  const [, h, m, s, milli] = match;
  return ((Number(h ?? 0) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(milli);
}

function parseTiming(line: string, pattern: RegExp): [number, number] | null {
  const parts = line.trim().split(/\s+-->\s+/);
  if (parts.length !== 2) return null;
  const start = pattern.exec(parts[0]!);
  const end = pattern.exec(parts[1]!.split(/\s+/)[0]!);
  if (!start || !end) return null;
  return [ms(start), ms(end)];
}

function blocks(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((b) => b.split('\n').filter((l) => l.trim() !== ''))
    .filter((b) => b.length);
}

function vttTime(total: number): string {
  const h = Math.floor(total / 3600_000);
  const m = Math.floor((total % 3600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(total % 1000, 3)}`;
}

interface Cue {
  start: number;
  end: number;
  text: string[];
}

function readCues(raw: string): { ok: true; cues: Cue[] } | { ok: false; error: CaptionsError } {
  if (Buffer.byteLength(raw) > MAX_CAPTIONS_BYTES) return { ok: false, error: 'captionsTooLarge' };
  // A caption file is lines of text: a NUL or another control character means it is not one (and PostgreSQL would refuse it).
  if (!isCleanMultiline(raw)) return { ok: false, error: 'captionsFormat' };
  const all = blocks(raw);
  if (!all.length) return { ok: false, error: 'captionsEmpty' };
  const isVtt = /^WEBVTT(?:[ \t].*)?$/.test(all[0]![0]!);
  const cues: Cue[] = [];
  for (const block of isVtt ? all.slice(1) : all) {
    if (isVtt && /^(NOTE|STYLE|REGION)\b/.test(block[0]!)) continue;
    const timingIndex = block.findIndex((l) => l.includes('-->'));
    if (timingIndex < 0 || timingIndex > 1) return { ok: false, error: 'captionsFormat' };
    if (!isVtt && (timingIndex !== 1 || !/^\d+$/.test(block[0]!.trim()))) return { ok: false, error: 'captionsFormat' };
    const timing = parseTiming(block[timingIndex]!, isVtt ? VTT_TIME : SRT_TIME);
    if (!timing) return { ok: false, error: 'captionsFormat' };
    if (timing[1] <= timing[0]) return { ok: false, error: 'captionsTiming' };
    const text = block.slice(timingIndex + 1);
    if (!text.length) return { ok: false, error: 'captionsFormat' };
    cues.push({ start: timing[0], end: timing[1], text });
  }
  if (!cues.length) return { ok: false, error: 'captionsEmpty' };
  return { ok: true, cues };
}

export function parseCaptions(raw: string): { ok: true; vtt: string; cues: number } | { ok: false; error: CaptionsError } {
  const read = readCues(raw);
  if (!read.ok) return read;
  const vtt = ['WEBVTT', '', ...read.cues.flatMap((c) => [`${vttTime(c.start)} --> ${vttTime(c.end)}`, ...c.text, ''])].join('\n');
  return { ok: true, vtt, cues: read.cues.length };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f' };

/** A cue's words as a reader sees them: without WebVTT's voice, class and timestamp tags, entities decoded. */
function plainText(lines: string[]): string {
  return lines
    .join(' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|nbsp|lrm|rlm);/g, (_m, name: string) => ENTITIES[name]!)
    .replace(/\s+/g, ' ')
    .trim();
}

export interface TranscriptLine {
  /** Whole seconds from the start of the video: what a "jump here" link seeks to. */
  second: number;
  text: string;
}

/**
 * The transcript a citizen reads beside the video, from the stored captions
 * (always valid WebVTT: parseCaptions made them); cues with only markup are left out.
 */
export function transcriptOf(vtt: string): TranscriptLine[] {
  const read = readCues(vtt);
  if (!read.ok) return [];
  return read.cues.flatMap((cue) => {
    const text = plainText(cue.text);
    return text ? [{ second: Math.floor(cue.start / 1000), text }] : [];
  });
}
