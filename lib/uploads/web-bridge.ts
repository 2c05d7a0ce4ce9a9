import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/*
 * @tus/server speaks web Requests. Its own Node adapter builds the body with
 * Readable.toWeb, which copies every socket chunk into a fresh buffer: at a few
 * hundred MB/s that copy and the garbage behind it cost a third of the upload
 * throughput. This body hands the socket's chunks over as they are, paused
 * while the consumer is behind (never more than a few chunks held).
 */

const QUEUE_BYTES = 256 * 1024;

/* Bodies still being read, by request: once the answer is sent, whatever the handler left unread is discarded. */
const unread = new WeakMap<IncomingMessage, () => void>();

/*
 * A stream its consumer has errored (tus aborts a request whose client went
 * away) throws on close and enqueue, from inside a socket event where nothing
 * could catch it: the whole process would stop. Both are guarded.
 */
function closeQuietly(controller: ReadableStreamDefaultController<Uint8Array>): void {
  try {
    controller.close();
  } catch {
    // Already closed or errored by its consumer.
  }
}

function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  let finished = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // A dropped connection ends the body where it stopped: tus stores what came and tells the next request that offset.
        const finish = () => {
          if (finished) return;
          finished = true;
          unread.delete(req);
          closeQuietly(controller);
        };
        req.once('end', finish);
        req.once('error', finish);
        req.once('close', finish);
        req.on('data', (chunk: Buffer) => {
          if (finished) return;
          try {
            controller.enqueue(chunk);
          } catch {
            // The consumer errored or dropped the stream (an aborted request): the rest of the body has nowhere to go.
            finished = true;
            unread.delete(req);
            req.resume();
            return;
          }
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        unread.set(req, () => {
          finish();
          req.resume();
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        finished = true;
        req.resume();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: QUEUE_BYTES }),
  );
}

/** The web Request for a Node request, with the Node objects where @tus/server looks for them (it aborts on a request error). */
export function webRequestOf(req: IncomingMessage, res: ServerResponse): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // The origin is fixed: the endpoint answers relative locations, and the client's Host header is nobody's input here.
  const request = new Request(new URL(req.url ?? '/', 'http://localhost'), {
    method,
    headers,
    body: hasBody ? bodyOf(req) : null,
    ...(hasBody ? { duplex: 'half' } : {}),
  });
  return Object.assign(request, { runtime: { node: { req, res } } });
}

export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  // A body the handler did not read (a refused request) is discarded as Node would, so the connection stays usable.
  unread.get(res.req)?.();
  // The client may be gone already (a cut connection): there is nobody to answer.
  if (res.destroyed) return void (await response.body?.cancel());
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>), res).catch(() => res.destroy());
}
