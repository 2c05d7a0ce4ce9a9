import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptToken, encryptToken } from './seal';

describe('refresh token at rest', () => {
  const secret = randomBytes(32);
  it('round-trips and never stores the token in clear', () => {
    const sealed = encryptToken('1//refresh-token', secret);
    expect(sealed).not.toContain('refresh-token');
    expect(decryptToken(sealed, secret)).toBe('1//refresh-token');
    expect(encryptToken('1//refresh-token', secret)).not.toBe(sealed);
  });
  it('refuses a tampered value or another key', () => {
    const sealed = encryptToken('1//refresh-token', secret);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64');
    expect(() => decryptToken(parts.join('.'), secret)).toThrow();
    expect(() => decryptToken(sealed, randomBytes(32))).toThrow();
  });
});
