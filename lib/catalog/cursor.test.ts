import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('keyset cursor', () => {
  it('round-trips the last item of a page', () => {
    const at = new Date('2026-03-20T10:00:00.123Z');
    const id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(decodeCursor(encodeCursor(at, id))).toEqual({ publishedAt: at, id });
  });

  it('refuses cursors it did not make', () => {
    expect(decodeCursor('not a cursor!')).toBeNull();
    expect(decodeCursor(Buffer.from('2026-01-01|not-a-uuid').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('x|0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b').toString('base64url'))).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });
});
