import { createReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { compressOnce, encodingFor, type Encoding } from './compression';
import { pathOf } from './prefix';

/*
 * Next.js's built scripts, styles and fonts (`/_next/static/…`) never change
 * under their hashed names. They are compressed once when the portal starts,
 * brotli at its highest quality and gzip, into files beside them, and this
 * server sends those files itself, marked immutable for a year. A file without
 * a compressed copy (a font, an image) is left to Next.js, which sends it the
 * same way uncompressed.
 */

export const STATIC_PREFIX = '/_next/static/';
const COMPRESSIBLE: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};
const MIN_BYTES = 1024;
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };
export const IMMUTABLE = 'public, max-age=31536000, immutable';

async function* filesUnder(directory: string): AsyncGenerator<string> {
  for (const entry of await readdir(directory, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

async function writeWhole(target: string, bytes: Buffer): Promise<void> {
  const partial = `${target}.${randomBytes(6).toString('hex')}.partial`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
}

/** Writes `<file>.br` and `<file>.gz` beside every compressible file of the build that has none yet; returns how many files it compressed. */
export async function precompressStatic(directory: string): Promise<number> {
  let made = 0;
  for await (const file of filesUnder(directory)) {
    if (!(path.extname(file) in COMPRESSIBLE)) continue;
    const info = await stat(file);
    if (info.size < MIN_BYTES) continue;
    const done = await stat(`${file}${SUFFIX.br}`).then(
      (s) => s.mtimeMs >= info.mtimeMs,
      () => false,
    );
    if (done) continue;
    const variants = compressOnce(await readFile(file), 'immutable');
    // gzip first: a file whose .br exists is taken as done. Each is written whole under another name and
    // renamed, so a process that stops midway, or another one starting beside it, never leaves half a file.
    await writeWhole(`${file}${SUFFIX.gzip}`, variants.gzip);
    await writeWhole(`${file}${SUFFIX.br}`, variants.br);
    made++;
  }
  return made;
}

/** The file a /_next/static/ address names under `directory`, or null for anything else (a traversal, an odd character). */
function staticFile(directory: string, url: string | undefined): string | null {
  const pathname = pathOf(url);
  if (!pathname.startsWith(STATIC_PREFIX)) return null;
  const relative = pathname.slice(STATIC_PREFIX.length);
  if (!/^[A-Za-z0-9._~\-/]+$/.test(relative) || relative.split('/').some((part) => part === '' || part === '.' || part === '..')) return null;
  return path.join(directory, relative);
}

/**
 * Answers a request for a built file from its precompressed copy when the
 * browser accepts one; false when Next.js should answer (no copy, a browser that
 * takes no compression, a method other than GET/HEAD).
 */
export async function sendPrecompressed(req: IncomingMessage, res: ServerResponse, directory: string): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const file = staticFile(directory, req.url);
  const type = file ? COMPRESSIBLE[path.extname(file)] : undefined;
  if (!file || !type) return false;
  const encoding = encodingFor(req, ['br', 'gzip']);
  if (!encoding) return false;
  const compressed = `${file}${SUFFIX[encoding]}`;
  const size = await stat(compressed).then(
    (s) => (s.isFile() ? s.size : null),
    () => null,
  );
  if (size === null) return false;
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Encoding': encoding,
    'Content-Length': String(size),
    'Cache-Control': IMMUTABLE,
    Vary: 'Accept-Encoding',
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  const stream = createReadStream(compressed);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
  return true;
}
