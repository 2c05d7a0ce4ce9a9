import { describe, expect, it } from 'vitest';
import { sameSecret } from './same-secret';

describe('comparing a secret a caller shows', () => {
  it('matches only the same secret', () => {
    expect(sameSecret('a1b2c3', 'a1b2c3')).toBe(true);
    expect(sameSecret('a1b2c3', 'a1b2c4')).toBe(false);
    expect(sameSecret('a1b2c3', 'a1b2c3d')).toBe(false);
  });

  it('matches nothing when no secret is expected, not even an empty one', () => {
    expect(sameSecret(undefined, '')).toBe(false);
    expect(sameSecret('', '')).toBe(false);
    expect(sameSecret(null, 'x')).toBe(false);
    expect(sameSecret('x', null)).toBe(false);
  });
});
