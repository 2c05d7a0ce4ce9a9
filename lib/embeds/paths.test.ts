import { describe, expect, it } from 'vitest';
import { pagePolicy } from '../web/security-headers';
import { isEmbedPath, messageFrame } from './paths';

describe('which addresses may be framed', () => {
  it('is exactly the embed pages (a comune, a message, a public collection), with or without a query', () => {
    expect(isEmbedPath('/embed/comuni/001272')).toBe(true);
    expect(isEmbedPath('/embed/appelli/12')).toBe(true);
    expect(isEmbedPath('/embed/appelli/12?lingua=en')).toBe(true);
    expect(isEmbedPath('/embed/comuni/001272?lingua=en')).toBe(true);
    expect(isEmbedPath('/embed/messaggi/01a23547-6a01-75cf-a4af-114017005095')).toBe(true);
    for (const url of [
      '/embed/',
      '/embed/x',
      '/embedx/comuni/001272',
      '/embed/comuni/001272/x',
      '/embed/../sindaco',
      '/embed/%2e%2e/staff',
      '/embed/comuni/1272',
      '/embed/appelli/012',
      '/embed/appelli/12/x',
      '/embed/appelli/12345678901',
      '/embed/appelli/',
      '/x/embed/comuni/001272',
      undefined,
    ]) {
      expect(isEmbedPath(url), String(url)).toBe(false);
    }
  });

  it('says so in the page policy, and refuses every other framing', () => {
    const policy = { https: false, frameSources: [], formTargets: [] };
    expect(pagePolicy(policy, '<p>x</p>', null, true)).toContain('frame-ancestors *');
    expect(pagePolicy(policy, '<p>x</p>', null)).toContain("frame-ancestors 'none'");
  });

  it('sizes a message frame for its 16:9 player and its text at any width', () => {
    expect(messageFrame(560)).toEqual({ width: 560, height: 315 + 170 });
    expect(messageFrame(320).height).toBe(180 + 170);
  });
});
