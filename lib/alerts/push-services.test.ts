import { describe, expect, it } from 'vitest';
import { allowedEndpoint } from './push-services';

const services = ['https://fcm.googleapis.com', 'https://*.push.apple.com', 'http://127.0.0.1:8090'];

describe('push service endpoints', () => {
  it('accepts the services’ own addresses, subdomains where a wildcard says so', () => {
    expect(allowedEndpoint('https://fcm.googleapis.com/fcm/send/abc:def', services)).toBe('https://fcm.googleapis.com/fcm/send/abc:def');
    expect(allowedEndpoint('https://api.push.apple.com/3/device/x', services)).toBe('https://api.push.apple.com/3/device/x');
    expect(allowedEndpoint('http://127.0.0.1:8090/notify/abc', services)).toBe('http://127.0.0.1:8090/notify/abc');
  });

  it('keeps one spelling of an address, so that one browser is one subscription', () => {
    for (const spelling of ['HTTPS://FCM.googleapis.com/fcm/send/x', 'https://fcm.googleapis.com:443/fcm/send/x', 'https://fcm.googleapis.com/fcm/./send/x']) {
      expect(allowedEndpoint(spelling, services), spelling).toBe('https://fcm.googleapis.com/fcm/send/x');
    }
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
      'https://fcm.googleapis.com/x#',
      'https://fcm.googleapis.com/x\n',
      'https://fcm.googleapis.com/x y',
      'not a url',
      `https://fcm.googleapis.com/${'x'.repeat(1100)}`,
    ]) {
      expect(allowedEndpoint(endpoint, services), endpoint).toBeNull();
    }
  });
});
