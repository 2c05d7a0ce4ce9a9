import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { config } from '../config';

/*
 * Secrets sealed with AES-256-GCM under the configuration's key (VC_TOKEN_KEY,
 * 32 bytes in base64), never one from the database: the YouTube channel's
 * refresh token is stored this way, so a copy of the database alone cannot post
 * to the channel; a citizen's unconfirmed alert request travels this way in its
 * confirmation link, so it is stored nowhere before it is confirmed.
 */

function key(): Buffer {
  const bytes = config().tokenKey;
  if (!bytes) throw new Error('VC_TOKEN_KEY is not set: 32 bytes in base64 (e.g. `openssl rand -base64 32`)');
  return bytes;
}

/** A key of its own for each use of the configuration's key, so a sealed value of one use never opens as another. */
export function keyFor(purpose: string, secret = key()): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `vocicomuni ${purpose}`, 32));
}

export function encryptToken(plain: string, secret = key()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secret, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
}

export function decryptToken(sealed: string, secret = key()): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('not an encrypted token');
  const [ivBytes, tagBytes] = [Buffer.from(iv, 'base64'), Buffer.from(tag, 'base64')];
  // GCM would accept a shortened tag (or nonce): with a value that came from outside, a short tag could be guessed.
  if (ivBytes.length !== 12 || tagBytes.length !== 16) throw new Error('not an encrypted token');
  const decipher = createDecipheriv('aes-256-gcm', secret, ivBytes, { authTagLength: 16 });
  decipher.setAuthTag(tagBytes);
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}
