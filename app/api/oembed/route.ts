import type { NextRequest } from 'next/server';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { oembed } from '@/lib/embeds/oembed';
import { negotiateLocale, LOCALE_COOKIE } from '@/lib/i18n';

export const dynamic = 'force-dynamic';

/** oEmbed for the portal's message and comune pages (lib/embeds/oembed.ts). */
export async function GET(request: NextRequest) {
  const query = Object.fromEntries(request.nextUrl.searchParams);
  const locale = negotiateLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get('accept-language'));
  const answer = await oembed(db(), config().publicUrl, config().areaCode, query, locale);
  if (answer.status !== 200) {
    return new Response(null, { status: answer.status, headers: { 'Cache-Control': 'no-store' } });
  }
  return Response.json(answer.body, {
    headers: { 'Cache-Control': 'public, max-age=60', 'Access-Control-Allow-Origin': '*', Vary: 'Cookie, Accept-Language' },
  });
}
