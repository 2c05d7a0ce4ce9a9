/*
 * A push subscription's endpoint comes from a browser, that is from anyone: the
 * portal would POST to whatever address it names. Only the push services of
 * the configuration (VC_PUSH_SERVICES: origins, `*.` for any subdomain) are
 * accepted, so a subscription can never make the portal call a machine of its
 * network or a stranger's site.
 */

export const MAX_ENDPOINT_LENGTH = 1024;

interface ServiceOrigin {
  protocol: string;
  /** The host, or the domain whose subdomains match when `anySubdomain`. */
  host: string;
  anySubdomain: boolean;
  port: string;
}

function parseOrigin(origin: string): ServiceOrigin {
  const anySubdomain = origin.includes('://*.');
  const url = new URL(origin.replace('://*.', '://'));
  return { protocol: url.protocol, host: url.hostname, anySubdomain, port: url.port };
}

/**
 * The endpoint as the portal keeps it (the URL's one spelling: `HTTPS://Host:443/./x` and
 * `https://host/x` are one browser), when it is a plain web address (no credentials, no
 * spaces) at one of the services; otherwise null.
 */
export function allowedEndpoint(endpoint: string, services: readonly string[]): string | null {
  if (endpoint.length > MAX_ENDPOINT_LENGTH || /[\s\u0000-\u001f\u007f]/.test(endpoint)) return null;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return null;
  }
  if (url.username || url.password || url.hash || endpoint.includes('#')) return null;
  const allowed = services.map(parseOrigin).some((service) => {
    if (service.protocol !== url.protocol || service.port !== url.port) return false;
    return service.anySubdomain ? url.hostname.endsWith(`.${service.host}`) : url.hostname === service.host;
  });
  return allowed && url.href.length <= MAX_ENDPOINT_LENGTH ? url.href : null;
}

/** The endpoint's one spelling, to find a browser by (null when it is no web address at all). */
export function endpointKey(endpoint: string): string | null {
  if (endpoint.length > MAX_ENDPOINT_LENGTH || /[\s\u0000-\u001f\u007f]/.test(endpoint)) return null;
  try {
    return new URL(endpoint).href;
  } catch {
    return null;
  }
}
