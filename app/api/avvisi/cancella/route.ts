import type { NextRequest } from 'next/server';
import { SUBSCRIPTION_TOKEN, unsubscribe } from '@/lib/alerts/subscriptions';
import { db } from '@/lib/db/client';
import { plainAnswer, postedFields } from '../form';
import { seeOther } from '@/lib/web/see-other';

export const dynamic = 'force-dynamic';

/** The management page's unsubscribe button (the mails' one-click address is ../disiscrivi). */
export async function POST(request: NextRequest) {
  const token = (await postedFields(request))('t', 100);
  if (!SUBSCRIPTION_TOKEN.test(token)) return plainAnswer(400, 'alerts.invalidLink');
  await unsubscribe(db(), token);
  return seeOther(`/avvisi/gestisci?t=${token}&esito=cancellata`);
}
