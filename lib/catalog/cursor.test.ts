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

  it('refuses dates no message can have, which PostgreSQL would not even take', () => {
    const id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    for (const date of ['-271821-04-20T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '1900-01-01T00:00:00.000Z', '2026-02-30T25:00:00.000Z']) {
      expect(decodeCursor(Buffer.from(`${date}|${id}`).toString('base64url')), date).toBeNull();
    }
  });
});
