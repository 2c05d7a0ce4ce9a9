'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Upload, type PreviousUpload } from 'tus-js-client';
import { useTranslations } from 'next-intl';

/*
 * Resumable upload with tus: the file goes in chunks, a dropped connection is
 * retried on its own (forever, with growing pauses), and the upload's address
 * is remembered in the browser, so choosing the same file again after a reload
 * or a restart continues where it stopped.
 */

export interface UploadLimits {
  chunkBytes: number;
  maxBytes: number;
  minSeconds: number;
  maxSeconds: number;
  maxFrameSide: number;
}

/* Refusals that waiting does not cure: the mayor must finish or cancel other uploads first. */
const QUOTA_CODES = ['quotaUploads', 'quotaBytes'];

/** The reason the upload server gave for a refusal ({"error": "<code>"}), if it gave one. */
function refusalCode(body: string | undefined): string | null {
  try {
    const code = (JSON.parse(body ?? '') as { error?: unknown }).error;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

export interface ReadyMedia {
  id: string;
  name: string;
  durationMs: number | null;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; sent: number; total: number; bytesPerSecond: number }
  | { kind: 'paused'; sent: number; total: number }
  | { kind: 'checking' }
  | { kind: 'ready'; media: ReadyMedia }
  | { kind: 'error'; message: string };

interface MediaState {
  status?: string;
  name?: string;
  durationMs?: number | null;
  rejectReason?: string | null;
  attached?: boolean;
}

/* The last finished upload, until a message holds it: a reload or a closed tab before saving must not cost a second upload. */
const LAST_UPLOAD_KEY = 'vc-upload-finished';

function lastUpload(): { id: string; name: string } | null {
  try {
    const saved = JSON.parse(localStorage.getItem(LAST_UPLOAD_KEY) ?? 'null') as { id?: unknown; name?: unknown } | null;
    return saved && typeof saved.id === 'string' && typeof saved.name === 'string' ? { id: saved.id, name: saved.name } : null;
  } catch {
    return null;
  }
}

const RETRY_DELAYS = [0, 1000, 2000, 5000, 10000, 15000, 30000, ...Array.from({ length: 200 }, () => 60000)];

function humanBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/* An upload interrupted in an earlier visit: the browser kept its address (not the file), under tus's own keys. */
function interruptedUploadName(): string | null {
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith('tus::')) continue;
    try {
      const entry = JSON.parse(localStorage.getItem(key) ?? '{}') as PreviousUpload;
      if (entry.metadata?.filename) return entry.metadata.filename;
    } catch {
      continue;
    }
  }
  return null;
}

function subscribeStorage(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  return () => window.removeEventListener('storage', onChange);
}

export function VideoUploader({ limits, initial, onReady }: { limits: UploadLimits; initial: ReadyMedia | null; onReady: (media: ReadyMedia | null) => void }) {
  const t = useTranslations('upload');
  const [phase, setPhase] = useState<Phase>(initial ? { kind: 'ready', media: initial } : { kind: 'idle' });
  const interrupted = useSyncExternalStore(subscribeStorage, interruptedUploadName, () => null);
  const [dismissed, setDismissed] = useState(false);
  const [leftover, setLeftover] = useState<ReadyMedia | null>(null);
  const pending = initial || dismissed ? null : interrupted;
  const [announce, setAnnounce] = useState('');
  const upload = useRef<Upload | null>(null);
  const lastDecile = useRef(-1);
  const samples = useRef<Array<{ at: number; bytes: number }>>([]);
  const limitParams = { max: humanBytes(limits.maxBytes), min: limits.minSeconds, maxMinutes: Math.round(limits.maxSeconds / 60), frame: limits.maxFrameSide };

  useEffect(() => {
    const saved = lastUpload();
    if (!saved || saved.id === initial?.id) return;
    let cancelled = false;
    fetch(`/api/media/${saved.id}`, { credentials: 'same-origin', cache: 'no-store' })
      .then((response) => (response.ok ? (response.json() as Promise<MediaState>) : null))
      .then((body) => {
        if (cancelled) return;
        if (body?.status === 'READY' && !body.attached) setLeftover({ id: saved.id, name: body.name ?? saved.name, durationMs: body.durationMs ?? null });
        else if (!body || body.attached || body.status === 'REJECTED') localStorage.removeItem(LAST_UPLOAD_KEY);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [initial?.id]);

  useEffect(() => {
    const offline = () => setAnnounce(t('offline'));
    window.addEventListener('offline', offline);
    return () => window.removeEventListener('offline', offline);
  }, [t]);

  function errorMessage(code: string): string {
    const key = `errors.${code}`;
    return /^[a-zA-Z]+$/.test(code) && t.has(key as 'errors.generic') ? t(key as 'errors.generic', limitParams) : t('errors.generic');
  }

  function takeMedia(media: ReadyMedia) {
    setLeftover(null);
    setPhase({ kind: 'ready', media });
    setAnnounce(t('ready', { name: media.name, duration: humanDuration((media.durationMs ?? 0) / 1000) }));
    onReady(media);
  }

  async function finished(url: string, fileName: string) {
    setPhase({ kind: 'checking' });
    setAnnounce(t('checking'));
    const id = url.split('/').pop() ?? '';
    localStorage.setItem(LAST_UPLOAD_KEY, JSON.stringify({ id, name: fileName }));
    let body: MediaState = {};
    // The server answers the last byte at once and inspects the file afterwards: ask until it has decided.
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(`/api/media/${id}`, { credentials: 'same-origin', cache: 'no-store' });
        body = (await response.json()) as MediaState;
        if (!response.ok || (body.status !== 'UPLOADING' && body.status !== 'CHECKING')) break;
      } catch {
        // Offline for a moment: the file is safe on the server, keep asking.
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 500 + attempt * 250)));
    }
    if (body.status !== 'READY') {
      if (body.status === 'REJECTED') localStorage.removeItem(LAST_UPLOAD_KEY);
      setPhase({ kind: 'error', message: errorMessage(body.rejectReason ?? 'generic') });
      onReady(null);
      return;
    }
    takeMedia({ id, name: body.name ?? '', durationMs: body.durationMs ?? null });
  }

  async function start(file: File) {
    setDismissed(true);
    setLeftover(null);
    const ext = file.name.toLowerCase().split('.').pop() ?? '';
    if (!['mp4', 'mov', 'm4v', 'webm'].includes(ext)) return setPhase({ kind: 'error', message: errorMessage('wrongType') });
    if (file.size > limits.maxBytes) return setPhase({ kind: 'error', message: errorMessage('tooLarge') });
    if (file.size === 0) return setPhase({ kind: 'error', message: errorMessage('empty') });
    onReady(null);
    samples.current = [];
    lastDecile.current = -1;
    const task = new Upload(file, {
      endpoint: '/api/uploads',
      chunkSize: limits.chunkBytes,
      retryDelays: RETRY_DELAYS,
      metadata: { filename: file.name, filetype: file.type },
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onShouldRetry(error) {
        const status = error.originalResponse?.getStatus() ?? 0;
        // Refusals (bad file, signed out, not allowed, over the quota) will not get better by retrying; the network will.
        if (status >= 400 && status < 500 && ![408, 409, 423, 429].includes(status)) return false;
        if (status === 429 && QUOTA_CODES.includes(refusalCode(error.originalResponse?.getBody()) ?? '')) return false;
        setAnnounce(navigator.onLine ? t('retrying') : t('offline'));
        return true;
      },
      onProgress(sent, total) {
        const now = performance.now();
        samples.current = [...samples.current.filter((s) => now - s.at < 5000), { at: now, bytes: sent }];
        const first = samples.current[0]!;
        const bytesPerSecond = now > first.at ? ((sent - first.bytes) * 1000) / (now - first.at) : 0;
        setPhase({ kind: 'uploading', sent, total, bytesPerSecond });
        const decile = Math.floor((sent / Math.max(total, 1)) * 10);
        if (decile !== lastDecile.current) {
          lastDecile.current = decile;
          setAnnounce(t('progress', { percent: decile * 10 }));
        }
      },
      onSuccess() {
        void finished(task.url ?? '', file.name);
      },
      onError(error) {
        const response = 'originalResponse' in error ? error.originalResponse : null;
        const status = response?.getStatus() ?? 0;
        const code = refusalCode(response?.getBody()) ?? (status === 413 ? 'tooLarge' : 'generic');
        if (status === 422 || status === 404 || status === 415) void task.abort(true);
        setPhase({ kind: 'error', message: errorMessage(code) });
      },
    });
    upload.current = task;
    const previous = await task.findPreviousUploads();
    if (previous.length) task.resumeFromPreviousUpload(previous[0]!);
    setPhase({ kind: 'uploading', sent: 0, total: file.size, bytesPerSecond: 0 });
    task.start();
  }

  function pause() {
    if (phase.kind !== 'uploading') return;
    void upload.current?.abort();
    setPhase({ kind: 'paused', sent: phase.sent, total: phase.total });
    setAnnounce(t('paused'));
  }

  function resume() {
    upload.current?.start();
    if (phase.kind === 'paused') setPhase({ kind: 'uploading', sent: phase.sent, total: phase.total, bytesPerSecond: 0 });
  }

  const percent = phase.kind === 'uploading' || phase.kind === 'paused' ? Math.floor((phase.sent / Math.max(phase.total, 1)) * 100) : 0;
  return (
    <div className="space-y-2">
      {phase.kind === 'ready' ? (
        <div className="flex flex-wrap items-center gap-3">
          {/* eslint-disable-next-line @next/next/no-img-element -- a private, per-user image: Next's optimiser must not cache it */}
          <img src={`/api/media/${phase.media.id}/poster.jpg`} alt="" width={160} height={90} className="rounded border border-stone-300" />
          <p>{t('ready', { name: phase.media.name, duration: humanDuration((phase.media.durationMs ?? 0) / 1000) })}</p>
        </div>
      ) : null}
      <div>
        <label htmlFor="video-file" className="block font-semibold">
          {phase.kind === 'ready' ? t('replace') : t('choose')}
        </label>
        <input
          id="video-file"
          type="file"
          accept="video/mp4,video/quicktime,video/webm,.mp4,.mov,.m4v,.webm"
          aria-describedby="video-hint"
          disabled={phase.kind === 'uploading' || phase.kind === 'checking'}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void start(file);
          }}
          className="mt-1 block w-full max-w-full text-sm"
        />
        <p id="video-hint" className="text-sm text-stone-700">
          {t('hint', limitParams)}
        </p>
      </div>
      {leftover && phase.kind !== 'uploading' && phase.kind !== 'checking' && !(phase.kind === 'ready' && phase.media.id === leftover.id) ? (
        <div className="rounded border border-primary bg-primary-light p-2">
          <p>{t('leftover', { name: leftover.name })}</p>
          <button type="button" onClick={() => takeMedia(leftover)} className="mt-1 rounded border border-primary px-3 py-1 font-semibold text-primary-dark">
            {t('useLeftover')}
          </button>
        </div>
      ) : null}
      {pending ? <p className="rounded border border-amber-600 bg-amber-50 p-2">{t('resumeHint', { name: pending })}</p> : null}
      {phase.kind === 'uploading' || phase.kind === 'paused' ? (
        <div className="space-y-1">
          <label htmlFor="upload-progress" className="block">
            {t('progress', { percent })}
          </label>
          <progress id="upload-progress" max={100} value={percent} className="h-4 w-full" />
          {phase.kind === 'uploading' && phase.bytesPerSecond > 0 ? (
            <p className="text-sm">
              {t('speed', { speed: humanBytes(phase.bytesPerSecond), left: humanDuration((phase.total - phase.sent) / phase.bytesPerSecond) })}
            </p>
          ) : null}
          {phase.kind === 'uploading' ? (
            <button type="button" onClick={pause} className="rounded border border-stone-500 px-3 py-1">
              {t('pause')}
            </button>
          ) : (
            <button type="button" onClick={resume} className="rounded border border-stone-500 px-3 py-1">
              {t('resume')}
            </button>
          )}
        </div>
      ) : null}
      {phase.kind === 'checking' ? <p>{t('checking')}</p> : null}
      {phase.kind === 'error' ? (
        <p role="alert" className="font-semibold text-red-800">
          {phase.message}
        </p>
      ) : null}
      <p aria-live="polite" className="sr-only">
        {announce}
      </p>
    </div>
  );
}
