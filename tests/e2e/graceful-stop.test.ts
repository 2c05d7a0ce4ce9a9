import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { createUser } from '../support/fixtures';
import { startPortal, type RunningPortal } from '../support/launcher';

/*
 * A web process asked to stop (SIGTERM, as systemd or a deployment does) takes
 * no new request but lets those under way finish: a mayor's upload chunk that
 * is arriving when the signal comes is stored whole.
 */

let portal: RunningPortal;
let db: Db;

beforeAll(async () => {
  portal = await startPortal({ VC_SHUTDOWN_GRACE_MS: '15000' });
  db = createDb(portal.databaseUrl, 2);
}, 8 * 60_000);
afterAll(async () => {
  await db?.$disconnect();
  await portal?.stop();
});

describe('a web process told to stop', () => {
  it('finishes the upload chunk under way, then refuses new connections and exits', async () => {
    const mayor = await createUser(db, { role: 'MAYOR', municipality: '001272' });
    const bytes = randomBytes(2 * 1024 * 1024);
    const created = await fetch(`${portal.baseUrl}/api/uploads`, {
      method: 'POST',
      headers: {
        cookie: mayor.cookie,
        'tus-resumable': '1.0.0',
        'upload-length': String(bytes.length),
        'upload-metadata': `filename ${Buffer.from('saluto.mp4').toString('base64')}`,
      },
    });
    expect(created.status).toBe(201);
    const location = new URL(created.headers.get('location')!, portal.baseUrl).toString();

    // The chunk trickles in over about 2 s; the signal comes after the first quarter of a second.
    let sent = 0;
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= bytes.length) return controller.close();
        await new Promise((resolve) => setTimeout(resolve, 50));
        const piece = bytes.subarray(sent, sent + 64 * 1024);
        sent += piece.length;
        controller.enqueue(piece);
      },
    });
    const patching = fetch(location, {
      method: 'PATCH',
      headers: { cookie: mayor.cookie, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: slow,
      duplex: 'half',
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const stopped = portal.stop();

    const answer = await patching;
    expect(answer.status).toBe(204);
    expect(answer.headers.get('upload-offset')).toBe(String(bytes.length));
    await stopped;
    await expect(fetch(`${portal.baseUrl}/api/health`)).rejects.toThrow();
  }, 60_000);
});
