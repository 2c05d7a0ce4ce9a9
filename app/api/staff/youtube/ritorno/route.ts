import { can } from '@/lib/auth/permissions';
import { sameSecret } from '@/lib/auth/same-secret';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { userFromRequest } from '@/lib/staff/form-endpoint';
import { parseCookieHeader } from '@/lib/web/cookies';
import { youtubeTarget } from '@/lib/youtube/api';
import { connectChannel } from '@/lib/youtube/channel';
import { refreshTokenFromCode, STATE_COOKIE } from '@/lib/youtube/connect-flow';

export const dynamic = 'force-dynamic';

/* Back from the consent page: the code becomes a sealed refresh token and the channel is connected. */
export async function GET(request: Request) {
  const user = await userFromRequest(request);
  if (!can(user, 'administer')) return new Response('Forbidden', { status: user ? 403 : 401, headers: { 'Cache-Control': 'no-store' } });
  const url = new URL(request.url);
  const back = (query: string) =>
    new Response(null, {
      status: 303,
      headers: { Location: `/staff/youtube?${query}`, 'Cache-Control': 'no-store', 'Set-Cookie': `${STATE_COOKIE}=; Path=/api/staff/youtube; Max-Age=0` },
    });
  const target = youtubeTarget();
  const code = url.searchParams.get('code');
  if (!target || !code || !sameSecret(parseCookieHeader(request.headers.get('cookie') ?? undefined)(STATE_COOKIE), url.searchParams.get('state'))) {
    return back(`errore=${url.searchParams.get('error') === 'access_denied' ? 'negato' : 'stato'}`);
  }
  try {
    await connectChannel(db(), target, await refreshTokenFromCode(target, config().publicUrl, code), user!.id);
  } catch (error) {
    // The details are for the operator's log; the page says the connection failed and lets the admin try again.
    console.error('YouTube channel connection failed:', error);
    return back('errore=connessione');
  }
  return back('esito=collegato');
}
