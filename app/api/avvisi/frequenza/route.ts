import type { NextRequest } from 'next/server';
import { frequencySchema } from '@/lib/alerts/subject';
import { changeFrequency, SUBSCRIPTION_TOKEN } from '@/lib/alerts/subscriptions';
import { db } from '@/lib/db/client';
import { postedFields, seeOther } from '../form';

export const dynamic = 'force-dynamic';

/** The management page's frequency choice. */
export async function POST(request: NextRequest) {
  const field = await postedFields(request);
  const token = field('t', 100);
  if (!SUBSCRIPTION_TOKEN.test(token)) return seeOther('/avvisi/gestisci');
  const frequency = frequencySchema.safeParse(field('frequency', 20));
  const changed = frequency.success && (await changeFrequency(db(), token, frequency.data));
  return seeOther(`/avvisi/gestisci?t=${token}${changed ? '&esito=salvata' : ''}`);
}
