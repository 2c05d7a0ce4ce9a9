import { describe, expect, it } from 'vitest';
import { nextSyncState, SYNC_TRANSITIONS, WORK_STATES } from './sync-transitions';

describe('the YouTube sync state machine', () => {
  it('walks from queued to live in order', () => {
    const path = ['sessionOpened', 'uploaded', 'attached', 'processed'] as const;
    let state = 'QUEUED' as Parameters<typeof nextSyncState>[0];
    for (const event of path) state = nextSyncState(state, event)!;
    expect(state).toBe('LIVE');
  });
  it('never goes live again after withdrawal', () => {
    for (const event of Object.keys(SYNC_TRANSITIONS) as Array<keyof typeof SYNC_TRANSITIONS>) {
      expect(nextSyncState('REMOVED', event)).toBeNull();
    }
    expect(nextSyncState('UNPUBLISHING', 'processed')).toBeNull();
  });
  it('retries into the state it failed in, and only into work states', () => {
    expect(nextSyncState('FAILED', 'retry', 'ATTACHING')).toBe('ATTACHING');
    expect(nextSyncState('FAILED', 'retry', 'LIVE')).toBeNull();
    expect(nextSyncState('LIVE', 'retry', 'QUEUED')).toBeNull();
  });
  it('has work to do exactly in the active states', () => {
    expect([...WORK_STATES].sort()).toEqual(['ATTACHING', 'PROCESSING', 'QUEUED', 'UNPUBLISHING', 'UPDATING', 'UPLOADING']);
  });
});
