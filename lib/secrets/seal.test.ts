import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptToken, encryptToken, keyFor } from './seal';

const secret = randomBytes(32);

describe('refresh token at rest', () => {
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
  it('refuses a shortened tag or nonce, which GCM alone would accept (a short tag can be guessed)', () => {
    const [version, iv, tag, body] = encryptToken('1//refresh-token', secret).split('.') as [string, string, string, string];
    const short = Buffer.from(tag, 'base64').subarray(0, 4).toString('base64');
    expect(() => decryptToken([version, iv, short, body].join('.'), secret)).toThrow('not an encrypted token');
    const shortIv = Buffer.from(iv, 'base64').subarray(0, 8).toString('base64');
    expect(() => decryptToken([version, shortIv, tag, body].join('.'), secret)).toThrow('not an encrypted token');
  });
});

describe('keys of their own per use', () => {
  it('gives each purpose its own key from the one configured, so a value sealed for one use never opens as another', () => {
    const a = keyFor('alert confirmation', secret);
    const b = keyFor('something else', secret);
    expect(a).toHaveLength(32);
    expect(a.equals(b)).toBe(false);
    expect(() => decryptToken(encryptToken('x', a), b)).toThrow();
  });
});
