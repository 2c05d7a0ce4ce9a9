import { once } from 'node:events';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { freePort } from '@/lib/db/embedded';

/*
 * A browser vendor's push service, on this machine: web-push-testing's server
 * (the web-push project's own test double of RFC 8030). It hands out
 * subscriptions as a browser's push service does, checks each push's VAPID
 * signature, decrypts its payload and keeps it for the test to read, and
 * answers 410 for a subscription it was told has expired. It listens on
 * 127.0.0.1 only (its own start would listen everywhere).
 */

interface PushApiModel {
  notifyUrl: string;
  messages: Record<string, string[]>;
}
interface TestingServer {
  _app: {
    listen(port: number, host: string): Server;
    post(path: string, handler: (req: unknown, res: { send(body: unknown): void }) => void): void;
  };
  setRequestHandlers(): void;
}

const load = createRequire(import.meta.url);
const { PushApiModel } = load('web-push-testing/src/PushApiModel.js') as { PushApiModel: new () => PushApiModel };
const WebPushTestingServer = load('web-push-testing/src/server.js') as new (model: PushApiModel, port: number) => TestingServer;

export interface LocalSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  clientHash: string;
}

export interface LocalPushService {
  origin: string;
  /** A subscription as a browser's push service would make it for the portal's public key. */
  subscribe(applicationServerKey: string): Promise<LocalSubscription>;
  /** The payloads the service received for a subscription, decrypted. */
  received(clientHash: string): Promise<string[]>;
  /** From now on the service answers 410 Gone for this subscription (its user revoked it). */
  expire(clientHash: string): Promise<void>;
  /** How many pushes each subscription received (a bench's 10,000 need no 10,000 requests). */
  counts(): Promise<number[]>;
}

async function call(url: string, body: unknown): Promise<Record<string, unknown>> {
  const answer = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!answer.ok) throw new Error(`${url}: ${answer.status} ${await answer.text()}`);
  return answer.headers.get('content-type')?.startsWith('application/json') ? ((await answer.json()) as Record<string, unknown>) : {};
}

/** The service running at this origin (the end-to-end tests' one runs in their global setup). */
export function pushServiceAt(origin: string): LocalPushService {
  return {
    origin,
    async subscribe(applicationServerKey) {
      const { data } = await call(`${origin}/subscribe`, { userVisibleOnly: 'true', applicationServerKey });
      return data as LocalSubscription;
    },
    async received(clientHash) {
      const { data } = await call(`${origin}/get-notifications`, { clientHash });
      return (data as { messages: string[] }).messages;
    },
    async expire(clientHash) {
      await call(`${origin}/expire-subscription/${clientHash}`, {});
    },
    async counts() {
      return (await call(`${origin}/counts`, {})).counts as number[];
    },
  };
}

export async function startLocalPushService(port?: number): Promise<LocalPushService & { stop(): Promise<void> }> {
  port ??= await freePort([]);
  const origin = `http://127.0.0.1:${port}`;
  const model = new PushApiModel();
  const server = new WebPushTestingServer(model, port);
  model.notifyUrl = `${origin}/notify/`;
  server.setRequestHandlers();
  server._app.post('/counts', (_req, res) => res.send({ counts: Object.values(model.messages).map((messages) => messages.length) }));
  const listening = server._app.listen(port, '127.0.0.1');
  await once(listening, 'listening');
  return {
    ...pushServiceAt(origin),
    async stop() {
      listening.closeAllConnections();
      await new Promise((resolve) => listening.close(resolve));
    },
  };
}
