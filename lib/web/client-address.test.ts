import { describe, expect, it } from 'vitest';
import { forwardedClientAddress } from './client-address';

describe('the forwarded client address', () => {
  it('is the first entry the front server wrote, trimmed; empty when there is none', () => {
    expect(forwardedClientAddress(new Headers({ 'x-forwarded-for': ' 203.0.113.7 , 10.0.0.1' }))).toBe('203.0.113.7');
    expect(forwardedClientAddress(new Headers())).toBe('');
  });
});
