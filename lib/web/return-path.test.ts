import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refererPath, safeReturnPath } from './return-path';

const SITE = 'https://voci.example.it';

/** Where a browser would go with this Location on the portal's origin. */
function destination(location: string): URL {
  return new URL(location, SITE);
}

describe('the return path', () => {
  it.each([
    '/\t/evil.example/',
    '/\n/evil.example',
    '/\r/evil.example',
    '/.//evil.example',
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '///evil.example',
    '/%09/evil.example',
    '/./\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '\t//evil.example',
    ' //evil.example',
    '/\u0000/evil.example',
  ])('never leaves the site for %j', (value) => {
    const result = safeReturnPath(value, '/');
    expect(destination(result).origin).toBe(SITE);
    expect(result.startsWith('//')).toBe(false);
  });

  it('keeps a path and its query as they are', () => {
    expect(safeReturnPath('/comuni/001272-torino?x=1')).toBe('/comuni/001272-torino?x=1');
    expect(safeReturnPath('/cerca?q=spesa%20a%20domicilio')).toBe('/cerca?q=spesa%20a%20domicilio');
    expect(safeReturnPath(undefined, '/area')).toBe('/area');
  });

  it('stays on the site whatever the browser sends (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `/${s}`),
          fc.webUrl(),
          fc.webPath(),
        ),
        (value) => {
          const result = safeReturnPath(value, '/');
          expect(result.startsWith('/')).toBe(true);
          expect(result.startsWith('//')).toBe(false);
          expect(destination(result).origin).toBe(SITE);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('takes a Referer only from the same host', () => {
    expect(refererPath('http://127.0.0.1:3000/temi/volontariato?pagina=2', '127.0.0.1:3000')).toBe('/temi/volontariato?pagina=2');
    expect(refererPath('https://evil.example/', '127.0.0.1:3000')).toBeNull();
    expect(refererPath('not a url', '127.0.0.1:3000')).toBeNull();
  });
});
