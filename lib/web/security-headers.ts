import { createHash } from 'node:crypto';

/*
 * The headers every answer of the web process carries, and the
 * Content-Security-Policy of its HTML pages. Next.js writes a nonce on every
 * script it renders; the nonce it is given is a placeholder, a secret of the
 * process, and the front server replaces it in each page with a fresh random
 * one that the page's policy names. A script injected into a page (a title
 * that slipped through escaping, say) carries no nonce, or not the one of
 * this answer, and does not run. Inline styles are allowed by hash; a page
 * that has no nonce (one Next.js rendered without the proxy) may run no inline
 * script at all.
 */

export interface SecurityPolicy {
  /** HTTPS public URL: HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** Origins pages may frame (the YouTube player). */
  frameSources: readonly string[];
  /** Origins a form may post to (or be redirected to after posting), besides the portal: the OpenID Connect provider. */
  formTargets: readonly string[];
}

/** Headers for every answer, whatever its type and whoever produced it. */
export function baseSecurityHeaders(policy: Pick<SecurityPolicy, 'https'>): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    ...(policy.https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

const INLINE_STYLE = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;
const STYLE_ATTRIBUTE = /<[a-z][^>]*\sstyle\s*=/i;

function hashOf(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The hashes of a page's inline styles, and whether it uses style attributes. */
export function inlineContent(html: string): { styles: string[]; styleAttributes: boolean } {
  const styles = new Set<string>();
  for (const match of html.matchAll(INLINE_STYLE)) if (match[1]) styles.add(hashOf(match[1]));
  return { styles: [...styles], styleAttributes: STYLE_ATTRIBUTE.test(html) };
}

/**
 * The Content-Security-Policy of one HTML page: scripts of the portal's own
 * files and those carrying `nonce`; the page's inline styles by hash. Only an
 * embed page (lib/embeds) may be framed, by any site: the comuni's websites.
 */
export function pagePolicy(policy: SecurityPolicy, html: string | null, nonce: string | null, framable = false): string {
  const inline = html === null ? { styles: [], styleAttributes: false } : inlineContent(html);
  const directives = [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${nonce}'` : "script-src 'self'",
    `style-src 'self' ${inline.styles.join(' ')}`.trim(),
    ...(inline.styleAttributes ? ["style-src-attr 'unsafe-inline'"] : []),
    "img-src 'self' data:",
    "media-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src 'self' ${policy.frameSources.join(' ')}`.trim(),
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self' ${policy.formTargets.join(' ')}`.trim(),
    `frame-ancestors ${framable ? '*' : "'none'"}`,
    ...(policy.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** For pages the web process writes itself (the YouTube stand-in's): no script at all. */
export function staticPagePolicy(options: { frameable: boolean }): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "img-src 'self'",
    "media-src 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `frame-ancestors ${options.frameable ? "'self'" : "'none'"}`,
  ].join('; ');
}

export function isHtml(contentType: string | string[] | undefined): boolean {
  return /^\s*text\/html\b/i.test(String(contentType ?? ''));
}
