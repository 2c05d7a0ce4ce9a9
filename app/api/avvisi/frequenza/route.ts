import type { NextRequest } from 'next/server';
import { frequencySchema } from '@/lib/alerts/subject';
import { changeFrequency, SUBSCRIPTION_TOKEN } from '@/lib/alerts/subscriptions';
import { db } from '@/lib/db/client';
import { plainAnswer, postedFields } from '../form';
import { seeOther } from '@/lib/web/see-other';

export const dynamic = 'force-dynamic';

/** The management page's frequency choice. */
export async function POST(request: NextRequest) {
  const field = await postedFields(request);
  const token = field('t', 100);
  if (!SUBSCRIPTION_TOKEN.test(token)) return plainAnswer(400, 'alerts.invalidLink');
  const frequency = frequencySchema.safeParse(field('frequency', 20));
  if (!frequency.success) return plainAnswer(400, 'alerts.errors.frequency');
  const changed = await changeFrequency(db(), token, frequency.data);
  return seeOther(`/avvisi/gestisci?t=${token}${changed ? '&esito=salvata' : ''}`);
}
