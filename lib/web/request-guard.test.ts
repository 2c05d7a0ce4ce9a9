import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The guard is process-wide (uncaughtException), so it is tried in a process
 * of its own: a server whose requests fail in the ways that used to stop the
 * whole portal (a throw from a timer, a web stream closed twice, a rejection
 * nobody handles), after which it must still answer.
 */

let child: ChildProcess;
let base = '';

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vc-guard-'));
  const script = path.join(dir, 'server.mts');
  writeFileSync(
    script,
    `import http from 'node:http';
import { containRequestErrors, runInRequestScope } from ${JSON.stringify(path.resolve(import.meta.dirname, 'request-guard.ts'))};
containRequestErrors(() => {});
const server = http.createServer((req, res) =>
  runInRequestScope(req, res, () => {
    if (req.url === '/timer') return void setTimeout(() => { throw new Error('thrown from a timer'); }, 5);
    if (req.url === '/stream') return void new ReadableStream({ start(c) { setTimeout(() => { c.close(); c.enqueue(new Uint8Array(1)); }, 5); } });
    if (req.url === '/rejection') return void Promise.reject(new Error('nobody listens'));
    res.end('ok');
  }, () => {}),
);
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify(server.address())));
`,
  );
  child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const address = await new Promise<{ port: number }>((resolve) =>
    child.stdout!.once('data', (d: Buffer) => resolve(JSON.parse(d.toString()) as { port: number })),
  );
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(() => {
  child?.kill();
});

describe('an exception a request raises', () => {
  it.each(['/timer', '/stream', '/rejection'])('ends only that request (%s), and the process keeps serving', async (path) => {
    expect((await fetch(`${base}${path}`)).status).toBe(500);
    expect(await (await fetch(`${base}/health`)).text()).toBe('ok');
    expect(child.exitCode).toBeNull();
  });
});
