import NextAuth from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { authOptions, SIGN_IN_PAGES } from '@/lib/auth/options';
import { SIGN_IN_PER_ADDRESS, SIGN_IN_PER_IP, takeRateLimit } from '@/lib/auth/rate-limit';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';

type Context = { params: Promise<{ nextauth: string[] }> };

const handler = (req: NextRequest, context: Context) => NextAuth(req, context, authOptions());

function backToForm(reason: 'email' | 'limit', email: string, extra: Record<string, string> = {}): NextResponse {
  const url = new URL(SIGN_IN_PAGES.signIn, config().publicUrl);
  url.search = new URLSearchParams({ errore: reason, email: email.slice(0, 320), ...extra }).toString();
  return NextResponse.redirect(url, 303);
}

/*
 * Link requests are checked before next-auth sees them: a malformed address
 * goes back to the form with what was typed, and too many requests for one
 * address or from one network address are refused for a while. Both answers
 * are the same for invited and unknown addresses.
 */
async function POST(req: NextRequest, context: Context): Promise<Response> {
  if (req.nextUrl.pathname.endsWith('/signin/email')) {
    const form = await req.clone().formData();
    const email = String(form.get('email') ?? '')
      .trim()
      .toLowerCase();
    if (!z.email().safeParse(email).success) return backToForm('email', email);
    const ip = (req.headers.get('x-forwarded-for') ?? '').split(',')[0]!.trim() || 'unknown';
    for (const [rule, key] of [
      [SIGN_IN_PER_IP, ip],
      [SIGN_IN_PER_ADDRESS, email],
    ] as const) {
      const verdict = await takeRateLimit(db(), rule, key);
      if (!verdict.allowed) return backToForm('limit', email, { minuti: String(Math.ceil(verdict.retryAfterSeconds / 60)) });
    }
  }
  return handler(req, context);
}

export { handler as GET, POST };
