import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import autocannon from 'autocannon';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { closeJobQueue, jobQueueClient } from '@/lib/jobs/queue';
import { syncMarker } from '@/lib/youtube/metadata';
import { startCluster, type Cluster } from '../../scripts/cluster';
import { isolatedContext, launchBrowser } from '../support/browser';
import { createUser, createVideo } from '../support/fixtures';
import { makeTestMedia, type TestMedia } from '../support/media';
import { within } from '../support/wait';

/*
 * The deployment of docs/DEPLOY.md, started by scripts/cluster.ts: Debian's
 * PostgreSQL server, the release step, two web processes and two workers on
 * one data folder, nginx with TLS in front. What a metropolitan city's
 * operators would see when a process stops, crashes or is restarted.
 */

let cluster: Cluster;
let db: Db;
let media: TestMedia;
const SESSION_COOKIE = '__Secure-next-auth.session-token';

beforeAll(async () => {
  media = makeTestMedia();
  cluster = await startCluster({
    // Small chunks, so that a stop lands in the middle of uploads (the mayor's and YouTube's).
    settings: { VC_UPLOAD_CHUNK_BYTES: String(256 * 1024), VC_YOUTUBE_CHUNK_BYTES: String(256 * 1024), VC_SHUTDOWN_GRACE_MS: '15000' },
    youtubeBytesPerSecond: 1_000_000,
  });
  db = createDb(cluster.databaseUrl, 2);
  // The test queues the jobs of the changes it makes itself, as a web process would.
  await jobQueueClient(cluster.databaseUrl);
}, 10 * 60_000);
afterAll(async () => {
  await closeJobQueue();
  await db?.$disconnect();
  await cluster?.stop();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A web process asked directly, as nginx asks it (the test is on loopback, a trusted proxy). */
function direct(port: number, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${path}`, {
    redirect: 'manual',
    ...init,
    headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '127.0.0.1', ...(init.headers as Record<string, string>) },
  });
}

/** Which of these processes holds the TCP connection whose local port is `port` (from /proc, as ss -p finds it). */
function processWithLocalPort(pids: number[], port: number): number | null {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[1]?.endsWith(`:${hex}`)) inodes.add(fields[9]!);
    }
  }
  for (const pid of pids) {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const link = (() => {
        try {
          return readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
          return '';
        }
      })();
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode && inodes.has(inode)) return pid;
    }
  }
  return null;
}

describe('the deployment of docs/DEPLOY.md', () => {
  it("runs on Debian's PostgreSQL server behind nginx with TLS: HSTS, __Secure- cookies, no /metrics from outside", async () => {
    console.log(`cluster: PostgreSQL ${cluster.postgresVersion}`);
    expect(cluster.postgresVersion).toMatch(/^1[4-9]\.\d+ \(Debian/);
    const home = await cluster.fetch('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const csrf = await cluster.fetch('/api/auth/csrf');
    expect(csrf.headers.getSetCookie().join('\n')).toMatch(/^__Host-next-auth\.csrf-token=[^;]+;.*Secure/m);
    for (const path of ['/metrics', '/metrics/', '/metrics/x']) expect((await cluster.fetch(path)).status, path).toBe(404);
    // Plain http is sent to https.
    const plain = await fetch(`${cluster.httpUrl}/comuni`, { redirect: 'manual' });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toMatch(/^https:\/\/127\.0\.0\.1\/comuni$/);
  });

  it('a withdrawal made on one web process is gone from both, the API and the feed within 2 s', async () => {
    const title = `Ritirato nel cluster ${Date.now()}`;
    const video = await createVideo(db, { municipality: '001272', title, status: 'APPROVED' });
    await applyEditorialEvent(db, { videoId: video.id, event: 'publish' });
    const page = `/messaggi/${video.id}`;
    const api = `/api/v1/videos?municipality=001272&limit=100`;
    const ports = cluster.web.map((w) => w.port!);
    for (const port of ports) {
      await within(2000, async () => (await direct(port, page)).status === 200 && (await (await direct(port, '/feed.xml')).text()).includes(title));
      expect((await direct(port, page)).status).toBe(200);
    }

    // A moderator withdraws it in the staff console, through nginx: one of the two web processes takes it.
    const moderator = await createUser(db, { role: 'MODERATOR' });
    const browser = await launchBrowser();
    try {
      const { context } = await isolatedContext(browser, { ignoreHTTPSErrors: true });
      await context.addCookies([{ name: SESSION_COOKIE, value: moderator.sessionToken, url: cluster.url, secure: true }]);
      const tab = await context.newPage();
      await tab.goto(`${cluster.url}/staff/moderazione/${video.id}`);
      await tab.getByRole('radio', { name: 'Ritira dalla pubblicazione' }).check();
      const reason = tab.getByRole('textbox', { name: /Motivo/ });
      if (await reason.count()) await reason.first().fill('Informazione superata');
      await tab.getByRole('button', { name: 'Conferma la decisione' }).click();
      await expect.poll(async () => (await db.video.findUniqueOrThrow({ where: { id: video.id } })).status, { timeout: 10_000 }).toBe('WITHDRAWN');
    } finally {
      await browser.close();
    }
    const took: number[] = [];
    for (const port of ports) {
      took.push(await within(2000, async () => (await direct(port, page)).status === 404));
      took.push(await within(2000, async () => !(await (await direct(port, api)).text()).includes(video.id)));
      took.push(await within(2000, async () => !(await (await direct(port, '/feed.xml')).text()).includes(title)));
    }
    expect((await cluster.fetch(page)).status).toBe(404);
    console.log(`cluster: withdrawal gone everywhere after at most ${Math.max(...took)} ms more`);
  }, 120_000);

  it("an upload cut by a web process's SIGTERM resumes on the other one; its inspection, mail and YouTube copy happen once, even when a worker is killed mid-upload", async () => {
    const mayor = await createUser(db, { role: 'MAYOR', municipality: '001272', email: `sindaco-cluster-${Date.now()}@comune.test` });
    const cookie = `${SESSION_COOKIE}=${mayor.sessionToken}`;
    const bytes = readFileSync(media.big);
    const created = await cluster.fetch('/api/uploads', {
      method: 'POST',
      headers: {
        cookie,
        'tus-resumable': '1.0.0',
        'upload-length': String(bytes.length),
        'upload-metadata': `filename ${Buffer.from('saluto.mp4').toString('base64')}`,
      },
    });
    expect(created.status).toBe(201);
    const location = new URL(created.headers.get('location')!, cluster.url);
    expect(location.origin).toBe(cluster.url);

    // The first half trickles into web process 1; it is told to stop a quarter of a second in.
    const half = Math.floor(bytes.length / 2);
    let sent = 0;
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= half) return controller.close();
        await new Promise((resolve) => setTimeout(resolve, 40));
        const piece = bytes.subarray(sent, Math.min(half, sent + 128 * 1024));
        sent += piece.length;
        controller.enqueue(piece);
      },
    });
    const [first] = cluster.web;
    const patching = direct(first!.port!, location.pathname, {
      method: 'PATCH',
      headers: { cookie, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: slow,
      duplex: 'half',
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const stopped = first!.signal('SIGTERM');
    const answer = await patching;
    expect(answer.status).toBe(204);
    expect(answer.headers.get('upload-offset')).toBe(String(half));
    await stopped;

    // The browser asks where it stands and sends the rest: nginx finds the other web process.
    const head = await cluster.fetch(location.pathname, { method: 'HEAD', headers: { cookie, 'tus-resumable': '1.0.0' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(half));
    const rest = await cluster.fetch(location.pathname, {
      method: 'PATCH',
      headers: { cookie, 'tus-resumable': '1.0.0', 'upload-offset': String(half), 'content-type': 'application/offset+octet-stream' },
      body: bytes.subarray(half),
    });
    expect(rest.status).toBe(204);
    expect(rest.headers.get('upload-offset')).toBe(String(bytes.length));
    const restarting = first!.restart();

    const mediaId = location.pathname.split('/').pop()!;
    await expect.poll(async () => (await db.mediaFile.findUniqueOrThrow({ where: { id: mediaId } })).status, { timeout: 60_000 }).toBe('READY');
    const file = await db.mediaFile.findUniqueOrThrow({ where: { id: mediaId } });
    expect(file.sha256).toBe(sha256(bytes));
    expect(Number(file.sizeBytes)).toBe(bytes.length);

    // Published: the mayor is told once, and the workers copy it to YouTube.
    const title = `Saluto dal cluster ${Date.now()}`;
    const video = await db.video.create({ data: { municipalityIstat: '001272', title, mediaId, consentGiven: true } });
    const moderator = await createUser(db, { role: 'MODERATOR' });
    await applyEditorialEvent(db, { videoId: video.id, event: 'submit', actorId: mayor.user.id });
    await applyEditorialEvent(db, { videoId: video.id, event: 'approve', actorId: moderator.user.id });
    await applyEditorialEvent(db, { videoId: video.id, event: 'publish', actorId: moderator.user.id });

    // A worker is killed while it sends the video to YouTube: the other one finishes it.
    let uploadingFrom: number | null = null;
    await expect
      .poll(
        async () => {
          const sync = await db.youtubeSync.findUnique({ where: { videoId: video.id } });
          if (!sync || sync.state !== 'UPLOADING' || sync.bytesConfirmed === 0n) return null;
          const port = cluster.lastYoutubeUploadPort();
          uploadingFrom =
            port === null
              ? null
              : processWithLocalPort(
                  cluster.workers.map((w) => w.pid),
                  port,
                );
          return uploadingFrom;
        },
        { timeout: 60_000, interval: 100 },
      )
      .not.toBeNull();
    const victim = cluster.workers.find((w) => w.pid === uploadingFrom)!;
    const confirmedAtKill = (await db.youtubeSync.findUniqueOrThrow({ where: { videoId: video.id } })).bytesConfirmed;
    await victim.crash();
    await expect.poll(async () => (await db.youtubeSync.findUniqueOrThrow({ where: { videoId: video.id } })).state, { timeout: 120_000 }).toBe('LIVE');
    const copies = Object.values(cluster.standin.state().videos).filter((v) => String(v.snippet.description ?? '').includes(syncMarker(video.id)));
    expect(copies).toHaveLength(1);
    expect(copies[0]!.bytes).toBe(bytes.length);
    expect(copies[0]!.sha256).toBe(sha256(bytes));
    console.log(`cluster: worker killed with ${confirmedAtKill} of ${bytes.length} bytes on YouTube; the other finished it`);

    // Exactly once: one inspection, one mail per notice, whichever worker took them.
    const inspected = await db.domainEvent.count({ where: { aggregateId: mediaId, type: 'media.inspected' } });
    expect(inspected).toBe(1);
    await expect.poll(() => cluster.smtp.mails.filter((m) => m.to.includes(mayor.user.email)).length, { timeout: 30_000 }).toBeGreaterThan(0);
    // Late duplicates would come within the workers' supervision period (2 s).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const subjects = await Promise.all(cluster.smtp.mails.filter((m) => m.to.includes(mayor.user.email)).map(async (m) => (await simpleParser(m.raw)).subject));
    expect(subjects.length).toBeGreaterThan(0);
    expect(new Set(subjects).size, subjects.join('\n')).toBe(subjects.length);
    await victim.restart();
    await restarting;
  }, 300_000);

  it('a web process SIGKILLed under 200 connections through nginx: GETs go to the other one', async () => {
    const [first] = cluster.web;
    expect(first!.running).toBe(true);
    const run = autocannon({
      url: cluster.url,
      connections: 200,
      duration: 30,
      tlsOptions: { ca: cluster.certificate },
      // The pages citizens open most, which the web processes keep (searches, the API and feeds have their figures in bench/cluster-pages.ts).
      requests: [{ path: '/' }, { path: '/comuni/001272-torino' }, { path: '/temi/solidarieta' }],
    });
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    await first!.crash();
    const result = await run;
    const failed = result.errors + result.timeouts + result.non2xx;
    console.log(
      `cluster: 200 connections, 30 s, web process 1 SIGKILLed at 10 s: ${result.requests.total} requests, ${(result.requests.total / 30).toFixed(0)} req/s, ` +
        `${failed} failed (${((100 * failed) / Math.max(1, result.requests.total)).toFixed(3)} %: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} not 2xx), ` +
        `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ${JSON.stringify(result.statusCodeStats)}`,
    );
    expect(result.requests.total).toBeGreaterThan(1000);
    expect(failed).toBe(0);
  }, 120_000);
});
