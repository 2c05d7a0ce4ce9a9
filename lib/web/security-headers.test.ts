import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { baseSecurityHeaders, inlineContent, pagePolicy } from './security-headers';

const policy = { https: true, frameSources: ['https://www.youtube-nocookie.com'], formTargets: ['https://id.example.it'] };
const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('the Content-Security-Policy of a page', () => {
  const page = `<!doctype html><html><head><script src="/_next/static/a.js" nonce="n1" async=""></script><style>.x{color:red}</style></head>
    <body><p>Titolo</p><script nonce="n1">self.__next_f.push([1,"a"])</script></body></html>`;

  it('lets run the portal’s own files and the scripts carrying this answer’s nonce, nothing inline otherwise', () => {
    const csp = pagePolicy(policy, page, 'n1');
    expect(csp).toContain("script-src 'self' 'nonce-n1';");
    expect(csp).not.toMatch(/unsafe-inline'?;?\s*(?!.*style-src-attr)|unsafe-eval|\*/);
    expect(pagePolicy(policy, page, null)).toMatch(/script-src 'self';/);
  });

  it('allows the page’s inline styles by hash', () => {
    expect(inlineContent(page)).toEqual({ styles: [sha('.x{color:red}')], styleAttributes: false });
    expect(pagePolicy(policy, page, 'n1')).toContain(`style-src 'self' ${sha('.x{color:red}')}`);
  });

  it('forbids framing, plugins, base tags and posts elsewhere', () => {
    const csp = pagePolicy(policy, page, 'n1');
    for (const directive of [
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self' https://id.example.it",
      'upgrade-insecure-requests',
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toContain("frame-src 'self' https://www.youtube-nocookie.com");
  });

  it('sends HSTS only when the public address is https', () => {
    expect(baseSecurityHeaders({ https: true })['Strict-Transport-Security']).toMatch(/max-age=\d+/);
    expect(baseSecurityHeaders({ https: false })).not.toHaveProperty('Strict-Transport-Security');
    expect(baseSecurityHeaders({ https: false })).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Opener-Policy': 'same-origin' });
  });
});
