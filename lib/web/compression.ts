import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import compression from 'compression';
import Negotiator from 'negotiator';

/*
 * What the front server compresses, and how. Answers it streams (the open data,
 * feeds, map images, anything Next.js hands over) go through the `compression`
 * middleware, brotli when the browser takes it (quality 4: fast enough per
 * request), gzip otherwise. What it keeps (a cached page) or what never changes
 * (Next.js's hashed scripts and styles, compressed once at start by
 * static-files.ts) is compressed once, harder, and sent as it is.
 */

export type Encoding = 'br' | 'gzip';

export interface Variants {
  br: Buffer;
  gzip: Buffer;
}

/** The best encoding of `available` the request accepts (br before gzip), or null for the plain body. */
export function encodingFor(req: Pick<IncomingMessage, 'headers'>, available: readonly Encoding[]): Encoding | null {
  const chosen = new Negotiator({ headers: { 'accept-encoding': req.headers['accept-encoding'] ?? 'identity' } }).encoding([...available, 'identity'], {
    preferred: ['br', 'gzip', 'identity'],
  });
  return chosen === 'br' || chosen === 'gzip' ? chosen : null;
}

/** Both encodings of a body that is kept and sent many times: the effort is spent once. */
export function compressOnce(body: Buffer, effort: 'kept' | 'immutable' = 'kept'): Variants {
  return {
    br: brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: effort === 'immutable' ? 11 : 6,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
    gzip: gzipSync(body, { level: effort === 'immutable' ? 9 : 6 }),
  };
}

type Next = () => void;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/**
 * Compresses every answer worth it on the fly: text, JSON, XML, SVG and
 * JavaScript over 1 KB, unless already encoded (a cached page, a precompressed
 * file) or marked no-transform. Video, audio and images pass as they are (they
 * are compressed already, and a ranged answer must keep its bytes).
 */
export function compressAnswers(): Middleware {
  return compression({
    threshold: 1024,
    // A ranged answer's Content-Range counts the plain bytes: compressing it would corrupt what the client assembles.
    filter: (req, res) => !req.headers.range && res.statusCode !== 206 && !res.getHeader('Content-Range') && compression.filter(req, res),
  }) as unknown as Middleware;
}
