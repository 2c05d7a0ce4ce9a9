import { randomBytes } from 'node:crypto';
import { oauthClient, YOUTUBE_SCOPE, type YoutubeTarget } from './api';

/*
 * Google's consent flow for the channel (or the stand-in's): a state value in
 * a cookie ties the answer to the administrator who asked, the offline access
 * gives a refresh token, and "consent" gets a new one on every reconnection.
 */

export const STATE_COOKIE = 'vc_youtube_state';

export function callbackUrl(publicUrl: string): string {
  return `${publicUrl}/api/staff/youtube/ritorno`;
}

export function consentRedirect(target: YoutubeTarget, publicUrl: string): { url: string; state: string } {
  const state = randomBytes(24).toString('base64url');
  const url = oauthClient(target, callbackUrl(publicUrl)).generateAuthUrl({
    access_type: 'offline',
    prompt: 'consent',
    scope: [YOUTUBE_SCOPE],
    state,
    include_granted_scopes: true,
  });
  return { url, state };
}

export async function refreshTokenFromCode(target: YoutubeTarget, publicUrl: string, code: string): Promise<string> {
  const { tokens } = await oauthClient(target, callbackUrl(publicUrl)).getToken(code);
  if (!tokens.refresh_token) throw new Error('Google gave no refresh token: remove the app from the account’s permissions and connect again');
  return tokens.refresh_token;
}
