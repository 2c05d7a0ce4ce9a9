import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { baseSecurityHeaders, inlineContent, pagePolicy } from './security-headers';

const policy = { https: true, frameSources: ['https://www.youtube-nocookie.com'], formTargets: ['https://id.example.it'] };
const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('the Content-Security-Policy of a page', () => {
  const page = `<!doctype html><html><head><script src="/_next/static/a.js" async=""></script><style>.x{color:red}</style></head>
    <body><p>Titolo</p><script>self.__next_f.push([1,"a"])</script><script id="b">self.__next_f.push([1,"b"])</script></body></html>`;

  it('allows exactly the page’s own inline scripts and styles, by hash', () => {
    expect(inlineContent(page)).toEqual({
      scripts: [sha('self.__next_f.push([1,"a"])'), sha('self.__next_f.push([1,"b"])')],
      styles: [sha('.x{color:red}')],
      styleAttributes: false,
    });
    const csp = pagePolicy(policy, page);
    expect(csp).toContain(`script-src 'self' ${sha('self.__next_f.push([1,"a"])')} ${sha('self.__next_f.push([1,"b"])')}`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('forbids framing, plugins, base tags and posts elsewhere', () => {
    const csp = pagePolicy(policy, page);
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

  it('runs no inline script at all in a page it could not read', () => {
    expect(pagePolicy(policy, null)).toMatch(/script-src 'self'(;|$)/);
  });

  it('sends HSTS only when the public address is https', () => {
    expect(baseSecurityHeaders({ https: true })['Strict-Transport-Security']).toMatch(/max-age=\d+/);
    expect(baseSecurityHeaders({ https: false })).not.toHaveProperty('Strict-Transport-Security');
    expect(baseSecurityHeaders({ https: false })).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Opener-Policy': 'same-origin' });
  });
});
