import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { callerOrigin, clientNetwork, isLocalRequest, isLoopbackHost, parseTrustedProxies } from './trusted-proxies';

function request(peer: string, headers: Record<string, string> = {}): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers, connection: { remoteAddress: peer } } as unknown as IncomingMessage;
}

describe('who is calling', () => {
  it('ignores forwarded headers from anyone who is not a trusted proxy', () => {
    const forged = request('203.0.113.7', { 'x-forwarded-for': '10.0.0.1', 'x-forwarded-proto': 'https' });
    expect(callerOrigin(forged, parseTrustedProxies(undefined))).toEqual({ address: '203.0.113.7', proto: 'http', proxied: false });
    expect(callerOrigin(forged, parseTrustedProxies('127.0.0.1'))).toEqual({ address: '203.0.113.7', proto: 'http', proxied: false });
  });

  it('takes the client’s address and scheme from a trusted proxy, by address or by hops', () => {
    const viaNginx = request('127.0.0.1', { 'x-forwarded-for': '198.51.100.23', 'x-forwarded-proto': 'https' });
    expect(callerOrigin(viaNginx, parseTrustedProxies('loopback'))).toEqual({ address: '198.51.100.23', proto: 'https', proxied: true });
    expect(callerOrigin(viaNginx, parseTrustedProxies('1'))).toEqual({ address: '198.51.100.23', proto: 'https', proxied: true });
    // A client that prepends its own X-Forwarded-For gets the proxy's view of it, not its claim.
    const spoofing = request('10.1.2.3', { 'x-forwarded-for': '1.1.1.1, 198.51.100.23' });
    expect(callerOrigin(spoofing, parseTrustedProxies('10.0.0.0/8')).address).toBe('198.51.100.23');
  });

  it('counts an IPv6 client by its /64, which a home or phone line gets whole', () => {
    expect(clientNetwork('2001:db8:aa:bb:1::7')).toBe(clientNetwork('2001:db8:aa:bb:ffff::1'));
    expect(clientNetwork('2001:db8:aa:bb:1::7')).not.toBe(clientNetwork('2001:db8:aa:bc::7'));
    expect(clientNetwork('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(clientNetwork('198.51.100.7')).toBe('198.51.100.7');
    expect(clientNetwork('')).toBe('unknown');
  });

  it('refuses a setting it cannot read', () => {
    expect(() => parseTrustedProxies('not-an-address')).toThrow();
  });

  it('knows a request made on this machine with no proxy in between', () => {
    expect(isLocalRequest(request('127.0.0.1', { host: '127.0.0.1:3000' }))).toBe(true);
    expect(isLocalRequest(request('::1', { host: 'localhost:3000' }))).toBe(true);
    expect(isLocalRequest(request('127.0.0.1', { host: 'voci.example.it' }))).toBe(false);
    expect(isLocalRequest(request('127.0.0.1', { host: '127.0.0.1:3000', 'x-forwarded-for': '203.0.113.7' }))).toBe(false);
    expect(isLocalRequest(request('192.168.1.20', { host: '127.0.0.1:3000' }))).toBe(false);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
  });
});
