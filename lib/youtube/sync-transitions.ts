import type { SyncState } from '@/lib/generated/prisma/enums';

/*
 * The YouTube sync state machine of a message, as one explicit table. Every
 * change goes through applySyncEvent (./sync-apply.ts).
 *
 *   QUEUED → UPLOADING → ATTACHING → PROCESSING → LIVE ⇄ UPDATING
 *   (captions and playlists are ATTACHING; PROCESSING waits for YouTube)
 *   any active state → UNPUBLISHING → REMOVED (withdrawal: private, out of playlists)
 *   active states → FAILED (a permanent error; staff retry → back where it stopped)
 *   PROCESSING, LIVE, UPDATING → MISSING (deleted or made private on YouTube by hand)
 */

export const SYNC_EVENTS = [
  'sessionOpened',
  'sessionLost',
  'uploaded',
  'attached',
  'processed',
  'edit',
  'updated',
  'withdraw',
  'unpublished',
  'fail',
  'retry',
  'vanish',
  'reupload',
] as const;
export type SyncEvent = (typeof SYNC_EVENTS)[number];

const ACTIVE: SyncState[] = ['QUEUED', 'UPLOADING', 'ATTACHING', 'PROCESSING', 'UPDATING', 'UNPUBLISHING'];

export const SYNC_TRANSITIONS: Readonly<Record<SyncEvent, Partial<Record<SyncState, SyncState>>>> = {
  sessionOpened: { QUEUED: 'UPLOADING' },
  sessionLost: { UPLOADING: 'QUEUED' },
  uploaded: { UPLOADING: 'ATTACHING' },
  attached: { ATTACHING: 'PROCESSING' },
  processed: { PROCESSING: 'LIVE' },
  edit: { LIVE: 'UPDATING' },
  updated: { UPDATING: 'LIVE' },
  withdraw: {
    QUEUED: 'UNPUBLISHING',
    UPLOADING: 'UNPUBLISHING',
    ATTACHING: 'UNPUBLISHING',
    PROCESSING: 'UNPUBLISHING',
    LIVE: 'UNPUBLISHING',
    UPDATING: 'UNPUBLISHING',
    FAILED: 'UNPUBLISHING',
    MISSING: 'UNPUBLISHING',
  },
  unpublished: { UNPUBLISHING: 'REMOVED' },
  fail: Object.fromEntries(ACTIVE.map((s) => [s, 'FAILED'])),
  // A retry goes back to the state the sync failed in (resume_state, one of RETRY_TARGETS): see nextSyncState.
  retry: {},
  vanish: { PROCESSING: 'MISSING', LIVE: 'MISSING', UPDATING: 'MISSING' },
  reupload: { MISSING: 'QUEUED' },
};

/** States a FAILED sync may be retried into (its resume_state). */
export const RETRY_TARGETS: ReadonlySet<SyncState> = new Set(ACTIVE);

/** States in which the worker has something to do. */
export const WORK_STATES: ReadonlySet<SyncState> = new Set(ACTIVE);

export function nextSyncState(from: SyncState, event: SyncEvent, resumeState: SyncState | null = null): SyncState | null {
  if (event === 'retry') return from === 'FAILED' && resumeState && RETRY_TARGETS.has(resumeState) ? resumeState : null;
  return SYNC_TRANSITIONS[event][from] ?? null;
}
