import { describe, expect, it } from 'vitest';
import { configFrom } from '../config';
import { youtubeTarget } from './api';
import { youtubeEmbedBase } from './embed';

const youtube = (variables: Record<string, string>) => configFrom(variables).youtube;

describe('the embed address', () => {
  it('is youtube-nocookie with Google credentials, even if a stand-in is set', () => {
    const c = youtube({ VC_YOUTUBE_CLIENT_ID: 'id', VC_YOUTUBE_CLIENT_SECRET: 'secret', VC_YOUTUBE_STANDIN_URL: 'http://127.0.0.1:3000/_youtube/' });
    expect(youtubeEmbedBase(c)).toBe('https://www.youtube-nocookie.com/embed/');
  });
  it('is the local stand-in without Google credentials', () => {
    const c = youtube({ VC_YOUTUBE_STANDIN_URL: 'http://127.0.0.1:3000/_youtube/', VC_YOUTUBE_STANDIN_SECRET: 'a-secret-made-per-installation' });
    expect(youtubeEmbedBase(c)).toBe('/_youtube/embed/');
  });
});

describe('the API target', () => {
  it('is Google itself when credentials are set, with its own consent and token endpoints', () => {
    expect(youtubeTarget(youtube({ VC_YOUTUBE_CLIENT_ID: 'id.apps.googleusercontent.com', VC_YOUTUBE_CLIENT_SECRET: 'secret' }))).toEqual({
      standinRoot: null,
      clientId: 'id.apps.googleusercontent.com',
      clientSecret: 'secret',
      authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
    });
  });
  it('is the stand-in only with the secret made for this installation', () => {
    expect(youtubeTarget(youtube({ VC_YOUTUBE_STANDIN_URL: 'http://127.0.0.1:3000/_youtube/' }))).toBeNull();
    expect(
      youtubeTarget(youtube({ VC_YOUTUBE_STANDIN_URL: 'http://127.0.0.1:3000/_youtube/', VC_YOUTUBE_STANDIN_SECRET: 'a-secret-made-per-installation' })),
    ).toMatchObject({ standinRoot: 'http://127.0.0.1:3000/_youtube/', clientSecret: 'a-secret-made-per-installation' });
  });
  it('is nothing when neither Google nor a stand-in is configured', () => {
    expect(youtubeTarget(youtube({}))).toBeNull();
  });
});
