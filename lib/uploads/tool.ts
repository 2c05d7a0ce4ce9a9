import { spawn } from 'node:child_process';

/*
 * One run of ffprobe or ffmpeg on a file someone uploaded. The tools are large
 * C programs reading anybody's input: each run has a deadline and a cap on its
 * memory (an address-space limit the shell sets before it becomes the tool).
 */

/** The tool ran out of its time (an inspection's verdict is then checkTooSlow). */
export class OutOfTime extends Error {
  constructor() {
    super('the tool took too long');
    this.name = 'OutOfTime';
  }
}

/** What bounds one run of a tool: when it must be done by, how much memory it may map, the largest frame it may decode. */
export interface ToolBounds {
  deadline: number;
  memoryBytes: number;
  /** A stream can change its frame size midway: the decoder itself refuses a frame larger than this (ffmpeg's max_pixels). */
  maxFrameSide?: number;
}

const MAX_TOOL_OUTPUT = 8 * 1024 * 1024;

/*
 * Runs a tool to the end; its output on stdout is small (ffprobe's JSON, one JPEG
 * frame; ffmpeg writing a file prints nothing), so it is kept whole, up to a bound. The shell sets the address-space limit
 * (ulimit -v) and then becomes the tool, so the limit is the tool's own.
 */
export function runTool(command: string, args: string[], bounds: ToolBounds): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const timeout = bounds.deadline - Date.now();
  if (timeout <= 0) return Promise.reject(new OutOfTime());
  return new Promise((resolve, reject) => {
    const kilobytes = String(Math.floor(bounds.memoryBytes / 1024));
    const child = spawn('/bin/sh', ['-c', 'ulimit -v "$0" && exec "$@"', kilobytes, command, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout,
      killSignal: 'SIGKILL',
    });
    const stdout: Buffer[] = [];
    let size = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size <= MAX_TOOL_OUTPUT) stdout.push(d);
      else child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-8192)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL' && Date.now() >= bounds.deadline) return reject(new OutOfTime());
      // Not installed, or cannot even load its libraries within the memory cap: the machine's problem, not the file's.
      if (code === 127) return reject(new Error(`${command} could not start: ${stderr.trim()}`));
      resolve({ code, stdout: Buffer.concat(stdout), stderr });
    });
  });
}
