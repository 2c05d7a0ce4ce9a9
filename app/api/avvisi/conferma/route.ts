import type { NextRequest } from 'next/server';
import { SEALED_REQUEST } from '@/lib/alerts/confirmation';
import { confirmAlerts } from '@/lib/alerts/subscriptions';
import { db } from '@/lib/db/client';
import { plainAnswer, postedFields } from '../form';
import { seeOther } from '@/lib/web/see-other';

export const dynamic = 'force-dynamic';

/** The confirmation page's button: stores the subscription its link carries, then shows it. */
export async function POST(request: NextRequest) {
  const sealed = (await postedFields(request))('t', 1000);
  if (!SEALED_REQUEST.test(sealed)) return plainAnswer(400, 'alerts.invalidLink');
  const outcome = await confirmAlerts(db(), sealed);
  return seeOther(outcome.ok ? `/avvisi/gestisci?t=${outcome.token}&esito=confermata` : `/avvisi/conferma?t=${sealed}`);
}
