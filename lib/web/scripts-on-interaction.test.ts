import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { INERT_SCRIPT_TYPE, scriptsOnInteraction, withScriptsOnInteraction } from './scripts-on-interaction';

const NONCE = 'n0nce+/=';
// As Next.js renders a page: a script preload in the head, async chunks, the inline React payload.
const PAGE = [
  '<!DOCTYPE html><html><head>',
  `<link rel="preload" href="/_next/static/media/font.woff2" as="font" type="font/woff2" nonce="${NONCE}"/>`,
  `<link rel="preload" as="script" fetchPriority="low" nonce="${NONCE}" href="/_next/static/chunks/a.js"/>`,
  `<link rel="modulepreload" href="/_next/static/chunks/m.js"/>`,
  `<script src="/_next/static/chunks/b.js" async="" nonce="${NONCE}"></script>`,
  '</head><body><main>Torino</main>',
  `<script type="application/ld+json" nonce="${NONCE}">{"@type":"VideoObject"}</script>`,
  `<script nonce="${NONCE}">self.__next_f.push([1,"x"])</script>`,
  `<script type="text/javascript" nonce="${NONCE}">self.__next_f.push([2,"y"])</script>`,
  `<script type="text/javascript" nonce="${NONCE}" src="/_next/static/chunks/c.js"></script>`,
  `<script data-type="x" src="/_next/static/chunks/d.js" nonce="${NONCE}"></script>`,
  '<p><script>alert(1)</script></p>',
  '</body></html>',
].join('');

function request(url: string, headers: Record<string, string> = {}, method = 'GET'): IncomingMessage {
  return { url, method, headers } as IncomingMessage;
}

describe('scripts after the first interaction', () => {
  it("makes Next.js's script files inert and drops their preloads, keeping the font's; its inline payload runs as it comes", () => {
    const page = withScriptsOnInteraction(PAGE, NONCE);
    expect(page).not.toContain('as="script"');
    expect(page).not.toContain('modulepreload');
    expect(page).toContain('as="font"');
    expect(page).toContain(`<script type="${INERT_SCRIPT_TYPE}" src="/_next/static/chunks/b.js" async="" nonce="${NONCE}"></script>`);
    expect(page).toContain(`<script nonce="${NONCE}">self.__next_f.push([1,"x"])</script>`);
    expect(page).toContain(`<script type="text/javascript" nonce="${NONCE}">self.__next_f.push([2,"y"])</script>`);
    expect(page).toContain(`<script type="${INERT_SCRIPT_TYPE}" nonce="${NONCE}" src="/_next/static/chunks/c.js"></script>`);
  });

  it('reads the type attribute itself, not one that ends in -type', () => {
    expect(withScriptsOnInteraction(PAGE, NONCE)).toContain(
      `<script type="${INERT_SCRIPT_TYPE}" data-type="x" src="/_next/static/chunks/d.js" nonce="${NONCE}"></script>`,
    );
  });

  it('leaves structured data alone, and a script without the nonce refused as it was (never revived)', () => {
    const page = withScriptsOnInteraction(PAGE, NONCE);
    expect(page).toContain(`<script type="application/ld+json" nonce="${NONCE}">{"@type":"VideoObject"}</script>`);
    expect(page).toContain('<p><script>alert(1)</script></p>');
    // The loader revives only scripts whose nonce is its own.
    expect(page).toContain('if(!nonce||old.nonce!==nonce||!old.src)continue;');
  });

  it('adds one loader, with the nonce, just before the end of the body', () => {
    const page = withScriptsOnInteraction(PAGE, NONCE);
    const loaders = page.match(new RegExp(`<script nonce="${NONCE.replace(/[+/=]/g, '\\$&')}">\\(function\\(\\)`, 'g'));
    expect(loaders).toHaveLength(1);
    expect(page.indexOf('(function(){')).toBeGreaterThan(page.indexOf('alert(1)'));
    expect(page.endsWith('})();</script></body></html>')).toBe(true);
  });

  it('leaves a page without a script file of its own as it was', () => {
    const plain = `<html><body><p>Nothing to run</p><script>alert(1)</script><script nonce="${NONCE}">self.__next_f.push([0])</script></body></html>`;
    expect(withScriptsOnInteraction(plain, NONCE)).toBe(plain);
  });

  it("leaves Next.js's error shell, which only its scripts fill in, as it was", () => {
    const shell = PAGE.replace('<html>', '<html id="__next_error__">');
    expect(withScriptsOnInteraction(shell, NONCE)).toBe(shell);
  });

  it("is for citizens' pages read without a session; mayors, staff and the sign-in page get their scripts at once", () => {
    expect(scriptsOnInteraction(request('/'))).toBe(true);
    expect(scriptsOnInteraction(request('/messaggi/abc?x=1'))).toBe(true);
    expect(scriptsOnInteraction(request('/embed/comuni/001272'))).toBe(true);
    expect(scriptsOnInteraction(request('/', { cookie: 'next-auth.session-token=abc' }))).toBe(false);
    expect(scriptsOnInteraction(request('/', { cookie: '__Secure-next-auth.session-token=abc' }))).toBe(false);
    expect(scriptsOnInteraction(request('/', { cookie: 'vc_lang=en' }))).toBe(true);
    for (const path of ['/sindaco', '/sindaco/messaggi/nuovo', '/staff/moderazione', '/accedi', '/accedi/controlla', '/posta-demo']) {
      expect(scriptsOnInteraction(request(path))).toBe(false);
    }
    expect(scriptsOnInteraction(request('/', {}, 'POST'))).toBe(false);
    // HEAD shares GET's place in the page cache: it must leave there the same page.
    expect(scriptsOnInteraction(request('/', {}, 'HEAD'))).toBe(true);
    expect(scriptsOnInteraction(request('/staffetta'))).toBe(true);
  });
});
