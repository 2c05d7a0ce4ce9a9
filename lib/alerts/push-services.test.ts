import { describe, expect, it } from 'vitest';
import { isAllowedEndpoint } from './push-services';

const services = ['https://fcm.googleapis.com', 'https://*.push.apple.com', 'http://127.0.0.1:8090'];

describe('push service endpoints', () => {
  it('accepts the services’ own addresses, subdomains where a wildcard says so', () => {
    expect(isAllowedEndpoint('https://fcm.googleapis.com/fcm/send/abc:def', services)).toBe(true);
    expect(isAllowedEndpoint('https://api.push.apple.com/3/device/x', services)).toBe(true);
    expect(isAllowedEndpoint('http://127.0.0.1:8090/notify/abc', services)).toBe(true);
  });

  it('refuses everything else: other hosts, look-alikes, other ports or schemes, credentials, control characters', () => {
    for (const endpoint of [
      'https://push.apple.com/x',
      'https://fcm.googleapis.com.evil.example/x',
      'https://evilfcm.googleapis.com/x',
      'http://fcm.googleapis.com/fcm/send/x',
      'https://fcm.googleapis.com:8443/x',
      'http://127.0.0.1:5432/',
      'http://127.0.0.1/notify/x',
      'https://a:b@fcm.googleapis.com/x',
      'https://fcm.googleapis.com/x#frag',
      'https://fcm.googleapis.com/x\n',
      'https://fcm.googleapis.com/x y',
      'not a url',
      `https://fcm.googleapis.com/${'x'.repeat(1100)}`,
    ]) {
      expect(isAllowedEndpoint(endpoint, services), endpoint).toBe(false);
    }
  });
});
