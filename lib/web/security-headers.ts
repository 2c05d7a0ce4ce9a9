import { createHash } from 'node:crypto';

/*
 * The headers every answer of the web process carries, and the
 * Content-Security-Policy of its HTML pages. Citizen pages are cached and
 * served to everyone, so a per-request nonce would forbid caching them;
 * instead the policy allows exactly the inline scripts and styles the page
 * holds, by hash (computed once per cached page), plus the portal's own
 * files. A script injected into a page (a title that slipped through
 * escaping, say) matches no hash and does not run.
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

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const INLINE_STYLE = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;
const HAS_SRC = /\ssrc\s*=/i;
const STYLE_ATTRIBUTE = /<[a-z][^>]*\sstyle\s*=/i;

function hashOf(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The hashes of a page's inline scripts and styles, and whether it uses style attributes. */
export function inlineContent(html: string): { scripts: string[]; styles: string[]; styleAttributes: boolean } {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    if (HAS_SRC.test(match[1] ?? '') || !match[2]) continue;
    scripts.add(hashOf(match[2]));
  }
  for (const match of html.matchAll(INLINE_STYLE)) if (match[1]) styles.add(hashOf(match[1]));
  return { scripts: [...scripts], styles: [...styles], styleAttributes: STYLE_ATTRIBUTE.test(html) };
}

/** The Content-Security-Policy of one HTML page (`html` null: a page whose inline parts could not be read, which then runs none). */
export function pagePolicy(policy: SecurityPolicy, html: string | null): string {
  const inline = html === null ? { scripts: [], styles: [], styleAttributes: false } : inlineContent(html);
  const directives = [
    "default-src 'self'",
    `script-src 'self' ${inline.scripts.join(' ')}`.trim(),
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
    "frame-ancestors 'none'",
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
