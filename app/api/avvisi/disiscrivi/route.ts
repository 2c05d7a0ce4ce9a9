import type { NextRequest } from 'next/server';
import { SUBSCRIPTION_TOKEN, unsubscribe } from '@/lib/alerts/subscriptions';
import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

/*
 * One-click unsubscribe (RFC 8058): a mail program POSTs
 * `List-Unsubscribe=One-Click` to the address of an alert's List-Unsubscribe
 * header, with no cookie and no sign-in; the token in the address is the key.
 * Opening the address (a GET, which link scanners do) unsubscribes nobody: it
 * leads to the page where the citizen decides.
 */

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

function token(request: NextRequest): string | null {
  const value = request.nextUrl.searchParams.get('t') ?? '';
  return SUBSCRIPTION_TOKEN.test(value) ? value : null;
}

export async function POST(request: NextRequest) {
  const key = token(request);
  if (!key) return plain(400, 'Link non valido / Invalid link');
  await unsubscribe(db(), key);
  // Also when it was gone already: the citizen asked for no more mail, and gets none.
  return plain(200, 'Iscrizione cancellata / Unsubscribed');
}

export function GET(request: NextRequest) {
  const key = token(request);
  return new Response(null, {
    status: 303,
    headers: { Location: key ? `/avvisi/gestisci?t=${key}` : '/avvisi', 'Cache-Control': 'no-store' },
  });
}
