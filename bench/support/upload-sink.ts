/*
 * A child process for bench/upload-throughput.ts: serves either the portal's tus
 * endpoint (mode "tus") or a plain sink that writes a PUT body to a file (mode
 * "raw"), prints its port, and reports its peak RSS (VmHWM) when asked.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createDb } from '../../lib/db/client';
import { uploadSettings } from '../../lib/uploads/settings';
import { createUploadServer } from '../../lib/uploads/tus-server';

const [mode, dataDir] = process.argv.slice(2) as ['tus' | 'raw', string];

function peakRssKb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(match?.[1] ?? 0);
}

async function main(): Promise<void> {
  let handle: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  if (mode === 'tus') {
    const defaults = uploadSettings(dataDir);
    const settings = { ...defaults, limits: { ...defaults.limits, maxBytes: 4 * 1024 ** 3, minSeconds: 1, maxSeconds: 24 * 3600 } };
    const uploads = await createUploadServer(createDb(process.env.DATABASE_URL!, 4), settings);
    handle = (req, res) => void uploads.handle(req, res);
  } else {
    handle = (req, res) => {
      void pipeline(req, createWriteStream(path.join(dataDir, 'raw.bin'))).then(() => res.writeHead(204).end());
    };
  }
  const server = http.createServer((req, res) => {
    if (req.url === '/peak-rss') return res.end(String(peakRssKb()));
    handle(req, res);
  });
  server.listen(0, '127.0.0.1', () => console.log(`PORT ${(server.address() as AddressInfo).port}`));
  process.on('disconnect', () => process.exit(0));
  // A normal exit on SIGTERM lets NODE_OPTIONS=--cpu-prof write the server's profile.
  process.on('SIGTERM', () => process.exit(0));
  // A normal exit on SIGTERM lets NODE_OPTIONS=--cpu-prof write the server's profile.
  process.on('SIGTERM', () => process.exit(0));
}

void main();
