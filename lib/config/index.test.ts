import webpush from 'web-push';
import { describe, expect, it } from 'vitest';
import { configFrom, envFlag } from './index';

describe('a yes/no setting', () => {
  it('reads the usual ways of saying yes and no, in any case', () => {
    for (const yes of ['1', 'true', 'on', 'yes', 'TRUE', ' Yes ']) expect(envFlag.parse(yes), yes).toBe(true);
    for (const no of ['0', 'false', 'off', 'no', 'False']) expect(envFlag.parse(no), no).toBe(false);
  });

  it('refuses anything else instead of guessing', () => {
    for (const other of ['', '2', 'si', 'enabled']) expect(envFlag.safeParse(other).success, other).toBe(false);
  });
});

describe('the configuration', () => {
  it('treats a variable set to nothing as not set', () => {
    const c = configFrom({ VC_YOUTUBE_CLIENT_ID: '', VC_YOUTUBE_CLIENT_SECRET: '', PORT: '', VC_SMTP_URL: '' });
    expect(c.youtube.google).toBeNull();
    expect(c.server.port).toBe(3000);
    expect(c.mail.smtpUrl).toBeNull();
  });

  it('refuses a wrong value with the variable it belongs to', () => {
    expect(() => configFrom({ VC_PAGE_CACHE_SECONDS: 'dieci' })).toThrow(/VC_PAGE_CACHE_SECONDS/);
    expect(() => configFrom({ VC_TOKEN_KEY: 'corta' })).toThrow(/VC_TOKEN_KEY must be 32 bytes/);
    expect(() => configFrom({ VC_VAPID_PUBLIC_KEY: 'abc', VC_VAPID_PRIVATE_KEY: 'abc' })).toThrow(
      /VC_VAPID_PUBLIC_KEY must be a P-256 public key[\s\S]*VC_VAPID_PRIVATE_KEY must be/,
    );
    const [one, other] = [webpush.generateVAPIDKeys(), webpush.generateVAPIDKeys()];
    expect(() => configFrom({ VC_VAPID_PUBLIC_KEY: other.publicKey, VC_VAPID_PRIVATE_KEY: one.privateKey })).toThrow(/not the public half/);
    expect(configFrom({ VC_VAPID_PUBLIC_KEY: one.publicKey, VC_VAPID_PRIVATE_KEY: one.privateKey }).push.vapid?.subject).toBe(
      'mailto:urp@cittametropolitana.torino.it',
    );
    expect(() => configFrom({ VC_PUSH_SERVICES: 'https://fcm.googleapis.com, file:///etc' })).toThrow(/VC_PUSH_SERVICES must be/);
    expect(() => configFrom({ VC_METRICS_TOKEN: 'CHANGE_ME_openssl_rand_-hex_24' })).toThrow(/VC_METRICS_TOKEN still have the example's CHANGE_ME value/);
  });
});
