import { describe, expect, it } from 'vitest';
import { pageCacheKey } from './page-cache';

describe('the page cache key', () => {
  it('keys a public page by language and the parameters it reads, ignoring the others', () => {
    expect(pageCacheKey('GET', '/privacy?x=1', {})).toBe('it /privacy');
    expect(pageCacheKey('GET', '/temi/volontariato?pagina=2&y=3', { 'accept-language': 'en' })).toBe('en /temi/volontariato?pagina=2');
  });

  it('never answers from the cache an address the proxy refuses', () => {
    for (const url of ['/privacy?x=%00', '/privacy?x=%0A', '/%07privacy', '/temi/volontariato?pagina=-1', '/temi/volontariato?pagina=99999999999']) {
      expect(pageCacheKey('GET', url, {}), url).toBeNull();
    }
  });
});
