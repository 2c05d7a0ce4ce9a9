import { Readable } from 'node:stream';
import { OAuth2Client } from 'google-auth-library';
import { youtube_v3 } from 'googleapis/build/src/apis/youtube';
import { config, type YoutubeConfig } from '../config';
import type { Db } from '../db/client';
import { isLoopbackHost } from '../web/trusted-proxies';
import { bucketOf, type QuotaMethod } from './quota-costs';
import { STANDIN_CLIENT_ID } from './standin/constants';
import { exhaustQuota, reserveQuota } from './quota';

/*
 * The YouTube Data API as the sync uses it: the generated googleapis client for
 * ordinary calls, the resumable upload protocol by hand (googleapis has none),
 * every call reserved in the quota ledger first, and every failure sorted into
 * what the worker does next (YoutubeError.kind).
 */

export const YOUTUBE_SCOPE = 'https://www.googleapis.com/auth/youtube.force-ssl';
const GOOGLE_AUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface YoutubeTarget {
  /** null: Google itself; otherwise the stand-in's root, e.g. http://127.0.0.1:3000/_youtube/ */
  standinRoot: string | null;
  clientId: string;
  clientSecret: string;
  authUrl: string;
  tokenUrl: string;
}

/** Google when credentials are configured; otherwise the local stand-in; null when neither is. */
export function youtubeTarget(c: YoutubeConfig = config().youtube): YoutubeTarget | null {
  if (c.google) return { standinRoot: null, ...c.google, authUrl: GOOGLE_AUTH_URL, tokenUrl: GOOGLE_TOKEN_URL };
  return c.standin ? standinTarget(c.standin.url, c.standin.secret) : null;
}

/** The local stand-in at this root (its OAuth client is fixed; the secret is the installation's). */
export function standinTarget(url: string, secret: string): YoutubeTarget {
  const root = url.replace(/\/?$/, '/');
  return { standinRoot: root, clientId: STANDIN_CLIENT_ID, clientSecret: secret, authUrl: `${root}o/oauth2/v2/auth`, tokenUrl: `${root}token` };
}

export type YoutubeErrorKind = 'transient' | 'quota' | 'rateLimit' | 'auth' | 'permanent' | 'notFound';

export class YoutubeError extends Error {
  constructor(
    readonly kind: YoutubeErrorKind,
    readonly reason: string,
    message: string,
    readonly resetAt: Date | null = null,
  ) {
    super(message);
    this.name = 'YoutubeError';
  }
}

interface ErrorShape {
  status?: number;
  code?: string | number;
  message?: string;
  response?: { status?: number; data?: unknown };
}

/** Sorts a failure: what the API or the network said, into what to do about it. */
export function classifyError(error: unknown): YoutubeError {
  if (error instanceof YoutubeError) return error;
  const e = (error ?? {}) as ErrorShape;
  const status = e.response?.status ?? e.status;
  const data = e.response?.data as { error?: { errors?: Array<{ reason?: string }>; message?: string } | string; error_description?: string } | undefined;
  const reason = typeof data?.error === 'object' ? (data.error.errors?.[0]?.reason ?? '') : typeof data?.error === 'string' ? data.error : '';
  const message = (typeof data?.error === 'object' ? data.error.message : data?.error_description) ?? e.message ?? String(error);
  if (reason === 'invalid_grant' || reason === 'invalid_client' || status === 401) return new YoutubeError('auth', reason || 'authError', message);
  if (reason === 'quotaExceeded' || reason === 'uploadLimitExceeded' || reason === 'dailyLimitExceeded') return new YoutubeError('quota', reason, message);
  if (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded' || status === 429)
    return new YoutubeError('rateLimit', reason || 'rateLimitExceeded', message);
  if (status === 404 || status === 410) return new YoutubeError('notFound', reason || 'notFound', message);
  if (status === undefined || status >= 500 || status === 408) return new YoutubeError('transient', reason || String(e.code ?? 'network'), message);
  return new YoutubeError('permanent', reason || `http${status}`, message);
}

/** An OAuth2 client for the target; against the stand-in, every Google URL is rewritten to it and nothing else can leave the machine. */
export function oauthClient(target: YoutubeTarget, redirectUri?: string): OAuth2Client {
  const client = new OAuth2Client({
    clientId: target.clientId,
    clientSecret: target.clientSecret,
    redirectUri,
    endpoints: { oauth2TokenUrl: target.tokenUrl, oauth2AuthBaseUrl: target.authUrl },
  });
  if (target.standinRoot) {
    const root = new URL(target.standinRoot);
    client.transporter.interceptors.request.add({
      resolved: async (config) => {
        const url = new URL(String(config.url));
        if (url.hostname.endsWith('googleapis.com')) {
          const rewritten = new URL(`${root.pathname.replace(/\/$/, '')}${url.pathname === '/token' ? '/token' : url.pathname}${url.search}`, root);
          config.url = rewritten;
        } else if (!isLoopbackHost(url.hostname)) {
          throw new Error(`refused: ${url.hostname} is not the local YouTube stand-in`);
        }
        return config;
      },
    });
  }
  return client;
}

export interface VideoMetadata {
  snippet: { title: string; description: string; tags: string[]; categoryId: string; defaultLanguage: string; defaultAudioLanguage: string };
  status: { privacyStatus: 'public' | 'unlisted' | 'private'; selfDeclaredMadeForKids: boolean; embeddable: boolean; license: 'youtube' };
}

export interface RemoteVideo {
  id: string;
  privacyStatus: string | null;
  uploadStatus: string | null;
  processingStatus: string | null;
  failureReason: string | null;
  views: number;
  likes: number;
  comments: number;
}

export class YoutubeApi {
  private readonly youtube: youtube_v3.Youtube;
  private readonly uploadBase: string;

  constructor(
    private readonly db: Db,
    readonly target: YoutubeTarget,
    refreshToken: string,
    private readonly now: () => Date = () => new Date(),
    readonly auth: OAuth2Client = oauthClient(target),
  ) {
    this.auth.setCredentials({ refresh_token: refreshToken });
    this.youtube = new youtube_v3.Youtube({ auth: this.auth });
    this.uploadBase = 'https://www.googleapis.com/upload/youtube/v3';
  }

  /** Reserve, call, classify: the one path of every API call. */
  private async call<T>(method: QuotaMethod, fn: () => Promise<T>): Promise<T> {
    const reservation = await reserveQuota(this.db, method, this.now());
    if (!reservation.ok) throw new YoutubeError('quota', 'portalBudget', `the day's budget for ${method} is spent`, reservation.resetAt);
    try {
      return await fn();
    } catch (error) {
      const sorted = classifyError(error);
      if (sorted.kind === 'quota') {
        const resetAt = await exhaustQuota(this.db, sorted.reason === 'uploadLimitExceeded' ? 'insert' : bucketOf(method), this.now());
        throw new YoutubeError('quota', sorted.reason, sorted.message, resetAt);
      }
      throw sorted;
    }
  }

  async channel(): Promise<{ id: string; title: string; uploads: string | null }> {
    const res = await this.call('channels.list', () => this.youtube.channels.list({ part: ['snippet', 'contentDetails'], mine: true }));
    const item = res.data.items?.[0];
    if (!item?.id) throw new YoutubeError('permanent', 'noChannel', 'this Google account has no YouTube channel');
    return { id: item.id, title: item.snippet?.title ?? item.id, uploads: item.contentDetails?.relatedPlaylists?.uploads ?? null };
  }

  /** Opens a resumable upload session; the caller stores its URI before sending any byte. */
  async startUpload(metadata: VideoMetadata, size: number, contentType: string): Promise<string> {
    return this.call('videos.insert', async () => {
      const res = await this.auth.request({
        url: `${this.uploadBase}/videos?uploadType=resumable&part=snippet,status`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=UTF-8', 'X-Upload-Content-Length': String(size), 'X-Upload-Content-Type': contentType },
        data: metadata,
      });
      const location = res.headers.get('location');
      if (!location) throw new YoutubeError('transient', 'noLocation', 'no session URI in the answer');
      return location;
    });
  }

  /** Where a session stands: the video when complete, else how many bytes YouTube has. */
  async uploadStatus(session: string, size: number): Promise<{ videoId: string } | { received: number }> {
    try {
      const res = await this.auth.request<{ id?: string }>({
        url: session,
        method: 'PUT',
        headers: { 'Content-Range': `bytes */${size}`, 'Content-Length': '0' },
        data: '',
        validateStatus: (s) => s === 308 || (s >= 200 && s < 300),
      });
      if (res.status === 308) return { received: receivedFrom(res.headers.get('range')) };
      if (!res.data.id) throw new YoutubeError('transient', 'noVideo', 'upload complete without a video id');
      return { videoId: res.data.id };
    } catch (error) {
      throw classifyError(error);
    }
  }

  /** Sends the file from `offset` in chunks (multiples of 256 KiB); reports progress after each; returns the video id at the end. */
  async uploadFrom(
    session: string,
    bytes: (start: number, end: number) => Promise<Readable>,
    offset: number,
    size: number,
    chunkBytes: number,
    onProgress: (received: number) => Promise<void>,
  ): Promise<string> {
    let at = offset;
    while (at < size) {
      const end = Math.min(size, at + chunkBytes) - 1;
      let res;
      try {
        res = await this.auth.request<{ id?: string }>({
          url: session,
          method: 'PUT',
          headers: { 'Content-Range': `bytes ${at}-${end}/${size}`, 'Content-Length': String(end - at + 1) },
          data: await bytes(at, end),
          validateStatus: (s) => s === 308 || (s >= 200 && s < 300),
          retry: false,
        });
      } catch (error) {
        throw classifyError(error);
      }
      if (res.status !== 308) {
        if (!res.data.id) throw new YoutubeError('transient', 'noVideo', 'upload complete without a video id');
        return res.data.id;
      }
      at = receivedFrom(res.headers.get('range'));
      await onProgress(at);
    }
    const status = await this.uploadStatus(session, size);
    if ('videoId' in status) return status.videoId;
    throw new YoutubeError('transient', 'incomplete', `YouTube has ${status.received} of ${size} bytes`);
  }

  /** A video of the channel whose description carries the marker (after a lost session), or null. */
  async findUpload(uploadsPlaylist: string, marker: string): Promise<string | null> {
    let pageToken: string | undefined;
    do {
      const res = await this.call('playlistItems.list', () =>
        this.youtube.playlistItems.list({ part: ['snippet'], playlistId: uploadsPlaylist, maxResults: 50, pageToken }),
      );
      const found = res.data.items?.find((item) => item.snippet?.description?.includes(marker));
      if (found?.snippet?.resourceId?.videoId) return found.snippet.resourceId.videoId;
      pageToken = res.data.nextPageToken ?? undefined;
    } while (pageToken);
    return null;
  }

  async createPlaylist(title: string, description: string): Promise<string> {
    const res = await this.call('playlists.insert', () =>
      this.youtube.playlists.insert({ part: ['snippet', 'status'], requestBody: { snippet: { title, description }, status: { privacyStatus: 'public' } } }),
    );
    if (!res.data.id) throw new YoutubeError('transient', 'noPlaylist', 'playlist created without an id');
    return res.data.id;
  }

  async findPlaylistItem(playlistId: string, videoId: string): Promise<string | null> {
    const res = await this.call('playlistItems.list', () => this.youtube.playlistItems.list({ part: ['id'], playlistId, videoId }));
    return res.data.items?.[0]?.id ?? null;
  }

  async addToPlaylist(playlistId: string, videoId: string): Promise<string> {
    const res = await this.call('playlistItems.insert', () =>
      this.youtube.playlistItems.insert({ part: ['snippet'], requestBody: { snippet: { playlistId, resourceId: { kind: 'youtube#video', videoId } } } }),
    );
    if (!res.data.id) throw new YoutubeError('transient', 'noItem', 'playlist item without an id');
    return res.data.id;
  }

  async removeFromPlaylist(itemId: string): Promise<void> {
    try {
      await this.call('playlistItems.delete', () => this.youtube.playlistItems.delete({ id: itemId }));
    } catch (error) {
      // Already gone is what we wanted.
      if (!(error instanceof YoutubeError && error.kind === 'notFound')) throw error;
    }
  }

  async uploadCaptions(videoId: string, language: string, name: string, vtt: string): Promise<void> {
    try {
      await this.call('captions.insert', () =>
        this.youtube.captions.insert({
          part: ['snippet'],
          requestBody: { snippet: { videoId, language, name, isDraft: false } },
          media: { mimeType: 'text/vtt', body: Readable.from([Buffer.from(vtt, 'utf8')]) },
        }),
      );
    } catch (error) {
      // A track from an earlier, interrupted attempt is the same track.
      if (!(error instanceof YoutubeError && error.reason === 'captionExists')) throw error;
    }
  }

  async videos(ids: string[]): Promise<RemoteVideo[]> {
    if (ids.length === 0) return [];
    const res = await this.call('videos.list', () =>
      this.youtube.videos.list({ part: ['status', 'processingDetails', 'statistics'], id: ids, maxResults: 50 }),
    );
    return (res.data.items ?? []).map((v) => ({
      id: v.id ?? '',
      privacyStatus: v.status?.privacyStatus ?? null,
      uploadStatus: v.status?.uploadStatus ?? null,
      processingStatus: v.processingDetails?.processingStatus ?? null,
      failureReason: v.status?.failureReason ?? v.status?.rejectionReason ?? null,
      views: Number(v.statistics?.viewCount ?? 0),
      likes: Number(v.statistics?.likeCount ?? 0),
      comments: Number(v.statistics?.commentCount ?? 0),
    }));
  }

  /** videos.update replaces whole parts: the caller sends the complete snippet and status. */
  async updateVideo(videoId: string, metadata: VideoMetadata): Promise<void> {
    await this.call('videos.update', () =>
      this.youtube.videos.update({ part: ['snippet', 'status'], requestBody: { id: videoId, snippet: metadata.snippet, status: metadata.status } }),
    );
  }
}

function receivedFrom(range: string | null): number {
  const m = /bytes=0-(\d+)/.exec(range ?? '');
  return m ? Number(m[1]) + 1 : 0;
}
