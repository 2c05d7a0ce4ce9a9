import { NextResponse, type NextRequest } from 'next/server';
import { isLocale, LOCALE_COOKIE, negotiateLocale } from '@/lib/i18n';

/*
 * Public URLs are the same in every language (/comuni/…, /temi/…): the language
 * comes from a cookie or Accept-Language and is passed to the pages as an
 * internal /{locale} prefix, so each language's page can be cached on its own.
 * A theme page's filters are turned into path segments for the same reason.
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
  if (from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/\\')) return from;
  const referer = request.headers.get('referer');
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    return url.host === request.nextUrl.host ? `${url.pathname}${url.search}` : '/';
  } catch {
    return '/';
  }
}

export function proxy(request: NextRequest): NextResponse {
  // Next.js runs the proxy again on the rewritten path: let that pass through.
  if (request.headers.get(INTERNAL_HEADER)) return NextResponse.next();
  const { pathname, searchParams } = request.nextUrl;
  const segments = pathname.split('/').filter(Boolean);

  // /lingua/en: choose a language and go back to the page the visitor was on.
  if (segments[0] === 'lingua' && isLocale(segments[1]) && segments.length === 2) {
    return withLanguageCookie(NextResponse.redirect(new URL(returnPath(request), request.url), 303), segments[1]);
  }
  // /en/comuni/…: a shareable link in a given language; the address shown stays language-free.
  if (isLocale(segments[0])) {
    const target = new URL(`/${segments.slice(1).join('/')}${request.nextUrl.search}`, request.url);
    return withLanguageCookie(NextResponse.redirect(target, 307), segments[0]);
  }

  const locale = negotiateLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get('accept-language'));
  const internal = request.nextUrl.clone();
  internal.pathname = `/${locale}${pathname === '/' ? '' : pathname}`;
  if (segments[0] === 'temi' && segments.length === 2 && (searchParams.has('comune') || searchParams.has('pagina'))) {
    const comune = searchParams.get('comune') || 'tutti';
    const page = searchParams.get('pagina') || '1';
    internal.pathname = `/${locale}/temi/${segments[1]}/${encodeURIComponent(comune)}/${encodeURIComponent(page)}`;
    internal.search = '';
  }
  const headers = new Headers(request.headers);
  headers.set(INTERNAL_HEADER, '1');
  const response = NextResponse.rewrite(internal, { request: { headers } });
  response.headers.set('Vary', 'Cookie, Accept-Language');
  return response;
}

export const config = {
  matcher: ['/((?!api/|_next/|favicon\\.ico|sitemap\\.xml|robots\\.txt|openapi\\.yaml|icon\\.svg).*)'],
};
