import http from 'node:http';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodingFor } from './compression';
import { createFrontServer } from './front-server';
import { PageCache } from './page-cache';
import { IMMUTABLE, precompressStatic } from './static-files';

/* A stand-in for Next.js that remembers what encoding it was asked for. */
const askedEncoding: string[] = [];
const json = JSON.stringify({ data: Array.from({ length: 300 }, (_, i) => ({ id: i, title: `Messaggio del sindaco numero ${i}` })) });
const script = `console.log(${JSON.stringify('x'.repeat(50))});\n`.repeat(100);
const upstream = http.createServer((req, res) => {
  askedEncoding.push(String(req.headers['accept-encoding']));
  if (req.url === '/api/v1/messaggi') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    return void res.end(json);
  }
  if (req.url === '/openapi.yaml') {
    // A ranged answer of a compressible type, as a static file server gives it.
    res.writeHead(206, { 'content-type': 'text/yaml', 'content-range': `bytes 0-1999/${json.length}`, 'content-length': '2000' });
    return void res.end(json.slice(0, 2000));
  }
  if (req.url === '/video') {
    res.writeHead(206, { 'content-type': 'video/mp4', 'content-range': 'bytes 0-4999/10000', 'content-length': '5000' });
    return void res.end(Buffer.alloc(5000, 7));
  }
  if (req.url?.startsWith('/_next/static/')) {
    res.writeHead(200, { 'content-type': 'application/javascript', 'x-from': 'next' });
    return void res.end(script);
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 's-maxage=60' });
  res.end(`<main>${'<p>Buongiorno a tutti i cittadini.</p>'.repeat(200)}</main>`);
});

let front: http.Server;
let base = '';
let buildDir = '';

function get(url: string, encoding?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    // The path is sent as written (a URL would resolve its dots first).
    http
      .get({ host: '127.0.0.1', port: new URL(base).port, path: url, headers: encoding === undefined ? {} : { 'accept-encoding': encoding } }, async (res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of res) chunks.push(chunk as Buffer);
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) });
      })
      .on('error', reject);
  });
}

function plain(answer: { headers: http.IncomingHttpHeaders; body: Buffer }): string {
  const encoding = answer.headers['content-encoding'];
  return (encoding === 'br' ? brotliDecompressSync(answer.body) : encoding === 'gzip' ? gunzipSync(answer.body) : answer.body).toString();
}

beforeAll(async () => {
  buildDir = await mkdtemp(path.join(os.tmpdir(), 'vc-static-'));
  await mkdir(path.join(buildDir, 'chunks'), { recursive: true });
  await writeFile(path.join(buildDir, 'chunks', 'app-1a2b.js'), script);
  await writeFile(path.join(buildDir, 'chunks', 'tiny.js'), 'x();');
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  front = createFrontServer({
    upstream: { host: '127.0.0.1', port: (upstream.address() as AddressInfo).port },
    cache: new PageCache(1024 * 1024),
    cacheSeconds: 10,
    staticDirectory: buildDir,
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

afterAll(async () => {
  front.close();
  upstream.close();
  await rm(buildDir, { recursive: true, force: true });
});

describe('what the front server compresses', () => {
  it('prefers brotli, then gzip, and honours a refusal', () => {
    const req = (value?: string) => ({ headers: value === undefined ? {} : { 'accept-encoding': value } });
    expect(encodingFor(req('gzip, deflate, br, zstd'), ['br', 'gzip'])).toBe('br');
    expect(encodingFor(req('gzip, deflate'), ['br', 'gzip'])).toBe('gzip');
    expect(encodingFor(req('br;q=0, gzip'), ['br', 'gzip'])).toBe('gzip');
    expect(encodingFor(req('identity'), ['br', 'gzip'])).toBeNull();
    expect(encodingFor(req(), ['br', 'gzip'])).toBeNull();
  });

  it('compresses an answer Next.js streams (the open data) with brotli or gzip, and never asks Next.js to', async () => {
    const br = await get('/api/v1/messaggi', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.body.length).toBeLessThan(json.length / 4);
    expect(plain(br)).toBe(json);
    const gzip = await get('/api/v1/messaggi', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(plain(gzip)).toBe(json);
    const none = await get('/api/v1/messaggi');
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.toString()).toBe(json);
    expect(new Set(askedEncoding)).toEqual(new Set(['identity']));
  });

  it('sends a kept page in the encoding the browser takes best, compressed once', async () => {
    const first = await get('/comuni/001272-torino', 'br');
    expect(first.headers['x-vc-cache']).toBe('MISS');
    const hit = await get('/comuni/001272-torino', 'br, gzip');
    expect(hit.headers['x-vc-cache']).toBe('HIT');
    expect(hit.headers['content-encoding']).toBe('br');
    expect(Number(hit.headers['content-length'])).toBe(hit.body.length);
    expect(plain(hit)).toContain('Buongiorno');
    const old = await get('/comuni/001272-torino', 'gzip');
    expect(old.headers['content-encoding']).toBe('gzip');
    expect(plain(old)).toBe(plain(hit));
  });

  it('never compresses a ranged answer, whatever its type: its Content-Range counts the plain bytes', async () => {
    const ranged = await get('/openapi.yaml', 'br, gzip');
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-encoding']).toBeUndefined();
    expect(ranged.body.toString()).toBe(json.slice(0, 2000));
  });

  it('leaves video alone, a ranged answer keeping its bytes', async () => {
    const video = await get('/video', 'br, gzip');
    expect(video.status).toBe(206);
    expect(video.headers['content-encoding']).toBeUndefined();
    expect(video.body.length).toBe(5000);
  });

  it('compresses the build once and sends the copies itself, immutable', async () => {
    expect(await precompressStatic(buildDir)).toBe(1);
    // A second start finds the work done; a file under 1 KB is not worth it.
    expect(await precompressStatic(buildDir)).toBe(0);
    await expect(readFile(path.join(buildDir, 'chunks', 'tiny.js.br'))).rejects.toThrow();
    const served = await get('/_next/static/chunks/app-1a2b.js', 'gzip, deflate, br');
    expect(served.headers['x-from']).toBeUndefined();
    expect(served.headers['content-encoding']).toBe('br');
    expect(served.headers['cache-control']).toBe(IMMUTABLE);
    expect(served.headers['content-type']).toMatch(/^application\/javascript/);
    expect(served.body.equals(await readFile(path.join(buildDir, 'chunks', 'app-1a2b.js.br')))).toBe(true);
    expect(plain(served)).toBe(script);
    expect(plain(await get('/_next/static/chunks/app-1a2b.js', 'gzip'))).toBe(script);
  });

  it('leaves to Next.js what has no copy or is not a plain path below the build', async () => {
    for (const url of ['/_next/static/chunks/tiny.js', '/_next/static/chunks/../chunks/app-1a2b.js', '/_next/static/chunks/%2e%2e/app-1a2b.js']) {
      const answer = await get(url, 'br');
      expect(answer.headers['x-from'], url).toBe('next');
    }
    const plainAsked = await get('/_next/static/chunks/app-1a2b.js');
    expect(plainAsked.headers['x-from']).toBe('next');
    expect(plainAsked.body.toString()).toBe(script);
  });
});
