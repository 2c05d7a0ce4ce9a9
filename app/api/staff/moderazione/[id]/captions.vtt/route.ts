import { can } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { messageForStaff, ModerationError } from '@/lib/moderation';
import { userFromRequest } from '@/lib/staff/form-endpoint';

export const dynamic = 'force-dynamic';

/* A message's captions as moderators see them before publication. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await userFromRequest(request);
  if (!can(user, 'moderate')) return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  try {
    const message = await messageForStaff(db(), user, (await params).id);
    if (!message.captions) throw new ModerationError('notFound');
    return new Response(message.captions, { headers: { 'Content-Type': 'text/vtt; charset=utf-8', 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    if (error instanceof ModerationError) return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } });
    throw error;
  }
}
