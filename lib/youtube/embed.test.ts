import { afterEach, describe, expect, it } from 'vitest';
import { youtubeTarget } from './api';
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
    process.env.VC_YOUTUBE_STANDIN_SECRET = 'a-secret-made-per-installation';
    expect(youtubeEmbedBase()).toBe('/_youtube/embed/');
  });
});

describe('the API target', () => {
  it('is Google itself when credentials are set, with its own consent and token endpoints', () => {
    process.env.VC_YOUTUBE_CLIENT_ID = 'id.apps.googleusercontent.com';
    process.env.VC_YOUTUBE_CLIENT_SECRET = 'secret';
    expect(youtubeTarget()).toEqual({
      standinRoot: null,
      clientId: 'id.apps.googleusercontent.com',
      clientSecret: 'secret',
      authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
    });
  });
  it('is the stand-in only with the secret made for this installation', () => {
    delete process.env.VC_YOUTUBE_CLIENT_ID;
    process.env.VC_YOUTUBE_STANDIN_URL = 'http://127.0.0.1:3000/_youtube/';
    delete process.env.VC_YOUTUBE_STANDIN_SECRET;
    expect(youtubeTarget()).toBeNull();
    process.env.VC_YOUTUBE_STANDIN_SECRET = 'a-secret-made-per-installation';
    expect(youtubeTarget()).toMatchObject({ standinRoot: 'http://127.0.0.1:3000/_youtube/', clientSecret: 'a-secret-made-per-installation' });
  });
  it('is nothing when neither Google nor a stand-in is configured', () => {
    delete process.env.VC_YOUTUBE_CLIENT_ID;
    delete process.env.VC_YOUTUBE_STANDIN_URL;
    expect(youtubeTarget()).toBeNull();
  });
});
