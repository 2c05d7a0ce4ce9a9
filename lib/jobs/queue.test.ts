import { describe, expect, it } from 'vitest';
import { backoffMs } from './queue';

describe('backoff', () => {
  it('doubles with each attempt, with jitter around the middle, up to a ceiling', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0.5)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 0.5)).toBe(8000);
    expect(backoffMs(4, 1000, 60_000, () => 0)).toBe(4000);
    expect(backoffMs(4, 1000, 60_000, () => 0.999)).toBeLessThan(12_000);
    expect(backoffMs(30, 1000, 60_000, () => 0.5)).toBe(60_000);
  });
});
