import { headers } from 'next/headers';
import { z } from 'zod';
import { browserSubscription, followByPush, unfollowByPush } from '@/lib/alerts/push-subscriptions';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { forwardedClientAddress } from '@/lib/web/client-address';
import { clientNetwork } from '@/lib/web/trusted-proxies';
import { answer, endpointOnly, readPushRequest, refusal, subjectFields } from './request';

export const dynamic = 'force-dynamic';

const followRequest = z.object({ subscription: browserSubscription, ...subjectFields }).strict();

/** The button turns notifications on: this browser follows the page's comune or theme. */
export async function POST(request: Request) {
  const read = await readPushRequest(request, followRequest);
  if (!read.ok) return read.response;
  const { locale } = read;
  const outcome = await followByPush(
    db(),
    { subscription: read.body.subscription, subject: read.subject, locale },
    config().push.services,
    clientNetwork(forwardedClientAddress(await headers())),
  );
  if (outcome.ok) return answer(200, { following: true });
  if (outcome.reason === 'tooMany') {
    const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
    return refusal(429, locale, 'alerts.push.errors.tooMany', { minutes }, { 'Retry-After': String(outcome.retryAfterSeconds) });
  }
  if (outcome.reason === 'unknownSubject') return refusal(400, locale, 'alerts.push.errors.invalid');
  return refusal(outcome.reason === 'unknownService' ? 400 : 409, locale, `alerts.push.errors.${outcome.reason}`);
}

/** The same button turns them off; `remaining` tells the page whether the browser follows anything else (if not, it unsubscribes). */
export async function DELETE(request: Request) {
  const read = await readPushRequest(request, endpointOnly);
  if (!read.ok) return read.response;
  const remaining = await unfollowByPush(db(), read.body.endpoint, read.subject);
  return answer(200, { following: false, remaining });
}
