import { followsByPush } from '@/lib/alerts/push-subscriptions';
import { db } from '@/lib/db/client';
import { answer, endpointOnly, readPushRequest } from '../request';

export const dynamic = 'force-dynamic';

/** Whether this browser follows the page's comune or theme: what the button shows once the page has loaded. */
export async function POST(request: Request) {
  const read = await readPushRequest(request, endpointOnly);
  if (!read.ok) return read.response;
  return answer(200, { following: await followsByPush(db(), read.body.endpoint, read.subject) });
}
