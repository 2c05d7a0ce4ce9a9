import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { parseRange } from '../../uploads/range';
import { QUOTA_COSTS, QUOTA_ZONE, type QuotaMethod } from '../quota-costs';
import { dayIn } from '../../time/zones';
import { sameSecret } from '../../auth/same-secret';
import { staticPagePolicy } from '../../web/security-headers';
import { isLoopbackHost } from '../../web/trusted-proxies';
import { STANDIN_CLIENT_ID } from './constants';

/*
 * A local stand-in for the parts of the YouTube Data API v3 the portal uses,
 * at the same paths (googleapis is pointed at it through rootUrl), so the
 * whole sync runs with no Google account and no internet: OAuth consent and
 * token endpoints, bearer-token checks, the resumable upload protocol
 * (session URI, 308 with Range, resume, the same video on a repeated query),
 * Google's JSON error shape, quota per Pacific day, processing that completes
 * after a delay, statistics that grow, and faults injected on demand.
 * Its state is shown at its root ("/") and as JSON ("/state.json").
 *
 * It is a demonstration and test device, but it behaves like the real
 * service where a visitor could abuse it: the token endpoint authenticates
 * the client (a secret made per installation), consent sends the code only
 * to the portal's own callback, request bodies have limits, an upload may not
 * declare more bytes than the portal accepts, and a video made private (a
 * withdrawn message) shows nothing of itself. The run command mounts it only
 * in demo mode, for requests from the machine itself.
 */

export { STANDIN_CLIENT_ID, STANDIN_PATH } from './constants';
const BLOCK = 256 * 1024;

export interface Fault {
  /** A quota method name (videos.insert, playlistItems.insert…), 'upload' for the byte PUTs, 'token', or '*'. */
  method: string;
  /** The HTTP status to answer; for 'upload', 0 cuts the connection after `afterBytes` bytes of the request. */
  status: number;
  reason?: string;
  times: number;
  afterBytes?: number;
}

export interface StandinOptions {
  /** Where state and uploaded bytes live; the state survives a restart. */
  dataDir: string;
  /** The OAuth client's secret (a random one when not given: read it from `clientSecret`). */
  clientSecret?: string;
  /** Where consent may send its code: the portal's callback. None given: any loopback address (tests). */
  redirectUris?: readonly string[];
  /** The largest video an upload session may declare (default 2 GiB, the portal's own default limit). */
  maxUploadBytes?: number;
  /** Path prefix when mounted inside another server (e.g. "/_youtube"). */
  basePath?: string;
  now?: () => Date;
  processingMs?: number;
  quota?: { default: number; insert: number };
  faults?: Fault[];
  /** Slows uploads down to this rate (a weak line; tests that cut an upload mid-way). */
  uploadBytesPerSecond?: number;
}

interface VideoRecord {
  id: string;
  snippet: Record<string, unknown>;
  status: Record<string, unknown>;
  bytes: number;
  sha256: string;
  uploadedAt: string;
  processedAt: string;
}

interface SessionRecord {
  id: string;
  metadata: { snippet: Record<string, unknown>; status: Record<string, unknown> };
  total: number;
  received: number;
  videoId: string | null;
}

interface AuthorizationCode {
  refreshToken: string;
  redirectUri: string;
  expiresAt: number;
}

interface State {
  channel: { id: string; title: string; uploads: string };
  refreshTokens: Record<string, { revoked: boolean }>;
  accessTokens: Record<string, number>;
  codes: Record<string, AuthorizationCode>;
  sessions: Record<string, SessionRecord>;
  videos: Record<string, VideoRecord>;
  playlists: Record<string, { snippet: Record<string, unknown>; status: Record<string, unknown>; items: Array<{ id: string; videoId: string }> }>;
  captions: Record<string, { videoId: string; language: string; name: string; text: string }>;
  quota: { day: string; default: number; insert: number };
}

function freshState(): State {
  return {
    channel: { id: `UC${id(22)}`, title: 'Città metropolitana (canale di prova locale)', uploads: '' },
    refreshTokens: {},
    accessTokens: {},
    codes: {},
    sessions: {},
    videos: {},
    playlists: {},
    captions: {},
    quota: { day: '', default: 0, insert: 0 },
  };
}

function id(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly domain = 'youtube.api',
  ) {
    super(message);
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.code, {
    error: {
      code: error.code,
      message: error.message,
      errors: [{ message: error.message, domain: error.domain, reason: error.reason }],
      status: STATUS_TEXT[error.code] ?? 'UNKNOWN',
    },
  });
}

/** JSON metadata and OAuth forms are small; a caption file is at most a few hundred KB. */
const JSON_LIMIT = 64 * 1024;
const CAPTIONS_LIMIT = 2 * 1024 * 1024;
const CODE_TTL_MS = 10 * 60_000;

async function readBody(req: IncomingMessage, limit = JSON_LIMIT): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume();
    throw new ApiError(413, 'payloadTooLarge', 'Request too large');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ApiError(413, 'payloadTooLarge', 'Request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The JSON and media parts of a multipart/related body. */
function multipart(body: Buffer, contentType: string): { json: Record<string, unknown>; media: Buffer } {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) throw new ApiError(400, 'badContent', 'Expected multipart/related');
  const parts = body.toString('latin1').split(`--${boundary}`).slice(1, -1);
  const content = parts.map((part) => {
    const at = part.indexOf('\r\n\r\n');
    return Buffer.from(part.slice(at + 4).replace(/\r\n$/, ''), 'latin1');
  });
  return { json: JSON.parse(content[0]?.toString('utf8') ?? '{}') as Record<string, unknown>, media: content[1] ?? Buffer.alloc(0) };
}

/** The client's credentials, from the form (client_secret_post) or an HTTP Basic header (client_secret_basic). */
function clientCredentials(req: IncomingMessage, form: URLSearchParams): { id: string | null; secret: string | null } {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, 'base64')
      .toString('utf8')
      .split(':')
      .map((part) => decodeURIComponent(part));
    return { id: id ?? null, secret: secret ?? null };
  }
  return { id: form.get('client_id'), secret: form.get('client_secret') };
}

function sendPage(res: ServerResponse, status: number, body: string, frameable = false): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': staticPagePolicy({ frameable }),
    'X-Frame-Options': frameable ? 'SAMEORIGIN' : 'DENY',
  });
  res.end(body);
}

function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Standin {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** The OAuth client secret the portal must present. */
  readonly clientSecret: string;
  /** Faults for the next calls (tests and the demo). */
  inject(fault: Fault): void;
  /** A refresh token for the channel, as after a consent (the embedded default connects with it). */
  issueRefreshToken(): string;
  revokeRefreshTokens(): void;
  state(): Readonly<State>;
  videoFile(videoId: string): string;
  /** Waits for pending state writes. */
  flush(): Promise<void>;
}

export function createStandin(options: StandinOptions): Standin {
  const base = (options.basePath ?? '').replace(/\/$/, '');
  const now = options.now ?? (() => new Date());
  const processingMs = options.processingMs ?? 3000;
  const limits = options.quota ?? { default: 10_000, insert: 100 };
  const faults: Fault[] = [...(options.faults ?? [])];
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const maxUploadBytes = options.maxUploadBytes ?? 2 * 1024 ** 3;
  const redirectAllowed = (uri: string): boolean => {
    if (options.redirectUris) return options.redirectUris.includes(uri);
    try {
      const url = new URL(uri);
      return url.protocol === 'http:' && isLoopbackHost(url.hostname);
    } catch {
      return false;
    }
  };
  const filesDir = path.join(options.dataDir, 'videos');
  mkdirSync(filesDir, { recursive: true });
  const stateFile = path.join(options.dataDir, 'state.json');
  const state: State = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as State) : freshState();
  // Codes of an older format, or expired, are of no use to anyone.
  for (const [code, entry] of Object.entries(state.codes)) if (typeof entry !== 'object' || entry.expiresAt < Date.now()) delete state.codes[code];
  if (!state.channel.uploads) {
    state.channel.uploads = `UU${state.channel.id.slice(2)}`;
    state.playlists[state.channel.uploads] = { snippet: { title: 'Uploads' }, status: { privacyStatus: 'public' }, items: [] };
  }
  // Running hashes of sessions being received, so completion needs no second read of the file.
  const hashes = new Map<string, { hash: ReturnType<typeof createHash>; bytes: number }>();
  let writing: Promise<void> = Promise.resolve();
  const save = () => {
    const snapshot = JSON.stringify(state);
    writing = writing.then(() => writeFile(stateFile, snapshot));
  };
  save();

  const file = (videoOrSession: string) => path.join(filesDir, `${videoOrSession}.bin`);

  function takeFault(method: string): Fault | null {
    const index = faults.findIndex((f) => (f.method === method || f.method === '*') && f.times > 0);
    if (index < 0) return null;
    const fault = faults[index]!;
    fault.times--;
    if (fault.times <= 0) faults.splice(index, 1);
    return fault;
  }

  function failIfInjected(method: string): void {
    const fault = takeFault(method);
    if (fault && fault.status)
      throw new ApiError(
        fault.status,
        fault.reason ?? (fault.status >= 500 ? 'backendError' : 'badRequest'),
        `Injected ${fault.status} for ${method}`,
        fault.reason === 'quotaExceeded' ? 'youtube.quota' : 'youtube.api',
      );
  }

  function charge(method: QuotaMethod): void {
    const day = dayIn(QUOTA_ZONE, now()).toISOString().slice(0, 10);
    if (state.quota.day !== day) state.quota = { day, default: 0, insert: 0 };
    const bucket = method === 'videos.insert' ? 'insert' : 'default';
    const cost = QUOTA_COSTS[method];
    if (state.quota[bucket] + cost > limits[bucket]) {
      throw new ApiError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.', 'youtube.quota');
    }
    state.quota[bucket] += cost;
  }

  function authorize(req: IncomingMessage): void {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const expires = token ? state.accessTokens[token] : undefined;
    if (!expires || expires < now().getTime()) throw new ApiError(401, 'authError', 'Request had invalid authentication credentials.', 'global');
  }

  function videoResource(video: VideoRecord, parts: string[]) {
    const processed = now().getTime() >= Date.parse(video.processedAt);
    const seconds = Math.max(0, (now().getTime() - Date.parse(video.processedAt)) / 1000);
    const views = processed ? Math.floor(seconds / 2) + 1 : 0;
    const resource: Record<string, unknown> = { kind: 'youtube#video', id: video.id };
    if (parts.includes('snippet'))
      resource.snippet = { ...video.snippet, channelId: state.channel.id, channelTitle: state.channel.title, publishedAt: video.uploadedAt };
    if (parts.includes('status')) resource.status = { ...video.status, uploadStatus: processed ? 'processed' : 'uploaded' };
    if (parts.includes('processingDetails')) resource.processingDetails = { processingStatus: processed ? 'succeeded' : 'processing' };
    if (parts.includes('statistics'))
      resource.statistics = {
        viewCount: String(views),
        likeCount: String(Math.floor(views / 10)),
        commentCount: String(Math.floor(views / 50)),
        favoriteCount: '0',
      };
    return resource;
  }

  function parts(url: URL): string[] {
    return url.searchParams.getAll('part').flatMap((p) => p.split(','));
  }

  function finishSession(session: SessionRecord, sha256: string): VideoRecord {
    const videoId = id(11);
    const at = now();
    const video: VideoRecord = {
      id: videoId,
      snippet: session.metadata.snippet,
      status: { privacyStatus: 'public', ...session.metadata.status },
      bytes: session.total,
      sha256,
      uploadedAt: at.toISOString(),
      processedAt: new Date(at.getTime() + processingMs).toISOString(),
    };
    state.videos[videoId] = video;
    state.playlists[state.channel.uploads]!.items.push({ id: id(24), videoId });
    session.videoId = videoId;
    // The metadata now lives on the video (and goes with it); the session only remembers which video it made.
    session.metadata = { snippet: {}, status: {} };
    save();
    return video;
  }

  async function upload(req: IncomingMessage, res: ServerResponse, session: SessionRecord): Promise<void> {
    const range = req.headers['content-range'] ?? '';
    const query = /^bytes \*\/(\d+)$/.exec(range);
    const partial = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
    const answerState = () => {
      if (session.videoId) return sendJson(res, 201, videoResource(state.videos[session.videoId]!, ['snippet', 'status']));
      res.writeHead(308, session.received > 0 ? { Range: `bytes=0-${session.received - 1}`, 'Content-Length': '0' } : { 'Content-Length': '0' });
      res.end();
    };
    if (query || session.videoId) {
      req.resume();
      return answerState();
    }
    const start = partial ? Number(partial[1]) : 0;
    if (start !== session.received) {
      req.resume();
      return answerState();
    }
    const fault = takeFault('upload');
    if (fault && fault.status) {
      req.resume();
      throw new ApiError(fault.status, fault.reason ?? 'backendError', `Injected ${fault.status} for upload`);
    }
    const out = createWriteStream(file(session.id), { flags: 'a' });
    let running = hashes.get(session.id);
    if (running && running.bytes !== session.received) running = undefined;
    if (!running && session.received === 0) running = { hash: createHash('sha256'), bytes: 0 };
    if (running) hashes.set(session.id, running);
    else hashes.delete(session.id);
    let received = session.received;
    let cut = false;
    await new Promise<void>((resolve) => {
      const finish = () => {
        if (!out.writableEnded) out.end(resolve);
      };
      req.on('data', (chunk: Buffer) => {
        if (cut) return;
        let piece = chunk;
        if (received + piece.length > session.total) piece = piece.subarray(0, session.total - received);
        if (fault && fault.status === 0 && received - start + piece.length >= (fault.afterBytes ?? 0)) {
          piece = piece.subarray(0, Math.max(0, (fault.afterBytes ?? 0) - (received - start)));
          cut = true;
        }
        received += piece.length;
        running?.hash.update(piece);
        if (cut) {
          out.write(piece);
          req.socket.destroy();
          finish();
          return;
        }
        const rate = options.uploadBytesPerSecond;
        if (rate) {
          // One piece at a time, each taking as long as the line allows.
          req.pause();
          out.write(piece, () => setTimeout(() => req.resume(), (piece.length / rate) * 1000));
        } else if (!out.write(piece)) {
          req.pause();
          out.once('drain', () => req.resume());
        }
      });
      req.on('end', finish);
      req.on('close', finish);
    });
    if (received < session.total && (cut || !req.complete)) {
      // Like YouTube, keep only whole 256 KiB blocks of an interrupted request.
      received = Math.max(session.received, Math.floor(received / BLOCK) * BLOCK);
      await truncate(file(session.id), received);
      running = undefined;
      hashes.delete(session.id);
    }
    if (running) running.bytes = received;
    session.received = received;
    save();
    if (cut || res.destroyed) return;
    if (session.received === session.total) {
      let digest: string;
      if (running && running.bytes === session.total) digest = running.hash.digest('hex');
      else {
        const hash = createHash('sha256');
        for await (const chunk of createReadStream(file(session.id))) hash.update(chunk as Buffer);
        digest = hash.digest('hex');
      }
      hashes.delete(session.id);
      const video = finishSession(session, digest);
      await rename(file(session.id), file(video.id));
      return sendJson(res, 201, videoResource(video, ['snippet', 'status']));
    }
    answerState();
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin');
    if (!url.pathname.startsWith(base)) throw new ApiError(404, 'notFound', 'Not found');
    const p = url.pathname.slice(base.length) || '/';
    const method = req.method ?? 'GET';

    if (p === '/o/oauth2/v2/auth' && method === 'GET') {
      const refusal = consentRefusal(url.searchParams);
      if (refusal) return sendPage(res, 400, refusal);
      const fields = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'access_type', 'prompt', 'include_granted_scopes'];
      const hidden = fields.map((k) => (url.searchParams.has(k) ? `<input type="hidden" name="${k}" value="${html(url.searchParams.get(k)!)}">` : '')).join('');
      return sendPage(
        res,
        200,
        `<!doctype html><html lang="it"><meta charset="utf-8"><title>Consenso (YouTube locale)</title><main style="font-family:system-ui;max-width:40rem;margin:2rem auto"><h1>Collegare il canale «${html(state.channel.title)}»?</h1><p>Questo è il sostituto locale di YouTube: nessun dato lascia il computer. L’applicazione chiede: ${html(url.searchParams.get('scope') ?? '')}</p><p>Tornerà a: ${html(url.searchParams.get('redirect_uri') ?? '')}</p><form method="post" action="${html(`${base}/o/oauth2/v2/approve`)}">${hidden}<button type="submit">Consenti</button></form></main></html>`,
      );
    }
    if (p === '/o/oauth2/v2/approve' && method === 'POST') {
      const form = new URLSearchParams((await readBody(req)).toString('utf8'));
      const refusal = consentRefusal(form);
      if (refusal) return sendPage(res, 400, refusal);
      const code = id(24);
      const redirectUri = form.get('redirect_uri')!;
      state.codes[code] = { refreshToken: issueRefreshToken(), redirectUri, expiresAt: now().getTime() + CODE_TTL_MS };
      save();
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      if (form.get('state')) back.searchParams.set('state', form.get('state')!);
      res.writeHead(303, { Location: back.toString(), 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (p === '/token' && method === 'POST') {
      const form = new URLSearchParams((await readBody(req)).toString('utf8'));
      const fault = takeFault('token');
      const client = clientCredentials(req, form);
      if (fault || client.id !== STANDIN_CLIENT_ID || !sameSecret(clientSecret, client.secret)) {
        return sendJson(res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
      }
      let refresh: string | undefined;
      if (form.get('grant_type') === 'authorization_code') {
        const code = state.codes[form.get('code') ?? ''];
        delete state.codes[form.get('code') ?? ''];
        // A code is good once, for a while, and only with the redirect it was issued for (RFC 6749 §4.1.3).
        if (code && code.expiresAt >= now().getTime() && code.redirectUri === form.get('redirect_uri')) refresh = code.refreshToken;
      } else if (form.get('grant_type') === 'refresh_token') refresh = form.get('refresh_token') ?? undefined;
      if (!refresh || !state.refreshTokens[refresh] || state.refreshTokens[refresh]!.revoked) {
        save();
        return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      }
      const access = `ya29.${id(40)}`;
      state.accessTokens[access] = now().getTime() + 3600_000;
      save();
      return sendJson(res, 200, {
        access_token: access,
        expires_in: 3599,
        token_type: 'Bearer',
        scope: 'https://www.googleapis.com/auth/youtube.force-ssl',
        ...(form.get('grant_type') === 'authorization_code' ? { refresh_token: refresh } : {}),
      });
    }
    if (p === '/' && method === 'GET') return statePage(res);
    if (p === '/state.json' && method === 'GET') return sendJson(res, 200, publicState());
    const embed = /^\/embed\/([\w-]{11})$/.exec(p);
    if (embed && method === 'GET') {
      const video = state.videos[embed[1]!];
      if (!video || video.status.privacyStatus === 'private') throw new ApiError(404, 'videoNotFound', 'Video unavailable');
      // Like YouTube's player, start=<seconds> begins there (a media fragment on the stand-in's plain <video>).
      const start = /^\d{1,6}$/.test(url.searchParams.get('start') ?? '') ? Number(url.searchParams.get('start')) : 0;
      return sendPage(
        res,
        200,
        `<!doctype html><html lang="it"><meta charset="utf-8"><title>${html(String(video.snippet.title ?? ''))}</title><body style="margin:0;background:#000"><video src="${base}/media/${video.id}${start ? `#t=${start}` : ''}" controls autoplay style="width:100%;height:100vh"></video></body></html>`,
        true,
      );
    }
    const media = /^\/media\/([\w-]{11})$/.exec(p);
    if (media && method === 'GET') {
      const video = state.videos[media[1]!];
      if (!video || video.status.privacyStatus === 'private') throw new ApiError(404, 'videoNotFound', 'Video unavailable');
      const size = (await stat(file(video.id))).size;
      const range = parseRange(req.headers.range ?? null, size);
      const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
      res.writeHead(range.kind === 'partial' ? 206 : 200, {
        'Content-Type': 'video/mp4',
        'Accept-Ranges': 'bytes',
        'Content-Length': String(end - start + 1),
        ...(range.kind === 'partial' ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
      });
      createReadStream(file(video.id), { start, end }).pipe(res);
      return;
    }

    authorize(req);

    if (p === '/upload/youtube/v3/videos' && method === 'POST' && url.searchParams.get('uploadType') === 'resumable') {
      failIfInjected('videos.insert');
      charge('videos.insert');
      const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { snippet?: Record<string, unknown>; status?: Record<string, unknown> };
      const title = String(body.snippet?.title ?? '');
      if (!title || title.length > 100 || /[<>]/.test(title))
        throw new ApiError(400, 'invalidTitle', 'The request metadata specifies an invalid or empty video title.');
      if (Buffer.byteLength(String(body.snippet?.description ?? '')) > 5000 || /[<>]/.test(String(body.snippet?.description ?? '')))
        throw new ApiError(400, 'invalidDescription', 'The request metadata specifies an invalid video description.');
      const total = Number(req.headers['x-upload-content-length']);
      if (!Number.isSafeInteger(total) || total <= 0) throw new ApiError(400, 'badContent', 'X-Upload-Content-Length is required');
      if (total > maxUploadBytes) throw new ApiError(400, 'uploadLimitExceeded', `The stand-in takes videos of at most ${maxUploadBytes} bytes`);
      const session: SessionRecord = { id: id(32), metadata: { snippet: body.snippet ?? {}, status: body.status ?? {} }, total, received: 0, videoId: null };
      state.sessions[session.id] = session;
      await writeFile(file(session.id), '');
      save();
      res.writeHead(200, {
        Location: `http://${req.headers.host}${base}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${session.id}`,
        'Content-Length': '0',
      });
      res.end();
      return;
    }
    if (p === '/upload/youtube/v3/videos' && method === 'PUT') {
      const session = state.sessions[url.searchParams.get('upload_id') ?? ''];
      if (!session) throw new ApiError(404, 'notFound', 'Upload session not found or expired');
      return upload(req, res, session);
    }
    if (p === '/youtube/v3/channels' && method === 'GET') {
      failIfInjected('channels.list');
      charge('channels.list');
      return sendJson(res, 200, {
        kind: 'youtube#channelListResponse',
        items: [
          {
            kind: 'youtube#channel',
            id: state.channel.id,
            snippet: { title: state.channel.title },
            contentDetails: { relatedPlaylists: { uploads: state.channel.uploads } },
          },
        ],
      });
    }
    if (p === '/youtube/v3/videos' && method === 'GET') {
      failIfInjected('videos.list');
      charge('videos.list');
      const ids = url.searchParams.getAll('id').flatMap((v) => v.split(','));
      if (ids.length > 50) throw new ApiError(400, 'tooManyIds', 'At most 50 ids');
      return sendJson(res, 200, {
        kind: 'youtube#videoListResponse',
        items: ids.filter((v) => state.videos[v]).map((v) => videoResource(state.videos[v]!, parts(url))),
      });
    }
    if (p === '/youtube/v3/videos' && method === 'PUT') {
      failIfInjected('videos.update');
      charge('videos.update');
      const body = JSON.parse((await readBody(req)).toString('utf8')) as { id: string; snippet?: Record<string, unknown>; status?: Record<string, unknown> };
      const video = state.videos[body.id];
      if (!video) throw new ApiError(404, 'videoNotFound', 'Video not found');
      if (body.snippet) {
        if (!body.snippet.title || !body.snippet.categoryId) throw new ApiError(400, 'invalidRequest', 'snippet.title and snippet.categoryId are required');
        video.snippet = body.snippet;
      }
      if (body.status) video.status = body.status;
      save();
      return sendJson(res, 200, videoResource(video, parts(url)));
    }
    if (p === '/youtube/v3/videos' && method === 'DELETE') {
      failIfInjected('videos.delete');
      charge('videos.delete');
      const videoId = url.searchParams.get('id') ?? '';
      if (!state.videos[videoId]) throw new ApiError(404, 'videoNotFound', 'Video not found');
      forgetVideo(videoId);
      save();
      res.writeHead(204);
      res.end();
      return;
    }
    if (p === '/youtube/v3/playlists' && method === 'POST') {
      failIfInjected('playlists.insert');
      charge('playlists.insert');
      const body = JSON.parse((await readBody(req)).toString('utf8')) as { snippet: Record<string, unknown>; status?: Record<string, unknown> };
      const playlistId = `PL${id(32)}`;
      state.playlists[playlistId] = { snippet: body.snippet, status: body.status ?? { privacyStatus: 'public' }, items: [] };
      save();
      return sendJson(res, 200, { kind: 'youtube#playlist', id: playlistId, snippet: body.snippet, status: state.playlists[playlistId]!.status });
    }
    if (p === '/youtube/v3/playlistItems' && method === 'GET') {
      failIfInjected('playlistItems.list');
      charge('playlistItems.list');
      const playlist = state.playlists[url.searchParams.get('playlistId') ?? ''];
      if (!playlist) throw new ApiError(404, 'playlistNotFound', 'Playlist not found');
      const videoId = url.searchParams.get('videoId');
      const items = playlist.items.filter((i) => !videoId || i.videoId === videoId);
      return sendJson(res, 200, {
        kind: 'youtube#playlistItemListResponse',
        items: items.map((i) => ({
          kind: 'youtube#playlistItem',
          id: i.id,
          snippet: {
            playlistId: url.searchParams.get('playlistId'),
            resourceId: { kind: 'youtube#video', videoId: i.videoId },
            title: state.videos[i.videoId]?.snippet.title,
            description: state.videos[i.videoId]?.snippet.description,
          },
        })),
      });
    }
    if (p === '/youtube/v3/playlistItems' && method === 'POST') {
      failIfInjected('playlistItems.insert');
      charge('playlistItems.insert');
      const body = JSON.parse((await readBody(req)).toString('utf8')) as { snippet: { playlistId: string; resourceId: { videoId: string } } };
      const playlist = state.playlists[body.snippet.playlistId];
      if (!playlist) throw new ApiError(404, 'playlistNotFound', 'Playlist not found');
      if (!state.videos[body.snippet.resourceId.videoId]) throw new ApiError(404, 'videoNotFound', 'Video not found');
      const item = { id: id(24), videoId: body.snippet.resourceId.videoId };
      playlist.items.push(item);
      save();
      return sendJson(res, 200, { kind: 'youtube#playlistItem', id: item.id, snippet: body.snippet });
    }
    if (p === '/youtube/v3/playlistItems' && method === 'DELETE') {
      failIfInjected('playlistItems.delete');
      charge('playlistItems.delete');
      const itemId = url.searchParams.get('id') ?? '';
      const playlist = Object.values(state.playlists).find((pl) => pl.items.some((i) => i.id === itemId));
      if (!playlist) throw new ApiError(404, 'playlistItemNotFound', 'Playlist item not found');
      playlist.items = playlist.items.filter((i) => i.id !== itemId);
      save();
      res.writeHead(204);
      res.end();
      return;
    }
    if (p === '/upload/youtube/v3/captions' && method === 'POST') {
      failIfInjected('captions.insert');
      charge('captions.insert');
      const { json, media: body } = multipart(await readBody(req, CAPTIONS_LIMIT), String(req.headers['content-type'] ?? ''));
      const snippet = json.snippet as { videoId: string; language: string; name: string };
      if (!state.videos[snippet.videoId]) throw new ApiError(404, 'videoNotFound', 'Video not found');
      if (Object.values(state.captions).some((c) => c.videoId === snippet.videoId && c.language === snippet.language && c.name === snippet.name))
        throw new ApiError(409, 'captionExists', 'The caption track already exists.');
      const captionId = id(24);
      state.captions[captionId] = { videoId: snippet.videoId, language: snippet.language, name: snippet.name, text: body.toString('utf8') };
      save();
      return sendJson(res, 200, { kind: 'youtube#caption', id: captionId, snippet });
    }
    throw new ApiError(404, 'notFound', `No stand-in for ${method} ${p}`);
  }

  /** Why a consent request is refused (an unknown client, a redirect other than the portal's callback), or null. */
  function consentRefusal(params: URLSearchParams): string | null {
    const redirect = params.get('redirect_uri') ?? '';
    if (params.get('client_id') !== STANDIN_CLIENT_ID) return errorPage('invalid_client', 'Client OAuth sconosciuto.');
    if (!redirectAllowed(redirect)) return errorPage('redirect_uri_mismatch', 'L’indirizzo di ritorno non è quello del portale.');
    if ((params.get('response_type') ?? 'code') !== 'code') return errorPage('unsupported_response_type', 'Tipo di risposta non supportato.');
    return null;
  }

  function errorPage(code: string, text: string): string {
    return `<!doctype html><html lang="it"><meta charset="utf-8"><title>Errore 400: ${code}</title><main style="font-family:system-ui;max-width:40rem;margin:2rem auto"><h1>Errore 400: ${code}</h1><p>${html(text)}</p></main></html>`;
  }

  /** Whether a video may show its title and file: private ones (withdrawn messages) show nothing of themselves. */
  function visible(video: VideoRecord): boolean {
    return video.status.privacyStatus !== 'private';
  }

  /** A deleted video leaves nothing behind: its bytes, captions, playlist entries and upload session go with it. */
  function forgetVideo(videoId: string): void {
    delete state.videos[videoId];
    for (const [captionId, caption] of Object.entries(state.captions)) if (caption.videoId === videoId) delete state.captions[captionId];
    for (const playlist of Object.values(state.playlists)) playlist.items = playlist.items.filter((item) => item.videoId !== videoId);
    for (const [sessionId, session] of Object.entries(state.sessions)) if (session.videoId === videoId) delete state.sessions[sessionId];
    rm(file(videoId), { force: true }).catch((error: unknown) => console.error(`YouTube stand-in: could not remove the file of ${videoId}`, error));
  }

  /** What the state page and /state.json show: counts, quota, and the videos that are not private. */
  function publicState() {
    const shown = Object.values(state.videos).filter(visible);
    const isShown = (videoId: string) => state.videos[videoId] !== undefined && visible(state.videos[videoId]);
    return {
      channel: state.channel,
      quota: state.quota,
      limits,
      videos: Object.fromEntries(
        shown.map((v) => [v.id, { id: v.id, snippet: v.snippet, status: v.status, bytes: v.bytes, sha256: v.sha256, uploadedAt: v.uploadedAt }]),
      ),
      privateVideos: Object.keys(state.videos).length - shown.length,
      playlists: Object.fromEntries(
        Object.entries(state.playlists).map(([pid, pl]) => [
          pid,
          { snippet: pl.snippet, status: pl.status, items: pl.items.filter((i) => isShown(i.videoId)) },
        ]),
      ),
      captions: Object.fromEntries(
        Object.entries(state.captions)
          .filter(([, c]) => isShown(c.videoId))
          .map(([cid, c]) => [cid, { videoId: c.videoId, language: c.language, name: c.name }]),
      ),
    };
  }

  function statePage(res: ServerResponse): void {
    const rows = Object.values(state.videos)
      .filter(visible)
      .map(
        (v) =>
          `<tr><td><a href="${base}/embed/${v.id}">${v.id}</a></td><td>${html(String(v.snippet.title ?? ''))}</td><td>${html(String(v.status.privacyStatus ?? ''))}</td><td>${v.bytes}</td><td><code>${v.sha256.slice(0, 12)}</code></td></tr>`,
      )
      .join('');
    const shown = publicState();
    const playlists = Object.entries(shown.playlists)
      .map(([pid, pl]) => `<li>${html(String(pl.snippet.title ?? pid))} (${pl.items.length})</li>`)
      .join('');
    sendPage(
      res,
      200,
      `<!doctype html><html lang="it"><meta charset="utf-8"><title>YouTube locale</title><main style="font-family:system-ui;max-width:60rem;margin:2rem auto"><h1>YouTube locale: ${html(state.channel.title)}</h1><p>Quota del giorno ${state.quota.day || '—'} (ora del Pacifico): ${state.quota.default}/${limits.default} unità, caricamenti ${state.quota.insert}/${limits.insert}.</p><h2>Video</h2><p>Video privati (messaggi ritirati): ${shown.privateVideos}.</p><table><thead><tr><th>id</th><th>titolo</th><th>visibilità</th><th>byte</th><th>sha256</th></tr></thead><tbody>${rows}</tbody></table><h2>Playlist</h2><ul>${playlists}</ul></main></html>`,
    );
  }

  function issueRefreshToken(): string {
    const token = `1//${id(40)}`;
    state.refreshTokens[token] = { revoked: false };
    save();
    return token;
  }

  return {
    clientSecret,
    handle(req, res) {
      route(req, res).catch((error: unknown) => {
        if (res.headersSent || res.destroyed) return;
        if (error instanceof ApiError) return sendError(res, error);
        sendError(res, new ApiError(500, 'backendError', error instanceof Error ? error.message : String(error)));
      });
    },
    inject(fault) {
      faults.push({ ...fault });
    },
    issueRefreshToken,
    revokeRefreshTokens() {
      for (const token of Object.values(state.refreshTokens)) token.revoked = true;
      state.accessTokens = {};
      save();
    },
    state: () => state,
    videoFile: (videoId) => file(videoId),
    flush: () => writing,
  };
}
