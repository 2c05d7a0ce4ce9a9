import { NextResponse, type NextRequest } from 'next/server';
import { config as appConfig } from '@/lib/config';
import { isLocale, LOCALE_COOKIE, negotiateLocale, translator, type Locale } from '@/lib/i18n';
import { sameSecret } from '@/lib/auth/same-secret';
import { DEMO_INBOX_PATH, DEMO_KEY_COOKIE, DEMO_KEY_PARAM } from '@/lib/mail/demo-key';
import { checkPublicAddress } from '@/lib/web/public-params';
import { refererPath, safeReturnPath } from '@/lib/web/return-path';

/*
 * Public URLs are the same in every language (/comuni/…, /temi/…): the language
 * comes from a cookie or Accept-Language and is passed to the pages as an
 * internal /{locale} prefix, so each language's page can be cached on its own.
 * A theme page's filters are turned into path segments for the same reason.
 * Addresses with control characters or out-of-range parameters are refused
 * here with a 400, before any page renders or any query runs.
 */

const ONE_YEAR = 60 * 60 * 24 * 365;
const INTERNAL_HEADER = 'x-vc-internal';

function withLanguageCookie(response: NextResponse, locale: string): NextResponse {
  response.cookies.set(LOCALE_COOKIE, locale, { path: '/', maxAge: ONE_YEAR, sameSite: 'lax' });
  return response;
}

/* Where to go back after choosing a language: ?da=/path, else the Referer, else home; never another site. */
function returnPath(request: NextRequest): string {
  const from = request.nextUrl.searchParams.get('da');
  if (from) return safeReturnPath(from, '/');
  return refererPath(request.headers.get('referer'), request.headers.get('host') ?? '') ?? '/';
}

function badRequest(locale: Locale): NextResponse {
  const t = translator(locale);
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t('errors.badRequestTitle')} · ${t('site.name')}</title></head><body><main><h1>${t('errors.badRequestTitle')}</h1><p>${t('errors.badRequestText')}</p><p><a href="/">${t('errors.backHome')}</a></p></main></body></html>`;
  return new NextResponse(html, { status: 400, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** An internal address on this server: the same origin as the request, another path. */
function internalUrl(request: NextRequest, pathname: string, search: string): URL {
  const url = request.nextUrl.clone();
  url.pathname = pathname;
  url.search = search;
  return url;
}

export function proxy(request: NextRequest): NextResponse {
  // Next.js runs the proxy again on the rewritten path: let that pass through.
  if (request.headers.get(INTERNAL_HEADER)) return NextResponse.next();
  const { pathname, searchParams, search } = request.nextUrl;
  const segments = pathname.split('/').filter(Boolean);
  const locale = negotiateLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get('accept-language'));

  if (!checkPublicAddress(pathname, searchParams).ok) return badRequest(locale);

  // /lingua/en: choose a language and go back to the page the visitor was on.
  if (segments[0] === 'lingua' && isLocale(segments[1]) && segments.length === 2) {
    return withLanguageCookie(NextResponse.redirect(new URL(returnPath(request), request.url), 303), segments[1]);
  }
  // /en/comuni/…: a shareable link in a given language; the address shown stays language-free.
  if (isLocale(segments[0])) {
    const target = new URL(safeReturnPath(`/${segments.slice(1).join('/')}${search}`, '/'), request.url);
    return withLanguageCookie(NextResponse.redirect(target, 307), segments[0]);
  }

  let internal = internalUrl(request, `/${locale}${pathname === '/' ? '' : pathname}`, search);
  if (segments[0] === 'temi' && segments.length === 2 && (searchParams.has('comune') || searchParams.has('pagina'))) {
    const comune = searchParams.get('comune') || 'tutti';
    const page = searchParams.get('pagina') || '1';
    internal = internalUrl(request, `/${locale}/temi/${segments[1]}/${encodeURIComponent(comune)}/${encodeURIComponent(page)}`, '');
  }
  const headers = new Headers(request.headers);
  headers.set(INTERNAL_HEADER, '1');
  const { cspNoncePlaceholder, demoInbox } = appConfig();
  // Next.js writes this nonce on its scripts; the front server swaps it for a fresh one per page (lib/web/security-headers.ts).
  if (cspNoncePlaceholder) headers.set('content-security-policy', `script-src 'nonce-${cspNoncePlaceholder}'`);
  else headers.delete('content-security-policy');
  const response = NextResponse.rewrite(internal, { request: { headers } });
  response.headers.set('Vary', 'Cookie, Accept-Language');
  // An alerts page's address carries its key (?t=): a request from it names only the site, not the address, not
  // even to this site. Not 'no-referrer': that makes a form's post say it comes from nowhere (Origin: null), and
  // Next.js rightly refuses a server action posted without JavaScript from no origin.
  if (segments[0] === 'avvisi') response.headers.set('Referrer-Policy', 'strict-origin');
  // The demo inbox's key, once given in its address, is kept for the browser's later visits (the page checks it, and that the request is local).
  const demoKey = searchParams.get(DEMO_KEY_PARAM);
  if (pathname === DEMO_INBOX_PATH && sameSecret(demoInbox?.key, demoKey)) {
    response.cookies.set(DEMO_KEY_COOKIE, demoKey!, { path: DEMO_INBOX_PATH, httpOnly: true, sameSite: 'strict', maxAge: 30 * 24 * 3600 });
  }
  return response;
}

export const config = {
  matcher: ['/((?!api/|_next/|favicon\\.ico|sitemap\\.xml|robots\\.txt|openapi\\.yaml|favicon\\.svg|condivisione\\.png|podcast\\.png|sw\\.js).*)'],
};
