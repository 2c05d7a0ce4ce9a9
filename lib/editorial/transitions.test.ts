import { describe, expect, it } from 'vitest';
import { allowedEditorialPairs, EDITORIAL_EVENTS, nextEditorialStatus } from './transitions';

describe('editorial transitions', () => {
  it('publishes only what was approved', () => {
    expect(nextEditorialStatus('APPROVED', 'publish')).toBe('PUBLISHED');
    for (const from of ['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED', 'REJECTED', 'WITHDRAWN'] as const) {
      expect(nextEditorialStatus(from, 'publish')).toBeNull();
    }
    expect(allowedEditorialPairs().filter(([, to]) => to === 'PUBLISHED')).toEqual([['APPROVED', 'PUBLISHED']]);
  });

  it('lets a mayor resubmit after changes were requested, but not after a rejection', () => {
    expect(nextEditorialStatus('CHANGES_REQUESTED', 'submit')).toBe('SUBMITTED');
    expect(nextEditorialStatus('REJECTED', 'submit')).toBeNull();
  });

  it('treats rejected and withdrawn messages as final', () => {
    for (const event of EDITORIAL_EVENTS) {
      expect(nextEditorialStatus('REJECTED', event)).toBeNull();
      expect(nextEditorialStatus('WITHDRAWN', event)).toBeNull();
    }
  });

  it('lets only submitted messages be moderated', () => {
    for (const event of ['approve', 'reject', 'requestChanges'] as const) {
      expect(allowedEditorialPairs().some(([from]) => from === 'SUBMITTED')).toBe(true);
      expect(nextEditorialStatus('DRAFT', event)).toBeNull();
      expect(nextEditorialStatus('PUBLISHED', event)).toBeNull();
    }
  });
});
