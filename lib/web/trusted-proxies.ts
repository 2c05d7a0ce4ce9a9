import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

/*
 * Who is really calling. Behind a reverse proxy (nginx terminating TLS) the
 * socket's peer is the proxy, and the client's address and scheme come in
 * X-Forwarded-For and X-Forwarded-Proto. Anyone can send those headers, so they
 * count only when the peer is a proxy the operator named (VC_TRUSTED_PROXIES:
 * addresses and CIDR ranges, "loopback", or a number of hops); otherwise the
 * peer is the client and the scheme is plain HTTP. proxy-addr (Express's
 * implementation) walks the X-Forwarded-For chain.
 */

export type ProxyTrust = (address: string, hop: number) => boolean;

export const TRUST_NOBODY: ProxyTrust = () => false;

/** VC_TRUSTED_PROXIES as a number of proxies in front, instead of their addresses. */
export function isHopCount(value: string | undefined): boolean {
  return /^\d+$/.test((value ?? '').trim());
}

/** Parses VC_TRUSTED_PROXIES; throws on an address or range proxy-addr cannot read. */
export function parseTrustedProxies(value: string | undefined): ProxyTrust {
  const text = (value ?? '').trim();
  if (!text) return TRUST_NOBODY;
  if (isHopCount(text)) {
    const hops = Number(text);
    return (_address, hop) => hop < hops;
  }
  return proxyaddr.compile(
    text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );
}

export interface CallerOrigin {
  /** The client's address (the socket's peer unless a trusted proxy reported another). */
  address: string;
  /** 'https' only when a trusted proxy says the client used it. */
  proto: 'http' | 'https';
  /** Whether the request came through a trusted proxy at all. */
  proxied: boolean;
}

export function callerOrigin(req: IncomingMessage, trust: ProxyTrust): CallerOrigin {
  const peer = req.socket.remoteAddress ?? '';
  const proxied = peer !== '' && trust(peer, 0);
  const address = peer === '' ? '' : proxyaddr(req, trust);
  const claimed = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]!
    .trim()
    .toLowerCase();
  return { address, proto: proxied && claimed === 'https' ? 'https' : 'http', proxied };
}

const LOOPBACK = proxyaddr.compile('loopback');

export function isLoopbackAddress(address: string): boolean {
  if (address === '') return false;
  try {
    return LOOPBACK(address, 0);
  } catch {
    // Not an IP address at all.
    return false;
  }
}

/** A host name or address that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name);
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'forwarded', 'x-real-ip', 'via'];

/**
 * A request from a browser on this very machine, with no proxy in between:
 * loopback peer, loopback Host, no forwarding header. The demo conveniences
 * (the demo inbox, the YouTube stand-in) answer nothing else, even when an
 * operator puts a proxy in front of a loopback listener by mistake.
 */
export function isLocalRequest(req: IncomingMessage): boolean {
  if (!isLoopbackAddress(req.socket.remoteAddress ?? '')) return false;
  if (FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined)) return false;
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  return isLoopbackHost(host);
}

/**
 * The network a client address stands for, as limits count it: an IPv4
 * address, or the /64 an IPv6 address belongs to (a home or phone line gets a
 * whole /64, and a client could otherwise take a new address for every try).
 */
export function clientNetwork(address: string): string {
  if (!ipaddr.isValid(address)) return address || 'unknown';
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${(parsed as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}
