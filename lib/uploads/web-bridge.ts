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

const BATCH_BYTES = 512 * 1024;
const QUEUE_BYTES = 1024 * 1024;

function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  let finished = false;
  let flowing = false;
  // Socket reads are 64 KB; handing them on in batches makes every later step (tus, the store, the disk) run an eighth as often.
  let batch: Buffer[] = [];
  let batched = 0;
  let onData: (chunk: Buffer) => void = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const flush = () => {
          if (batched === 0) return;
          controller.enqueue(batch.length === 1 ? batch[0]! : Buffer.concat(batch, batched));
          batch = [];
          batched = 0;
        };
        // A dropped connection ends the body where it stopped: tus stores what came and tells the next request that offset.
        const finish = () => {
          if (finished) return;
          finished = true;
          flush();
          controller.close();
        };
        req.once('end', finish);
        req.once('error', finish);
        req.once('close', finish);
        onData = (chunk: Buffer) => {
          if (finished) return;
          batch.push(chunk);
          batched += chunk.length;
          if (batched < BATCH_BYTES) return;
          flush();
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        };
      },
      pull() {
        // Read only once asked: a body nobody reads (a refused request) is left to Node, which discards it.
        if (!flowing) req.on('data', onData);
        flowing = true;
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
  // The client may be gone already (a cut connection): there is nobody to answer.
  if (res.destroyed) return void (await response.body?.cancel());
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>), res).catch(() => res.destroy());
}
