import { describe, expect, it } from 'vitest';
import { hasSessionCookie, parseCookieHeader, sessionTokenFrom } from './cookies';

const token = 'e3b0c442-98fc-1c14-9afb-f4c8996fb924';

describe('the session cookie', () => {
  it('is only the __Secure- one on an https portal: a plain cookie of the same name cannot fix a session', () => {
    const both = parseCookieHeader(`next-auth.session-token=planted-by-someone-else; __Secure-next-auth.session-token=${token}`);
    expect(sessionTokenFrom(both, true)).toBe(token);
    expect(sessionTokenFrom(parseCookieHeader('next-auth.session-token=planted-by-someone-else'), true)).toBeUndefined();
    expect(sessionTokenFrom(parseCookieHeader(`next-auth.session-token=${token}`), false)).toBe(token);
  });

  it('is never a value that is not a token (a NUL would reach the database)', () => {
    expect(sessionTokenFrom(parseCookieHeader('next-auth.session-token=%00'), false)).toBeUndefined();
    expect(sessionTokenFrom(parseCookieHeader("next-auth.session-token=' OR 1=1 --"), false)).toBeUndefined();
    // Still a session cookie for the page cache, which then stays out of the way.
    expect(hasSessionCookie(parseCookieHeader('next-auth.session-token=%00'))).toBe(true);
  });
});
