import { afterEach, describe, expect, it } from 'vitest';
import { youtubeEmbedBase } from './embed';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('the embed address', () => {
  it('is youtube-nocookie with Google credentials, even if a stand-in is set', () => {
    process.env.VC_YOUTUBE_CLIENT_ID = 'id';
    process.env.VC_YOUTUBE_CLIENT_SECRET = 'secret';
    process.env.VC_YOUTUBE_STANDIN_URL = 'http://127.0.0.1:3000/_youtube/';
    expect(youtubeEmbedBase()).toBe('https://www.youtube-nocookie.com/embed/');
  });
  it('is the local stand-in without Google credentials', () => {
    delete process.env.VC_YOUTUBE_CLIENT_ID;
    process.env.VC_YOUTUBE_STANDIN_URL = 'http://127.0.0.1:3000/_youtube/';
    expect(youtubeEmbedBase()).toBe('/_youtube/embed/');
  });
});
