import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

/** Liveness and database reachability, for monitors and load balancers. */
export async function GET() {
  const started = performance.now();
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json(
      { status: 'ok', database: { reachable: true, latencyMs: Math.round(performance.now() - started) } },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch {
    return Response.json({ status: 'degraded', database: { reachable: false } }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}
