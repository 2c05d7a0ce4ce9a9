import { randomBytes, createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/*
 * A local stand-in of the S3 API, for tests and benchmarks on a machine with no
 * object storage: path-style requests to one bucket, objects and multipart
 * uploads kept in a folder, S3's XML answers and error codes. It covers what
 * @tus/s3-store and the portal call (put/get with Range/head/delete objects,
 * create/upload part/list parts/complete/abort/list multipart uploads, batch
 * delete). It checks that requests are signed with the expected access key id,
 * not the signature itself.
 */

export interface S3StandIn {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Requests seen, as "METHOD operation" (e.g. "GET object range"), for assertions. */
  requests: string[];
  /** Keys of the stored objects. */
  objects(): Promise<string[]>;
  /** Open multipart uploads, as keys. */
  openUploads(): string[];
  /** Moves every open upload's start into the past (to test expiry). */
  ageUploads(ms: number): void;
  close(): Promise<void>;
}

interface MultipartUpload {
  key: string;
  initiated: Date;
  dir: string;
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function startS3StandIn(dir: string, bucket = 'vocicomuni-test'): Promise<S3StandIn> {
  const accessKeyId = 'STANDINKEY';
  const secretAccessKey = randomBytes(20).toString('hex');
  const objectsDir = path.join(dir, 'objects');
  const uploadsDir = path.join(dir, 'multipart');
  await mkdir(objectsDir, { recursive: true });
  await mkdir(uploadsDir, { recursive: true });
  const uploads = new Map<string, MultipartUpload>();
  const requests: string[] = [];
  const objectPath = (key: string) => path.join(objectsDir, encodeURIComponent(key));

  function error(res: http.ServerResponse, status: number, code: string, message: string): void {
    res.writeHead(status, { 'content-type': 'application/xml' });
    res.end(status === 404 && res.req.method === 'HEAD' ? undefined : xml(`<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`));
  }

  async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function receive(req: http.IncomingMessage, file: string): Promise<string> {
    const hash = createHash('md5');
    req.on('data', (chunk: Buffer) => hash.update(chunk));
    await pipeline(req, createWriteStream(file));
    return `"${hash.digest('hex')}"`;
  }

  async function putObject(req: http.IncomingMessage, res: http.ServerResponse, key: string): Promise<void> {
    const file = objectPath(key);
    const etag = await receive(req, `${file}.tmp`);
    const metadata = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name.startsWith('x-amz-meta-')));
    await writeFile(`${file}.meta.json`, JSON.stringify({ etag, metadata, contentType: req.headers['content-type'] ?? 'application/octet-stream' }));
    await rename(`${file}.tmp`, file);
    res.writeHead(200, { etag }).end();
  }

  async function getObject(req: http.IncomingMessage, res: http.ServerResponse, key: string): Promise<void> {
    const file = objectPath(key);
    const info = await stat(file).catch(() => null);
    if (!info || !existsSync(`${file}.meta.json`)) return error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    const meta = JSON.parse(await readFile(`${file}.meta.json`, 'utf8')) as { etag: string; metadata: Record<string, string>; contentType: string };
    const headers: http.OutgoingHttpHeaders = {
      ...meta.metadata,
      etag: meta.etag,
      'content-type': meta.contentType,
      'last-modified': info.mtime.toUTCString(),
      'accept-ranges': 'bytes',
    };
    if (req.method === 'HEAD') {
      requests.push('HEAD object');
      res.writeHead(200, { ...headers, 'content-length': info.size }).end();
      return;
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = Math.min(range[2] ? Number(range[2]) : info.size - 1, info.size - 1);
      if (start > end) return error(res, 416, 'InvalidRange', 'The requested range is not satisfiable');
      requests.push('GET object range');
      res.writeHead(206, { ...headers, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${info.size}` });
      await pipeline(createReadStream(file, { start, end }), res);
      return;
    }
    requests.push('GET object');
    res.writeHead(200, { ...headers, 'content-length': info.size });
    await pipeline(createReadStream(file), res);
  }

  async function deleteKey(key: string): Promise<void> {
    await rm(objectPath(key), { force: true });
    await rm(`${objectPath(key)}.meta.json`, { force: true });
  }

  async function parts(upload: MultipartUpload): Promise<Array<{ number: number; size: number; etag: string; file: string }>> {
    const names = (await readdir(upload.dir)).filter((n) => /^\d+$/.test(n));
    const found = await Promise.all(
      names.map(async (n) => {
        const file = path.join(upload.dir, n);
        return { number: Number(n), size: (await stat(file)).size, etag: await readFile(`${file}.etag`, 'utf8').catch(() => '""'), file };
      }),
    );
    return found.sort((a, b) => a.number - b.number);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin');
    const [, bucketName, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const q = url.searchParams;
    if (!(req.headers.authorization ?? '').includes(`Credential=${accessKeyId}/`))
      return error(res, 403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    if (bucketName !== bucket) return error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    const uploadId = q.get('uploadId');
    const upload = uploadId ? uploads.get(uploadId) : undefined;
    if (uploadId && (!upload || upload.key !== key)) {
      await readBody(req);
      return error(res, 404, 'NoSuchUpload', 'The specified upload does not exist.');
    }

    if (!key) {
      if (req.method === 'GET' && q.has('uploads')) {
        requests.push('GET list uploads');
        const items = [...uploads.entries()].map(
          ([id, u]) => `<Upload><Key>${escapeXml(u.key)}</Key><UploadId>${id}</UploadId><Initiated>${u.initiated.toISOString()}</Initiated></Upload>`,
        );
        res
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(xml(`<ListMultipartUploadsResult><Bucket>${bucket}</Bucket><IsTruncated>false</IsTruncated>${items.join('')}</ListMultipartUploadsResult>`));
        return;
      }
      if (req.method === 'POST' && q.has('delete')) {
        requests.push('POST delete objects');
        const body = await readBody(req);
        const keys = [...body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
        for (const k of keys) await deleteKey(k);
        const quiet = /<Quiet>true<\/Quiet>/.test(body);
        res
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(xml(`<DeleteResult>${quiet ? '' : keys.map((k) => `<Deleted><Key>${escapeXml(k)}</Key></Deleted>`).join('')}</DeleteResult>`));
        return;
      }
      return error(res, 501, 'NotImplemented', 'Not implemented by the stand-in');
    }

    if (req.method === 'POST' && q.has('uploads')) {
      requests.push('POST create upload');
      const id = randomBytes(12).toString('hex');
      const target = { key, initiated: new Date(), dir: path.join(uploadsDir, id) };
      await mkdir(target.dir);
      uploads.set(id, target);
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          xml(
            `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${escapeXml(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
          ),
        );
      return;
    }
    if (upload && uploadId) {
      if (req.method === 'PUT') {
        requests.push('PUT part');
        const file = path.join(upload.dir, String(Number(q.get('partNumber'))));
        const etag = await receive(req, file);
        await writeFile(`${file}.etag`, etag);
        res.writeHead(200, { etag }).end();
        return;
      }
      if (req.method === 'GET') {
        requests.push('GET list parts');
        const items = (await parts(upload)).map(
          (p) => `<Part><PartNumber>${p.number}</PartNumber><ETag>${escapeXml(p.etag)}</ETag><Size>${p.size}</Size></Part>`,
        );
        res
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            xml(
              `<ListPartsResult><Bucket>${bucket}</Bucket><Key>${escapeXml(key)}</Key><UploadId>${uploadId}</UploadId><IsTruncated>false</IsTruncated>${items.join('')}</ListPartsResult>`,
            ),
          );
        return;
      }
      if (req.method === 'POST') {
        requests.push('POST complete upload');
        const wanted = [...(await readBody(req)).matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
        const stored = await parts(upload);
        const chosen = wanted.map((n) => stored.find((p) => p.number === n));
        if (chosen.some((p) => !p)) return error(res, 400, 'InvalidPart', 'One or more of the specified parts could not be found.');
        const file = objectPath(key);
        const out = createWriteStream(`${file}.tmp`);
        for (const part of chosen) await pipeline(createReadStream(part!.file), out, { end: false });
        await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
        const etag = `"${createHash('md5')
          .update(chosen.map((p) => p!.etag).join(''))
          .digest('hex')}-${chosen.length}"`;
        await writeFile(`${file}.meta.json`, JSON.stringify({ etag, metadata: {}, contentType: 'application/octet-stream' }));
        await rename(`${file}.tmp`, file);
        uploads.delete(uploadId);
        await rm(upload.dir, { recursive: true, force: true });
        res
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            xml(
              `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${escapeXml(key)}</Key><ETag>${escapeXml(etag)}</ETag></CompleteMultipartUploadResult>`,
            ),
          );
        return;
      }
      if (req.method === 'DELETE') {
        requests.push('DELETE abort upload');
        uploads.delete(uploadId);
        await rm(upload.dir, { recursive: true, force: true });
        res.writeHead(204).end();
        return;
      }
    }
    if (req.method === 'PUT' && !req.headers['x-amz-copy-source']) {
      requests.push('PUT object');
      return putObject(req, res, key);
    }
    if (req.method === 'GET' || req.method === 'HEAD') return getObject(req, res, key);
    if (req.method === 'DELETE') {
      requests.push('DELETE object');
      await deleteKey(key);
      res.writeHead(204).end();
      return;
    }
    return error(res, 501, 'NotImplemented', 'Not implemented by the stand-in');
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((caught: unknown) => {
      if (!res.headersSent) error(res, 500, 'InternalError', String(caught));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bucket,
    accessKeyId,
    secretAccessKey,
    requests,
    objects: async () =>
      (await readdir(objectsDir))
        .filter((n) => !n.endsWith('.meta.json') && !n.endsWith('.tmp'))
        .map(decodeURIComponent)
        .sort(),
    openUploads: () => [...uploads.values()].map((u) => u.key),
    ageUploads(ms) {
      for (const u of uploads.values()) u.initiated = new Date(u.initiated.getTime() - ms);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
