import { describe, expect, it } from 'vitest';
import { dayIn, fromRomeLocal, italianDate, nextMidnightIn, parseDay, toRomeLocal } from './zones';

describe('Italian civil time', () => {
  it('reads wall-clock times in winter and in summer', () => {
    expect(fromRomeLocal('2026-01-15T18:30')?.toISOString()).toBe('2026-01-15T17:30:00.000Z');
    expect(fromRomeLocal('2026-07-15T18:30')?.toISOString()).toBe('2026-07-15T16:30:00.000Z');
  });
  it('round-trips through the datetime-local form', () => {
    for (const s of ['2026-03-29T03:30', '2026-10-25T01:15', '2026-12-31T23:59']) expect(toRomeLocal(fromRomeLocal(s)!)).toBe(s);
  });
  it('refuses what is not a time or a day', () => {
    expect(fromRomeLocal('domani')).toBeNull();
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('2026-02-28')?.toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });
  it('knows the Italian day near midnight UTC', () => {
    expect(italianDate(new Date('2026-06-30T22:30:00Z')).toISOString().slice(0, 10)).toBe('2026-07-01');
  });
});

describe('other zones', () => {
  it('finds the next Pacific midnight, when YouTube resets its quota', () => {
    expect(nextMidnightIn('America/Los_Angeles', new Date('2026-11-24T10:00:00Z')).toISOString()).toBe('2026-11-25T08:00:00.000Z');
    expect(nextMidnightIn('America/Los_Angeles', new Date('2026-07-01T06:59:00Z')).toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(dayIn('America/Los_Angeles', new Date('2026-11-25T07:59:00Z')).toISOString().slice(0, 10)).toBe('2026-11-24');
  });
});
