import { z } from 'zod';
import { browserSubscription, renewPushSubscription } from '@/lib/alerts/push-subscriptions';
import { MAX_ENDPOINT_LENGTH } from '@/lib/alerts/push-services';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { answer, readPushBody, refusal } from '../request';

export const dynamic = 'force-dynamic';

const renewal = z
  .object({ oldEndpoint: z.string().min(1).max(MAX_ENDPOINT_LENGTH), subscription: browserSubscription, locale: z.string().max(5).optional() })
  .strict();

/** The service worker's call when the browser's push service replaced its subscription (public/sw.js). */
export async function POST(request: Request) {
  const read = await readPushBody(request, renewal);
  if (!read.ok) return read.response;
  const outcome = await renewPushSubscription(db(), read.body.oldEndpoint, read.body.subscription, config().push.services);
  if (outcome === 'renewed') return answer(200, { renewed: true });
  if (outcome === 'unknownService') return refusal(400, read.locale, 'alerts.push.errors.unknownService');
  return answer(404, { renewed: false });
}
