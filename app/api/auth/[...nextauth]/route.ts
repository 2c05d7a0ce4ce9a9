import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';

type Context = { params: Promise<{ nextauth: string[] }> };

/*
 * A sign-in request takes at least this long, whatever the address: the work
 * for an invited one (a rate-limit row, a token, a row in the mail outbox) and
 * for an unknown one (a lookup) must not be told apart by the clock.
 */
const SIGN_IN_FLOOR_MS = 300;

function clientAddress(req: NextRequest): string {
  // The front server replaces whatever the visitor sent with the one address it trusts.
  return (req.headers.get('x-forwarded-for') ?? '').split(',')[0]!.trim();
}

function handler(req: NextRequest, context: Context): Promise<Response> {
  return NextAuth(req, context, authOptions({ clientAddress: clientAddress(req) })) as Promise<Response>;
}

async function POST(req: NextRequest, context: Context): Promise<Response> {
  const { nextauth } = await context.params;
  if (nextauth[0] !== 'signin') return handler(req, context);
  const started = performance.now();
  const response = await handler(req, context);
  const wait = SIGN_IN_FLOOR_MS - (performance.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return response;
}

export { handler as GET, POST };
