import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a caller showed the expected secret (a key, an OAuth state or client
 * secret), compared in constant time so the answer's timing gives nothing
 * away. No expected secret matches nothing.
 */
export function sameSecret(expected: string | null | undefined, given: string | null | undefined): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
