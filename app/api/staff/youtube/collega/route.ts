import { can } from '@/lib/auth/permissions';
import { config } from '@/lib/config';
import { userFromRequest } from '@/lib/staff/form-endpoint';
import { youtubeTarget } from '@/lib/youtube/api';
import { consentRedirect, STATE_COOKIE } from '@/lib/youtube/connect-flow';

export const dynamic = 'force-dynamic';

/* An administrator starts connecting the channel: off to the consent page. */
export async function GET(request: Request) {
  const user = await userFromRequest(request);
  if (!can(user, 'administer')) return new Response('Forbidden', { status: user ? 403 : 401, headers: { 'Cache-Control': 'no-store' } });
  const target = youtubeTarget();
  if (!target) return new Response(null, { status: 303, headers: { Location: '/staff/youtube?errore=configurazione' } });
  const { url, state } = consentRedirect(target, config().publicUrl);
  return new Response(null, {
    status: 303,
    headers: {
      Location: url,
      'Cache-Control': 'no-store',
      'Set-Cookie': `${STATE_COOKIE}=${state}; Path=/api/staff/youtube; HttpOnly; SameSite=Lax; Max-Age=600`,
    },
  });
}
