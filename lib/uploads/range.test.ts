import { describe, expect, it } from 'vitest';
import { parseRange } from './range';

describe('HTTP Range', () => {
  it('answers the whole file without a header or with one it does not serve', () => {
    expect(parseRange(null, 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('items=0-1', 100)).toEqual({ kind: 'whole' });
  });
  it('reads open, closed and suffix ranges, clamped to the file', () => {
    expect(parseRange('bytes=0-', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseRange('bytes=10-19', 100)).toEqual({ kind: 'partial', start: 10, end: 19 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-30', 100)).toEqual({ kind: 'partial', start: 70, end: 99 });
  });
  it('refuses ranges past the end', () => {
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=20-10', 100)).toEqual({ kind: 'unsatisfiable' });
  });
});
