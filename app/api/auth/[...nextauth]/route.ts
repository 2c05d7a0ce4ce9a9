import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions, SIGN_IN_PAGES } from '@/lib/auth/options';
import { forwardedClientAddress } from '@/lib/web/client-address';

type Context = { params: Promise<{ nextauth: string[] }> };

/*
 * A sign-in request takes at least this long, whatever the address: the work
 * for an invited one (a rate-limit row, a token, a row in the mail outbox) and
 * for an unknown one (a lookup) must not be told apart by the clock.
 */
const SIGN_IN_FLOOR_MS = 300;

/* next-auth throws on input it did not expect (a body that is not a form, say): the browser goes to the sign-in error page, not a 500. */
async function run(req: NextRequest, context: Context): Promise<Response> {
  try {
    return (await NextAuth(req, context, authOptions({ clientAddress: forwardedClientAddress(req.headers) }))) as Response;
  } catch (error) {
    console.error(`[vocicomuni] ${req.method} ${req.nextUrl.pathname} refused:`, error);
    // A relative address: this handler's own URL names Next.js's internal port.
    return new Response(null, { status: 303, headers: { Location: `${SIGN_IN_PAGES.error}?error=Default`, 'Cache-Control': 'no-store' } });
  }
}

async function POST(req: NextRequest, context: Context): Promise<Response> {
  // Every form of the portal posts application/x-www-form-urlencoded; next-auth would try to read anything else as JSON.
  if (!(req.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    return new Response('Expected a form', { status: 415, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  const { nextauth } = await context.params;
  if (nextauth[0] !== 'signin') return run(req, context);
  const started = performance.now();
  const response = await run(req, context);
  const wait = SIGN_IN_FLOOR_MS - (performance.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return response;
}

export { run as GET, POST };
