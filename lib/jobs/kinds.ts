import { z } from 'zod';

/*
 * Every kind of background work, with the payload it carries (checked when it
 * is queued and again when a worker takes it) and how it is retried. A kind
 * with a schedule is queued by the queue itself, like cron, once across all
 * workers. Handlers are in lib/worker/handlers.ts, one per kind (the compiler
 * refuses a kind without one).
 */

const id = z.string().min(1).max(64);
const bigintId = z.string().regex(/^\d{1,19}$/);
const nothing = z.object({}).strict();

interface Retry {
  retryLimit: number;
  /** Seconds before the first retry; doubled each time, with jitter, up to retryDelayMax. */
  retryDelay: number;
  retryDelayMax: number;
}

export interface JobKind<S extends z.ZodType = z.ZodType> {
  payload: S;
  retry: Retry;
  /** How long one run may take; with a heartbeat, a run whose worker died is taken again after `heartbeatSeconds`. */
  expireInSeconds: number;
  heartbeatSeconds?: number;
  /** At most one queued and one running job per key (the payload's key, see `keyOf`). */
  oneAtATimePer?: (payload: z.infer<S>) => string;
  /** Cron expression, Europe/Rome. */
  schedule?: string;
  /** Jobs of this kind one worker runs at once. */
  concurrency: number;
  /** Light kinds are taken several at a time (each settled on its own), and at once again while work is waiting. */
  batch?: number;
  /** The jobs of a batch run at once rather than one after another (independent work that mostly waits: mail servers). */
  parallel?: boolean;
}

function kind<S extends z.ZodType>(definition: JobKind<S>): JobKind<S> {
  return definition;
}

/** Why a YouTube sync waits, for staff. */
export const SYNC_WAITS = ['quota', 'channel', 'backoff', 'processing'] as const;
export type SyncWait = (typeof SYNC_WAITS)[number];

const quick: Retry = { retryLimit: 10, retryDelay: 5, retryDelayMax: 600 };

export const JOB_KINDS = {
  /** A subscriber's work on one domain event (lib/events/routes.ts says who hears what). */
  'event.deliver': kind({
    payload: z.object({ subscriber: z.string().regex(/^[a-z][a-z.-]{0,40}$/), eventId: bigintId }).strict(),
    retry: quick,
    expireInSeconds: 300,
    concurrency: 2,
    batch: 10,
  }),
  /** One mail of the outbox: 1, 2, 4 … minutes between tries, at most 6 hours, for about three days. */
  'mail.deliver': kind({
    payload: z.object({ outboxId: bigintId }).strict(),
    retry: { retryLimit: 16, retryDelay: 60, retryDelayMax: 6 * 3600 },
    expireInSeconds: 600,
    concurrency: 2,
    batch: 20,
    parallel: true,
  }),
  /** One citizen's mail of the outbox (an alert, a summary, a confirmation): a queue apart, so a publication's alerts never hold back a sign-in link. */
  'alerts.deliver': kind({
    payload: z.object({ outboxId: bigintId }).strict(),
    retry: { retryLimit: 12, retryDelay: 60, retryDelayMax: 6 * 3600 },
    expireInSeconds: 600,
    concurrency: 2,
    batch: 20,
    parallel: true,
  }),
  /** The moderators' daily digests that are due. */
  'mail.digests': kind({ payload: nothing, retry: quick, expireInSeconds: 600, schedule: '*/15 * * * *', concurrency: 1 }),
  /** One batch of the alerts of a publication (lib/alerts/fanout.ts), in subscriber order; each batch queues the next. */
  'alerts.fanout': kind({
    payload: z.object({ videoId: id, after: z.uuid().optional() }).strict(),
    retry: quick,
    expireInSeconds: 300,
    oneAtATimePer: (p) => `${p.videoId}:${p.after ?? ''}`,
    concurrency: 2,
  }),
  /** One batch of the push notifications of a publication (lib/alerts/push-fanout.ts): claims them and queues their sending; each batch queues the next. */
  'push.fanout': kind({
    payload: z.object({ videoId: id, after: z.uuid().optional() }).strict(),
    retry: quick,
    expireInSeconds: 300,
    oneAtATimePer: (p) => `${p.videoId}:${p.after ?? ''}`,
    concurrency: 2,
  }),
  /** The pushes of one batch to the browsers' push services; those a service asked to retry, later (30 s, 1, 2 … minutes, for about a day). */
  'push.send': kind({
    payload: z.object({ videoId: id, first: z.uuid(), last: z.uuid() }).strict(),
    retry: { retryLimit: 10, retryDelay: 30, retryDelayMax: 3 * 3600 },
    expireInSeconds: 600,
    oneAtATimePer: (p) => `${p.videoId}:${p.first}`,
    concurrency: 2,
  }),
  /** The citizens' weekly summaries, Monday at 7 in Rome. */
  'alerts.digest': kind({ payload: nothing, retry: quick, expireInSeconds: 3600, schedule: '0 7 * * 1', concurrency: 1 }),
  /** Calls for messages: reminders to the comuni that have not answered, and the closing summary to staff (lib/calls/reminders.ts); each at its hour, Rome time. */
  'calls.reminders': kind({ payload: nothing, retry: quick, expireInSeconds: 900, schedule: '*/15 * * * *', concurrency: 1 }),
  /**
   * The mayors' weekly briefing (lib/coordination/briefing.ts). Scheduled
   * without an edition: it sends the week's when its day and hour have come
   * (checked every quarter of an hour, so a changed day or hour needs no new
   * schedule); staff queue one with an edition of their own.
   */
  'briefing.send': kind({
    payload: z
      .object({
        edition: z
          .string()
          .regex(/^(week|staff)-[0-9a-f-]{10,36}$/)
          .optional(),
      })
      .strict(),
    retry: quick,
    expireInSeconds: 1800,
    schedule: '*/15 * * * *',
    concurrency: 1,
  }),
  /** The inspection of a finished upload (ffprobe, poster); heavy, so one at a time per worker. */
  'media.check': kind({
    payload: z.object({ mediaId: id }).strict(),
    retry: { retryLimit: 12, retryDelay: 10, retryDelayMax: 1800 },
    expireInSeconds: 3600,
    heartbeatSeconds: 10,
    oneAtATimePer: (p) => p.mediaId,
    concurrency: 1,
  }),
  /** A file's light version and audio: made once it is READY, removed once its message is withdrawn (lib/renditions). Heavy: one at a time per worker. */
  'media.renditions': kind({
    payload: z.object({ mediaId: id }).strict(),
    retry: { retryLimit: 6, retryDelay: 60, retryDelayMax: 3600 },
    expireInSeconds: 3 * 3600,
    heartbeatSeconds: 10,
    oneAtATimePer: (p) => p.mediaId,
    concurrency: 1,
  }),
  /** Unfinished uploads past their expiry, and spent rate-limit counters. */
  'uploads.cleanup': kind({ payload: nothing, retry: quick, expireInSeconds: 900, schedule: '17 * * * *', concurrency: 1 }),
  /** The next step of one message's YouTube sync (lib/youtube/sync-steps.ts). */
  'youtube.sync': kind({
    payload: z.object({ videoId: id, waitingFor: z.enum(SYNC_WAITS).optional() }).strict(),
    retry: { retryLimit: 20, retryDelay: 5, retryDelayMax: 1800 },
    expireInSeconds: 6 * 3600,
    heartbeatSeconds: 10,
    oneAtATimePer: (p) => p.videoId,
    concurrency: 2,
  }),
  /**
   * View counts of live videos, and videos deleted or made private by hand. One
   * chain across all workers: each run queues the next (VC_YOUTUBE_REFRESH_MS
   * later), and a starting worker queues one if none waits.
   */
  'youtube.refresh': kind({ payload: nothing, retry: quick, expireInSeconds: 900, oneAtATimePer: () => 'all', concurrency: 1 }),
};

export type JobKindName = keyof typeof JOB_KINDS;
export type JobPayload<K extends JobKindName> = z.infer<(typeof JOB_KINDS)[K]['payload']>;

export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as JobKindName[];

/** The key a one-at-a-time kind's job is unique by (pg-boss's singleton key), or none. */
export function keyOf<K extends JobKindName>(name: K, payload: JobPayload<K>): string | undefined {
  const kind: JobKind = JOB_KINDS[name];
  return kind.oneAtATimePer?.(payload);
}
