import type { NextRequest } from 'next/server';
import { SUBSCRIPTION_TOKEN, unsubscribe } from '@/lib/alerts/subscriptions';
import { db } from '@/lib/db/client';
import { plainAnswer } from '../form';
import { seeOther } from '@/lib/web/see-other';

export const dynamic = 'force-dynamic';

/*
 * One-click unsubscribe (RFC 8058): a mail program POSTs
 * `List-Unsubscribe=One-Click` to the address of an alert's List-Unsubscribe
 * header, with no cookie and no sign-in; the token in the address is the key.
 * Opening the address (a GET, which link scanners do) unsubscribes nobody: it
 * leads to the page where the citizen decides.
 */

function token(request: NextRequest): string | null {
  const value = request.nextUrl.searchParams.get('t') ?? '';
  return SUBSCRIPTION_TOKEN.test(value) ? value : null;
}

export async function POST(request: NextRequest) {
  const key = token(request);
  if (!key) return plainAnswer(400, 'alerts.invalidLink');
  await unsubscribe(db(), key);
  // Also when it was gone already: the citizen asked for no more mail, and gets none.
  return plainAnswer(200, 'alerts.oneClickDone');
}

export function GET(request: NextRequest) {
  const key = token(request);
  return seeOther(key ? `/avvisi/gestisci?t=${key}` : '/avvisi');
}
