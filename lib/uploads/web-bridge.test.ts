import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWebResponse, webRequestOf } from './web-bridge';

let server: http.Server | null = null;

afterEach(() => {
  server?.close();
  server = null;
});

async function serve(handler: (request: Request, res: http.ServerResponse) => Promise<void>): Promise<number> {
  server = http.createServer((req, res) => void handler(webRequestOf(req, res), res));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function send(port: number, body: Buffer, agent?: http.Agent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'PATCH', path: '/x', agent, headers: { 'content-length': body.length } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the bridge between Node requests and @tus/server', () => {
  it('hands over every byte of the body, in order', async () => {
    const body = randomBytes(3 * 1024 * 1024 + 123);
    const port = await serve(async (request, res) => {
      const received = Buffer.from(await request.arrayBuffer());
      await sendWebResponse(res, new Response(received.equals(body) ? 'same' : `different: ${received.length}`, { status: 200 }));
    });
    expect(await send(port, body)).toEqual({ status: 200, text: 'same' });
  });

  it('ends the body where a dropped connection stopped, without an error, so what arrived can be kept', async () => {
    const sent = randomBytes(2 * 1024 * 1024);
    let outcome: Promise<Buffer> = Promise.resolve(Buffer.alloc(0));
    const port = await serve(async (request) => {
      outcome = request.arrayBuffer().then((b) => Buffer.from(b));
    });
    await new Promise<void>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'PATCH', path: '/x', headers: { 'content-length': sent.length * 2 } });
      req.on('error', () => resolve());
      req.write(sent, () => setTimeout(() => req.destroy(), 50));
    });
    const received = await new Promise<Buffer>((resolve) => setTimeout(() => resolve(outcome), 100));
    expect(received.length).toBeGreaterThan(0);
    expect(received.equals(sent.subarray(0, received.length))).toBe(true);
  });

  it('discards a body nobody reads once the answer is sent, so a refused request does not block the connection', async () => {
    const port = await serve(async (_request, res) =>
      sendWebResponse(res, new Response('{"error":"signedOut"}', { status: 401, headers: { 'content-type': 'application/json' } })),
    );
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const first = await send(port, randomBytes(2 * 1024 * 1024), agent);
    const second = await send(port, Buffer.from('x'), agent);
    agent.destroy();
    expect(first).toEqual({ status: 401, text: '{"error":"signedOut"}' });
    expect(second.status).toBe(401);
  });

  it('keeps the request’s method, headers and address', async () => {
    let seen = '';
    const port = await serve(async (request, res) => {
      seen = `${request.method} ${new URL(request.url).pathname} ${request.headers.get('content-length')}`;
      await sendWebResponse(res, new Response(null, { status: 204, headers: { 'upload-offset': '1' } }));
    });
    expect((await send(port, Buffer.from('abc'))).status).toBe(204);
    expect(seen).toBe('PATCH /x 3');
  });
});
