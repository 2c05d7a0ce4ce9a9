/**
 * The id of the request being answered (X-Request-Id, given by the front
 * server), when the caller runs inside a Next.js request: jobs carry it, so a
 * job's log lines can be traced to the request that queued it. Null anywhere
 * else (a worker, a script, a test).
 */
export async function currentRequestId(): Promise<string | null> {
  try {
    const { headers } = await import('next/headers');
    const id = (await headers()).get('x-request-id');
    return id && /^[A-Za-z0-9._:-]{1,64}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}
